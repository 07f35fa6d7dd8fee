"""The `openai` provider against a real llama.cpp server, and the in-process `llamacpp` provider.

A session fixture writes a tiny random GGUF llama model (tests/tiny_gguf.py) and starts
`python -m llama_cpp.server` on a free 127.0.0.1 port. The model talks gibberish; these tests are about
the transport: streaming, cancelling, a wrong address, a missing key, a server killed mid-reply, and the
prompt counted with the model's own tokenizer. They skip only when llama-cpp-python is not installed
(`pip install "os1[all]"` installs it; its first build takes a few minutes).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("llama_cpp", reason='llama-cpp-python is not installed: pip install "os1[all]"')
pytest.importorskip("llama_cpp.server", reason='llama-cpp-python[server] is not installed: pip install "os1[all]"')
pytest.importorskip("gguf", reason="the gguf package is not installed: pip install gguf")

import httpx

from os1.errors import ProviderError, ProviderUnavailable
from os1.providers.base import CancelToken, ReplyRequest
from os1.providers.llamacpp import LlamaCppProvider
from os1.providers.openai_compat import OpenAIProvider
from os1.providers.registry import get_provider
from tests.providers_support import met_companion, stored_reply
from tests.tiny_gguf import write_tiny_llama


@dataclass
class LlamaServer:
    process: subprocess.Popen[bytes]
    base_url: str

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(model: Path, *extra: str, n_ctx: int = 2048) -> LlamaServer:
    """Start llama_cpp.server on a free port and wait until it answers GET /v1/models."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", "tiny",
         "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(n_ctx), "--n_threads", "1", *extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    server = LlamaServer(process, f"http://127.0.0.1:{port}/v1")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"llama_cpp.server exited with {process.returncode}")
        try:
            if httpx.get(f"{server.base_url}/models", timeout=1).status_code in (200, 401):
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError("llama_cpp.server did not become ready in 60 s")


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tiny_llama(tmp_path_factory.mktemp("gguf") / "tiny.gguf")


@pytest.fixture(scope="session")
def llama_server(tiny_model: Path) -> Iterator[LlamaServer]:
    server = start_server(tiny_model)
    yield server
    server.stop()


def openai_for(server: LlamaServer, **options: Any) -> OpenAIProvider:
    options = {"base_url": server.base_url, "retries": 0, "temperature": 0.0, "max_tokens": 24, **options}
    provider = get_provider("openai:tiny", **options)
    assert isinstance(provider, OpenAIProvider)
    return provider


# --- openai provider against llama_cpp.server --------------------------------------------------------

def test_openai_streams_a_reply_through_the_pipeline(llama_server: LlamaServer) -> None:
    companion, conn = met_companion(openai_for(llama_server))
    chunks: list[str] = []
    reply = companion.reply("The sea was calm today", on_chunk=chunks.append)
    assert len(chunks) > 1  # streamed, not one block
    assert reply.note is None, reply.note
    assert reply.text == "".join(chunks).strip()
    assert stored_reply(conn, reply.turn_id)["text"] == reply.text


def test_openai_max_tokens_cuts_the_reply(llama_server: LlamaServer) -> None:
    request = _request()
    text = "".join(openai_for(llama_server, max_tokens=5).stream(request, CancelToken()))
    assert text.endswith("…") and request.context["reply_cut"] is True


def test_openai_cancel_mid_stream_stores_an_interrupted_turn(llama_server: LlamaServer) -> None:
    companion, conn = met_companion(openai_for(llama_server, max_tokens=400))
    cancel = CancelToken()
    seen: list[str] = []

    def on_chunk(chunk: str) -> None:
        seen.append(chunk)
        if len(seen) == 3:
            cancel.cancel()

    started = time.monotonic()
    reply = companion.reply("Tell me a long story", on_chunk=on_chunk, cancel=cancel)
    assert reply.interrupted and reply.text.endswith("…")
    assert len(seen) == 3
    assert time.monotonic() - started < 10  # 400 tokens would take far longer than a cancelled stream
    assert json.loads(stored_reply(conn, reply.turn_id)["meta"])["interrupted"] is True


def test_openai_wrong_base_url_says_how_to_fix_it(llama_server: LlamaServer) -> None:
    provider = openai_for(llama_server, base_url=llama_server.base_url.removesuffix("/v1") + "/api")
    with pytest.raises(ProviderUnavailable, match="404") as caught:
        list(provider.stream(_request(), CancelToken()))
    assert "/v1" in (caught.value.hint or "")


def test_openai_server_down_falls_back_to_builtin_with_a_note() -> None:
    provider = get_provider("openai:tiny", base_url=f"http://127.0.0.1:{free_port()}/v1", retries=1)
    companion, _ = met_companion(provider)
    reply = companion.reply("Are you there?")
    assert reply.text and reply.note and "Cannot reach the OpenAI-compatible server" in reply.note


