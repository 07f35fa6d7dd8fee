"""How the companion chooses its own name at the first meeting.

The choice is personal to the meeting: a hash of the moment and the person's first words seeds the pick
from the list in `data/names.tsv` (name, origin, meaning, why), so two people meeting OS1 get different
companions, and the companion can say truthfully why it picked the one it did.
"""

from __future__ import annotations

import csv
import hashlib
import random
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib import resources

from os1.clock import to_iso


@dataclass(frozen=True)
class NameChoice:
    name: str
    origin: str
    meaning: str
    why: str


@cache
def load_names() -> tuple[NameChoice, ...]:
    """Every candidate name shipped with OS1."""
    text = resources.files("os1.mind").joinpath("data/names.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return tuple(
        NameChoice(row["name"].strip(), row["origin"].strip(), row["meaning"].strip(), row["why"].strip())
        for row in rows
        if row.get("name")
    )


def meeting_seed(moment: datetime, first_words: str) -> int:
    """A seed made from this meeting alone: when it happened and what the person said first."""
    digest = hashlib.sha256(f"{to_iso(moment)}|{first_words.strip().lower()}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def choose_name(moment: datetime, first_words: str, avoid: set[str] | None = None) -> NameChoice:
    """Pick a name for this meeting, never one in `avoid` (e.g. the person's own name)."""
    avoid_lower = {item.lower() for item in (avoid or set())}
    names = [choice for choice in load_names() if choice.name.lower() not in avoid_lower]
    return random.Random(meeting_seed(moment, first_words)).choice(names)


def explain_choice(choice: NameChoice, pool_size: int) -> str:
    """The companion's own account of its choice, e.g. for the first meeting or `os1 persona`."""
    parts = [f"I read through the {pool_size} names I carry and chose {choice.name}."]
    if choice.meaning:
        origin = f"It's {choice.origin}, and it" if choice.origin else "It"
        parts.append(f"{origin} means {choice.meaning}.")
    if choice.why:
        parts.append(f"I chose it because {choice.why.rstrip('.')}.")
    return " ".join(parts)
