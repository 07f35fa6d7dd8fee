"""`os1 analyze [TEXT]`: what OS1 understands in a message (emotions, sentiment, intent, entities, ...).

What it holds: the click command and its input handling. Without TEXT it reads standard input, one
message per line, and answers each in order. The analysis itself is `os1.mind.understanding.analyze`.

Input it copes with, and how (part of the command's contract):
- an empty (or blank) line: not analysed; `--json` still prints one object for it, with `"empty": true`
  and empty fields, so output lines stay aligned with input lines; the readable form prints "(empty)";
- bytes that are not valid UTF-8: decoded with U+FFFD replacement, and a note says so;
- a very long line: the first `MAX_CHARS` characters are analysed (`"truncated": true`, with a note).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import click


def _lines_from_stdin() -> Iterator[tuple[str, list[str]]]:
    """Decoded stdin lines (without the newline) with notes about their decoding."""
    for raw in sys.stdin.buffer:
        line = raw.rstrip(b"\r\n")
        try:
            yield line.decode("utf-8"), []
        except UnicodeDecodeError:
            yield line.decode("utf-8", errors="replace"), [
                "input was not valid UTF-8; undecodable bytes were replaced with U+FFFD"
            ]


def _empty_record(text: str, notes: list[str]) -> dict[str, Any]:
    return {
        "text": text,
        "empty": True,
        "emotions": [],
        "emotion_scores": {},
        "ekman": [],
        "sentiment": None,
        "intent": None,
        "entities": {"people": [], "places": [], "organizations": [], "dates": []},
        "disclosures": [],
        "risk": {"level": "none", "kind": None, "reasons": []},
        "truncated": False,
        "notes": [*notes, "empty line: nothing to analyse"],
    }


def _summary(record: dict[str, Any]) -> str:
    """A few readable lines for one analysed message."""
    if record.get("empty"):
        return "(empty)"
    scores = record["emotion_scores"]
    emotions = ", ".join(f"{e} {scores.get(e, 0):.2f}" for e in record["emotions"])
    s = record["sentiment"]
    text = record["text"] if len(record["text"]) <= 80 else record["text"][:77] + "..."
    lines = [f"> {text}", f"  emotions:   {emotions}", f"  sentiment:  {s['label']} ({s['compound']:+.2f})",
             f"  intent:     {record['intent']}"]  # fmt: skip
    ent = record["entities"]
    people = [" ".join(x for x in (p["relation"], p["name"]) if x) for p in ent["people"]]
    parts = [("people", people), ("places", ent["places"]), ("organisations", ent["organizations"]),
             ("dates", [f"{d['text']} = {d['value']}" for d in ent["dates"]])]  # fmt: skip
    for label, items in parts:
        if items:
            lines.append(f"  {label + ':':<12}{'; '.join(items)}")
    for d in record["disclosures"]:
        when = f" ({d['date']})" if d["date"] else ""
        lines.append(f"  disclosure: {d['kind']}: {d['text']}{when}")
    risk = record["risk"]
    lines.append(f"  risk:       {risk['level']}" + (f" ({risk['kind']})" if risk.get("kind") else ""))
    lines.extend(f"  note:       {n}" for n in record["notes"])
    return "\n".join(lines)


def _parse_now(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date-time; try --now 2026-11-25T10:00") from None


@click.command("analyze")
@click.argument("text", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per message, in input order.")
@click.option("--now", "now_text", metavar="ISO", help="Resolve dates against this time instead of now.")
def analyze_command(text: tuple[str, ...], as_json: bool, now_text: str | None) -> None:
    """Show what OS1 understands in TEXT, or in each line of standard input.

    For each message: the emotions judged present (GoEmotions labels) and all 28 scores, sentiment,
    intent, people (with their relation to you), places, organisations, dates resolved to calendar
    dates, self-disclosures and the safety assessment.

    \b
    Examples:
      os1 analyze "My sister Anna is visiting on Friday"
      os1 analyze --json "thanks, that helped" | jq .intent
      cat messages.txt | os1 analyze --json > analysis.jsonl
      os1 analyze --now 2026-11-25T09:00 "my interview is tomorrow at 10"
    """
    from os1.mind.understanding import analyze

    now = _parse_now(now_text)
    inputs: Iterator[tuple[str, list[str]]] = (
        iter([(" ".join(text), [])]) if text else _lines_from_stdin()
    )
    for line, notes in inputs:
        if not line.strip():
            record = _empty_record(line, notes)
        else:
            record = analyze(line, now=now).to_dict()
            record["notes"] = notes + record["notes"]
        click.echo(json.dumps(record, ensure_ascii=False) if as_json else _summary(record))
