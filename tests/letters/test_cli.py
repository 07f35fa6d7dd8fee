"""`os1 letter ...` end to end in real subprocesses, on a real SQLite home, a real SMTP server and real PDFs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import run_os1
from tests.letters.pdftools import needs_poppler, pdf_text
from tests.letters.test_send import Inbox, free_port, smtp  # noqa: F401 - smtp is a fixture

NOTES = """- Jo taught me to bake bread the winter we shared the flat.
- I miss our Sunday loaves.
- i hope we can bake together again soon.
"""


def new_letter(tmp_path: Path, notes: str = NOTES, to: str = "Jo") -> int:
    notes_file = tmp_path / "notes.txt"
    notes_file.write_text(notes, encoding="utf-8")
    done = run_os1("letter", "new", "--to", to, "--occasion", "birthday", "--from-notes", str(notes_file))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Letter #")
    return int(done.stdout.split("#")[1].split()[0])


def test_draft_revise_proofread_and_list(tmp_path: Path) -> None:
    letter_id = new_letter(tmp_path)
    listed = json.loads(run_os1("letter", "list", "--json").stdout)
    assert [(row["id"], row["recipient"], row["status"], row["version"]) for row in listed] == [
        (letter_id, "Jo", "draft", 1)]
    shown = run_os1("letter", "show", str(letter_id)).stdout
    assert "Dear Jo," in shown and "You taught me to bake bread" in shown and "I hope we can" in shown

    warmer = run_os1("letter", "revise", str(letter_id), "warmer")
    assert warmer.returncode == 0 and "+My dear Jo," in warmer.stdout
    data = json.loads(run_os1("letter", "show", str(letter_id), "--json").stdout)
    assert data["version"] == 2 and [v["source"] for v in data["versions"]] == ["notes", "warmer"]

    typo = subprocess.run(  # a typo typed in through the editor (a real sed run as $EDITOR)
        [sys.executable, "-m", "os1", "letter", "edit", str(letter_id)],
        env={**__import__("os").environ, "EDITOR": "sed -i s/loaves/loavse/"}, capture_output=True, text=True)
    assert typo.returncode == 0 and "Saved version 3" in typo.stdout
    checked = run_os1("letter", "proofread", str(letter_id), "--apply")
    assert "-I miss our Sunday loavse." in checked.stdout and "+I miss our Sunday loaves." in checked.stdout
    assert "Saved the fixes as version 4" in checked.stdout
    assert "No suggestions" in run_os1("letter", "proofread", str(letter_id)).stdout


@needs_poppler
def test_render_and_book(tmp_path: Path) -> None:
    first = new_letter(tmp_path)
    second = new_letter(tmp_path, "We walked by the river. Thank you for listening.", to="Margaret Ellis")
    card = tmp_path / "card.pdf"
    done = run_os1("letter", "render", str(first), "--format", "pdf", "--out", str(card), "--size", "postcard",
                   "--paper", "ruled", "--printed")
    assert done.returncode == 0, done.stderr
    assert "You taught me to bake bread" in " ".join(pdf_text(card).split())
    png = tmp_path / "card.png"
    assert run_os1("letter", "render", str(first), "--format", "png", "--out", str(png)).returncode == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert json.loads(run_os1("letter", "show", str(first), "--json").stdout)["status"] == "printed"

    book = tmp_path / "book.pdf"
    done = run_os1("letter", "book", "--out", str(book), str(second), str(first))
    assert done.returncode == 0 and "2 letters" in done.stdout
    text = pdf_text(book)
    assert text.index("1. To M. E.") < text.index("2. To J. — Birthday")
    assert "Margaret" not in text


def test_send_records_the_letter_and_a_failure_leaves_it_a_draft(
    tmp_path: Path, os1_home: Path, smtp: tuple[Inbox, int]  # noqa: F811
) -> None:
    inbox, port = smtp
    letter_id = new_letter(tmp_path)
    for key, value in (("mail.host", "127.0.0.1"), ("mail.port", str(free_port())), ("mail.security", "none"),
                       ("mail.sender", "sam@example.org")):
        assert run_os1("config", "set", key, value).returncode == 0
    failed = run_os1("letter", "send", str(letter_id), "--email", "jo@example.org")
    assert failed.returncode == 1 and "refused the connection" in failed.stderr and "not sent" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert json.loads(run_os1("letter", "show", str(letter_id), "--json").stdout)["status"] == "draft"

    assert run_os1("config", "set", "mail.port", str(port)).returncode == 0
    sent = run_os1("letter", "send", str(letter_id), "--email", "jo@example.org")
    assert sent.returncode == 0, sent.stderr
    message = inbox.messages[0]
    assert message["To"] == "jo@example.org"
    attachment = next(p for p in message.walk() if p.get_content_type() == "application/pdf")
    assert attachment.get_payload(decode=True).startswith(b"%PDF")
    shown = json.loads(run_os1("letter", "show", str(letter_id), "--json").stdout)
    assert shown["status"] == "sent" and shown["sent_to"] == "jo@example.org"


def test_friendly_errors_and_help() -> None:
    missing = run_os1("letter", "show", "42")
    assert missing.returncode == 1 and "There is no letter #42" in missing.stderr
    empty = run_os1("letter", "new", "--to", "Jo", input="   \n")
    assert empty.returncode == 1 and "empty" in empty.stderr
    no_account = run_os1("letter", "send", "1", "--email", "jo@example.org")
    assert no_account.returncode == 1 and "os1 config set mail.host" in no_account.stderr
    assert "Examples:" in run_os1("letter", "render", "--help").stdout
    assert "letter" in run_os1("--help").stdout


def test_recipients_link_to_the_people_map_and_a_sent_letter_counts_as_contact(
    tmp_path: Path, smtp: tuple[Inbox, int]  # noqa: F811
) -> None:
    inbox, port = smtp
    notes = tmp_path / "n.txt"
    notes.write_text("Thank you for the walk.", encoding="utf-8")
    unknown = run_os1("letter", "new", "--to", "Ana", "--from-notes", str(notes))
    assert unknown.returncode == 0 and "Ana is not in your people yet" in unknown.stderr
    added = run_os1("letter", "new", "--to", "Ana", "--from-notes", str(notes), "--add-person")
    assert added.returncode == 0 and "Added Ana to your people." in added.stderr
    letter_id = int(added.stdout.split("#")[1].split()[0])
    person = json.loads(run_os1("people", "show", "Ana", "--json").stdout)
    assert json.loads(run_os1("letter", "show", str(letter_id), "--json").stdout)["person_id"] == person["id"]
    again = run_os1("letter", "new", "--to", "Ana", "--from-notes", str(notes))
    assert "not in your people" not in again.stderr  # now known: linked without asking

    for key, value in (("mail.host", "127.0.0.1"), ("mail.port", str(port)), ("mail.security", "none"),
                       ("mail.sender", "sam@example.org")):
        run_os1("config", "set", key, value)
    assert run_os1("letter", "send", str(letter_id), "--email", "ana@example.org").returncode == 0
    after = json.loads(run_os1("people", "show", "Ana", "--json").stdout)
    assert len(inbox.messages) == 1
    assert person["last_contact"] is None and after["last_contact"] is not None
