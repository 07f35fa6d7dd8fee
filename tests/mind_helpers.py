"""Helpers for the mind's scenario tests: a real home, a real companion, a clock the test moves."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from os1.companion import Companion
from os1.store import open_store

MEETING = ("Theodore", "Teddy is fine", "I like it")


class Clock:
    """A clock the test moves by hand (the companion takes any callable)."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@contextmanager
def companion_after_meeting(start: datetime | None = None) -> Iterator[tuple[Companion, Clock]]:
    """A companion in a fresh OS1_HOME (set by conftest), past the first meeting."""
    clock = Clock(start or datetime(2026, 11, 23, 18, 0, tzinfo=UTC))  # a Monday evening
    conn = open_store()
    try:
        companion = Companion(conn, clock=clock, warm=False)
        companion.opening()
        for line in MEETING:
            clock.advance(seconds=30)
            companion.reply(line)
        yield companion, clock
    finally:
        conn.close()


def questions(text: str) -> int:
    return len(re.findall(r"\?", text))
