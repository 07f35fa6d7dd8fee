"""Who may use the web app: the access token, household passwords, sessions and CSRF tokens.

Two ways in, both checked in constant time:
- the **access token**, random per server run (or `OS1_WEB_TOKEN`), printed at start; it signs in the
  home's own person, and scripts may send it as `Authorization: Bearer TOKEN` on every request;
- a **household member's name and password** (`os1 user add`), hashed with scrypt in household.toml.
Signing in creates a session: an HttpOnly, SameSite=Strict cookie for the page, plus a CSRF token the
page must echo in `X-CSRF-Token` on every state-changing request. A session's id also works as a bearer
token. Sessions expire after `ttl` seconds without use.
What this module leaves out: HTTP itself (os1.web.security applies these rules to each request).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

SESSION_COOKIE = "os1_session"
CSRF_HEADER = "x-csrf-token"
DEFAULT_SESSION_TTL = 12 * 3600
# Failed sign-ins allowed per client address per minute before it must wait (slows guessing).
MAX_FAILURES_PER_MINUTE = 10

# scrypt parameters (RFC 7914's interactive-login recommendation, 16 MiB of memory per check).
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1


def new_token() -> str:
    """A random URL-safe token with 256 bits of entropy."""
    return secrets.token_urlsafe(32)


def hash_password(password: str) -> str:
    """'scrypt$N$r$p$salt$hash' (hex), for household.toml."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, expected = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(
            password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32
        )
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(digest.hex(), expected)


@dataclass
class Session:
    id: str
    person: str  # "" for the home's own person, else a household member's name
    csrf: str
    expires: float


@dataclass
class Auth:
    """The server's credentials and live sessions (in memory: a restart signs everyone out).

    Args:
        token: the access token for the home's own person.
        passwords: household member name -> scrypt hash.
        ttl: seconds a session lives without use.
        clock: monotonic time source.
    """

    token: str
    passwords: dict[str, str] = field(default_factory=dict)
    ttl: float = DEFAULT_SESSION_TTL
    clock: Callable[[], float] = time.monotonic
    _sessions: dict[str, Session] = field(default_factory=dict)
    _failures: dict[str, list[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def too_many_failures(self, client: str) -> bool:
        now = self.clock()
        with self._lock:
            recent = [t for t in self._failures.get(client, []) if now - t < 60]
            self._failures[client] = recent
            return len(recent) >= MAX_FAILURES_PER_MINUTE

    def _failed(self, client: str) -> None:
        with self._lock:
            self._failures.setdefault(client, []).append(self.clock())

    def sign_in(self, client: str, *, token: str | None = None, user: str | None = None,
                password: str | None = None) -> Session | None:
        """A new session when the credentials are right, else None (and the failure is counted)."""
        person: str | None = None
        if user:
            stored = self.passwords.get(user.strip().lower())
            if stored is not None and password is not None and verify_password(password, stored):
                person = user.strip().lower()
        elif token is not None and hmac.compare_digest(token.encode(), self.token.encode()):
            person = ""
        if person is None:
            self._failed(client)
            return None
        session = Session(new_token(), person, new_token(), self.clock() + self.ttl)
        with self._lock:
            self._sessions[session.id] = session
        return session

    def session(self, session_id: str | None) -> Session | None:
        """The live session with this id (its expiry pushed back), or None when unknown or expired."""
        if not session_id:
            return None
        now = self.clock()
        with self._lock:
            session = self._sessions.get(session_id)
            if session is None:
                return None
            if session.expires <= now:
                del self._sessions[session_id]
                return None
            session.expires = now + self.ttl
            return session

    def bearer(self, value: str) -> Session | None:
        """The identity behind a bearer token: the access token (the home's person) or a session id."""
        if hmac.compare_digest(value.encode(), self.token.encode()):
            return Session(id="", person="", csrf="", expires=float("inf"))
        return self.session(value)

    def sign_out(self, session_id: str) -> None:
        with self._lock:
            self._sessions.pop(session_id, None)

    def sign_out_person(self, person: str) -> None:
        """End every session of one person (after deleting all their data)."""
        with self._lock:
            for sid in [sid for sid, s in self._sessions.items() if s.person == person]:
                del self._sessions[sid]
