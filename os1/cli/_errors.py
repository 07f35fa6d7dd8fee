"""The one place where errors become messages for the person.

OS1Error subclasses print their message and hint on stderr and exit 1. Anything else is a bug: a short
apology and how to get details. `OS1_DEBUG=1` re-raises everything so the traceback shows.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable
from typing import TypeVar

import click

from os1.errors import OS1Error

T = TypeVar("T")


def debug_enabled() -> bool:
    return os.environ.get("OS1_DEBUG", "").strip() not in ("", "0", "false", "no")


def run_guarded(fn: Callable[[], T]) -> T:
    """Run the CLI, turning every error into a one-line message and an exit code."""
    try:
        return fn()
    except KeyboardInterrupt:
        if debug_enabled():
            raise
        click.echo("", err=True)
        sys.exit(130)
    except OS1Error as exc:
        if debug_enabled():
            raise
        _print_error(exc.message, exc.hint)
        sys.exit(1)
    except sqlite3.Error as exc:
        if debug_enabled():
            raise
        from os1.store.db import translate_sqlite_error

        translated = translate_sqlite_error(exc, "the database")
        _print_error(translated.message, translated.hint)
        sys.exit(1)
    except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
        raise
    except Exception as exc:
        if debug_enabled():
            raise
        _print_error(
            f"Something went wrong inside OS1 ({type(exc).__name__}: {exc}). Your data is safe.",
            "Run the same command with OS1_DEBUG=1 to see the details, and please report it.",
        )
        sys.exit(2)


def _print_error(message: str, hint: str | None) -> None:
    click.secho(f"Error: {message}", fg="red", err=True)
    if hint:
        click.echo(hint, err=True)
