"""A real `os1 serve` in a subprocess on 127.0.0.1 at a free port, for the web tests and the benchmark."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

TOKEN = "test-token-" + "x" * 24
_shared_cache: Path | None = None


def shared_cache() -> Path:
    """One cache folder for every server a test run starts: the 145 MB Whisper model is joined once."""
    global _shared_cache
    if _shared_cache is None:
        import atexit
        import shutil
        import tempfile

        _shared_cache = Path(tempfile.mkdtemp(prefix="os1-test-cache-"))
        atexit.register(shutil.rmtree, _shared_cache, True)
    return _shared_cache


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    url: str
    port: int
    home: Path
    token: str
    process: subprocess.Popen[bytes]

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/api/chat/ws"

    def client(self, *, auth: bool = True) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.token}"} if auth else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)


@contextmanager
def running_server(home: Path, *extra: str, cache: Path | None = None, env: dict[str, str] | None = None,
                   startup_timeout: float = 60) -> Iterator[Server]:
    port = free_port()
    environment = {**os.environ, "OS1_HOME": str(home), "OS1_WEB_TOKEN": TOKEN, **(env or {})}
    environment["OS1_CACHE_DIR"] = str(cache or shared_cache())
    log = home.parent / f"serve-{port}.log"
    home.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as handle:
        process = subprocess.Popen(
            [sys.executable, "-m", "os1", "serve", "--port", str(port), *extra],
            stdout=handle, stderr=subprocess.STDOUT, env=environment,
        )
    server = Server(f"http://127.0.0.1:{port}", port, home, TOKEN, process)
    try:
        deadline = time.monotonic() + startup_timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"os1 serve exited early:\n{log.read_text()}")
            try:
                if httpx.get(f"{server.url}/", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"os1 serve did not start:\n{log.read_text()}")
            time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Word-level edit distance / reference length, ignoring case and punctuation."""
    import re

    ref = re.findall(r"[a-z0-9']+", reference.lower())
    hyp = re.findall(r"[a-z0-9']+", hypothesis.lower())
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, start=1):
        previous, row[0] = row[0], i
        for j, h in enumerate(hyp, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (r != h))
    return row[len(hyp)] / max(len(ref), 1)
