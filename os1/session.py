"""Opening a conversation: the one set-up used by line mode, the TUI, the web app, voice and the tests.

`open_session(home)` takes the home's conversation lock, opens its store, loads its settings once
(os1.core.settings) and its chosen mind (a provider), and yields a `Companion` ready for `opening()` and
`reply()`. Closing it releases the lock and the database. What this module leaves out: rendering and the
turn itself (os1.companion).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from os1.clock import utcnow

if TYPE_CHECKING:
    from os1.companion import Companion
    from os1.core.settings import Settings
    from os1.providers.base import Provider


def make_companion(
    conn: object,
    home: Path,
    *,
    model: str | None = None,
    source: str = "chat",
    clock: Callable[[], datetime] = utcnow,
    warm: bool = True,
    settings: Settings | None = None,
) -> Companion:
    """A companion over an open store `conn` of `home`, with that home's settings and chosen mind."""
    from os1.companion import Companion
    from os1.core.settings import Settings

    settings = settings or Settings.load(home)
    return Companion(conn, choose_provider(model, settings), source=source, clock=clock, warm=warm,  # type: ignore[arg-type]
                     settings=settings)


def choose_provider(model: str | None, settings: Settings) -> Provider:
    """The mind named by `model`, else the home's default (the built-in mind when none is set)."""
    from os1.providers.registry import get_provider

    return get_provider(model or settings.model or "builtin")


@contextmanager
def open_session(
    home: Path | None = None,
    *,
    model: str | None = None,
    source: str = "chat",
    clock: Callable[[], datetime] = utcnow,
    warm: bool = True,
) -> Iterator[Companion]:
    """Lock `home` (default: the user's home), open its store and yield its companion; release both after."""
    from os1.home import DB_NAME, user_home
    from os1.store import open_store
    from os1.store.lock import conversation_lock

    home = home or user_home()
    with ExitStack() as stack:
        home.mkdir(parents=True, exist_ok=True)
        stack.enter_context(conversation_lock(home))
        conn = open_store(home / DB_NAME)
        stack.callback(conn.close)
        companion = make_companion(conn, home, model=model, source=source, clock=clock, warm=warm)
        stack.callback(companion.close)
        yield companion
