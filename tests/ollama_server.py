"""A small HTTP server on 127.0.0.1 that speaks Ollama's documented API, for the Ollama provider's tests.

No Ollama binary can be installed on this machine (it is not in Debian or PyPI, and nothing can be
downloaded), so this stands in for it. It follows https://github.com/ollama/ollama/blob/main/docs/api.md:
GET /api/tags lists models; a model without tool support answers a request with `tools` with a 400;
POST /api/chat streams NDJSON objects
`{"model", "created_at", "message": {"role": "assistant", "content", "tool_calls"?}, "done": false}` and
ends with `{"done": true, "done_reason": "stop" | "length", ...}`; an unknown model is a 404 with
`{"error": "model \"NAME\" not found, try pulling it first"}`.

Without a script it answers like a (very simple) model: it echoes the last user message word by word
and honours `options.num_predict`. Tests queue scripted replies (`server.script.append([...])`) to play
the bad cases a real model or server produces: tool calls, malformed tool arguments, empty replies,
replies that never end, broken UTF-8, a dropped connection. Every request body is kept in `requests`.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# Scripted events: {"text": str} | {"tool": name, "arguments": obj-or-str} | {"raw": bytes} (a raw
# line) | {"sleep": seconds} | {"drop": True} (close without finishing) | {"forever": True} (stream
# words until the client hangs up) | {"done": reason}
Event = dict[str, Any]


@dataclass
class FakeOllama:
    models: list[str] = field(default_factory=lambda: ["llama3.1:latest", "tiny:latest", "notools:latest"])
    script: list[list[Event]] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    disconnects: int = 0
    server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> FakeOllama:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                if self.path == "/api/tags":
                    body = {"models": [{"name": m, "model": m, "size": 1000} for m in fake.models]}
                    self._json(200, body)
                else:
                    self._json(404, {"error": "not found"})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                request = json.loads(self.rfile.read(length))
                if self.path != "/api/chat":
                    self._json(404, {"error": "404 page not found"})
                    return
                fake.requests.append(request)
                if not any(request.get("model") in (m, m.split(":")[0]) for m in fake.models):
                    self._json(404, {"error": f"model \"{request.get('model')}\" not found, try pulling it first"})
                    return
                if request.get("tools") and request["model"].startswith("notools"):  # as Ollama answers
                    self._json(400, {"error": f"registry.ollama.ai/library/{request['model']} does not support tools"})
                    return
                events = fake.script.pop(0) if fake.script else list(_echo(request))
                self.send_response(200)
                self.send_header("Content-Type", "application/x-ndjson")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                try:
                    self._play(request, events)
                except (BrokenPipeError, ConnectionResetError):
                    fake.disconnects += 1

            def _play(self, request: dict[str, Any], events: list[Event]) -> None:
                model = request["model"]
                for event in events:
                    if "sleep" in event:
                        time.sleep(event["sleep"])
                    elif "drop" in event:
                        self.wfile.flush()
                        self.close_connection = True
                        self.connection.shutdown(2)
                        return
                    elif "raw" in event:
                        self._chunk(event["raw"] + b"\n")
                    elif "forever" in event:
                        for n in range(1_000_000):
                            self._chunk(_line(model, {"role": "assistant", "content": f"and {n} "}))
                            time.sleep(0.001)
                    elif "done" in event:
                        self._chunk(_line(model, {"role": "assistant", "content": ""}, done=event["done"]))
                    elif "tool" in event:
                        call = {"function": {"name": event["tool"], "arguments": event["arguments"]}}
                        self._chunk(_line(model, {"role": "assistant", "content": "", "tool_calls": [call]}))
                    else:
                        self._chunk(_line(model, {"role": "assistant", "content": event["text"]}))
                self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()

            def _chunk(self, data: bytes) -> None:
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                self.wfile.flush()

            def _json(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up (a cancelled stream, a closed keep-alive connection) is normal here.
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, OSError)):
            super().handle_error(request, client_address)


def _line(model: str, message: dict[str, Any], done: str | None = None) -> bytes:
    body: dict[str, Any] = {
        "model": model, "created_at": datetime.now(UTC).isoformat(), "message": message, "done": done is not None,
    }
    if done is not None:
        body.update({"done_reason": done, "total_duration": 1000, "eval_count": 3})
    return json.dumps(body).encode() + b"\n"


def _echo(request: dict[str, Any]) -> Iterator[Event]:
    """The default 'model': repeat the last user message, word by word, within num_predict words."""
    last = next((m["content"] for m in reversed(request["messages"]) if m["role"] == "user"), "")
    words = f"You said: {last}".split()
    limit = int(request.get("options", {}).get("num_predict", 10_000))
    for word in words[:limit]:
        yield {"text": word + " "}
    yield {"done": "length" if len(words) > limit else "stop"}
