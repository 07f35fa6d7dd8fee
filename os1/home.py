"""The one user directory and the config file inside it.

Everything OS1 keeps about its person lives under `user_home()`: the database, config.toml, secrets,
rendered letters, exports. `OS1_HOME` overrides the platform default so tests and households can point
OS1 anywhere.

Permissions: what OS1 keeps is private. The home is made 0700 (and tightened to it when found more
open); the `os1` command adds 077 to its umask at start (`private_umask`), so every file it writes is
0600 whatever the umask it was started with; configs, the database (and so its WAL) and bundles are
also created 0600 explicitly, which holds for library callers too.
What this module leaves out: the database itself (see `os1.store`).
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
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


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
        existed = home.is_dir()
        try:
            home.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
        except OSError as exc:
            raise HomeError(
                f"OS1 cannot create its home directory {home} ({exc.strerror}).",
                "Set OS1_HOME to a directory you can write to.",
            ) from exc
        if not existed or _is_os1_home(home):
            make_private(home)
    return home


def private_umask() -> None:
    """From here on this process creates files 0600 and folders 0700, whatever it writes (the database,
    the vector index, letters, voice files, exports): adds 077 to the umask, keeping stricter bits.
    Called by the `os1` command's entry point (every command and the server), not on import: a program
    that embeds OS1 as a library keeps its own umask."""
    current = os.umask(0o077)
    os.umask(current | 0o077)


def _is_os1_home(home: Path) -> bool:
    """Only a directory OS1 clearly owns is tightened: OS1_HOME=/tmp or =$HOME must stay as they are."""
    try:
        sticky = bool(home.stat().st_mode & 0o1000)
        if sticky or home.resolve() in (Path.home().resolve(), Path("/")):
            return False
    except (OSError, RuntimeError):
        return False
    return (home / DB_NAME).exists() or (home / CONFIG_NAME).exists()


def make_private(path: Path) -> bool:
    """Tighten `path` to 0700 (a directory) or 0600 (a file) when others could read it; True when it
    changed. A path owned by someone else, or on a filesystem without modes, is left as it is: the
    check must never stop OS1 from starting."""
    try:
        info = path.stat()
        wanted = PRIVATE_DIR if path.is_dir() else PRIVATE_FILE
        if info.st_uid != os.getuid() or (info.st_mode & 0o777) & ~wanted == 0:
            return False
        os.chmod(path, (info.st_mode & 0o777) & wanted)
        return True
    except OSError:
        return False


def open_private(path: Path, mode: str = "wb") -> Any:
    """Open a new file for writing that is 0600 from its first byte, whatever the umask."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    fd = os.open(path, flags, PRIVATE_FILE)
    os.chmod(path, PRIVATE_FILE)  # an existing file keeps its old mode through O_CREAT
    return os.fdopen(fd, mode)


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
    """Write a TOML file atomically (a temp file, then rename), created with `mode` (default 0600), so
    the content never sits in a more readable file."""
    import tomli_w

    tmp = path.with_suffix(".toml.tmp")
    mode = PRIVATE_FILE if mode is None else mode
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(tomli_w.dumps(data))
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
