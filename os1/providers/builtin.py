"""The built-in mind as a provider: no language model, replies composed by os1.mind.

This module is only the plugin shim; the composing lives in os1.mind.compose.
"""

from __future__ import annotations

from collections.abc import Iterator

from os1.providers.base import CancelToken, Provider, ReplyRequest


class BuiltinProvider(Provider):
    """The built-in mind: no language model, replies composed by OS1 itself."""
    name = "builtin"

    def stream(self, request: ReplyRequest, cancel: CancelToken) -> Iterator[str]:
        from os1.mind.compose import compose_reply

        reply = compose_reply(request)
        # The built-in mind composes whole sentences; stream them one by one so front ends render the
        # same way they do for a language model.
        for index, sentence in enumerate(_sentences(reply)):
            if cancel.cancelled:
                return
            yield sentence if index == 0 else " " + sentence


def _sentences(text: str) -> list[str]:
    import re

    parts = [part for part in re.split(r"(?<=[.!?])\s+", text.strip()) if part]
    return parts or [text]
