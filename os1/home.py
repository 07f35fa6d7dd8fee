"""The one user directory and the config file inside it.

Everything OS1 keeps about its person lives under `user_home()`: the database, config.toml, secrets,
rendered letters, exports. `OS1_HOME` overrides the platform default so tests and households can point
OS1 anywhere. What this module leaves out: the database itself (see `os1.store`).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from os1.errors import ConfigError, HomeError

APP_NAME = "os1"
CONFIG_NAME = "config.toml"
DB_NAME = "os1.db"


def user_home(create: bool = True) -> Path:
    """Return OS1's user directory, creating it unless `create` is False.

    `OS1_HOME` wins over the platform's data directory (platformdirs).
    """
    override = os.environ.get("OS1_HOME")
    if override:
        home = Path(override).expanduser()
    else:
        import platformdirs  # deferred: only needed without the override

        home = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    if create:
        try:
            home.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HomeError(
                f"OS1 cannot create its home directory {home} ({exc.strerror}).",
                "Set OS1_HOME to a directory you can write to.",
            ) from exc
    return home


def db_path() -> Path:
    """Path of the SQLite database inside the user directory."""
    return user_home() / DB_NAME


def config_path() -> Path:
    """Path of config.toml inside the user directory."""
    return user_home() / CONFIG_NAME


# --- config -------------------------------------------------------------------------------------

def read_toml(path: Path, hint: str, *, quote_error: bool = True) -> dict[str, Any]:
    """Read a TOML file of the home; a missing file is empty. `quote_error=False` keeps the parser's
    text (which can quote a line of the file) out of the message, for files holding secrets."""
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        detail = f" ({exc})" if quote_error else ""
        raise ConfigError(f"{path} is not valid TOML{detail}.", hint) from exc


def write_toml(path: Path, data: dict[str, Any], mode: int | None = None) -> None:
    """Write a TOML file atomically (a temp file, then rename); with `mode`, the temp file is created with
    it, so the content never sits in a more readable file."""
    import tomli_w

    tmp = path.with_suffix(".toml.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode if mode is not None else 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(tomli_w.dumps(data))
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        raise HomeError(
            f"OS1 cannot write {path} ({exc.strerror}).",
            "Check that the home directory is writable, or set OS1_HOME elsewhere.",
        ) from exc


def load_config() -> dict[str, Any]:
    """Read config.toml; a missing file is an empty config."""
    return read_toml(config_path(), "Fix the file by hand, or move it aside and run `os1 config set` again.")


def save_config(config: dict[str, Any]) -> None:
    """Write config.toml atomically."""
    write_toml(config_path(), config)


def get_setting(key: str, default: Any = None) -> Any:
    """Look up a dotted key ("voice.enabled") in the config."""
    node: Any = load_config()
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node


def set_setting(key: str, value: Any) -> None:
    """Set a dotted key in the config, creating tables on the way."""
    parts = key.split(".")
    if not all(parts):
        raise ConfigError(f"'{key}' is not a valid key.", "Use dotted names such as voice.enabled.")
    config = load_config()
    node = config
    for part in parts[:-1]:
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            raise ConfigError(f"'{part}' in '{key}' already holds a value, not a table.")
        node = child
    node[parts[-1]] = value
    save_config(config)


def parse_value(text: str) -> Any:
    """Read a `config set` value as a TOML literal when it is one (true, 3, 1.5, [..]), else a string."""
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text
