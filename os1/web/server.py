"""Running `os1 serve`: check the address, take the home's lock, bind, print the token, serve.

Safety rules applied before anything listens: a non-loopback address is refused without
authentication; the access token is random for each run unless `OS1_WEB_TOKEN` sets one (for
scripts that start the server themselves); the home's conversation lock is taken first, so a second
server or an `os1 chat` on the same home is refused plainly. Slow and surplus connections are cut by
os1.web.limits (header deadline, body idle timeout, connection cap).
What this module leaves out: the app itself (os1.web.app).
"""

from __future__ import annotations

import errno
import ipaddress
import os
import socket
from collections.abc import Callable
from pathlib import Path

from os1.errors import WebError
from os1.web.auth import DEFAULT_SESSION_TTL, Auth, new_token

LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}
MIN_TOKEN_CHARS = 16


def is_loopback(host: str) -> bool:
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    return host.strip("[]") in ("0.0.0.0", "::", "")


def allowed_hosts(host: str) -> set[str]:
    """Host names the app answers to: loopback names, plus the bound name; '*' for a wildcard bind."""
    if is_wildcard(host):
        return {"*"}
    names = {"localhost", "127.0.0.1", "[::1]"}
    names.add(f"[{host.strip('[]')}]" if ":" in host else host)
    return names


def check_bind(host: str, require_auth: bool) -> None:
    if not require_auth and not is_loopback(host):
        raise WebError(
            f"OS1 will not serve {host} without authentication: anyone on the network could read your conversations.",
            "Drop --no-auth (then every request needs the printed token), or bind 127.0.0.1.",
        )


def access_token() -> str:
    token = os.environ.get("OS1_WEB_TOKEN", "").strip()
    if not token:
        return new_token()
    if len(token) < MIN_TOKEN_CHARS:
        raise WebError(f"OS1_WEB_TOKEN is too short (at least {MIN_TOKEN_CHARS} characters).",
                       "Unset it for a random token, or use a longer one.")
    return token


def bind(host: str, port: int) -> socket.socket:
    """A listening socket, or a WebError that says what to do (port in use, bad address)."""
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise WebError(f"Port {port} on {host} is already in use.", "Pick another with --port.") from exc
        raise WebError(f"OS1 cannot listen on {host}:{port} ({exc.strerror}).",
                       "Check the address, or use the default 127.0.0.1.") from exc
    sock.set_inheritable(True)
    return sock


def serve(host: str, port: int, *, home: Path, require_auth: bool = True,
          session_ttl: float = DEFAULT_SESSION_TTL, announce: Callable[[str], None] = print) -> None:
    """Serve the web app until interrupted (Ctrl+C)."""
    import uvicorn

    from os1.web.app import create_app
    from os1.web.household import load_members
    from os1.web.limits import uvicorn_options
    from os1.web.security import AUDIO_MAX_BODY
    from os1.web.state import ServerState

    check_bind(host, require_auth)
    members = load_members(home)
    auth = Auth(token=access_token(), passwords={m.name: m.password_hash for m in members.values()}, ttl=session_ttl)
    state = ServerState(auth=auth, owner_home=home, members=members)
    state.open_owner_now()  # the lock first: refuse before listening if the home is open elsewhere
    try:
        sock = bind(host, port)
        real_port = sock.getsockname()[1]
        shown = f"[{host.strip('[]')}]" if ":" in host else host
        if is_wildcard(host):
            shown = "127.0.0.1"
        url = f"http://{shown}:{real_port}/"
        announce(f"OS1 is listening on {url}")
        if require_auth:
            announce(f"Access token: {auth.token}")
            announce(f"Open {url}#token={auth.token} to sign in (the token stays in your browser).")
        if members:
            announce(f"Household members may sign in with their passwords: {', '.join(sorted(members))}.")
        if not is_loopback(host):
            announce("Warning: this address is reachable from the network over plain HTTP; use it only on a "
                     "network you trust.")
        announce("Press Ctrl+C to stop.")
        app = create_app(state, allowed_hosts(host), require_auth=require_auth)
        config = uvicorn.Config(app, log_level="warning", ws_max_size=AUDIO_MAX_BODY + 65536,
                                lifespan="on", access_log=False, server_header=False,
                                **uvicorn_options())  # header/idle deadlines, a connection cap (os1.web.limits)
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        state.shutdown()
