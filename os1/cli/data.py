"""`os1 export`, `os1 import`, `os1 forget --all`: the person owns their data."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

CONFIRM_WORDS = "delete everything"


@click.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export_command(file: Path) -> None:
    """Write everything OS1 keeps into one bundle FILE.

    The bundle is a zip of JSON Lines tables plus your home's files (format
    documented in docs/export-format.md). Secrets such as API keys are left out.

    \b
    Examples:
      os1 export ~/os1-backup.os1
      OS1_HOME=/tmp/other os1 export other.os1
    """
    from os1.home import user_home
    from os1.store import open_store
    from os1.store.bundle import export_bundle

    conn = open_store()
    try:
        counts = export_bundle(conn, user_home(), file)
    finally:
        conn.close()
    rows = sum(counts.values())
    click.echo(f"Exported {rows:,} rows from {len(counts)} tables to {file}.")


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def import_command(file: Path) -> None:
    """Restore a bundle written by `os1 export` into an empty home.

    \b
    Examples:
      OS1_HOME=~/new-home os1 import ~/os1-backup.os1
    """
    from os1.home import user_home
    from os1.store import open_store
    from os1.store.bundle import import_bundle, read_manifest
    from os1.store.lock import conversation_lock

    read_manifest(file)  # fail fast, before touching the home
    home = user_home()
    with conversation_lock(home):
        conn = open_store()
        try:
            counts = import_bundle(conn, home, file)
        finally:
            conn.close()
    click.echo(f"Imported {sum(counts.values()):,} rows from {file} into {home}.")


@click.command("forget")
@click.option("--all", "everything", is_flag=True, help="Delete all of OS1's data in this home.")
@click.option("--confirm", "confirmation", metavar="TEXT", help=f"Skip the prompt by passing '{CONFIRM_WORDS}'.")
def forget_command(everything: bool, confirmation: str | None) -> None:
    """Delete everything OS1 keeps about you (asks you to type a confirmation).

    To forget a single memory use `os1 memory forget`; in a chat, /forget drops
    the last thing you said.

    \b
    Examples:
      os1 forget --all
      os1 forget --all --confirm "delete everything"
    """
    from os1.home import user_home
    from os1.store.lock import conversation_lock

    if not everything:
        raise click.UsageError("Say what to forget: `os1 forget --all` deletes everything.")
    home = user_home()
    if confirmation is None:
        click.echo(f"This deletes every conversation, memory, letter and setting in {home}.")
        confirmation = click.prompt(f"Type '{CONFIRM_WORDS}' to confirm", default="", show_default=False)
    if confirmation.strip().lower() != CONFIRM_WORDS:
        click.echo("Nothing was deleted.")
        raise SystemExit(1)
    with conversation_lock(home):
        for entry in home.iterdir():
            if entry.name == "conversation.lock":
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    click.echo(f"Everything in {home} has been deleted. OS1 will meet you anew next time.")
