"""The skill interface: what a capability of the conversation declares and does for one message.

A skill says whether a message starts it (`triggered`) and takes one step (`step`): a reply, the state
afterwards (it may stay active with a question whose expected answer is recorded) and what it did. The
dialogue policy (os1.dialogue.policy) decides which skill, if any, gets the message.
What this module leaves out: the order skills are tried in (the policy) and loading them (the registry).
"""

from __future__ import annotations

import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from os1.dialogue.state import DialogueState

if TYPE_CHECKING:
    from os1.core.settings import Settings
    from os1.mind.perceive import Reading
    from os1.store.person import Person
    from os1.store.persona import Persona


@dataclass
class TurnContext:
    """One message and everything a skill may read to answer it.

    `converse` is the conversation's own answer to this message (the built-in composer or a language
    model), for a skill that answers what was said before it does its own part (the first meeting).
    """

    conn: sqlite3.Connection
    text: str
    now: datetime
    turn_id: str
    person: Person
    persona: Persona | None
    settings: Settings
    state: DialogueState
    language_model: bool = False
    converse: Callable[[], str] | None = None
    provider: Any = None

    @cached_property
    def reading(self) -> Reading:
        from os1.mind.perceive import perceive

        return perceive(self.text, self.now)

    @property
    def tz_name(self) -> str | None:
        return self.person.timezone or self.settings.timezone


@dataclass
class Outcome:
    """What a skill did with a message: its reply, the dialogue state afterwards, the acts it chose."""

    text: str
    state: DialogueState
    kind: str = "task"  # how the reply is stored: task | meeting
    acts: list[str] = field(default_factory=list)


class Skill(ABC):
    """A capability of the conversation. Subclasses set `name` and implement `triggered` and `step`."""

    name: ClassVar[str]
    # Among skills whose trigger fires on the same message, the higher priority wins.
    priority: ClassVar[int] = 0

    @abstractmethod
    def triggered(self, turn: TurnContext) -> bool:
        """Would this message start the skill (when no other skill is active)?"""

    @abstractmethod
    def step(self, turn: TurnContext) -> Outcome | None:
        """Answer the message; None when it turns out not to be for this skill after all."""

    def active(self, turn: TurnContext) -> bool:
        """Is this skill in the middle of something with the person?"""
        return turn.state.skill == self.name

    def cancel(self, turn: TurnContext) -> None:  # noqa: B027 - most skills keep nothing to leave
        """Leave what the skill was in the middle of ("never mind"); its own records are kept."""

    def warm_up(self) -> None:  # noqa: B027 - most skills have nothing to load
        """Load what the skill's trigger needs (called on the warm-up thread)."""

    def handles_for_language_models(self) -> bool:
        """Does this skill answer even when a language model is the mind? (Its answer comes from OS1's
        own records, which a model would have to be given anyway.)"""
        return True
