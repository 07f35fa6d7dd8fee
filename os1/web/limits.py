"""Limits on connections to `os1 serve`, so that slow or many clients cannot hold the server.

uvicorn has no deadline for a request's headers: a client that sends half a request line keeps its
connection (and a file descriptor) forever, and ~1,100 of them exhaust the process's file limit.
`GuardedH11Protocol` (uvicorn's h11 protocol, plus three rules) closes:
- a connection whose request line and headers are not complete `HEADER_TIMEOUT` seconds after it
  began waiting for them (on connect, and after each response on a kept-alive connection);
- a connection that sends nothing for `IDLE_TIMEOUT` seconds while a request body is still coming;
- beyond `MAX_CONNECTIONS` open at once, the one that has waited longest for its headers (so half-sent
  requests cannot lock a real client out); when every connection is a live request, the new one.
uvicorn's own keep-alive timeout (5 s) still ends idle connections between requests. A WebSocket, once
upgraded, is handed to uvicorn's WebSocket protocol and its pings; these rules no longer apply.
What this module leaves out: the app (os1.web.app) and request body sizes (os1.web.security).
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 10.0
IDLE_TIMEOUT = 60.0
MAX_CONNECTIONS = 200
# The largest request line + headers accepted (h11's default is 16 KiB; a browser sends ~2 KiB).
MAX_HEADER_BYTES = 32 * 1024


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a header deadline, a body idle timeout and a connection cap."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None
        self._waiting_since: float | None = None  # loop time since when a request's headers are awaited

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        if len(self.server_state.connections) >= MAX_CONNECTIONS and not self._evict_stalled():
            transport.abort()  # full of live requests: refuse before it costs anything but the accept
            return
        super().connection_made(transport)
        self._arm(HEADER_TIMEOUT)

    def _evict_stalled(self) -> bool:
        """Make room by closing the connection that has waited longest for its request's headers (a
        slow client's), so that half-sent requests cannot lock a real one out; False when none is."""
        stalled = [c for c in self.server_state.connections
                   if isinstance(c, GuardedH11Protocol) and c._waiting_since is not None
                   and c.transport is not None and not c.transport.is_closing()]  # fmt: skip
        if not stalled:
            return False
        oldest = min(stalled, key=lambda c: c._waiting_since or 0.0)
        oldest.transport.abort()
        oldest.connections.discard(oldest)  # abort reports the loss later; the slot is free now
        return True

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        if self.transport is None:  # refused in connection_made: uvicorn never saw it
            return
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.transport is None or self.transport.is_closing():
            return
        state = self.conn.their_state
        if state is h11.SEND_BODY:
            self._waiting_since = None
            self._arm(IDLE_TIMEOUT)  # headers are in; a body must keep coming
        elif state is not h11.IDLE:
            self._waiting_since = None
            self._disarm()  # the whole request is in: the app has it

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.transport is not None and not self.transport.is_closing():
            self._arm(HEADER_TIMEOUT)  # the next request on this connection gets its own deadline

    def _arm(self, seconds: float) -> None:
        self._disarm()
        if seconds == HEADER_TIMEOUT:
            self._waiting_since = self.loop.time()
        self._deadline = self.loop.call_later(seconds, self._expire)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._deadline = None
        waiting = self.conn.their_state in (h11.IDLE, h11.SEND_BODY)
        busy = self.cycle is not None and not self.cycle.response_complete and self.conn.their_state is h11.DONE
        if waiting and not busy and self.transport is not None and not self.transport.is_closing():
            self.transport.close()


def uvicorn_options() -> dict[str, Any]:
    """The uvicorn.Config arguments that apply these limits."""
    return {"http": GuardedH11Protocol, "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
            "timeout_keep_alive": 5, "limit_concurrency": MAX_CONNECTIONS + 8}  # fmt: skip
