"""Secrets (API keys) kept apart from config.toml, in `secrets.toml` inside the home with mode 0600.

Keys are stored per provider (`[providers.openai] api_key = "..."`) and are never printed or logged:
`mask` is the only form any command shows. What this module leaves out: where a provider looks first
(an environment variable named in the config wins; see os1.providers.settings).
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

from os1.home import read_toml, user_home, write_toml

SECRETS_NAME = "secrets.toml"
MODE = 0o600


def secrets_path() -> Path:
    """Path of secrets.toml inside the user directory."""
    return user_home() / SECRETS_NAME


def _load() -> dict[str, Any]:
    return read_toml(secrets_path(), "Move it aside and store the key again with `os1 model set ...`.",
                     quote_error=False)


def _save(data: dict[str, Any]) -> None:
    write_toml(secrets_path(), data, MODE)


def get_secret(provider: str, key: str = "api_key") -> str | None:
    """The stored secret `key` for `provider`, or None."""
    section = _load().get("providers", {}).get(provider, {})
    value = section.get(key) if isinstance(section, dict) else None
    return str(value) if value else None


def set_secret(provider: str, value: str, key: str = "api_key") -> None:
    """Store (or replace) a secret; the file is written with mode 0600."""
    data = _load()
    data.setdefault("providers", {}).setdefault(provider, {})[key] = value
    _save(data)


def delete_secret(provider: str, key: str = "api_key") -> bool:
    """Remove a stored secret; True when there was one."""
    data = _load()
    section = data.get("providers", {}).get(provider, {})
    if key not in section:
        return False
    del section[key]
    _save(data)
    return True


def file_mode() -> int | None:
    """The permission bits of secrets.toml (None when it does not exist), for `os1 doctor`-style checks."""
    path = secrets_path()
    return stat.S_IMODE(path.stat().st_mode) if path.exists() else None


def mask(value: str | None) -> str:
    """How a secret is shown: never its characters, only whether it is there and how long it is."""
    if not value:
        return "(none)"
    return f"•••• ({len(value)} characters, hidden)"
