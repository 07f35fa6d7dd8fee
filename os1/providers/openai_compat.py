"""`openai`: any OpenAI-compatible chat server (LM Studio, vLLM, a llama.cpp server, hosted APIs).

Spoken over httpx with server-sent events rather than the `openai` package: httpx is already a core
dependency, and owning the stream lets OS1 retry only failed connects (the package also retries after
the server has answered), close the stream the moment the person cancels, and read a stream with broken
UTF-8 bytes instead of failing. Config: `providers.openai.base_url` (default http://127.0.0.1:8080/v1),
the key from the environment variable named by `providers.openai.api_key_env`, else from secrets.toml.
What this module leaves out: the prompt and the tool loop (os1.providers.llm).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

from os1.errors import ProviderError
from os1.providers.base import CancelToken
from os1.providers.http import Endpoint, HttpSettings, stream_lines
from os1.providers.llm import Event, Finish, LanguageModelProvider
from os1.providers.tools import ToolCall

DEFAULT_BASE_URL = "http://127.0.0.1:8080/v1"


class OpenAIProvider(LanguageModelProvider):
    """Any OpenAI-compatible server: LM Studio, vLLM, llama.cpp server, hosted APIs."""
    name = "openai"

    def default_model(self) -> str | None:
        return "default"

    @property
    def base_url(self) -> str:
        return str(self.settings.get("base_url") or DEFAULT_BASE_URL).rstrip("/")

    def api_key(self) -> str | None:
        """The key: the environment variable named in the config wins over secrets.toml."""
        variable = self.settings.get("api_key_env")
        if variable and os.environ.get(str(variable)):
            return os.environ[str(variable)]
        if self.settings.get("api_key"):  # given in code (never written to config.toml by OS1)
            return str(self.settings["api_key"])
        from os1.secrets import get_secret

        return get_secret(self.name)

    def endpoint(self) -> Endpoint:
        return Endpoint(
            label="OpenAI-compatible server",
            url=f"{self.base_url}/chat/completions",
            model=str(self.model),
            missing_model_hint=f"Check the model name (`os1 model list` shows what {self.base_url} offers), "
            "then `os1 model set openai:NAME`.",
            wrong_url_hint="Start the server, or fix the address with `os1 model set openai:NAME --base-url URL` "
            "(OpenAI-compatible addresses usually end in /v1).",
            auth_hint="Store the key with `os1 model set openai:NAME --base-url URL` (it asks for it), or name an "
            "environment variable with --api-key-env.",
            secret=self.api_key(),
        )

    def chat(self, messages: list[dict[str, Any]], tools: list[dict[str, Any]] | None,
             cancel: CancelToken) -> Iterator[Event]:
        payload: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "stream": True,
            "max_tokens": self.max_tokens,
            "temperature": self.temperature,
        }
        if tools:
            payload["tools"] = tools
        endpoint = self.endpoint()
        headers = {"Accept": "text/event-stream"}
        if endpoint.secret:
            headers["Authorization"] = f"Bearer {endpoint.secret}"
        calls: dict[int, dict[str, str]] = {}
        finish = ""
        for line in stream_lines(endpoint, payload, headers, cancel, HttpSettings.from_settings(self.settings)):
            if not line.startswith("data:"):
                continue  # SSE comments, event names and blank separators
            data = line[5:].strip()
            if data == "[DONE]":
                break
            event = _parse_event(data, endpoint)
            for choice in event.get("choices") or []:
                delta = choice.get("delta") or {}
                if delta.get("content"):
                    yield str(delta["content"])
                for part in delta.get("tool_calls") or []:
                    _merge_call(calls, part)
                if choice.get("finish_reason"):
                    finish = str(choice["finish_reason"])
        if not finish and not calls:
            # Some servers (llama.cpp's among them) answer 200 and then end the stream silently when
            # the prompt does not fit their context window.
            raise ProviderError(
                f"The {endpoint.label} ended its stream without an answer.",
                "This usually means the prompt is longer than the server's context window: set "
                "providers.openai.context_tokens to the server's context size (e.g. `os1 config set "
                "providers.openai.context_tokens 4096`).",
            )
        for index in sorted(calls):
            call = calls[index]
            yield ToolCall(name=call["name"], arguments=call["arguments"], id=call["id"] or f"call_{index}")
        yield Finish(finish or "stop")

    def list_models(self) -> list[str]:
        """The model names the server offers (GET /models)."""
        import httpx

        key = self.api_key()
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        response = httpx.get(f"{self.base_url}/models", headers=headers, timeout=3.0)
        response.raise_for_status()
        return [str(item.get("id")) for item in response.json().get("data", [])]


def _parse_event(data: str, endpoint: Endpoint) -> dict[str, Any]:
    try:
        event = json.loads(data)
    except json.JSONDecodeError as exc:
        raise ProviderError(f"The {endpoint.label} sent something that is not JSON in its stream.",
                            "Check that the base URL points at an OpenAI-compatible chat API.") from exc
    if isinstance(event, dict) and event.get("error"):
        message = event["error"].get("message") if isinstance(event["error"], dict) else event["error"]
        raise ProviderError(f"The {endpoint.label} reported an error: {endpoint.redact(str(message))[:300]}",
                            "Check the model and the server's log.")
    return event if isinstance(event, dict) else {}


def _merge_call(calls: dict[int, dict[str, str]], part: dict[str, Any]) -> None:
    """Tool calls arrive in pieces: the first names the function, later ones add argument text."""
    index = int(part.get("index", len(calls)))
    call = calls.setdefault(index, {"id": "", "name": "", "arguments": ""})
    call["id"] = call["id"] or str(part.get("id") or "")
    function = part.get("function") or {}
    call["name"] += str(function.get("name") or "")
    arguments = function.get("arguments")
    if isinstance(arguments, dict):
        call["arguments"] += json.dumps(arguments)
    elif arguments:
        call["arguments"] += str(arguments)
