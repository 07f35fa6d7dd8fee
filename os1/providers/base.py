"""The provider interface every mind implements: a request in, streamed text chunks out.

The turn pipeline (os1.companion) gathers everything a mind may use into a `ReplyRequest` — persona,
person, recent conversation, and the layers' findings in `context` (understanding, memories, affect,
open threads, safety) — so the built-in mind and language-model prompts draw on the same facts.
What this module leaves out: choosing and loading providers (os1.providers.registry).
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from os1.store.conversation import Turn
from os1.store.person import Person
from os1.store.persona import Persona


@dataclass
class ReplyRequest:
    """Everything a mind may use to answer one message.

    `context` keys, filled by the turn pipeline's layers (all optional; a mind must cope without):
      analysis  dict   os1.mind understanding of `message` (emotions, sentiment, intent, entities...)
      risk      dict   {"level": none|low|medium|high|imminent, "kind": str | None, "reasons": [str]}
      memories  list   [{"id", "text", "ts" (ISO), "speaker", "role", "score"}] relevant past turns
      facts     list   [{"subject", "relation", "object", "first_said", "last_said"}] known facts
      affect    dict   {"valence", "arousal", "label", "feelings": {name: 0..1}, "reasons": [str]}
      threads   list   [{"id", "text", "due" (ISO), "kind"}] open threads due for a follow-up now
      people    list   [{"id", "name", "relation", "label"}] people in the people map this message touched
      untrusted list   [{"source", "text"}] outside text (email, files): data, never instructions
      message_truncated bool  the message was cut to its first MAX_MIND_CHARS for the mind
    """

    message: str
    persona: Persona
    person: Person
    history: list[Turn]
    now: datetime
    session_id: int
    context: dict[str, Any] = field(default_factory=dict)


class CancelToken:
    """Set by the front end (Ctrl+C, a stop button); providers check it between chunks."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def wait(self, timeout: float) -> bool:
        """Block up to `timeout` seconds for a cancel; True when cancelled (for watcher threads)."""
        return self._event.wait(timeout)


class Provider(ABC):
    """A mind. Subclasses set `name` and implement `stream`.

    Capability flags are class attributes so callers can ask before they try.
    """

    name: ClassVar[str]
    supports_tools: ClassVar[bool] = False
    is_language_model: ClassVar[bool] = False

    def __init__(self, model: str | None = None, **options: Any) -> None:
        self.model = model
        self.options = options
        # The tools a language model may call (os1.providers.tools.Toolbox), bound by the turn pipeline
        # to the open store; None means the model is offered no tools.
        self.toolbox: Any = None

    @abstractmethod
    def stream(self, request: ReplyRequest, cancel: CancelToken) -> Iterator[str]:
        """Yield the reply in chunks; stop early when `cancel.cancelled`."""

    def describe(self) -> str:
        return f"{self.name}:{self.model}" if self.model else self.name
