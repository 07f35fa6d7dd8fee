"""One person's live state inside the server: their home, database, companion and open tabs.

Every database call for a person runs on that person's single worker thread, so SQLite is only ever
used from one thread and replies from two tabs (or a tab and a script) are answered one after the
other, in arrival order, by the one `Companion`. The person's conversation lock (os1.store.lock) is
held from the first use until the server stops, so `os1 chat` on the same home is told plainly that
the web app has it open. What this module leaves out: HTTP and WebSocket handling.
"""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from os1.companion import Companion
from os1.errors import HomeError
from os1.home import CONFIG_NAME, DB_NAME
from os1.store.lock import LOCK_NAME, conversation_lock

T = TypeVar("T")


class PersonRuntime:
    """A person served by this server.

    Args:
        person: "" for the home's own person, else the household member's name.
        home: that person's OS1 home directory.
    """

    def __init__(self, person: str, home: Path) -> None:
        self.person = person
        self.home = home
        self.sockets: set[Any] = set()  # open WebSockets (tabs), for sharing finished turns
        self.opened = False  # has the companion said its opening line in this server run?
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"os1-{person or 'home'}")
        self._stack = ExitStack()
        self._conn: sqlite3.Connection | None = None
        self._companion: Companion | None = None

    # --- lifecycle (run on the worker thread) ---------------------------------------------------

    def open(self) -> None:
        """Take the conversation lock and open the database (raises AlreadyRunning if held elsewhere)."""
        try:
            self.home.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HomeError(f"OS1 cannot create {self.home} ({exc.strerror}).", "Check the path.") from exc
        self._stack.enter_context(conversation_lock(self.home))
        self._connect()

    def _connect(self) -> None:
        from os1.session import make_companion
        from os1.store import open_store

        self._conn = open_store(self.home / DB_NAME)
        self._companion = make_companion(self._conn, self.home, source="web")

    def _provider(self) -> Any:
        from os1.core.settings import Settings
        from os1.session import choose_provider

        return choose_provider(None, Settings.load(self.home))

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self._stack.close()

    @property
    def conn(self) -> sqlite3.Connection:
        assert self._conn is not None, "PersonRuntime.open() runs before any use"
        return self._conn

    @property
    def companion(self) -> Companion:
        assert self._companion is not None, "PersonRuntime.open() runs before any use"
        return self._companion

    async def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run `fn` on this person's worker thread (in order with every other call) and await it."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, partial(fn, *args, **kwargs))

    def start(self) -> None:
        """`open()` on the worker thread, waiting for it (used before the server accepts requests)."""
        self._executor.submit(self.open).result()

    def shutdown(self) -> None:
        self._executor.submit(self.close).result(timeout=30)
        self._executor.shutdown(wait=True)

    # --- per-home config (the home is explicit: one server may serve several homes) -------------

    def config(self) -> dict[str, Any]:
        from os1.home import read_toml

        return read_toml(self.home / CONFIG_NAME, "Fix the file by hand, or change the setting again.")

    def save_config(self, config: dict[str, Any]) -> None:
        from os1.home import write_toml

        write_toml(self.home / CONFIG_NAME, config)

    def reload_provider(self) -> None:
        """After a setting changed: answer with the newly chosen mind and settings from the next turn on."""
        from os1.core.settings import Settings

        self.companion.settings = Settings.load(self.home)
        self.companion.provider = self._provider()

    # --- forgetting everything -------------------------------------------------------------------

    def forget_everything(self) -> None:
        """Delete every file in the home (keeping the lock held), then start afresh with an empty store."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        for entry in self.home.iterdir():
            if entry.name == LOCK_NAME:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        self.opened = False
        self._connect()
