"""The ASGI application: routes, the page's files, error responses, and the guard around it all.

`create_app(state, allowed_hosts)` returns the app ready for uvicorn (os1.web.server runs it). The page
is three files shipped in the package (static/); it makes no request to any other site.
What this module leaves out: the handlers (os1.web.api, os1.web.chat) and starting the process.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket

from os1.errors import (
    AlreadyRunning,
    MailError,
    NotAudio,
    OS1Error,
    ProviderError,
    UserInputError,
    VoiceUnavailable,
)
from os1.web import api
from os1.web.chat import ChatSocket
from os1.web.features import FeatureMissing
from os1.web.openapi import schema
from os1.web.security import BodyTooLarge, Guard, error_body
from os1.web.state import ServerState

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("os1.web")


async def index(request: Request) -> Response:
    return FileResponse(STATIC / "index.html", headers={"cache-control": "no-cache"})


async def openapi(request: Request) -> Response:
    return JSONResponse(schema())


async def chat_socket(websocket: WebSocket) -> None:
    state: ServerState = websocket.app.state.os1
    try:
        runtime = await state.runtime(websocket.scope["os1.session"].person)
    except OS1Error as exc:
        await websocket.close(code=1011, reason=exc.message[:120])
        return
    await ChatSocket(websocket, state, runtime).run()


def _status(exc: OS1Error) -> int:
    if isinstance(exc, NotAudio):
        return 415
    if isinstance(exc, UserInputError):
        return 400
    if isinstance(exc, AlreadyRunning):
        return 409
    if isinstance(exc, VoiceUnavailable):
        return 503
    if isinstance(exc, ProviderError | MailError):
        return 502
    return 500


async def on_os1_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, OS1Error)
    return JSONResponse(error_body(exc.message, exc.hint), _status(exc))


async def on_feature_missing(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, FeatureMissing)
    return JSONResponse({**error_body(str(exc), "It arrives with a later OS1; everything else works meanwhile."),
                         "feature": exc.feature, "module": exc.module}, 501)


async def on_too_large(request: Request, exc: Exception) -> Response:
    return JSONResponse(error_body("The upload is too large.", "Send something smaller."), 413)


async def on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    messages = {404: "There is nothing at this address.", 405: "This address does not take that method."}
    return JSONResponse(error_body(messages.get(exc.status_code, exc.detail), "See /api/openapi.json."),
                        exc.status_code)


async def on_bug(request: Request, exc: Exception) -> Response:
    log.exception("request failed", exc_info=exc)
    return JSONResponse(error_body("Something went wrong inside OS1. Your data is safe.",
                                   "Run `os1 serve` with OS1_DEBUG=1 to see the details."), 500)


ROUTES = [
    Route("/", index),
    Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    Route("/api/openapi.json", openapi),
    Route("/api/health", api.health),
    Route("/api/session", api.sign_in, methods=["POST"]),
    Route("/api/session", api.session_info, methods=["GET"]),
    Route("/api/session", api.sign_out, methods=["DELETE"]),
    Route("/api/companion", api.companion_info),
    Route("/api/history", api.history),
    Route("/api/chat", api.chat, methods=["POST"]),
    WebSocketRoute("/api/chat/ws", chat_socket),
    Route("/api/speech", api.speech, methods=["POST"]),
    Route("/api/speak", api.speak, methods=["POST"]),
    Route("/api/memory", api.memory_list),
    Route("/api/memory/{turn_id}", api.memory_edit, methods=["PATCH"]),
    Route("/api/memory/{turn_id}", api.memory_forget, methods=["DELETE"]),
    Route("/api/people", api.people),
    Route("/api/connections", api.connections),
    Route("/api/connections/chart.svg", api.connections_chart),
    Route("/api/letters", api.letters, methods=["GET"]),
    Route("/api/letters", api.letter_draft, methods=["POST"]),
    Route("/api/letters/{letter_id}/preview.png", api.letter_preview),
    Route("/api/letters/{letter_id}/letter.pdf", api.letter_download),
    Route("/api/letters/{letter_id}/send", api.letter_send, methods=["POST"]),
    Route("/api/reminders", api.reminders, methods=["GET"]),
    Route("/api/reminders", api.reminder_add, methods=["POST"]),
    Route("/api/agenda", api.agenda),
    Route("/api/settings", api.settings_get, methods=["GET"]),
    Route("/api/settings", api.settings_put, methods=["PUT"]),
    Route("/api/export", api.export),
    Route("/api/forget", api.forget_all, methods=["POST"]),
]


def create_app(state: ServerState, allowed_hosts: set[str], *, require_auth: bool = True,
               preload_voice: bool = True) -> Any:
    """The whole app for `state`, answering only to `allowed_hosts`."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if preload_voice:
            # Load the voice models in the background so the first spoken turn is as quick as the rest.
            state.voice_executor.submit(_preload_voice)
        yield
        state.shutdown()

    app = Starlette(
        routes=ROUTES,
        lifespan=lifespan,
        exception_handlers={
            OS1Error: on_os1_error,
            FeatureMissing: on_feature_missing,
            BodyTooLarge: on_too_large,
            HTTPException: on_http,
            Exception: on_bug,
        },
    )
    app.state.os1 = state
    return Guard(app, state.auth, allowed_hosts, require_auth=require_auth)


def _preload_voice() -> None:
    try:
        from os1.voice import stt, tts

        tts.preload()
        stt.preload()
    except Exception as exc:  # voice is optional: the server runs without it and says so on use
        log.info("voice not preloaded: %s", exc)
