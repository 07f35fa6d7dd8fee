"""Conversation over the network: streamed turns, the chat WebSocket, and speech sentence by sentence.

`stream_turn()` runs one `Companion.reply` on the person's worker thread and yields its chunks as they
are produced. `ChatSocket` is one browser tab (or script) on `/api/chat/ws`; the frames it speaks are
documented in docs/web.md. A spoken reply is split into sentences while it streams, and each sentence
is synthesised and sent as soon as it is complete, so the first words play while the rest is still
being written. New speech (a recording, or an "interrupt" frame) cancels the reply in progress and
drops the audio not yet sent.
What this module leaves out: authentication (os1.web.security), the rest of the API (os1.web.api).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

from starlette.websockets import WebSocket, WebSocketDisconnect

from os1.companion import Reply
from os1.errors import OS1Error
from os1.providers.base import CancelToken
from os1.web.runtime import PersonRuntime
from os1.web.state import ServerState

DELIVERY_CHECK_SECONDS = 20.0  # how often an open page asks the scheduler what is due

log = logging.getLogger("os1.web")

MAX_TEXT_CHARS = 100_000  # a message longer than this is refused (the terminal stores it; a page should not send it)


async def stream_turn(
    runtime: PersonRuntime, text: str, *, cancel: CancelToken, meta: dict[str, Any] | None = None
) -> AsyncIterator[tuple[str, Any]]:
    """Yield ("chunk", str) for each piece of the reply, then ("done", Reply). Errors propagate."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()

    def on_chunk(chunk: str) -> None:  # called on the worker thread
        loop.call_soon_threadsafe(queue.put_nowait, ("chunk", chunk))

    def work() -> Reply:
        return runtime.companion.reply(text, on_chunk=on_chunk, cancel=cancel, meta=meta or {"source": "web"})

    future = asyncio.ensure_future(runtime.call(work))
    # The completion arrives after every chunk (both go through the loop's call queue in order).
    future.add_done_callback(lambda _f: queue.put_nowait(("end", None)))
    try:
        while True:
            kind, value = await queue.get()
            if kind == "end":
                break
            yield kind, value
    finally:
        if not future.done():
            cancel.cancel()
    yield "done", future.result()


def reply_record(reply: Reply, companion: str, mood: str) -> dict[str, Any]:
    return {
        "text": reply.text, "turn_id": reply.turn_id, "reply_to": reply.reply_to, "kind": reply.kind,
        "interrupted": reply.interrupted, "note": reply.note, "companion": companion, "mood": mood,
    }


def voice_engine(runtime: PersonRuntime) -> str:
    """The person's voice setting: auto | piper | espeak | off."""
    engine = str((runtime.config().get("voice") or {}).get("engine") or "auto")
    return engine if engine in ("auto", "piper", "espeak", "off") else "auto"


