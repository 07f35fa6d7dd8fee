"""`os1 letter`: write, revise, proofread, render, send and bind letters.

Thin: each command opens the store, calls os1.letters, and prints. Heavy parts (reportlab, Pillow, the
spell checker) are imported inside the commands that need them.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    import sqlite3

    from os1.letters.library import Letter


@contextmanager
def _store() -> Iterator[sqlite3.Connection]:
    from os1.store import open_store

    conn = open_store()
    try:
        yield conn
    finally:
        conn.close()


def _sender(conn: sqlite3.Connection) -> str | None:
    from os1.store.person import get_person

    return get_person(conn).name


def _summary(letter: Letter) -> str:
    first = next((line for line in letter.text.splitlines()[1:] if line.strip()), "")
    first = first if len(first) <= 48 else first[:47] + "…"
    occasion = f" ({letter.occasion})" if letter.occasion else ""
    return f"#{letter.id:<4} {letter.status:<8} {letter.updated_at[:10]}  to {letter.recipient}{occasion}: {first}"


@click.group("letter")
def letter_group() -> None:
    """Write letters to the people you love, in your own words; render them as handwritten cards,
    send them, and bind the best into a book.

    \b
    Examples:
      os1 letter new --to Mum --occasion birthday --from-notes notes.txt
      os1 letter list
      os1 letter revise 1 warmer
      os1 letter render 1 --format png --out card.png --size postcard
      os1 letter send 1 --email mum@example.org
      os1 letter book --out letters.pdf
    """


@letter_group.command("new")
@click.option("--to", "recipient", required=True, metavar="NAME", help="Who the letter is for.")
@click.option("--occasion", metavar="X", help="birthday, anniversary, thanks, ... (optional).")
@click.option("--from-notes", "notes_file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Build the draft from your notes in FILE ('-' reads stdin).")
@click.option("--add-person", is_flag=True, help="Add the recipient to your people if OS1 doesn't know them.")
def new_command(recipient: str, occasion: str | None, notes_file: Path | None, add_person: bool) -> None:
    """Start a letter.

    With --from-notes, OS1 arranges your own notes into a letter (opening, a shared memory, what you
    feel, a wish, closing), editing lightly and adding nothing of its own. Without it, the letter text
    is read from stdin when piped, or written in $EDITOR.

    \b
    Examples:
      os1 letter new --to Mum --occasion birthday --from-notes notes.txt
      echo "Dear Jo, thank you for Sunday." | os1 letter new --to Jo
      os1 letter new --to "Ana Pérez" --add-person   # opens $EDITOR
      os1 letter new --to "Anna (sister)" --from-notes -  < notes.txt
    """
    from os1.errors import UserInputError
    from os1.letters.drafting import draft_from_notes
    from os1.letters.library import create_letter
    from os1.letters.recipients import link_recipient

    with _store() as conn:
        who = link_recipient(conn, recipient, add=add_person)
        # Ask only when a person is at the keyboard (stdin is a terminal we are not reading notes from).
        can_ask = sys.stdin.isatty() and str(notes_file) != "-"
        if who.unknown and can_ask and click.confirm(f"I don't know {who.name} yet. Add them to your people?"):
            who = link_recipient(conn, recipient, add=True)
        if who.notice:
            click.echo(who.notice, err=True)
        recipient = who.name
        if notes_file is not None:
            notes = _read_text(notes_file)
            letter = draft_from_notes(conn, recipient, notes, occasion=occasion, sender=_sender(conn),
                                      person_id=who.person_id)
        else:
            if not sys.stdin.isatty():
                text = sys.stdin.read()
            else:
                sign = _sender(conn) or ""
                text = click.edit(f"Dear {recipient},\n\n\n\nWith love,\n{sign}\n", extension=".txt") or ""
            if not text.strip():
                raise UserInputError("The letter is empty, so nothing was saved.", "Write a few words and try again.")
            letter = create_letter(conn, recipient, text.strip() + "\n", occasion=occasion,
                                   person_id=who.person_id)
    click.echo(f"Letter #{letter.id} to {letter.recipient} saved as a draft.\n")
    click.echo(letter.text.rstrip())


def _read_text(path: Path) -> str:
    from os1.errors import UserInputError

    if str(path) == "-":
        return sys.stdin.read()
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserInputError(f"Cannot read {path} ({exc}).", "Pass a UTF-8 text file.") from exc


@letter_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON array of letters (without their text).")
def list_command(as_json: bool) -> None:
    """List your letters, newest first.

    \b
    Examples:
      os1 letter list
      os1 letter list --json
    """
    from os1.letters.library import list_letters

    with _store() as conn:
        letters = list_letters(conn)
    if as_json:
        rows = [{k: v for k, v in letter.to_dict().items() if k != "text"} | {"words": len(letter.text.split())}
                for letter in letters]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not letters:
        click.echo("No letters yet. Start one with `os1 letter new --to NAME`.")
    for letter in letters:
        click.echo(_summary(letter))


@letter_group.command("show")
@click.argument("letter_id", type=int)
@click.option("--versions", "show_versions", is_flag=True, help="Also list every earlier version.")
@click.option("--json", "as_json", is_flag=True, help="Print the letter as JSON.")
def show_command(letter_id: int, show_versions: bool, as_json: bool) -> None:
    """Show a letter and its details.

    \b
    Examples:
      os1 letter show 3
      os1 letter show 3 --versions
    """
    from os1.letters.library import get_letter, versions

    with _store() as conn:
        letter = get_letter(conn, letter_id)
        history = versions(conn, letter_id) if show_versions or as_json else []
    if as_json:
        data = letter.to_dict() | {"versions": [v.__dict__ for v in history]}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"Letter #{letter.id} to {letter.recipient}" + (f" ({letter.occasion})" if letter.occasion else ""))
    sent = f", sent {letter.sent_at[:16]} to {letter.sent_to}" if letter.sent_at else ""
    click.echo(f"{letter.status}, version {letter.version}, written {letter.created_at[:10]}{sent}\n")
    click.echo(letter.text.rstrip())
    for item in history[:-1]:
        click.echo(f"\n--- version {item.version} ({item.source}, {item.created_at[:16]}) ---\n{item.text.rstrip()}")


@letter_group.command("edit")
@click.argument("letter_id", type=int)
def edit_command(letter_id: int) -> None:
    """Edit a letter in $EDITOR; the edit is kept as a new version.

    \b
    Examples:
      os1 letter edit 3
      EDITOR=nano os1 letter edit 3
    """
    from os1.letters.library import add_version, get_letter

    with _store() as conn:
        letter = get_letter(conn, letter_id)
        edited = click.edit(letter.text, extension=".txt")
        if edited is None or edited.strip() == letter.text.strip():
            click.echo("No changes.")
            return
        letter = add_version(conn, letter_id, edited, "edit")
    click.echo(f"Saved version {letter.version} of letter #{letter.id}.")


@letter_group.command("revise")
@click.argument("letter_id", type=int)
@click.argument("how", type=click.Choice(["warmer", "shorter"]))
def revise_command(letter_id: int, how: str) -> None:
    """Make a letter warmer or shorter; shows what changed and keeps it as a new version.

    \b
    Examples:
      os1 letter revise 3 warmer
      os1 letter revise 3 shorter
    """
    from os1.letters.compose import revise
    from os1.letters.library import add_version, get_letter

    with _store() as conn:
        letter = get_letter(conn, letter_id)
        revised = revise(letter.text, how)
        if revised == letter.text:
            click.echo(f"The letter is already as {how} as these simple changes can make it.")
            return
        updated = add_version(conn, letter_id, revised, how)
    click.echo(_diff(letter.text, revised, f"version {letter.version}", f"version {updated.version}"))


def _diff(before: str, after: str, old: str, new: str) -> str:
    import difflib

    return "".join(difflib.unified_diff(before.splitlines(True), after.splitlines(True), old, new)).rstrip()


@letter_group.command("proofread")
@click.argument("letter_id", type=int)
@click.option("--apply", "apply_fixes", is_flag=True, help="Keep the suggested fixes as a new version.")
@click.option("--name", "names", multiple=True, metavar="NAME", help="A name never to correct (repeatable).")
def proofread_command(letter_id: int, apply_fixes: bool, names: tuple[str, ...]) -> None:
    """Check spelling and punctuation offline and show suggested fixes as a diff.

    The recipient's name and yours are never "corrected".

    \b
    Examples:
      os1 letter proofread 3
      os1 letter proofread 3 --name Saoirse --apply
    """
    from os1.letters.library import add_version, get_letter
    from os1.letters.proofread import proofread

    with _store() as conn:
        letter = get_letter(conn, letter_id)
        protected = [letter.recipient, *names, *([_sender(conn) or ""])]
        result = proofread(letter.text, names=protected)
        if result.clean:
            click.echo("No suggestions: the letter reads cleanly.")
            return
        click.echo(result.diff.rstrip())
        if apply_fixes:
            updated = add_version(conn, letter_id, result.corrected, "proofread")
            click.echo(f"\nSaved the fixes as version {updated.version}.")
        else:
            click.echo(f"\nKeep these fixes with `os1 letter proofread {letter_id} --apply`.")


@letter_group.command("render")
@click.argument("letter_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["pdf", "png"]), default="pdf", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File to write.")
@click.option("--size", type=click.Choice(["a5", "letter", "postcard"]), default="a5", show_default=True)
@click.option("--paper", type=click.Choice(["cream", "white", "ruled"]), default="cream", show_default=True)
@click.option("--layout", type=click.Choice(["letter", "card", "envelope"]), default="letter", show_default=True)
@click.option("--signature", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="An image of your signature to put under the letter.")
@click.option("--printed", is_flag=True, help="Record that you are printing it to post.")
def render_command(letter_id: int, fmt: str, out: Path, size: str, paper: str, layout: str,
                   signature: Path | None, printed: bool) -> None:
    """Render a letter so it looks handwritten (the same letter always renders the same way).

    \b
    Examples:
      os1 letter render 3 --format pdf --out card.pdf
      os1 letter render 3 --format png --out card.png --size postcard --paper ruled
      os1 letter render 3 --out post.pdf --layout envelope --printed
    """
    from os1.letters.library import get_letter, mark_printed
    from os1.letters.render import render_letter

    with _store() as conn:
        letter = get_letter(conn, letter_id)
        result = render_letter(letter.text, out, fmt=fmt, size=size, paper=paper, layout=layout,  # type: ignore[arg-type]
                               seed=letter.id, signature=signature, recipient=letter.recipient)
        if printed:
            mark_printed(conn, letter_id)
    for notice in result.notices:
        click.echo(f"Note: {notice}", err=True)
    files = ", ".join(str(path) for path in result.files)
    click.echo(f"Wrote {files} ({result.pages} page{'s' if result.pages != 1 else ''}).")


@letter_group.command("send")
@click.argument("letter_id", type=int)
@click.option("--email", "address", required=True, metavar="ADDR", help="The recipient's email address.")
@click.option("--subject", help="Subject line (default: 'A letter from <your name>').")
@click.option("--no-disclosure", is_flag=True, help="Leave out the line saying OS1 helped write it.")
def send_command(letter_id: int, address: str, subject: str | None, no_disclosure: bool) -> None:
    """Email a letter: its text in the body and the handwritten card attached as a PDF.

    Uses the account in config.toml's [mail] table (password in $OS1_MAIL_PASSWORD). If sending
    fails, the letter stays a draft and the same command can be run again.

    \b
    Examples:
      os1 config set mail.host smtp.example.org
      os1 config set mail.sender sam@example.org
      os1 letter send 3 --email mum@example.org
      os1 letter send 3 --email jo@example.org --no-disclosure
    """
    import tempfile

    from os1.home import get_setting
    from os1.letters.library import get_letter, mark_sent
    from os1.letters.recipients import record_letter_sent
    from os1.letters.render import render_letter
    from os1.letters.send import account_from_config, send_letter
    from os1.secrets import get_secret

    account = account_from_config(get_setting("mail", {}) or {}, os.environ, get_secret("mail.smtp", "password"))
    with _store() as conn:
        letter = get_letter(conn, letter_id)
        sender = _sender(conn)
        with tempfile.TemporaryDirectory(prefix="os1-letter-") as folder:
            card = Path(folder) / f"letter-{letter.id}.pdf"
            render_letter(letter.text, card, fmt="pdf", layout="card", size="a5", seed=letter.id)
            send_letter(account, address, subject or f"A letter from {sender or 'a friend'}", letter.text, card,
                        disclosure=not no_disclosure)
        mark_sent(conn, letter_id, address)
        record_letter_sent(conn, letter.person_id, letter.id)
    click.echo(f"Sent letter #{letter_id} to {address}.")


@letter_group.command("book")
@click.argument("letter_ids", nargs=-1, type=int)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="PDF to write.")
@click.option("--title", default="Letters", show_default=True)
@click.option("--facsimiles", is_flag=True, help="Add each letter's handwritten page after its chapter.")
@click.option("--full-names", is_flag=True, help="Show recipients' full names instead of initials.")
def book_command(letter_ids: tuple[int, ...], out: Path, title: str, facsimiles: bool, full_names: bool) -> None:
    """Bind letters into a typeset PDF book: title page, contents, one chapter per letter.

    Without IDs, every letter goes in, oldest first. Recipients appear by initials unless --full-names.

    \b
    Examples:
      os1 letter book --out letters.pdf
      os1 letter book --out best.pdf 3 7 12 --facsimiles
      os1 letter book --out family.pdf 1 2 --full-names --title "For my family"
    """
    from os1.clock import from_iso
    from os1.letters.book import BookLetter, make_book
    from os1.letters.library import get_letter, list_letters

    with _store() as conn:
        chosen = [get_letter(conn, i) for i in letter_ids] if letter_ids else list_letters(conn)[::-1]
        author = _sender(conn)
    entries = [
        BookLetter(item.recipient, from_iso(item.sent_at or item.created_at).date(), item.text, item.id,
                   occasion=item.occasion)
        for item in chosen
    ]
    pages = make_book(entries, out, title=title, author=author, include_facsimiles=facsimiles,
                      use_initials=not full_names)
    click.echo(f"Wrote {out}: {len(entries)} letter{'s' if len(entries) != 1 else ''}, {pages} pages.")
