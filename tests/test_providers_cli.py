"""`os1 model list|set|show`, keys in secrets.toml (0600, never printed), and `os1 chat --model` end to end."""

from __future__ import annotations

import json
import stat
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import MEETING, run_os1
from tests.ollama_server import FakeOllama


@pytest.fixture
def ollama() -> Iterator[FakeOllama]:
    server = FakeOllama().start()
    yield server
    server.stop()


def test_list_shows_every_registered_provider() -> None:
    result = run_os1("model", "list", "--offline")
    assert result.returncode == 0, result.stderr
    names = [line[2:].split()[0] for line in result.stdout.splitlines() if line[:1] in ("*", " ") and line[2:3] != " "]
    assert {"builtin", "ollama", "openai", "llamacpp"} <= set(names)
    assert "In use: builtin" in result.stdout


def test_list_asks_reachable_servers_for_their_models(ollama: FakeOllama) -> None:
    assert run_os1("model", "set", "ollama:llama3.1", "--base-url", ollama.base_url).returncode == 0
    result = run_os1("model", "list")
    assert "ollama:llama3.1:latest" in result.stdout and "ollama:tiny:latest" in result.stdout


def test_set_and_show_keep_the_key_secret(os1_home: Path) -> None:
    key = "sk-test-0123456789abcdef"
    result = run_os1("model", "set", "openai:gpt-x", "--base-url", "http://127.0.0.1:9/v1", "--api-key-stdin",
                     input=key + "\n")
    assert result.returncode == 0, result.stderr
    shown = run_os1("model", "show")
    assert "openai:gpt-x" in shown.stdout and "http://127.0.0.1:9/v1" in shown.stdout
    assert "hidden" in shown.stdout
    for output in (result.stdout, result.stderr, shown.stdout, shown.stderr):
        assert key not in output
    secrets = os1_home / "secrets.toml"
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o600
    assert tomllib.loads(secrets.read_text())["providers"]["openai"]["api_key"] == key
    config = (os1_home / "config.toml").read_text()
    assert key not in config and tomllib.loads(config)["model"]["default"] == "openai:gpt-x"


def test_key_from_an_environment_variable_is_named_not_stored(os1_home: Path) -> None:
    result = run_os1("model", "set", "openai:m", "--api-key-env", "MY_TEST_KEY", env={"MY_TEST_KEY": "abc123xyz"})
    assert result.returncode == 0
    shown = run_os1("model", "show", env={"MY_TEST_KEY": "abc123xyz"})
    assert "from $MY_TEST_KEY (set)" in shown.stdout and "abc123xyz" not in shown.stdout
    assert not (os1_home / "secrets.toml").exists()


@pytest.mark.parametrize(("spec", "message"), [
    ("llamacpp:/no/such/model.gguf", "There is no file"),
    ("wizard:x", "Unknown model provider 'wizard'"),
    ("ollama", "Say which model"),
])
def test_bad_specs_are_refused_with_what_to_do(spec: str, message: str) -> None:
    result = run_os1("model", "set", spec)
    assert result.returncode == 1 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_llamacpp_spec_needs_a_gguf_file(tmp_path: Path) -> None:
    other = tmp_path / "model.bin"
    other.write_bytes(b"x")
    result = run_os1("model", "set", f"llamacpp:{other}")
    assert result.returncode == 1 and "not a .gguf file" in result.stderr


def test_chat_with_model_streams_from_the_server(ollama: FakeOllama) -> None:
    run_os1("config", "set", "providers.ollama.base_url", ollama.base_url)
    result = run_os1("chat", "--model", "ollama:llama3.1", "--no-opening", "--json",
                     input=MEETING + "The ocean was calm today\n")
    assert result.returncode == 0, result.stderr
    last = json.loads(result.stdout.splitlines()[-1])
    assert last["text"] == "You said: The ocean was calm today" and last["note"] is None


def test_chat_with_an_unreachable_model_answers_with_a_note() -> None:
    run_os1("config", "set", "providers.ollama.base_url", "http://127.0.0.1:9")
    run_os1("config", "set", "providers.ollama.retries", "0")
    result = run_os1("chat", "--model", "ollama:llama3.1", "--no-opening", input=MEETING + "Hello you\n")
    assert result.returncode == 0, result.stderr
    assert "ollama:llama3.1 is unavailable" in result.stderr and "built-in mind answered" in result.stderr
    assert result.stdout.strip().splitlines()[-1]  # the built-in mind's reply


def test_ctrl_c_mid_stream_stores_an_interrupted_turn(ollama: FakeOllama, os1_home: Path) -> None:
    import os
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    run_os1("chat", "--no-opening", input=MEETING)
    run_os1("config", "set", "providers.ollama.base_url", ollama.base_url)
    ollama.script.append([{"text": "Let me think "}, {"sleep": 30}, {"done": "stop"}])
    process = subprocess.Popen([sys.executable, "-m", "os1", "chat", "--model", "ollama:llama3.1", "--no-opening"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ)
    assert process.stdin is not None
    process.stdin.write(b"Tell me something\n")
    process.stdin.flush()
    deadline = time.monotonic() + 30
    while not ollama.requests and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # the first chunk has arrived; the server is now silent
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=20)
    assert process.returncode != 0 and "Traceback" not in err.decode()  # click reports "Aborted!"
    conn = sqlite3.connect(os1_home / "os1.db")
    last = "SELECT text, meta FROM turns WHERE role = 'companion' ORDER BY ts DESC LIMIT 1"
    text, meta = conn.execute(last).fetchone()
    assert text == "Let me think …" and json.loads(meta)["interrupted"] is True