class ChatSocket:
    """One open chat WebSocket."""

    def __init__(self, ws: WebSocket, state: ServerState, runtime: PersonRuntime) -> None:
        self.ws = ws
        self.state = state
        self.runtime = runtime
        self._send_lock = asyncio.Lock()
        self._jobs: asyncio.Queue[tuple[str, Any] | None] = asyncio.Queue()
        self._current: CancelToken | None = None
        self._speech_epoch = 0  # bumped on barge-in: audio of older replies is dropped
        self.closed = False

    # --- sending -------------------------------------------------------------------------------

    async def send(self, message: dict[str, Any]) -> None:
        if self.closed:
            return
        async with self._send_lock:
            try:
                await self.ws.send_text(json.dumps(message, ensure_ascii=False))
            except (RuntimeError, WebSocketDisconnect, OSError):
                self.closed = True

    async def send_audio(self, header: dict[str, Any], audio: bytes) -> None:
        """A JSON header then the WAV bytes, together (nothing else may come between them)."""
        if self.closed:
            return
        async with self._send_lock:
            try:
                await self.ws.send_text(json.dumps(header, ensure_ascii=False))
                await self.ws.send_bytes(audio)
            except (RuntimeError, WebSocketDisconnect, OSError):
                self.closed = True

    async def broadcast(self, message: dict[str, Any]) -> None:
        """Tell the person's other tabs (a finished turn, the opening)."""
        for other in list(self.runtime.sockets):
            if other is not self:
                await other.send(message)

    # --- the connection ------------------------------------------------------------------------

    async def run(self) -> None:
        await self.ws.accept()
        self.runtime.sockets.add(self)
        worker = asyncio.create_task(self._work())
        deliveries = asyncio.create_task(self._deliveries())
        try:
            companion = self.runtime.companion
            name, mood = await self.runtime.call(lambda: (companion.name, companion.mood()))
            await self.send({"type": "ready", "companion": name, "mood": mood, "person": self.runtime.person})
            while not self.closed:
                message = await self.ws.receive()
                if message["type"] == "websocket.disconnect":
                    break
                if message.get("bytes") is not None:
                    self.interrupt()
                    await self._jobs.put(("voice", message["bytes"]))
                elif message.get("text") is not None:
                    await self._text_frame(message["text"])
        except WebSocketDisconnect:
            pass
        finally:
            self.closed = True
            self.interrupt()
            self.runtime.sockets.discard(self)
            await self._jobs.put(None)
            worker.cancel()
            deliveries.cancel()

    def interrupt(self) -> None:
        """Barge-in: stop the reply being written and the speech not yet sent."""
        self._speech_epoch += 1
        if self._current is not None:
            self._current.cancel()

    async def _text_frame(self, raw: str) -> None:
        try:
            frame = json.loads(raw)
        except ValueError:
            await self.send({"type": "error", "message": "That frame is not JSON.",
                             "hint": 'Send {"type": "message", "text": "..."}.'})
            return
        if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
            await self.send({"type": "error", "message": "A frame must be a JSON object with a \"type\".",
                             "hint": 'Send {"type": "message", "text": "..."}.'})
            return
        kind = frame["type"]
        if kind == "ping":
            await self.send({"type": "pong"})
        elif kind in ("interrupt", "cancel"):
            self.interrupt()
        elif kind == "hello":
            await self._jobs.put(("hello", None))
        elif kind == "message":
            text = frame.get("text")
            if not isinstance(text, str) or not text.strip():
                await self.send({"type": "error", "id": frame.get("id"), "message": "The message has no text.",
                                 "hint": 'Put the words in "text".'})
                return
            if len(text) > MAX_TEXT_CHARS:
                await self.send({"type": "error", "id": frame.get("id"),
                                 "message": f"The message is too long (at most {MAX_TEXT_CHARS:,} characters).",
                                 "hint": "Send it in parts."})
                return
            await self._jobs.put(("message", {"text": text.strip(), "speak": bool(frame.get("speak")),
                                              "id": str(frame.get("id") or "")[:64]}))
        else:
            await self.send({"type": "error", "message": f"Unknown frame type '{kind[:40]}'.",
                             "hint": "Known types: hello, message, interrupt, ping (and binary audio)."})

    async def _work(self) -> None:
        """Handle frames one at a time, in order (the reply to one message before the next)."""
        while True:
            job = await self._jobs.get()
            if job is None:
                return
            kind, value = job
            try:
                if kind == "hello":
                    await self._hello()
                elif kind == "message":
                    await self._turn(value["text"], speak=value["speak"], client_id=value["id"], via="text")
                elif kind == "voice":
                    await self._voice(value)
            except OS1Error as exc:
                await self.send({"type": "error", "message": exc.message, "hint": exc.hint})
            except Exception:  # a bug must not close everyone's conversation; it is logged for a report
                log.exception("chat frame failed")
                await self.send({"type": "error", "message": "Something went wrong inside OS1. Your words are safe.",
                                 "hint": "Run `os1 serve` with OS1_DEBUG=1 to see the details."})

    async def _deliveries(self) -> None:
        """Say in the open page what the scheduler has due (reminders, follow-ups, nudges), every tab."""
        companion = self.runtime.companion
        while not self.closed:
            await asyncio.sleep(DELIVERY_CHECK_SECONDS)
            try:
                texts = await self.runtime.call(companion.deliver_due)
            except OS1Error:
                continue  # e.g. the database was busy: the next tick tries again, nothing is lost
            for text in texts:
                record = {"type": "notice", "text": text}
                await self.send(record)
                await self.broadcast(record)

    async def _hello(self) -> None:
        if self.runtime.opened:
            return
        self.runtime.opened = True
        companion = self.runtime.companion
        reply, mood = await self.runtime.call(lambda: (companion.opening(), companion.mood()))
        record = {"type": "opening", **reply_record(reply, companion.name, mood)}
        await self.send(record)
        await self.broadcast(record)

    async def _voice(self, audio: bytes) -> None:
        from os1.voice.stt import transcribe

        await self.send({"type": "heard", "bytes": len(audio)})
        text = await self.state.voice(transcribe, audio)
        await self.send({"type": "transcript", "text": text})
        if not text.strip():
            await self.send({"type": "error", "message": "I didn't catch any words.",
                             "hint": "Try again, a little closer to the microphone."})
            return
        await self._turn(text, speak=voice_engine(self.runtime) != "off", client_id="", via="voice")

    async def _turn(self, text: str, *, speak: bool, client_id: str, via: str) -> None:
        cancel = CancelToken()
        self._current = cancel
        speech = _Speech(self, voice_engine(self.runtime)) if speak else None
        await self.send({"type": "start", "id": client_id, "text": text, "via": via})
        reply: Reply | None = None
        try:
            async for kind, value in stream_turn(self.runtime, text, cancel=cancel,
                                                 meta={"source": "web", "via": via}):
                if kind == "chunk":
                    await self.send({"type": "chunk", "id": client_id, "text": value})
                    if speech:
                        speech.feed(value)
                else:
                    reply = value
        except BaseException:
            if speech:
                speech.sender.cancel()
            raise
        finally:
            if self._current is cancel:
                self._current = None
        assert reply is not None
        if speech:
            speech.flush()
        companion = self.runtime.companion
        mood = await self.runtime.call(companion.mood)
        record = reply_record(reply, companion.name, mood)
        await self.send({"type": "done", "id": client_id, **record})
        await self.broadcast({"type": "turn", "person_text": text, **record})
        if speech:
            await speech.finish()


