"""The JSON API under /api/: what the page uses, and what scripts may use (schema: /api/openapi.json).

Every handler finds the signed-in person's runtime and runs library calls on that person's worker
thread. Optional parts (memory search, people, letters, reminders) go through os1.web.features and
answer 501 while they are missing. Errors become JSON `{"error": ..., "hint": ...}` in os1.web.app.
What this module leaves out: the chat WebSocket (os1.web.chat) and the guard (os1.web.security).
"""

from __future__ import annotations

import json
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from os1.errors import UserInputError
from os1.providers.base import CancelToken
from os1.web import features
from os1.web.auth import SESSION_COOKIE, Session
from os1.web.chat import MAX_TEXT_CHARS, reply_record, stream_turn, voice_engine
from os1.web.runtime import PersonRuntime
from os1.web.security import error_body
from os1.web.state import ServerState

CONFIRM_WORDS = "delete everything"
VOICES = ("auto", "piper", "espeak", "off")


def _state(request: Request) -> ServerState:
    state: ServerState = request.app.state.os1
    return state


def _session(request: Request) -> Session:
    session: Session = request.scope["os1.session"]
    return session


async def _runtime(request: Request) -> PersonRuntime:
    return await _state(request).runtime(_session(request).person)


async def _json(request: Request) -> dict[str, Any]:
    body = await request.body()
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        raise UserInputError("The request body is not JSON.", "Send a JSON object.") from None
    if not isinstance(data, dict):
        raise UserInputError("The request body must be a JSON object.", 'Send e.g. {"text": "..."}.')
    return data


def _text_field(data: dict[str, Any], name: str, limit: int = MAX_TEXT_CHARS) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        raise UserInputError(f'"{name}" is missing or empty.', f'Send {{"{name}": "..."}}.')
    if len(value) > limit:
        raise UserInputError(f'"{name}" is too long (at most {limit:,} characters).', "Send less.")
    return value.strip()


