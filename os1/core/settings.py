"""The settings a conversation runs with, read once per home.

`Settings.load(home)` reads that home's config.toml (never another home's: a household server serves
several) and gives every value a type and a default, in this one place. What this module leaves out:
writing settings (`os1 config set`, os1.home) and validating them for people (the CLI and web do).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_QUIET_START = 22
DEFAULT_QUIET_END = 8


@dataclass(frozen=True)
class Settings:
    """Typed settings of one home; every default lives here."""

    model: str = "builtin"
    country: str | None = None
    timezone: str | None = None
    quiet_start: int = DEFAULT_QUIET_START
    quiet_end: int = DEFAULT_QUIET_END

    @classmethod
    def load(cls, home: Path) -> Settings:
        from os1.home import CONFIG_NAME, read_toml

        config = read_toml(home / CONFIG_NAME, "Fix the file by hand, or change the setting again.")
        return cls.from_config(config)

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Settings:
        def get(path: str, default: Any = None) -> Any:
            node: Any = config
            for part in path.split("."):
                if not isinstance(node, dict) or part not in node:
                    return default
                node = node[part]
            return node

        return cls(
            model=str(get("model.default") or "builtin"),
            country=_text(get("person.country")),
            timezone=_text(get("person.timezone")),
            quiet_start=_hour(get("quiet_hours.start"), DEFAULT_QUIET_START),
            quiet_end=_hour(get("quiet_hours.end"), DEFAULT_QUIET_END),
        )


def _text(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def _hour(value: Any, default: int) -> int:
    """An hour of the day; anything else (25, "late", a table) falls back to the default."""
    try:
        hour = int(value)
    except (TypeError, ValueError):
        return default
    return hour if 0 <= hour <= 23 else default
