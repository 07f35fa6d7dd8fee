"""`ollama`: a local Ollama server through its native API (POST /api/chat, streamed NDJSON; GET /api/tags).

Config: `providers.ollama.base_url` (default http://127.0.0.1:11434). Ollama's own API is used rather
than its OpenAI-compatible one because it reports a missing model by name and accepts `num_ctx`, so the
prompt budget and the server's context window agree.
What this module leaves out: the prompt and the tool loop (os1.providers.llm).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from os1.errors import ProviderError
from os1.providers.base import CancelToken
from os1.providers.http import Endpoint, HttpSettings, stream_lines
from os1.providers.llm import Event, Finish, LanguageModelProvider
from os1.providers.tools import ToolCall

DEFAULT_BASE_URL = "http://127.0.0.1:11434"


class OllamaProvider(LanguageModelProvider):
    """A local Ollama server (native API), e.g. ollama:llama3.1."""
    name = "ollama"

    def default_model(self) -> str | None:
        return "llama3.1"

    @property
    def base_url(self) -> str:
        return str(self.settings.get("base_url") or DEFAULT_BASE_URL).rstrip("/")

    def endpoint(self) -> Endpoint:
        return Endpoint(
            label="Ollama server",
            url=f"{self.base_url}/api/chat",
            model=str(self.model),
            missing_model_hint=f"Download it with `ollama pull {self.model}`, or pick one from `os1 model list`.",
            wrong_url_hint="Start Ollama (`ollama serve`), or fix the address with "
            "`os1 model set ollama:MODEL --base-url URL`.",
            auth_hint="Ollama itself needs no key; check the proxy in front of it.",
        )

    def chat(self, messages: list[dict[str, Any]], tools: list[dict[str, Any]] | None,
             cancel: CancelToken) -> Iterator[Event]:
        payload: dict[str, Any] = {
            "model": self.model,
            "messages": [_to_ollama(message) for message in messages],
            "stream": True,
            "options": {"num_predict": self.max_tokens, "num_ctx": self.context_tokens,
                        "temperature": self.temperature},
        }
        if tools:
            payload["tools"] = tools
        endpoint = self.endpoint()
        finish = "stop"
        for line in stream_lines(endpoint, payload, {}, cancel, HttpSettings.from_settings(self.settings)):
            if not line.strip():
                continue
            try:
                event = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ProviderError("The Ollama server sent a line that is not JSON in its stream.",
                                    "Check that the base URL points at Ollama (default port 11434).") from exc
            if not isinstance(event, dict):
                continue
            if event.get("error"):
                raise ProviderError(f"Ollama reported an error: {str(event['error'])[:300]}",
                                    "Check `ollama ps` and the Ollama log.")
            message = event.get("message") or {}
            if message.get("content"):
                yield str(message["content"])
            for number, call in enumerate(message.get("tool_calls") or []):
                function = call.get("function") or {}
                yield ToolCall(name=str(function.get("name") or ""), arguments=function.get("arguments") or {},
                               id=str(call.get("id") or f"call_{number}"))
            if event.get("done"):
                finish = str(event.get("done_reason") or "stop")
                break
        yield Finish(finish)

    def list_models(self) -> list[str]:
        """The models Ollama has downloaded (GET /api/tags)."""
        import httpx

        response = httpx.get(f"{self.base_url}/api/tags", timeout=3.0)
        response.raise_for_status()
        return [str(item.get("name")) for item in response.json().get("models", [])]


def _to_ollama(message: dict[str, Any]) -> dict[str, Any]:
    """OpenAI-style message -> Ollama's: tool-call arguments are objects, tool results carry tool_name."""
    if message.get("role") == "tool":
        return {"role": "tool", "content": message["content"], "tool_name": message.get("name", "")}
    if message.get("tool_calls"):
        calls = []
        for call in message["tool_calls"]:
            function = call["function"]
            try:
                arguments = json.loads(function["arguments"])
            except (json.JSONDecodeError, TypeError):
                arguments = {}
            calls.append({"function": {"name": function["name"],
                                       "arguments": arguments if isinstance(arguments, dict) else {}}})
        return {"role": "assistant", "content": message.get("content", ""), "tool_calls": calls}
    return {"role": message["role"], "content": message["content"]}