def _int_param(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise UserInputError(f"'{name}' must be a whole number.", f"Use e.g. {name}={default}.") from None
    return max(low, min(high, value))


def _turn_dict(turn: Any) -> dict[str, Any]:
    return {"id": turn.id, "ts": turn.ts.isoformat(), "speaker": turn.speaker, "role": turn.role,
            "text": turn.text, "session_id": turn.session_id}


# --- session -------------------------------------------------------------------------------------

async def sign_in(request: Request) -> Response:
    """POST /api/session {"token"} or {"user", "password"} -> cookie + {"csrf", "bearer", "person"}."""
    state = _state(request)
    client = request.client.host if request.client else "?"
    if state.auth.too_many_failures(client):
        return JSONResponse(error_body("Too many failed sign-ins.", "Wait a minute, then try again."), 429)
    data = await _json(request)
    token, user, password = data.get("token"), data.get("user"), data.get("password")
    session = state.auth.sign_in(
        client,
        token=token if isinstance(token, str) else None,
        user=user if isinstance(user, str) and user.strip() else None,
        password=password if isinstance(password, str) else None,
    )
    if session is None:
        return JSONResponse(error_body("That token or password is not right.",
                                       "Use the access token `os1 serve` printed, or your household password."), 401)
    response = JSONResponse({"person": session.person, "csrf": session.csrf, "bearer": session.id,
                             "expires_in": int(state.auth.ttl)})
    response.set_cookie(SESSION_COOKIE, session.id, httponly=True, samesite="strict", path="/",
                        secure=request.url.scheme == "https")
    return response


async def session_info(request: Request) -> Response:
    session = _session(request)
    return JSONResponse({"person": session.person, "csrf": session.csrf or None})


async def sign_out(request: Request) -> Response:
    session = _session(request)
    if session.id:
        _state(request).auth.sign_out(session.id)
    response = JSONResponse({"signed_out": True})
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


# --- companion and conversation -------------------------------------------------------------------

async def health(request: Request) -> Response:
    return JSONResponse({"ok": True})


async def companion_info(request: Request) -> Response:
    from os1.voice.tts import espeak_available, piper_available

    runtime = await _runtime(request)
    companion = runtime.companion
    name, mood = await runtime.call(lambda: (companion.name, companion.mood()))
    return JSONResponse({
        "companion": name, "mood": mood, "person": runtime.person, "features": features.available(),
        "voice": {"engine": voice_engine(runtime), "piper": piper_available(), "espeak": espeak_available()},
    })


async def history(request: Request) -> Response:
    from os1.store.conversation import recent_turns

    runtime = await _runtime(request)
    limit = _int_param(request, "limit", 50, 1, 500)
    turns = await runtime.call(recent_turns, runtime.conn, limit)
    return JSONResponse({"turns": [_turn_dict(t) for t in turns]})


async def chat(request: Request) -> Response:
    """POST /api/chat {"text"}: the reply as JSON, or streamed as server-sent events when asked."""
    runtime = await _runtime(request)
    text = _text_field(await _json(request), "text")
    cancel = CancelToken()
    if "text/event-stream" in request.headers.get("accept", ""):
        return StreamingResponse(_sse(runtime, text, cancel), media_type="text/event-stream",
                                 headers={"cache-control": "no-store"})
    reply = None
    async for kind, value in stream_turn(runtime, text, cancel=cancel, meta={"source": "web", "via": "api"}):
        if kind == "done":
            reply = value
    assert reply is not None
    companion = runtime.companion
    mood = await runtime.call(companion.mood)
    return JSONResponse(reply_record(reply, companion.name, mood))


async def _sse(runtime: PersonRuntime, text: str, cancel: CancelToken) -> Any:
    try:
        async for kind, value in stream_turn(runtime, text, cancel=cancel, meta={"source": "web", "via": "api"}):
            if kind == "chunk":
                yield f"event: chunk\ndata: {json.dumps({'text': value}, ensure_ascii=False)}\n\n"
            else:
                companion = runtime.companion
                mood = await runtime.call(companion.mood)
                record = reply_record(value, companion.name, mood)
                yield f"event: done\ndata: {json.dumps(record, ensure_ascii=False)}\n\n"
    finally:
        cancel.cancel()


# --- voice ---------------------------------------------------------------------------------------

async def speech(request: Request) -> Response:
    """POST /api/speech (body: a recording) -> {"text"}."""
    from os1.voice.stt import transcribe

    await _runtime(request)  # the caller must be a person this server serves
    audio = await request.body()
    text = await _state(request).voice(transcribe, audio)
    return JSONResponse({"text": text})


async def speak(request: Request) -> Response:
    """POST /api/speak {"text", "engine"?} -> audio/wav."""
    from os1.voice.tts import speak as synthesise

    runtime = await _runtime(request)
    data = await _json(request)
    text = _text_field(data, "text", limit=5000)
    engine = data.get("engine") or voice_engine(runtime)
    if engine == "off":
        engine = "auto"
    if engine not in ("auto", "piper", "espeak"):
        raise UserInputError(f"Unknown voice engine '{engine}'.", "Use auto, piper or espeak.")
    audio = await _state(request).voice(synthesise, text, engine)
    return Response(audio, media_type="audio/wav")


# --- memory --------------------------------------------------------------------------------------

async def memory_list(request: Request) -> Response:
    """GET /api/memory?q=&k= : ranked search (os1.memory), or the most recent turns without q."""
    from os1.store.conversation import recent_turns

    runtime = await _runtime(request)
    query = request.query_params.get("q", "").strip()
    k = _int_param(request, "k", 20, 1, 200)
    if query:
        hits = await runtime.call(features.memory_search, runtime.conn, query, k)
        return JSONResponse({"source": "search", "query": query, "items": hits})
    turns = await runtime.call(recent_turns, runtime.conn, k)
    return JSONResponse({"source": "recent", "items": [_turn_dict(t) for t in reversed(turns)]})


async def memory_edit(request: Request) -> Response:
    runtime = await _runtime(request)
    text = _text_field(await _json(request), "text")
    item = await runtime.call(features.memory_edit, runtime.conn, request.path_params["turn_id"], text)
    return JSONResponse(item)


async def memory_forget(request: Request) -> Response:
    runtime = await _runtime(request)
    turn_id = request.path_params["turn_id"]
    removed = await runtime.call(features.memory_forget, runtime.conn, turn_id)
    if not removed:
        return JSONResponse(error_body("There is no such memory.", "It may already be forgotten."), 404)
    return JSONResponse({"forgotten": turn_id})


# --- people, letters, reminders ------------------------------------------------------------------

async def people(request: Request) -> Response:
    runtime = await _runtime(request)
    return JSONResponse({"people": await runtime.call(features.people, runtime.conn)})


async def connections(request: Request) -> Response:
    runtime = await _runtime(request)
    return JSONResponse(await runtime.call(features.connections, runtime.conn))


async def connections_chart(request: Request) -> Response:
    runtime = await _runtime(request)
    svg = await runtime.call(features.connections_svg, runtime.conn)
    return Response(svg, media_type="image/svg+xml", headers={"cache-control": "no-store"})


async def letters(request: Request) -> Response:
    runtime = await _runtime(request)
    return JSONResponse({"letters": await runtime.call(features.letters, runtime.conn)})


async def letter_draft(request: Request) -> Response:
    runtime = await _runtime(request)
    data = await _json(request)
    to, body = _text_field(data, "to", 200), _text_field(data, "body")
    return JSONResponse(await runtime.call(features.letter_draft, runtime.conn, to, body), 201)


async def letter_preview(request: Request) -> Response:
    runtime = await _runtime(request)
    png = await runtime.call(features.letter_preview_png, runtime.conn, request.path_params["letter_id"])
    return Response(png, media_type="image/png", headers={"cache-control": "no-store"})


async def letter_download(request: Request) -> Response:
    runtime = await _runtime(request)
    letter_id = request.path_params["letter_id"]
    pdf = await runtime.call(features.letter_pdf, runtime.conn, letter_id)
    return Response(pdf, media_type="application/pdf",
                    headers={"content-disposition": f'attachment; filename="letter-{letter_id[:16]}.pdf"'})


async def letter_send(request: Request) -> Response:
    """POST /api/letters/{id}/send {"email"}: email it with the account in config.toml's [mail] table."""
    runtime = await _runtime(request)
    address = _text_field(await _json(request), "email", 320)
    return JSONResponse(await runtime.call(features.letter_send, runtime.conn, request.path_params["letter_id"],
                                           address, runtime.config()))


async def reminders(request: Request) -> Response:
    runtime = await _runtime(request)
    return JSONResponse({"reminders": await runtime.call(features.reminders, runtime.conn)})


async def reminder_add(request: Request) -> Response:
    runtime = await _runtime(request)
    data = await _json(request)
    text, due = _text_field(data, "text", 1000), _text_field(data, "when", 100)
    return JSONResponse(await runtime.call(features.reminder_add, runtime.conn, text, due, runtime.config()), 201)


async def agenda(request: Request) -> Response:
    runtime = await _runtime(request)
    days = _int_param(request, "days", 7, 1, 60)
    return JSONResponse({"agenda": await runtime.call(features.agenda, runtime.conn, runtime.config(), days)})


# --- settings and data -----------------------------------------------------------------------------

def _settings(runtime: PersonRuntime) -> dict[str, Any]:
    from os1.providers.registry import available_providers

    config = runtime.config()
    quiet = config.get("quiet_hours") or {}
    return {
        "model": str((config.get("model") or {}).get("default") or "builtin"),
        "models": sorted(available_providers()),
        "voice": voice_engine(runtime),
        "voices": list(VOICES),
        "quiet_hours": {"start": quiet.get("start", 22), "end": quiet.get("end", 8)},
    }


def _hour(value: Any, name: str) -> int:
    """An hour of the day 0-23 (the scheduler keeps quiet hours as whole hours); "22:00" is read as 22."""
    if isinstance(value, str) and value.strip().endswith(":00"):
        value = value.strip()[:-3]
    try:
        hour = int(value)
    except (TypeError, ValueError):
        raise UserInputError(f"quiet_hours.{name} must be an hour 0-23.", "Use e.g. 22 for 10 pm.") from None
    if not 0 <= hour <= 23 or isinstance(value, bool):
        raise UserInputError(f"quiet_hours.{name} must be an hour 0-23.", "Use e.g. 22 for 10 pm.")
    return hour


async def settings_get(request: Request) -> Response:
    runtime = await _runtime(request)
    return JSONResponse(await runtime.call(_settings, runtime))


async def settings_put(request: Request) -> Response:
    """PUT /api/settings {"model"?, "voice"?, "quiet_hours"?: {"start", "end"}} (only what is given)."""
    runtime = await _runtime(request)
    data = await _json(request)

    def apply() -> dict[str, Any]:
        from os1.providers.registry import get_provider

        config = runtime.config()
        if "model" in data:
            spec = data["model"]
            if not isinstance(spec, str) or not spec.strip():
                raise UserInputError('"model" must name a mind, e.g. builtin or ollama:llama3.1.')
            get_provider(spec.strip())  # refuses unknown providers with the list of known ones
            config.setdefault("model", {})["default"] = spec.strip()
        if "voice" in data:
            if data["voice"] not in VOICES:
                raise UserInputError(f"Unknown voice '{data['voice']}'.", f"Use one of: {', '.join(VOICES)}.")
            config.setdefault("voice", {})["engine"] = data["voice"]
        if "quiet_hours" in data:
            quiet = data["quiet_hours"]
            if not isinstance(quiet, dict):
                raise UserInputError('"quiet_hours" must be {"start": 22, "end": 8}.')
            config["quiet_hours"] = {"start": _hour(quiet.get("start"), "start"), "end": _hour(quiet.get("end"), "end")}
        runtime.save_config(config)
        runtime.reload_provider()
        return _settings(runtime)

    return JSONResponse(await runtime.call(apply))


async def export(request: Request) -> Response:
    """GET /api/export -> the bundle file (the same format as `os1 export`)."""
    from os1.store.bundle import export_bundle

    runtime = await _runtime(request)

    def write() -> bytes:
        with tempfile.TemporaryDirectory(prefix="os1-export-") as tmp:
            out = Path(tmp) / "export.os1"
            export_bundle(runtime.conn, runtime.home, out)
            return out.read_bytes()

    data = await runtime.call(write)
    name = f"os1-export-{datetime.now().strftime('%Y%m%d-%H%M')}.os1"
    return Response(data, media_type="application/zip",
                    headers={"content-disposition": f'attachment; filename="{name}"'})


async def forget_all(request: Request) -> Response:
    """POST /api/forget {"confirm": "delete everything"}: delete every file in the person's home."""
    runtime = await _runtime(request)
    data = await _json(request)
    if str(data.get("confirm", "")).strip().lower() != CONFIRM_WORDS:
        raise UserInputError("Nothing was deleted: the confirmation did not match.",
                             f'Send {{"confirm": "{CONFIRM_WORDS}"}} to delete everything.')
    await runtime.call(runtime.forget_everything)
    return JSONResponse({"deleted": True})
