"""What every language-model provider shares: settings, the prompt, the tool loop, the limits on a reply.

A concrete provider implements only `chat(messages, tools, cancel)`: one round with its server, yielding
text chunks, `ToolCall`s and a final `Finish`. This base class builds the prompt from the request
(os1.providers.prompt) within the model's context budget, runs tool calls through the bound Toolbox
(a bounded number of rounds), caps a reply that never ends, and turns an empty reply into a
ProviderError (so the built-in mind answers instead). The safety layer's final check of the reply is
the turn pipeline's (os1.companion, through os1.safety.response.check_reply), in one place for every mind.
What this module leaves out: wire formats (ollama.py, openai_compat.py, llamacpp.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from os1.errors import ProviderError
from os1.providers.base import CancelToken, Provider, ReplyRequest
from os1.providers.prompt import build_prompt, estimate_tokens
from os1.providers.tools import ToolCall

MAX_TOOL_ROUNDS = 3
DEFAULT_MAX_TOKENS = 512
DEFAULT_CONTEXT_TOKENS = 8192
# A server that ignores max_tokens is cut off client-side at this many characters per allowed token.
CHARS_PER_TOKEN_CAP = 8
CUT_MARK = " …"


@dataclass(frozen=True)
class Finish:
    """The end of one round: `reason` is the server's (stop, length, tool_calls...)."""

    reason: str


Event = str | ToolCall | Finish


def provider_settings(name: str, options: dict[str, Any]) -> dict[str, Any]:
    """`providers.<name>` from config.toml, overridden by options given in code."""
    from os1.home import get_setting

    configured = get_setting(f"providers.{name}", {})
    return {**(configured if isinstance(configured, dict) else {}), **options}


class LanguageModelProvider(Provider):
    """Base of the providers that talk to a language model."""

    is_language_model = True
    supports_tools = True

    def __init__(self, model: str | None = None, **options: Any) -> None:
        super().__init__(model, **options)
        self.settings = provider_settings(self.name, options)
        self.model = model or self.settings.get("model") or self.default_model()
        self.max_tokens = int(self.settings.get("max_tokens", DEFAULT_MAX_TOKENS))
        self.context_tokens = int(self.settings.get("context_tokens", DEFAULT_CONTEXT_TOKENS))
        self.temperature = float(self.settings.get("temperature", 0.7))

    # --- for subclasses ------------------------------------------------------------------------------

    def default_model(self) -> str | None:
        return None

    def chat(self, messages: list[dict[str, Any]], tools: list[dict[str, Any]] | None,
             cancel: CancelToken) -> Iterator[Event]:
        """One round with the model: text chunks, then any tool calls, then a Finish."""
        raise NotImplementedError

    def count_tokens(self) -> Callable[[str], int] | None:
        """The model's tokenizer when it is at hand (in-process), else None for the chars/4 estimate."""
        return None

    # --- the shared turn -----------------------------------------------------------------------------

    def stream(self, request: ReplyRequest, cancel: CancelToken) -> Iterator[str]:
        # A tenth is kept back for what the chat template adds around each message (role markers).
        budget = max(int((self.context_tokens - self.max_tokens) * 0.9), 256)
        prompt = build_prompt(request, budget_tokens=budget, count_tokens=self.count_tokens() or estimate_tokens)
        request.context["prompt_tokens"] = prompt.tokens
        if prompt.dropped:
            request.context["prompt_dropped"] = prompt.dropped
        produced = False
        for chunk in self._rounds(prompt.messages, request, cancel):
            produced = produced or bool(chunk.strip())
            yield chunk
        if not produced and not cancel.cancelled:
            raise self._empty()

    def _empty(self) -> ProviderError:
        return ProviderError(f"{self.describe()} returned an empty reply.",
                             "Try again, or choose another model with `os1 model set`.")

    def _rounds(self, messages: list[dict[str, Any]], request: ReplyRequest, cancel: CancelToken) -> Iterator[str]:
        messages = list(messages)
        toolbox = self.toolbox if self.supports_tools and self.settings.get("tools", True) else None
        limit = self.max_tokens * CHARS_PER_TOKEN_CAP
        produced = 0
        for round_number in range(MAX_TOOL_ROUNDS + 1):
            offer = toolbox.schemas() if toolbox is not None and round_number < MAX_TOOL_ROUNDS else None
            calls: list[ToolCall] = []
            text = ""
            for event in self._chat_with_fallback(messages, offer, cancel):
                if cancel.cancelled:
                    return
                if isinstance(event, ToolCall):
                    calls.append(event)
                elif isinstance(event, Finish):
                    if event.reason == "length":
                        request.context["reply_cut"] = True
                        yield _cut_mark(text)
                elif event:
                    if produced + len(event) > limit:  # a reply that never ends
                        kept = event[: max(limit - produced, 0)]
                        yield kept + _cut_mark(text + kept)
                        request.context["reply_cut"] = True
                        return
                    produced += len(event)
                    text += event
                    yield event
            if not calls or toolbox is None or cancel.cancelled or self.settings.get("tools") is False:
                return
            messages.append(_assistant_with_calls(text, calls))
            for call in calls:
                result = toolbox.run(call, request.context)
                request.context.setdefault("tool_calls", []).append(
                    {"name": call.name, "status": result.status, "result": result.content})
                messages.append({"role": "tool", "tool_call_id": call.id, "name": call.name,
                                 "content": result.for_model()})
            if toolbox.pending:
                request.context["pending_confirmations"] = list(toolbox.pending)


    def _chat_with_fallback(self, messages: list[dict[str, Any]], offer: list[dict[str, Any]] | None,
                            cancel: CancelToken) -> Iterator[Event]:
        """One round; a server that refuses tools is asked again without them (and not offered them again)."""
        from os1.providers.http import ToolsRejected

        try:
            yield from self.chat(messages, offer, cancel)
        except ToolsRejected:
            if offer is None:
                raise
            self.settings["tools"] = False
            yield from self.chat(messages, None, cancel)


def _cut_mark(text: str) -> str:
    """The mark that shows a reply was cut, spaced once whatever the text ended with."""
    return CUT_MARK.strip() if not text or text[-1].isspace() else CUT_MARK


def _assistant_with_calls(text: str, calls: list[ToolCall]) -> dict[str, Any]:
    return {
        "role": "assistant",
        "content": text,
        "tool_calls": [
            {"id": call.id, "type": "function", "function": {
                "name": call.name,
                "arguments": call.arguments if isinstance(call.arguments, str) else json.dumps(call.arguments),
            }}
            for call in calls
        ],
    }
