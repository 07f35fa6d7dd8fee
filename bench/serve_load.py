"""`os1 serve` under load, and the voice's first-audio latency, over loopback with the built-in mind.

1. Chat load: N concurrent chat sessions (WebSockets, like browser tabs of one person) for D seconds.
   Each session sends a message, waits for the whole streamed reply, pauses for a think time drawn
   uniformly from [0, 2 × THINK] seconds, and repeats; the sessions' first messages are spread over one
   such pause (with --think 0 they all start at once). Reports reply latency (send -> "done") and
   first-chunk latency percentiles, throughput and errors. Targets: p95 reply <= 500 ms, 0 errors.
   With one person every reply is answered in turn by one companion, so this is the worst case.
2. Voice: a recording of a spoken sentence (piper) is sent over the WebSocket the way the page sends
   it when the person stops speaking; first audio = time until the first WAV frame of the spoken reply
   arrives (target <= 1.5 s). Measured with no chat load.

Run: PYTHONPATH=. .venv/bin/python bench/serve_load.py [--sessions 50] [--duration 60] [--think 1.0]
Machine noise matters: the load generator shares the CPU with the server; the load average is printed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.conftest import MEETING
from tests.web_server import TOKEN, running_server

LINES = [
    "I had a long day at work and I'm tired.",
    "My sister called me this evening, it was lovely.",
    "I'm a bit nervous about the interview tomorrow.",
    "We went for a walk by the sea this morning.",
    "I can't decide whether to call my old roommate.",
    "Dinner with friends was fun, we laughed a lot.",
    "Sometimes I feel like nobody really listens.",
    "I finished the book you asked about.",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


async def session(url: str, stop_at: float, think: float, seed: int, stats: dict[str, list]) -> None:
    from websockets.asyncio.client import connect

    rng = random.Random(seed)
    try:
        async with connect(url, additional_headers={"Authorization": f"Bearer {TOKEN}"}, max_size=None,
                           open_timeout=60) as conn:
            json.loads(await conn.recv())  # ready
            if think > 0:  # people do not all press Enter at the same instant: start spread over one pause
                await asyncio.sleep(rng.uniform(0, 2 * think))
            counter = 0
            while time.monotonic() < stop_at:
                counter += 1
                ident = f"s{seed}-{counter}"
                started = time.perf_counter()
                await conn.send(json.dumps({"type": "message", "text": rng.choice(LINES), "id": ident}))
                first = None
                while True:
                    frame = json.loads(await asyncio.wait_for(conn.recv(), timeout=60))
                    if frame.get("type") == "chunk" and frame.get("id") == ident and first is None:
                        first = time.perf_counter() - started
                    elif frame.get("type") == "done" and frame.get("id") == ident:
                        stats["reply"].append(time.perf_counter() - started)
                        stats["first"].append(first if first is not None else time.perf_counter() - started)
                        break
                    elif frame.get("type") == "error":
                        stats["errors"].append(frame.get("message"))
                        break
                if think > 0:
                    await asyncio.sleep(rng.uniform(0, 2 * think))
    except Exception as exc:  # a dropped session is an error, counted, not a crash of the benchmark
        stats["errors"].append(f"{type(exc).__name__}: {exc}")


async def chat_load(port: int, sessions: int, duration: float, think: float) -> dict[str, list]:
    stats: dict[str, list] = {"reply": [], "first": [], "errors": []}
    url = f"ws://127.0.0.1:{port}/api/chat/ws"
    stop_at = time.monotonic() + duration
    await asyncio.gather(*(session(url, stop_at, think, seed, stats) for seed in range(sessions)))
    return stats


async def first_audio(port: int, recording: bytes, runs: int) -> tuple[list[float], list[float]]:
    from websockets.asyncio.client import connect

    firsts, transcribed = [], []
    async with connect(f"ws://127.0.0.1:{port}/api/chat/ws", additional_headers={"Authorization": f"Bearer {TOKEN}"},
                       max_size=None) as conn:
        json.loads(await conn.recv())
        for _ in range(runs + 1):  # the first run warms the models up and is not counted
            started = time.perf_counter()
            await conn.send(recording)
            first = heard = None
            while True:
                raw = await asyncio.wait_for(conn.recv(), timeout=120)
                if isinstance(raw, bytes):
                    first = first or time.perf_counter() - started
                    continue
                frame = json.loads(raw)
                if frame["type"] == "transcript":
                    heard = time.perf_counter() - started
                if frame["type"] in ("audio_end", "error"):
                    break
            if first is not None and heard is not None:
                firsts.append(first)
                transcribed.append(heard)
        return firsts[1:], transcribed[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between a reply and the next message")
    parser.add_argument("--voice-runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp, running_server(Path(tmp) / "home") as srv:
        import httpx

        with httpx.Client(base_url=srv.url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60) as client:
            for line in MEETING.splitlines():
                client.post("/api/chat", json={"text": line}).raise_for_status()
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        stats = asyncio.run(chat_load(srv.port, args.sessions, args.duration, args.think))
        elapsed = time.perf_counter() - started
        replies, firsts, errors = stats["reply"], stats["first"], stats["errors"]
        print(f"chat: {args.sessions} sessions, {args.duration:.0f} s, think {args.think} s mean "
              f"(load average before {load_before:.2f}, after {os.getloadavg()[0]:.2f})")
        print(f"  replies {len(replies)} ({len(replies) / elapsed:.1f}/s), errors {len(errors)}")
        if replies:
            print(f"  reply latency  p50 {1000 * statistics.median(replies):.0f} ms  p95 "
                  f"{1000 * percentile(replies, 95):.0f} ms  p99 {1000 * percentile(replies, 99):.0f} ms  "
                  f"max {1000 * max(replies):.0f} ms   (target p95 <= 500 ms)")
            print(f"  first chunk    p50 {1000 * statistics.median(firsts):.0f} ms  p95 "
                  f"{1000 * percentile(firsts, 95):.0f} ms")
        for message in sorted(set(map(str, errors)))[:5]:
            print(f"  error: {message}")

        try:
            from os1.voice.tts import speak

            recording = speak("I had a really good day today, I went hiking with my brother.")
        except Exception as exc:
            print(f"voice: skipped ({exc})")
            return
        time.sleep(2)  # let the server settle after the load
        firsts_audio, heard = asyncio.run(first_audio(srv.port, recording, args.voice_runs))
        if firsts_audio:
            print(f"voice: {len(firsts_audio)} spoken turns (4 s recording), no chat load")
            print(f"  transcript     median {1000 * statistics.median(heard):.0f} ms  max {1000 * max(heard):.0f} ms")
            print(f"  first audio    median {1000 * statistics.median(firsts_audio):.0f} ms  max "
                  f"{1000 * max(firsts_audio):.0f} ms   (target <= 1500 ms)")


if __name__ == "__main__":
    main()
