"""Slash commands, written once for every front end: /help, /mood, /memory, /forget, /quit.

A front end passes any line that starts with "/" to `run_command` and shows the answer; it never goes
to the mind or into the conversation as a message. What this module leaves out: how the answer is
shown (each front end renders it its own way).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from os1.companion import Companion

QUIT_COMMANDS = frozenset({"/quit", "/exit", "/bye"})
HELP_TEXT = (
    "/help — this list\n"
    "/mood — how I feel and why\n"
    "/memory — what I remember of you\n"
    "/forget — forget the last thing you said (and my reply)\n"
    "/quit — close (Ctrl+C works too)"
)


@dataclass(frozen=True)
class CommandResult:
    text: str
    quit: bool = False


def is_command(text: str) -> bool:
    """A slash command, not a message ("/mood"; but "/ that was odd" and "//" are messages)."""
    return text.startswith("/") and len(text) > 1 and text[1].isalpha()


def run_command(companion: Companion, text: str) -> CommandResult:
    name = text.split()[0].lower()
    if name in QUIT_COMMANDS:
        return CommandResult("Goodbye for now.", quit=True)
    if name == "/help":
        return CommandResult(HELP_TEXT)
    if name == "/mood":
        return CommandResult(companion.describe_mood())
    if name == "/memory":
        return CommandResult(memory_summary(companion))
    if name == "/forget":
        return forget_last(companion)
    return CommandResult(f"I don't know {name}. Try /help.")


def memory_summary(companion: Companion) -> str:
    from os1.store.conversation import count_turns, recent_turns

    said = [t for t in recent_turns(companion.conn, 200) if t.role == "person"][-5:]
    lines = [f"I keep every word we've shared: {count_turns(companion.conn)} turns so far."]
    if said:
        lines.append("Most recently you told me:")
        lines += [f"  • {t.text[:80]}" for t in said]
    lines.append("Search everything with `os1 memory search` in a terminal.")
    return "\n".join(lines)


def forget_last(companion: Companion) -> CommandResult:
    """Forget the person's last message of this conversation and the reply to it, everywhere it went
    (os1.memory.manage: facts, people notes, indexes, securely)."""
    from os1.memory.manage import forget_last as forget_exchange
    from os1.terminal import clean

    report = forget_exchange(companion.conn, companion.session_id)
    if report is None:
        return CommandResult("There's nothing of yours in this conversation to forget yet.")
    return CommandResult(f"Forgotten: “{clean(report.text[:60], newlines=False)}” and my reply to it.")
