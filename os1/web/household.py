"""A household: several people served by one `os1 serve`, each with their own separate OS1 home.

The serving home's person is the owner; `os1 user add NAME` registers another person in
`household.toml` (in the owner's home) with a scrypt password hash and the path of their own home.
By default a member's home is a sibling directory `<owner home>-household/NAME`, outside the owner's
home, so an owner's export never carries another person's data and forgetting one person never touches
another. What this module leaves out: signing in (os1.web.auth) and serving (os1.web.app).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from os1.errors import UserInputError, WebError

HOUSEHOLD_FILE = "household.toml"
_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
MIN_PASSWORD_CHARS = 8


@dataclass(frozen=True)
class Member:
    name: str
    home: Path
    password_hash: str


def household_path(owner_home: Path) -> Path:
    return owner_home / HOUSEHOLD_FILE


def default_member_home(owner_home: Path, name: str) -> Path:
    return owner_home.parent / f"{owner_home.name}-household" / name


def check_name(name: str) -> str:
    """A member's name, lower-cased; UserInputError when it cannot be used as one."""
    clean = name.strip().lower()
    if not _NAME.match(clean):
        raise UserInputError(
            f"'{name}' cannot be a household member's name.",
            "Use 1-32 lower-case letters, digits, '-' or '_', starting with a letter (e.g. anna).",
        )
    return clean


def load_members(owner_home: Path) -> dict[str, Member]:
    """The household's members by name (empty when nobody was added)."""
    from os1.home import read_toml

    # quote_error=False: the parser's message could quote a line holding a password hash.
    data = read_toml(household_path(owner_home), "Fix it by hand, or move it aside and add the people again.",
                     quote_error=False)
    members: dict[str, Member] = {}
    for name, entry in (data.get("users") or {}).items():
        if isinstance(entry, dict) and isinstance(entry.get("home"), str) and isinstance(entry.get("password"), str):
            members[name] = Member(name, Path(entry["home"]), entry["password"])
    return members


def _save(owner_home: Path, members: dict[str, Member]) -> None:
    from os1.home import write_toml

    data = {"users": {m.name: {"home": str(m.home), "password": m.password_hash} for m in members.values()}}
    write_toml(household_path(owner_home), data, mode=0o600)  # password hashes: the owner's eyes only


def add_member(owner_home: Path, name: str, password: str, home: Path | None = None) -> Member:
    """Register `name` with `password`; their home is created now (empty until they first talk)."""
    from os1.web.auth import hash_password

    clean = check_name(name)
    if len(password) < MIN_PASSWORD_CHARS:
        raise UserInputError(
            f"The password is too short (at least {MIN_PASSWORD_CHARS} characters).", "Choose a longer one."
        )
    members = load_members(owner_home)
    if clean in members:
        raise UserInputError(f"{clean} is already in the household.", "Use `os1 user remove` first to replace them.")
    target = (home or default_member_home(owner_home, clean)).expanduser().resolve()
    if target == owner_home.resolve() or any(m.home.resolve() == target for m in members.values()):
        raise UserInputError(f"{target} is already someone's home.", "Every person needs a home of their own.")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WebError(f"OS1 cannot create {target} ({exc.strerror}).", "Pass --home with a writable path.") from exc
    member = Member(clean, target, hash_password(password))
    members[clean] = member
    _save(owner_home, members)
    return member


def remove_member(owner_home: Path, name: str) -> Member:
    """Unregister `name`. Their home and its data stay where they are (deleting is a separate choice)."""
    clean = check_name(name)
    members = load_members(owner_home)
    if clean not in members:
        raise UserInputError(f"{clean} is not in the household.", "`os1 user list` shows who is.")
    member = members.pop(clean)
    _save(owner_home, members)
    return member