def test_openai_401_without_key_and_works_with_stored_key(tiny_model: Path) -> None:
    from os1.secrets import file_mode, set_secret

    server = start_server(tiny_model, "--api_key", "s3cret-test-key")
    try:
        provider = openai_for(server)
        with pytest.raises(ProviderError, match="401") as caught:
            list(provider.stream(_request(), CancelToken()))
        assert "os1 model set" in (caught.value.hint or "")
        set_secret("openai", "wrong-key-123")
        with pytest.raises(ProviderError, match="401") as caught:
            list(openai_for(server).stream(_request(), CancelToken()))
        assert "wrong-key-123" not in str(caught.value)
        set_secret("openai", "s3cret-test-key")
        assert file_mode() == 0o600
        assert "".join(openai_for(server).stream(_request(), CancelToken())).strip()
    finally:
        server.stop()


def test_openai_prompt_larger_than_the_server_context_says_so(llama_server: LlamaServer) -> None:
    # The tiny model spends about one token per character, so this 2,000-token prompt (by OS1's chars/4
    # estimate) overflows the server's 2,048-token window; llama.cpp then ends the stream silently.
    request = _request(history_turns=80)
    with pytest.raises(ProviderError, match="without an answer") as caught:
        list(openai_for(llama_server).stream(request, CancelToken()))
    assert "context_tokens" in (caught.value.hint or "")


def test_openai_server_killed_mid_stream_keeps_the_shown_part(tiny_model: Path) -> None:
    server = start_server(tiny_model)
    try:
        companion, conn = met_companion(openai_for(server, max_tokens=1500))
        seen: list[str] = []

        def on_chunk(chunk: str) -> None:
            seen.append(chunk)
            if len(seen) == 3:
                os.kill(server.process.pid, signal.SIGKILL)

        reply = companion.reply("Keep talking", on_chunk=on_chunk)
    finally:
        server.stop()
    assert len(seen) >= 3
    assert reply.interrupted and reply.text.endswith("…")
    assert reply.note and "stopped in the middle" in reply.note
    assert json.loads(stored_reply(conn, reply.turn_id)["meta"])["interrupted"] is True


# --- llamacpp in-process -------------------------------------------------------------------------------

def llamacpp_for(model: Path, **options: Any) -> LlamaCppProvider:
    provider = get_provider(f"llamacpp:{model}", **{"temperature": 0.0, "max_tokens": 24, **options})
    assert isinstance(provider, LlamaCppProvider)
    return provider


def test_llamacpp_streams_through_the_pipeline(tiny_model: Path) -> None:
    companion, conn = met_companion(llamacpp_for(tiny_model))
    chunks: list[str] = []
    reply = companion.reply("Hello there", on_chunk=chunks.append)
    assert len(chunks) > 1 and reply.note is None, reply.note
    assert stored_reply(conn, reply.turn_id)["text"] == reply.text


def test_llamacpp_counts_the_prompt_with_its_own_tokenizer(tiny_model: Path) -> None:
    provider = llamacpp_for(tiny_model, context_tokens=2048, max_tokens=100)
    request = _request(history_turns=40)
    list(provider.stream(request, CancelToken()))
    count = provider.count_tokens()
    assert count is not None
    assert count("hello the sea") == len(provider.llama().tokenize(b"hello the sea", add_bos=False))
    assert count("hello the sea") != (len("hello the sea") + 3) // 4  # not the chars/4 estimate
    assert request.context["prompt_dropped"]["history"] > 0
    assert request.context["prompt_tokens"] <= (2048 - 100) * 0.9


def test_llamacpp_cancel_stops_generation(tiny_model: Path) -> None:
    provider = llamacpp_for(tiny_model, max_tokens=1000)
    cancel = CancelToken()
    out: list[str] = []
    for chunk in provider.stream(_request(), cancel):
        out.append(chunk)
        if len(out) == 2:
            cancel.cancel()
    assert len(out) == 2


def test_llamacpp_missing_file_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(ProviderUnavailable, match="no model file"):
        list(llamacpp_for(tmp_path / "nope.gguf").stream(_request(), CancelToken()))


def test_llamacpp_not_installed_gives_the_install_line(tiny_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Simulates a machine without llama-cpp-python (this one has it): the import then fails.
    import os1.providers.llamacpp as module

    monkeypatch.setattr(module, "_loaded", {})
    monkeypatch.setitem(sys.modules, "llama_cpp", None)
    with pytest.raises(ProviderUnavailable) as caught:
        list(llamacpp_for(tiny_model).stream(_request(), CancelToken()))
    assert 'pip install "os1[llamacpp]"' in (caught.value.hint or "")


def _request(history_turns: int = 0) -> ReplyRequest:
    from datetime import UTC, datetime, timedelta

    from os1.store.conversation import Turn
    from os1.store.person import Person
    from os1.store.persona import Persona

    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    history = [
        Turn(id=f"t{n}", session_id=1, ts=now - timedelta(minutes=100 - n), speaker="Theo",
             role="person" if n % 2 == 0 else "companion", text=f"turn {n}: " + "words about the day " * 5)
        for n in range(history_turns)
    ]
    return ReplyRequest(message="Hello", persona=Persona(name="Sam"), person=Person(name="Theo"),
                        history=history, now=now, session_id=1)