class _Speech:
    """Sentences of one reply in, WAV frames out, in order; dropped after a barge-in."""

    def __init__(self, socket: ChatSocket, engine: str) -> None:
        from os1.voice.sentences import SentenceStream

        self.socket = socket
        self.engine = engine
        self.epoch = socket._speech_epoch
        self.sentences = SentenceStream()
        self.pending: asyncio.Queue[tuple[str, asyncio.Future[Any]] | None] = asyncio.Queue()
        self.seq = 0
        self.sender = asyncio.create_task(self._send_in_order())

    def _say(self, sentence: str) -> None:
        from os1.voice.tts import speak

        loop = asyncio.get_running_loop()
        engine: Any = self.engine  # one of tts.ENGINES: voice_engine() only returns those (or "off", never spoken)
        future = loop.run_in_executor(self.socket.state.voice_executor, speak, sentence, engine)
        self.pending.put_nowait((sentence, future))

    def feed(self, chunk: str) -> None:
        for sentence in self.sentences.feed(chunk):
            self._say(sentence)

    def flush(self) -> None:
        for sentence in self.sentences.flush():
            self._say(sentence)
        self.pending.put_nowait(None)

    async def finish(self) -> None:
        await self.sender

    async def _send_in_order(self) -> None:
        while True:
            item = await self.pending.get()
            if item is None:
                await self.socket.send({"type": "audio_end"})
                return
            sentence, future = item
            if self.socket._speech_epoch != self.epoch:
                future.cancel()
                continue
            try:
                audio = await future
            except OS1Error as exc:
                await self.socket.send({"type": "error", "message": exc.message, "hint": exc.hint})
                continue
            if self.socket._speech_epoch != self.epoch:
                continue
            await self.socket.send_audio(
                {"type": "audio", "seq": self.seq, "text": sentence, "bytes": len(audio), "mime": "audio/wav"}, audio)
            self.seq += 1
