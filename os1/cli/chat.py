"""`os1 chat`: the Textual app on a terminal, one reply per line when scripted."""

from __future__ import annotations

import sys
from typing import IO, Any

import click

from os1.terminal import clean, json_text

# A line longer than this is still stored whole, but the person is told the mind read only its start.
LONG_LINE_CHARS = 100_000


@click.command("chat")
@click.option("--json", "as_json", is_flag=True, help="Line mode: print one JSON object per reply.")
@click.option("--model", "model", metavar="SPEC", help="Use this mind for this conversation (e.g. ollama:llama3.1).")
@click.option("--no-opening", is_flag=True, help="Line mode: do not print the companion's opening line.")
def chat_command(as_json: bool, model: str | None, no_opening: bool) -> None:
    """Talk with your companion.

    On a terminal this opens the chat window (slash commands: /help, /memory,
    /mood, /forget, /quit). When stdin is not a terminal, each input line is one
    message (a line /quit ends it; /forget, /mood and /memory work as in the
    window) and each reply is printed on one line, so it
    can be scripted. The companion's opening line comes first (skip it with
    --no-opening).

    \b
    Examples:
      os1 chat
      printf 'Sam\\nSam is fine\\nI like it\\n' | os1 chat
      echo "I had a long day" | os1 chat --json
      os1 chat --model openai:llama --no-opening < messages.txt
    """
    from os1.session import open_session

    with open_session(model=model) as companion:
        if sys.stdin.isatty() and sys.stdout.isatty() and not as_json:
            from os1.tui.app import ChatApp

            ChatApp(companion).run()
        else:
            run_line_mode(companion, sys.stdin.buffer, sys.stdout, as_json=as_json, opening=not no_opening)


def run_line_mode(companion: Any, stdin: IO[bytes], stdout: IO[str], *, as_json: bool, opening: bool) -> None:
    """Read messages line by line from `stdin` (bytes), print one reply per message, until the input
    ends or a line is /quit (or /exit, /bye), as in the chat window."""
    from os1.frontends.commands import is_command, run_command

    if opening:
        _emit(stdout, companion.opening(), companion, as_json)
    for number, raw in enumerate(stdin, start=1):
        text, problem = decode_line(raw)
        if problem:
            click.echo(f"os1: line {number}: {problem}", err=True)
        if text is None:
            continue
        if is_command(text):
            result = run_command(companion, text)
            if result.quit:
                return
            _emit_command(stdout, result.text, as_json)
            continue
        if len(text) > LONG_LINE_CHARS:
            click.echo(
                f"os1: line {number} is very long ({len(text):,} characters); it is stored whole, "
                "and the reply answers its gist.",
                err=True,
            )
        _emit(stdout, companion.reply(text), companion, as_json)


def _emit_command(stdout: IO[str], text: str, as_json: bool) -> None:
    """A slash command's answer: one line, like a reply, but never part of the conversation."""
    if as_json:
        stdout.write(json_text({"type": "command", "text": text}) + "\n")
    else:
        stdout.write(" ".join(clean(text).split()) + "\n")
    stdout.flush()


def decode_line(raw: bytes) -> tuple[str | None, str | None]:
    """A message from a raw input line, and a note for the person when something was off.

    Example: b"hi\\n" -> ("hi", None); b"\\n" -> (None, "empty line skipped")
    """
    body = raw.rstrip(b"\r\n")
    if not body.strip():
        return None, "empty line skipped" if raw.strip(b"\r\n") == b"" else "blank line skipped"
    if b"\x00" in body:
        return None, "this looks like binary data, not text; skipped"
    try:
        return body.decode("utf-8").strip(), None
    except UnicodeDecodeError:
        text = body.decode("utf-8", errors="replace")
        if text.count("\ufffd") > max(3, len(text) // 10):
            return None, "this is not UTF-8 text (binary?); skipped"
        return text.strip(), "some bytes were not valid UTF-8 and were replaced with �"


def _emit(stdout: IO[str], reply: Any, companion: Any, as_json: bool) -> None:
    if as_json:
        record = {
            "type": reply.kind,
            "text": reply.text,
            "turn_id": reply.turn_id,
            "reply_to": reply.reply_to,
            "companion": companion.name,
            "mood": companion.mood(),
            "interrupted": reply.interrupted,
            "note": reply.note,
        }
        record.update({k: v for k, v in reply.meta.items() if k not in record and k != "kind"})
        stdout.write(json_text(record) + "\n")
    else:
        # The reply can carry the person's or outside words back (a recall, a mail subject): never raw
        # terminal escapes (os1.terminal).
        if reply.note:
            click.echo(clean(reply.note), err=True)
        stdout.write(" ".join(clean(reply.text).split()) + "\n")
    stdout.flush()
