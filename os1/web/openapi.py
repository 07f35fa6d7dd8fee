"""The API's OpenAPI 3.1 description, written by hand from one table (served at /api/openapi.json).

Hand-written rather than generated because the handlers are plain Starlette functions; the test suite
checks that every route in os1.web.app appears here, so the two cannot drift apart silently.
"""

from __future__ import annotations

from typing import Any

from os1 import __version__

_ERROR = {"type": "object", "properties": {"error": {"type": "string"}, "hint": {"type": ["string", "null"]}}}
_REPLY = {"type": "object", "properties": {
    "text": {"type": "string"}, "turn_id": {"type": "string"}, "reply_to": {"type": ["string", "null"]},
    "kind": {"type": "string"}, "interrupted": {"type": "boolean"}, "note": {"type": ["string", "null"]},
    "companion": {"type": "string"}, "mood": {"type": "string"}}}


def _body(**props: Any) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": {"type": "object", "properties": props}}}}


_S = {"type": "string"}

# (method, path, summary, request body or None, success status, notes)
OPERATIONS: list[tuple[str, str, str, dict[str, Any] | None, int, str]] = [
    ("post", "/api/session", "Sign in (the only call without a token)",
     _body(token=_S, user=_S, password=_S), 200,
     "Send {token} (the access token) or {user, password} (a household member). Sets the session cookie; "
     "returns {person, csrf, bearer, expires_in}. The bearer value works as a token for scripts. 429 after "
     "repeated failures."),
    ("get", "/api/session", "Who is signed in, and the CSRF token", None, 200, "{person, csrf}"),
    ("delete", "/api/session", "Sign out", None, 200, ""),
    ("get", "/api/health", "Liveness", None, 200, "{ok: true}"),
    ("get", "/api/openapi.json", "This document", None, 200, ""),
    ("get", "/api/companion", "The companion's name and mood, the optional parts present, the voice", None, 200, ""),
    ("get", "/api/history", "Recent turns, oldest first (?limit=50)", None, 200, "{turns: [...]}"),
    ("post", "/api/chat", "Send a message; the reply as JSON, or as server-sent events with "
     "`Accept: text/event-stream` (events `chunk` {text} then `done` {reply})", _body(text=_S), 200, ""),
    ("get", "/api/chat/ws", "The chat WebSocket (see docs/web.md for the frames)", None, 101,
     "Client: {type: hello|message|interrupt|ping, text?, speak?, id?} or a binary frame holding a recording. "
     "Server: ready, opening, start, chunk, done, turn (from another tab), heard, transcript, audio (+ a binary "
     "WAV frame), audio_end, pong, error."),
    ("post", "/api/speech", "Transcribe a recording (body: WAV, WebM/Opus, Ogg, MP3 or FLAC; at most 10 MB)",
     {"required": True, "content": {"audio/*": {"schema": {"type": "string", "format": "binary"}}}}, 200,
     "{text}. 415 when the body is not audio, 413 when too large."),
    ("post", "/api/speak", "Speak text (audio/wav back)", _body(text=_S, engine=_S), 200, ""),
    ("get", "/api/memory", "Search memories (?q=...&k=20), or the most recent without q", None, 200,
     "Search needs os1.memory (501 until present)."),
    ("patch", "/api/memory/{turn_id}", "Correct a memory", _body(text=_S), 200, "Needs os1.memory (501)."),
    ("delete", "/api/memory/{turn_id}", "Forget a memory", None, 200, "404 when there is no such memory."),
    ("get", "/api/people", "The people in the person's life", None, 200, "Needs os1.people (501)."),
    ("get", "/api/connections", "The connection dashboard (goals, progress, drift)", None, 200,
     "Needs os1.people (501)."),
    ("get", "/api/connections/chart.svg", "The dashboard's chart (SVG)", None, 200, "Needs os1.people (501)."),
    ("get", "/api/letters", "Letters", None, 200, "Needs os1.letters (501)."),
    ("post", "/api/letters", "Save a letter draft", _body(to=_S, body=_S), 201, "Needs os1.letters (501)."),
    ("get", "/api/letters/{letter_id}/preview.png", "The handwritten card (PNG)", None, 200, "Needs os1.letters."),
    ("get", "/api/letters/{letter_id}/letter.pdf", "Download the letter (PDF)", None, 200, "Needs os1.letters."),
    ("post", "/api/letters/{letter_id}/send", "Email the letter with the card attached ([mail] in config.toml)",
     _body(email=_S), 200, "Needs os1.letters (501)."),
    ("get", "/api/reminders", "Reminders", None, 200, "Needs os1.life (501)."),
    ("post", "/api/reminders", "Add a reminder; `when` in plain words (\"friday 6pm\", \"in 20 minutes\")",
     _body(text=_S, when=_S), 201, "Needs os1.life (501)."),
    ("get", "/api/agenda", "Calendar events of the coming days (?days=7)", None, 200, "Needs os1.life (501)."),
    ("get", "/api/settings", "Settings: model, voice, quiet hours", None, 200, ""),
    ("put", "/api/settings", "Change settings (only the keys given)",
     _body(model=_S, voice=_S, quiet_hours={"type": "object", "properties": {
         "start": {"type": "integer"}, "end": {"type": "integer"}}}), 200, ""),
    ("get", "/api/export", "Download all data (the `os1 export` bundle)", None, 200, ""),
    ("post", "/api/forget", "Delete all data", _body(confirm=_S), 200, 'Needs {"confirm": "delete everything"}.'),
]


def schema() -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for method, path, summary, body, status, notes in OPERATIONS:
        operation: dict[str, Any] = {
            "summary": summary,
            "responses": {
                str(status): {"description": notes or "OK"},
                "401": {"description": "Not signed in, or the token is wrong or expired",
                        "content": {"application/json": {"schema": _ERROR}}},
            },
        }
        if path == "/api/chat":
            operation["responses"]["200"]["content"] = {"application/json": {"schema": _REPLY}}
        if body is not None:
            operation["requestBody"] = body
        if path == "/api/session" and method == "post":
            operation["security"] = []
        params = [part[1:-1] for part in path.split("/") if part.startswith("{")]
        if params:
            operation["parameters"] = [{"name": p, "in": "path", "required": True, "schema": _S} for p in params]
        paths.setdefault(path, {})[method] = operation
    return {
        "openapi": "3.1.0",
        "info": {"title": "OS1 local API", "version": __version__,
                 "description": "Every call needs `Authorization: Bearer TOKEN` (the token `os1 serve` prints) "
                                "or the page's session cookie plus `X-CSRF-Token` on changes. Errors are "
                                "{error, hint}. 501 means an optional part of OS1 is not installed yet."},
        "servers": [{"url": "/"}],
        "components": {"securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer"},
            "cookie": {"type": "apiKey", "in": "cookie", "name": "os1_session"}}},
        "security": [{"bearer": []}, {"cookie": []}],
        "paths": paths,
    }
