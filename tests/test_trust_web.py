"""`os1 serve` under slow and many clients: half-sent requests are cut at the header deadline, and more
connections than the cap never lock a real request out."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import httpx
import pytest

pytest.importorskip("uvicorn")

from os1.web.limits import HEADER_TIMEOUT, MAX_CONNECTIONS
from tests.web_server import running_server


def _closed(sock: socket.socket) -> bool:
    sock.settimeout(0.01)
    try:
        return sock.recv(1) == b""
    except (TimeoutError, BlockingIOError):
        return False
    except OSError:
        return True


@pytest.mark.slow
def test_half_sent_requests_are_cut_and_never_lock_out_a_real_one(os1_home: Path) -> None:
    with running_server(os1_home) as server:
        stalled = []
        try:
            for _ in range(MAX_CONNECTIONS + 100):
                sock = socket.create_connection(("127.0.0.1", server.port))
                sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                stalled.append(sock)
            # Over the cap: a real request still gets through (the oldest stalled one makes room).
            assert httpx.get(server.url + "/", timeout=30).status_code == 200
            deadline = time.monotonic() + HEADER_TIMEOUT + 15
            while time.monotonic() < deadline and not all(_closed(s) for s in stalled):
                time.sleep(0.5)
            assert all(_closed(s) for s in stalled), "half-sent requests were still held"
            assert server.process.poll() is None  # and the server is still up
            with server.client() as client:
                assert client.get("/api/companion").status_code == 200
        finally:
            for sock in stalled:
                sock.close()
