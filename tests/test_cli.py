"""The command line itself: help everywhere, home and config."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from os1.cli import LAZY_COMMANDS, SUMMARIES, cli
from tests.conftest import run_os1


def _all_commands() -> list[tuple[str, click.Command]]:
    ctx = click.Context(cli)
    found: list[tuple[str, click.Command]] = []
    for name in LAZY_COMMANDS:
        command = cli.get_command(ctx, name)
        assert command is not None
        found.append((name, command))
        if isinstance(command, click.Group):
            found += [(f"{name} {sub}", command.commands[sub]) for sub in command.commands]
    return found


@pytest.mark.parametrize("name,command", _all_commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_has_help_with_examples(name: str, command: click.Command) -> None:
    assert command.help and "Examples:" in command.help, f"`os1 {name}` needs --help with examples"


def test_every_command_has_a_summary() -> None:
    assert set(SUMMARIES) == set(LAZY_COMMANDS)


def test_help_runs_and_lists_commands() -> None:
    result = run_os1("--help")
    assert result.returncode == 0
    for name in LAZY_COMMANDS:
        assert name in result.stdout


def test_home_follows_os1_home(os1_home: Path) -> None:
    assert run_os1("home").stdout.strip() == str(os1_home)


def test_config_set_get_types_and_errors(os1_home: Path) -> None:
    assert run_os1("config", "set", "voice.enabled", "true").returncode == 0
    assert run_os1("config", "set", "person.country", "GB").returncode == 0
    assert run_os1("config", "get", "voice.enabled").stdout.strip() == "true"
    assert run_os1("config", "get", "person.country").stdout.strip() == "GB"
    missing = run_os1("config", "get", "no.such.key")
    assert missing.returncode == 1 and "os1 config set" in missing.stderr
    (os1_home / "config.toml").write_text("this is = = not toml")
    broken = run_os1("config", "get", "voice.enabled")
    assert broken.returncode == 1 and "not valid TOML" in broken.stderr and "Traceback" not in broken.stderr
