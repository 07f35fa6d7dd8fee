"""TEMPORARY STAND-IN on the `emotions` branch only -- the real module comes from the safety branch.

It exists so that `os1.mind.understanding.analyze` and its tests can run before the safety layer is
merged. It assesses nothing: every text gets level "none". The lead replaces this file on merge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Risk:
    level: str = "none"
    kind: str | None = None
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "kind": self.kind, "reasons": list(self.reasons)}


def assess(text: str) -> Risk:
    """Placeholder: always level none (see the module docstring)."""
    return Risk()
