"""`os1 home`, `os1 config`, `os1 doctor`: where things live, settings, and a health check."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("home")
def home_command() -> None:
    """Print the directory where OS1 keeps everything (set OS1_HOME to change it).

    \b
    Examples:
      os1 home
      ls "$(os1 home)"
    """
    from os1.home import user_home

    click.echo(str(user_home()))


@click.group("config")
def config_group() -> None:
    """Read or change settings in config.toml (in `os1 home`).

    \b
    Examples:
      os1 config get model.default
      os1 config set quiet_hours.start 22
      os1 config set voice.enabled true
      os1 config list
    """


@config_group.command("get")
@click.argument("key")
def config_get(key: str) -> None:
    """Print the value of KEY (dotted, e.g. voice.enabled).

    \b
    Examples:
      os1 config get model.default
    """
    from os1.errors import ConfigError
    from os1.home import get_setting

    missing = object()
    value = get_setting(key, missing)
    if value is missing:
        raise ConfigError(f"'{key}' is not set.", f"Set it with `os1 config set {key} VALUE`.")
    click.echo(json.dumps(value) if isinstance(value, (dict, list, bool)) else str(value))


@config_group.command("set")
@click.argument("key")
@click.argument("value")
def config_set(key: str, value: str) -> None:
    """Set KEY to VALUE (true/false and numbers are understood; anything else is text).

    \b
    Examples:
      os1 config set person.country GB
      os1 config set quiet_hours.start 22
    """
    from os1.home import parse_value, set_setting

    parsed = parse_value(value)
    set_setting(key, parsed)
    click.echo(f"{key} = {json.dumps(parsed)}")


@config_group.command("list")
def config_list() -> None:
    """Print the whole config.

    \b
    Examples:
      os1 config list
    """
    import tomli_w

    from os1.home import load_config

    click.echo(tomli_w.dumps(load_config()).rstrip() or "(no settings yet)")


@click.command("doctor")
@click.option("--salvage", "salvage", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path),
              help="Export what a damaged database still holds into a bundle FILE (read-only).")
def doctor_command(salvage: Path | None) -> None:
    """Check the database (integrity_check) and which optional parts are installed.

    Exits with status 1 when the database has a problem. With --salvage, reads
    a damaged database without writing to it and exports every row it still
    can into a bundle that `os1 import` restores into a new home.

    \b
    Examples:
      os1 doctor
      os1 doctor --salvage ~/rescued.os1
      OS1_HOME=~/new-home os1 import ~/rescued.os1
    """
    from os1.doctor import run_checks
    from os1.home import db_path, user_home

    if salvage is not None:
        from os1.store.bundle import salvage_bundle

        counts, lost = salvage_bundle(db_path(), user_home(), salvage)
        click.echo(f"Saved {sum(counts.values()):,} rows from {len(counts)} tables to {salvage}.")
        for table, missing in sorted(lost.items()):
            what = "could not be read at all" if missing < 0 else f"{missing:,} row(s) could not be read"
            click.echo(f"  {table}: {what}", err=True)
        click.echo(f"Restore with: OS1_HOME=NEW_DIRECTORY os1 import {salvage}")
        return
    findings = run_checks(db_path())
    for finding in findings:
        mark = click.style("ok ", fg="green") if finding.ok else click.style("-- ", fg="yellow")
        click.echo(f"{mark} {finding.name}: {finding.detail}")
        if finding.fix:
            click.echo(f"     to add or fix: {finding.fix}")
    if any(f.required and not f.ok for f in findings):
        raise SystemExit(1)
