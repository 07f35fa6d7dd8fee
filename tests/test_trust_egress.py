"""Nothing leaves the machine: a scripted chat and `os1 serve` run under `strace -f -e trace=connect`
with a fresh $HOME; no connect may go anywhere but loopback or a unix socket, and no library may leave
telemetry files behind. Needs strace (scripts/system-deps); skipped with a note without it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import MEETING
from tests.web_server import TOKEN, free_port, shared_cache

pytestmark = pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed (scripts/system-deps)")

_CONNECT = re.compile(r"connect\(\d+, \{sa_family=(AF_\w+)(.*?)\}")
_LOOPBACK = re.compile(r'inet_addr\("127\.|inet_pton\(AF_INET6, "(::1|::ffff:127\.[\d.]+)"')


def outside_connects(trace: str) -> list[str]:
    """The connect() calls of a strace log that go anywhere but loopback or a local socket."""
    bad = []
    for line in trace.splitlines():
        match = _CONNECT.search(line)
        if not match:
            continue
        family, rest = match.groups()
        if family in ("AF_UNIX", "AF_UNSPEC", "AF_NETLINK"):  # local sockets; AF_UNSPEC dissolves a UDP peer
            continue
        if family in ("AF_INET", "AF_INET6") and _LOOPBACK.search(rest):
            continue
        bad.append(line.strip())
    return bad


def test_outside_connects_reads_strace_lines() -> None:
    trace = "\n".join([
        '12 connect(3, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("13.107.5.93")}, 16) = 0',
        '12 connect(3, {sa_family=AF_INET, sin_port=htons(8765), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
        '12 connect(4, {sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), '
        'inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0',
        '12 connect(4, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), '
        'inet_pton(AF_INET6, "2603:1030::5", &sin6_addr), sin6_scope_id=0}, 28) = 0',
        '12 connect(5, {sa_family=AF_UNIX, sun_path="/run/x"}, 110) = -1 ENOENT',
    ])
    bad = outside_connects(trace)
    assert len(bad) == 2 and "13.107.5.93" in bad[0] and "2603:1030::5" in bad[1]


def _fresh_env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "user"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "ORT_", "HF_")) and k != "DO_NOT_TRACK"}
    env.update(HOME=str(home), OS1_HOME=str(tmp_path / "os1"), OS1_WEB_TOKEN=TOKEN,
               OS1_CACHE_DIR=str(shared_cache()))
    return env


def _traced(out: Path, *command: str) -> list[str]:
    return ["strace", "-f", "-qq", "-e", "trace=connect", "-e", "signal=none", "-o", str(out), *command]


def _telemetry_files(home: Path) -> list[Path]:
    # onnxruntime's queue lives in ~/.cache/Microsoft/DeveloperTools/.onnxruntime/; hub pings leave nothing.
    return [p for p in home.rglob("*") if "microsoft" in str(p).lower() or "telemetry" in str(p).lower()]


@pytest.mark.slow
def test_a_twenty_second_chat_connects_nowhere(tmp_path: Path) -> None:
    env = _fresh_env(tmp_path)
    trace = tmp_path / "chat.strace"
    process = subprocess.Popen(_traced(trace, sys.executable, "-m", "os1", "chat"), stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert process.stdin is not None
    lines = [*MEETING.splitlines(), "I had a long day at work", "my sister Anna is visiting next week",
             "what do you remember about Anna?", "thanks for listening"]
    started = time.monotonic()
    for line in lines:  # spread over ~20 s: onnxruntime uploaded its events after a few seconds
        process.stdin.write((line + "\n").encode())
        process.stdin.flush()
        time.sleep(2.5)
    while time.monotonic() - started < 20:
        time.sleep(0.5)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err.decode(errors="replace")
    assert len(out.decode().splitlines()) == 1 + len(lines)
    text = trace.read_text()
    assert outside_connects(text) == []
    assert _telemetry_files(Path(env["HOME"])) == []


@pytest.mark.slow
def test_serve_connects_nowhere(tmp_path: Path) -> None:
    pytest.importorskip("uvicorn")
    env = _fresh_env(tmp_path)
    trace = tmp_path / "serve.strace"
    port = free_port()
    # `timeout -s INT` ends the server the way Ctrl-C does, so it shuts down cleanly and strace with it.
    command = _traced(trace, "timeout", "-s", "INT", "25", sys.executable, "-m", "os1", "serve", "--port", str(port))
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            if httpx.get(url + "/", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "os1 serve did not start"
        time.sleep(0.2)
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60) as client:
        assert client.get("/api/companion").status_code == 200
        for text in MEETING.splitlines():
            assert client.post("/api/chat", json={"text": text}).status_code == 200
    _, err = process.communicate(timeout=60)
    assert process.returncode in (0, 124, 130), err.decode(errors="replace")
    text = trace.read_text()
    assert process.returncode is not None and trace.stat().st_size >= 0
    assert outside_connects(text) == []
    assert _telemetry_files(Path(env["HOME"])) == []
