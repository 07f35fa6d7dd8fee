"""The guard in front of every request: host check, sign-in, CSRF, body size and security headers.

An ASGI middleware (plain ASGI, so streamed responses and WebSockets pass through untouched):
- **Host**: only the host names the server was started for are answered, which defeats DNS-rebinding
  pages that would otherwise reach a loopback server from a browser.
- **Authentication**: everything under /api/ needs a session cookie or a bearer token, except signing
  in (POST /api/session). Without one: 401 (a WebSocket handshake is refused with 403).
- **CSRF**: a cookie-authenticated request that changes state (POST, PUT, PATCH, DELETE) must carry
  the session's token in X-CSRF-Token, and an Origin header, when sent, must be this server. A cookie
  WebSocket must come from this server's Origin. Bearer tokens are not sent by browsers on their own,
  so they need neither.
- **Size**: request bodies over the limit get 413, before or while they are read.
- **Headers**: a strict Content-Security-Policy (own origin only, no inline script or style), no
  framing, no referrer, no sniffing.
What this module leaves out: credentials themselves (os1.web.auth) and the routes (os1.web.app).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any

from os1.web.auth import CSRF_HEADER, SESSION_COOKIE, Auth, Session, new_token

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
    "media-src 'self' blob:; connect-src 'self'; font-src 'self'; manifest-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"microphone=(self), camera=(), geolocation=()"),
]
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
DEFAULT_MAX_BODY = 1024 * 1024  # JSON requests
AUDIO_MAX_BODY = 10 * 1024 * 1024  # recordings (a minute of WebM/Opus is well under 1 MB)
AUDIO_PATHS = ("/api/speech",)
PUBLIC_API = {("POST", "/api/session")}


class BodyTooLarge(Exception):
    pass


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def max_body(path: str) -> int:
    return AUDIO_MAX_BODY if path.startswith(AUDIO_PATHS) else DEFAULT_MAX_BODY


async def send_json(send: Send, status: int, body: dict[str, Any], extra: list[tuple[bytes, bytes]] = ()) -> None:  # type: ignore[assignment]
    data = json.dumps(body).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode()),
               *SECURITY_HEADERS, *extra]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})


def error_body(message: str, hint: str | None = None) -> dict[str, Any]:
    return {"error": message, "hint": hint}


class Guard:
    """Wraps the app. `allowed_hosts` are host names (without port) the server answers to."""

    def __init__(self, app: ASGIApp, auth: Auth, allowed_hosts: set[str], *, require_auth: bool = True) -> None:
        self.app = app
        self.auth = auth
        self.allowed_hosts = {h.lower() for h in allowed_hosts}
        self.require_auth = require_auth
        self._open_session = Session(id="", person="", csrf=new_token(), expires=float("inf"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        if not self._host_ok(headers.get("host", "")):
            await self._refuse(scope, send, 421, "This server does not answer to that host name.",
                               "Open the address that `os1 serve` printed.")
            return
        path: str = scope["path"]
        if path.startswith("/api/") or path == "/api":
            problem = self._check_api(scope, headers)
            if problem is not None:
                await self._refuse(scope, send, *problem)
                return
        if scope["type"] == "http":
            await self._http(scope, receive, send, headers)
        else:
            await self.app(scope, receive, send)

    # --- checks --------------------------------------------------------------------------------

    def _host_ok(self, host: str) -> bool:
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if name.startswith("[") and "]" in name:
            name = name[: name.index("]") + 1]
        return "*" in self.allowed_hosts or name.lower() in self.allowed_hosts

    def _origin_ok(self, headers: dict[str, str]) -> bool:
        origin = headers.get("origin")
        if origin is None:
            return True
        host = headers.get("host", "")
        return origin in (f"http://{host}", f"https://{host}")

    def _check_api(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str, str] | None:
        """None when the request may go on, else (status, message, hint)."""
        method = scope.get("method", "GET")
        if (method, scope["path"]) in PUBLIC_API:
            if not self._origin_ok(headers):
                return 403, "Sign-in from another site is refused.", "Sign in on the page `os1 serve` printed."
            return None
        authorization = headers.get("authorization", "")
        if authorization.lower().startswith("bearer "):
            session = self.auth.bearer(authorization[7:].strip())
            if session is None:
                return 401, "That token is wrong or has expired.", "Use the access token `os1 serve` printed."
            scope["os1.session"] = session
            scope["os1.cookie_auth"] = False
            return None
        if self.require_auth:
            cookie = SimpleCookie()
            try:
                cookie.load(headers.get("cookie", ""))
            except Exception:  # a malformed Cookie header is the same as none
                cookie = SimpleCookie()
            morsel = cookie.get(SESSION_COOKIE)
            session = self.auth.session(morsel.value if morsel else None)
        else:
            # Without sign-in every browser request is "signed in", so the CSRF and origin checks below
            # are all that stops another site's page from acting here: they apply just the same.
            session = self._open_session
        if session is None:
            return 401, "Sign in first: this needs the access token.", \
                "Use the token `os1 serve` printed (cookie for the page, `Authorization: Bearer` for scripts)."
        if scope["type"] == "websocket":
            if headers.get("origin") is not None and not self._origin_ok(headers):
                return 403, "A WebSocket from another site is refused.", "Open the page `os1 serve` printed."
        elif method not in SAFE_METHODS:
            if not self._origin_ok(headers):
                return 403, "A request from another site is refused.", "Use the page `os1 serve` printed."
            if headers.get(CSRF_HEADER, "") != session.csrf:
                return 403, "The request lacks its CSRF token.", "Reload the page and try again."
        scope["os1.session"] = session
        scope["os1.cookie_auth"] = True
        return None

    async def _refuse(self, scope: Scope, send: Send, status: int, message: str, hint: str) -> None:
        if scope["type"] == "websocket":
            # Closing before accepting makes the server answer the handshake with 403.
            await send({"type": "websocket.close", "code": 1008, "reason": message[:120]})
            return
        extra = [(b"www-authenticate", b'Bearer realm="os1"')] if status == 401 else []
        await send_json(send, status, error_body(message, hint), extra)

    # --- body size and headers --------------------------------------------------------------------

    async def _http(self, scope: Scope, receive: Receive, send: Send, headers: dict[str, str]) -> None:
        limit = max_body(scope["path"])
        length = headers.get("content-length")
        too_big = (f"The upload is too large (at most {limit // 1024 // 1024} MB here).",
                   "Send something smaller (a shorter recording or text).")
        if length is not None and length.isdigit() and int(length) > limit:
            await send_json(send, 413, error_body(*too_big))
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *[(k, v) for k, v in SECURITY_HEADERS if k not in names]]
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except BodyTooLarge:
            if not started:
                await send_json(send, 413, error_body(*too_big))
