"""Provider benchmarks.

1. Prompt assembly with 100k memories stored (target <= 30 ms): a real store holding 100,000 turns; each
   run gathers the request the turn pipeline would (recent conversation from the store) and builds the
   prompt from it plus a retrieved context (10 memories, facts, threads, feelings, outside text). The
   retrieval itself belongs to os1.memory and is not on this branch: it is measured there.
   Counted with the chars/4 estimate and with a real llama.cpp tokenizer (the tiny test model).
2. Time to first token through OS1 minus directly (target <= 20 ms): one llama_cpp.server on 127.0.0.1
   serving the tiny random GGUF model; the same messages and tools are sent by OS1's `openai` provider
   (prompt building, request, SSE parsing) and by a bare httpx streaming request, interleaved, in one
   run. Also reported: the turn pipeline's own work before the provider is called (Companion.reply up to
   the first byte sent), which other layers (people, reminders) add.

Run: .venv/bin/python bench/providers.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _stats(label: str, times: list[float], target: str) -> None:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    print(f"{label:58} median {statistics.median(ms):7.2f} ms  p95 {p95:7.2f} ms  (n={len(ms)}; target {target})")


def _fill_store(conn: Any, count: int) -> None:
    from os1.clock import to_iso
    from os1.store.conversation import start_session

    session = start_session(conn, provider="bench")
    start = datetime(2024, 1, 1, tzinfo=UTC)
    rows = (
        (f"b{n:07d}", session, to_iso(start + timedelta(minutes=7 * n)), "Theodore" if n % 2 == 0 else "Samantha",
         "person" if n % 2 == 0 else "companion", f"memory {n}: we talked about the sea, my sister and work", "{}")
        for n in range(count)
    )
    with conn:
        conn.executemany("INSERT INTO turns (id, session_id, ts, speaker, role, text, meta) VALUES (?,?,?,?,?,?,?)",
                         rows)
    _index_synthetic(conn, count)


def _index_synthetic(conn: Any, count: int) -> None:
    """Give the stored turns vectors and an index, as a home that has lived with OS1 has: embedding 100k
    texts for real would take minutes, so each gets the real embedding of its text plus a little noise
    (as bench/memory_scale.py does), and the memory search inside prompt assembly runs on a real index."""
    import numpy as np

    from os1.memory.vectors import quantize, store_vectors, vector_index
    from os1.nlp.embeddings import get_embedder
    from os1.store.db import transaction

    base = get_embedder().encode(["memory: we talked about the sea, my sister and work"])[0]
    rng = np.random.default_rng(11)
    for start in range(0, count, 10_000):
        ids = range(start, min(count, start + 10_000))
        vectors = base + rng.normal(0, 0.05, size=(len(ids), base.shape[0])).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        packed = quantize(vectors)
        with transaction(conn):
            store_vectors(conn, ((f"b{n:07d}", packed[i].tobytes()) for i, n in enumerate(ids)))
    vector_index(conn).save(conn)


def bench_assembly(runs: int, model: Path | None) -> None:
    from os1.companion import Companion
    from os1.providers.prompt import build_prompt, estimate_tokens
    from os1.store import open_store
    from os1.store.conversation import add_turn
    from os1.store.persona import Persona, save_persona
    from tests.prompt_fixture import fixed_request

    conn = open_store()
    save_persona(conn, Persona(name="Samantha", why="I liked the sound of it."), "bench")
    _fill_store(conn, 100_000)
    companion = Companion(conn)
    turn = add_turn(conn, companion.session_id, "person", "Theodore", "She wrote back! Should I call her?")
    stored = conn.execute("SELECT count(*) FROM turns").fetchone()[0]
    retrieved = fixed_request().context
    retrieved["memories"] = [
        {"id": r[0], "text": r[1], "ts": r[2], "speaker": "Theodore", "role": "person", "score": 0.5}
        for r in conn.execute("SELECT id, text, ts FROM turns WHERE role = 'person' ORDER BY random() LIMIT 10")
    ]
    counters: list[tuple[str, Callable[[str], int]]] = [("chars/4 estimate", estimate_tokens)]
    if model is not None:
        from os1.providers.llamacpp import load_model

        llama = load_model(model, 4096)
        counters.append(("llama.cpp tokenizer",
                         lambda text: len(llama.tokenize(text.encode("utf-8"), add_bos=False, special=False))))
    for _ in range(3):  # warm up: the first turn loads the mind's models and the memory index
        companion._request(turn)
    for name, counter in counters:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            request = companion._request(turn)  # recent conversation from the 100k-turn store
            request.context.update(retrieved)
            build_prompt(request, budget_tokens=7000, count_tokens=counter)
            times.append(time.perf_counter() - started)
        _stats(f"prompt assembly, {stored:,} turns stored, {name}", times, "<= 30 ms")
    conn.close()


def bench_first_token(runs: int, model: Path) -> None:
    import httpx

    from os1.providers.base import CancelToken
    from os1.providers.openai_compat import OpenAIProvider
    from os1.providers.prompt import build_prompt
    from os1.providers.tools import Toolbox
    from tests.prompt_fixture import fixed_request
    from tests.test_providers_llamacpp import start_server

    server = start_server(model, n_ctx=8192)  # the tiny model spends ~1 token per character
    try:
        provider = OpenAIProvider("tiny", base_url=server.base_url, max_tokens=8, temperature=0.0)
        provider.toolbox = Toolbox()
        request = fixed_request()
        budget = max(int((provider.context_tokens - provider.max_tokens) * 0.9), 256)
        payload = {"model": "tiny", "messages": build_prompt(request, budget_tokens=budget).messages,
                   "stream": True, "max_tokens": 8, "temperature": 0.0, "tools": provider.toolbox.schemas()}

        def through_os1() -> float:
            started = time.perf_counter()
            for _chunk in provider.stream(fixed_request(), CancelToken()):
                return time.perf_counter() - started
            raise RuntimeError("no token")

        def direct(client: httpx.Client) -> float:
            started = time.perf_counter()
            with client.stream("POST", f"{server.base_url}/chat/completions", json=payload) as response:
                for line in response.iter_lines():
                    if '"content"' in line:
                        return time.perf_counter() - started
            raise RuntimeError("no token")

        with httpx.Client(timeout=60) as client:
            for _ in range(3):  # warm the server (and its prompt cache) both ways
                through_os1()
                direct(client)
            os1_times, direct_times, differences = [], [], []
            for _ in range(runs):
                a = through_os1()
                b = direct(client)
                os1_times.append(a)
                direct_times.append(b)
                differences.append(a - b)
        _stats("time to first token, direct (httpx) to llama_cpp.server", direct_times, "-")
        _stats("time to first token, through OS1's openai provider", os1_times, "-")
        _stats("overhead: through OS1 minus direct (paired)", differences, "<= 20 ms")
        bench_pipeline_before_provider(runs, provider)
    finally:
        server.stop()


def bench_pipeline_before_provider(runs: int, provider: Any) -> None:
    """Companion.reply up to the moment the provider sends its request (the other layers' share)."""
    from os1.companion import Companion
    from os1.providers.openai_compat import OpenAIProvider
    from os1.store import open_store

    marks: list[float] = []

    class Timed(OpenAIProvider):
        def chat(self, messages: Any, tools: Any, cancel: Any) -> Any:
            marks.append(time.perf_counter())
            return super().chat(messages, tools, cancel)

    timed = Timed("tiny", base_url=provider.base_url, max_tokens=4, temperature=0.0)
    conn = open_store()
    companion = Companion(conn, timed)
    for line in ("Theodore", "Teddy is fine", "I like it"):
        companion.reply(line)
    times = []
    for n in range(runs):
        started = time.perf_counter()
        companion.reply(f"I walked by the sea today, number {n}")
        times.append(marks[-1] - started)
    _stats("turn pipeline before the provider's request (other layers)", times, "-")
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as home:
        os.environ["OS1_HOME"] = home
        model: Path | None = None
        try:
            import llama_cpp  # noqa: F401

            from tests.tiny_gguf import write_tiny_llama

            model = write_tiny_llama(Path(home) / "tiny.gguf")
        except ImportError:
            print("llama-cpp-python is not installed: the tokenizer and first-token benchmarks are skipped.")
        bench_assembly(runs, model)
        if model is not None:
            bench_first_token(runs, model)


if __name__ == "__main__":
    main()
