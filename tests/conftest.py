"""Shared fixtures: every test gets its own empty OS1 home, and a way to run the real `os1` command."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def os1_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty OS1_HOME for each test, so no test can touch a real person's data."""
    home = tmp_path / "home"
    monkeypatch.setenv("OS1_HOME", str(home))
    monkeypatch.delenv("OS1_DEBUG", raising=False)
    yield home


def run_os1(
    *args: str, input: bytes | str | None = None, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run `python -m os1 ARGS` in a real subprocess with the test's environment."""
    data = input.encode() if isinstance(input, str) else input
    proc = subprocess.run(
        [sys.executable, "-m", "os1", *args],
        input=data,
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    )


MEETING = "Theodore\nTeddy is fine\nI like it\n"
"""Lines that take a fresh home through the first meeting (name, address, keep the chosen name)."""


def met_companion(provider: object = None) -> tuple[object, object]:
    """A companion in the test's OS1_HOME, past the first meeting, answering with `provider`."""
    from os1.companion import Companion
    from os1.store import open_store

    conn = open_store()
    companion = Companion(conn, provider)  # type: ignore[arg-type]
    for line in MEETING.splitlines():
        assert companion.reply(line).kind == "meeting"
    return companion, conn
