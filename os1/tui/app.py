"""The chat window: a header with the companion's name and mood, the conversation, an input line.

Replies stream in from a worker thread (the mind may be a slow language model) and are pushed to the
screen with `call_from_thread`. Only one reply is produced at a time, and the database is touched by one
thread at a time. Ctrl+C stops a reply that is streaming (the partial reply is stored, marked
interrupted); pressed again, or when idle, it closes the window.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Input, Static

from os1.cli.chat import QUIT_COMMANDS
from os1.providers.base import CancelToken

DELIVERY_CHECK_SECONDS = 20.0

HELP_TEXT = (
    "/help — this list\n"
    "/mood — how I feel and why\n"
    "/memory — what I remember of you\n"
    "/forget — forget the last thing you said (and my reply)\n"
    "/quit — close (Ctrl+C works too)"
)


class Message(Static):
    """One line of the conversation."""

    DEFAULT_CSS = """
    Message { margin: 0 0 1 0; }
    Message.person { color: $text; text-style: bold; }
    Message.companion { color: $accent; }
    Message.system { color: $text-muted; text-style: italic; }
    """


class ChatApp(App[None]):
    """Talk with the companion in a terminal."""

    TITLE = "OS1"
    CSS = """
    #header { dock: top; height: 1; background: $primary; color: $text; padding: 0 1; }
    #log { height: 1fr; padding: 1 2; }
    #input { dock: bottom; margin: 0 0 1 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+c", "interrupt", "Stop / quit", priority=True),
        Binding("ctrl+q", "quit", "Quit"),
    ]

    def __init__(self, companion: Any) -> None:
        super().__init__()
        self.companion = companion
        self._cancel: CancelToken | None = None
        self._current: Message | None = None
        self._buffer = ""

    def compose(self) -> ComposeResult:
        yield Static("", id="header")
        yield VerticalScroll(id="log")
        yield Input(placeholder="Say something… (/help for commands)", id="input")
        yield Footer()

    def on_mount(self) -> None:
        self._refresh_header()
        opening = self.companion.opening()
        self._add(opening.text, "companion")
        self._refresh_header()
        self.query_one("#input", Input).focus()
        self.set_interval(DELIVERY_CHECK_SECONDS, self.deliver_due)

    def deliver_due(self) -> None:
        """Say what the scheduler has due (reminders, follow-ups, nudges) while the window is open."""
        if self.busy:
            return  # the worker thread has the database; try again at the next tick
        for text in self.companion.deliver_due():
            self._add(text, "companion")

    # --- rendering -----------------------------------------------------------------------------

    def _refresh_header(self) -> None:
        self.query_one("#header", Static).update(f"{self.companion.name} · feeling {self.companion.mood()}")
        self.title = self.companion.name

    def _add(self, text: str, who: str) -> Message:
        message = Message(text, classes=who, markup=False)
        log = self.query_one("#log", VerticalScroll)
        log.mount(message)
        log.scroll_end(animate=False)
        return message

    @property
    def busy(self) -> bool:
        return self._cancel is not None

    # --- input ---------------------------------------------------------------------------------

    @on(Input.Submitted, "#input")
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        event.input.value = ""
        if not text:
            return
        if text.startswith("/"):
            self._command(text)
            return
        if self.busy:
            self.notify("Still answering — a moment, or Ctrl+C to stop me.", severity="warning")
            return
        self._add(text, "person")
        self._current = self._add("…", "companion")
        self._buffer = ""
        self._cancel = CancelToken()
        self._respond(text, self._cancel)

    @work(thread=True, exclusive=True)
    def _respond(self, text: str, cancel: CancelToken) -> None:
        try:
            def on_chunk(chunk: str) -> None:
                self.call_from_thread(self._chunk, chunk)

            reply = self.companion.reply(text, on_chunk=on_chunk, cancel=cancel)
            self.call_from_thread(self._finished, reply.text, reply.note)
        except Exception as exc:  # shown to the person, never a traceback in the window
            message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
            self.call_from_thread(self._failed, message)

    def _chunk(self, chunk: str) -> None:
        self._buffer += chunk
        if self._current is not None:
            self._current.update(self._buffer)
            self.query_one("#log", VerticalScroll).scroll_end(animate=False)

    def _finished(self, text: str, note: str | None) -> None:
        if self._current is not None:
            self._current.update(text)
        if note:
            self._add(note, "system")
        self._cancel = None
        self._current = None
        self._refresh_header()

    def _failed(self, message: str) -> None:
        if self._current is not None:
            self._current.update("(no reply)")
        self.notify(f"I couldn't answer: {message}", severity="error")
        self._cancel = None
        self._current = None

    # --- commands ------------------------------------------------------------------------------

    def _command(self, text: str) -> None:
        name = text.split()[0].lower()
        if name in QUIT_COMMANDS:
            self.action_quit_safely()
        elif name == "/help":
            self._add(HELP_TEXT, "system")
        elif self.busy:
            self.notify("Still answering — try that in a moment.", severity="warning")
        elif name == "/mood":
            self._add(self.companion.describe_mood() if hasattr(self.companion, "describe_mood") else
                      f"I'm feeling {self.companion.mood()}.", "system")
        elif name == "/memory":
            self._add(self._memory_summary(), "system")
        elif name == "/forget":
            self._add(self._forget_last(), "system")
        else:
            self._add(f"I don't know {name}. Try /help.", "system")

    def _memory_summary(self) -> str:
        from os1.store.conversation import count_turns, recent_turns

        said = [t for t in recent_turns(self.companion.conn, 200) if t.role == "person"][-5:]
        lines = [f"I keep every word we've shared: {count_turns(self.companion.conn)} turns so far."]
        if said:
            lines.append("Most recently you told me:")
            lines += [f"  • {t.text[:80]}" for t in said]
        lines.append("Search everything with `os1 memory search` in a terminal.")
        return "\n".join(lines)

    def _forget_last(self) -> str:
        from os1.memory.manage import forget_last
        from os1.terminal import clean

        report = forget_last(self.companion.conn, self.companion.session_id)
        if report is None:
            return "There's nothing of yours in this conversation to forget yet."
        return f"Forgotten: “{clean(report.text[:60], newlines=False)}” and my reply to it."

    # --- leaving -------------------------------------------------------------------------------

    def action_interrupt(self) -> None:
        if self._cancel is not None and not self._cancel.cancelled:
            self._cancel.cancel()
            self.notify("Stopped.")
        else:
            self.action_quit_safely()

    def action_quit_safely(self) -> None:
        if self._cancel is not None:
            self._cancel.cancel()
        self.exit()
