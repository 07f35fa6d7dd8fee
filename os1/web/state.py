"""What one running server holds: credentials, the household, the people's runtimes, the voice worker.

What this module leaves out: requests (os1.web.api, os1.web.chat) and the process (os1.web.server).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from os1.errors import UserInputError
from os1.web.auth import Auth
from os1.web.household import Member
from os1.web.runtime import PersonRuntime

T = TypeVar("T")


@dataclass
class ServerState:
    """Args: auth (credentials and sessions), owner_home (the served home), members (the household)."""

    auth: Auth
    owner_home: Path
    members: dict[str, Member] = field(default_factory=dict)
    runtimes: dict[str, PersonRuntime] = field(default_factory=dict)
    # Speech recognition and synthesis share one worker: both fill the CPU, and running two at once
    # would only make each slower.
    voice_executor: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=1, thread_name_prefix="os1-voice"))
    _open_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def runtime(self, person: str) -> PersonRuntime:
        """The person's runtime, opened (lock taken, database opened) on first use."""
        existing = self.runtimes.get(person)
        if existing is not None:
            return existing
        async with self._open_lock:
            existing = self.runtimes.get(person)
            if existing is not None:
                return existing
            if person == "":
                home = self.owner_home
            elif person in self.members:
                home = self.members[person].home
            else:
                raise UserInputError(f"{person} is not in this household.", "Ask the owner to run `os1 user add`.")
            runtime = PersonRuntime(person, home)
            try:
                await runtime.call(runtime.open)
            except BaseException:
                runtime.shutdown()
                raise
            self.runtimes[person] = runtime
            return runtime

    def open_owner_now(self) -> PersonRuntime:
        """Open the served home's runtime synchronously (before serving: take its lock at start)."""
        runtime = PersonRuntime("", self.owner_home)
        try:
            runtime.start()
        except BaseException:
            runtime.shutdown()
            raise
        self.runtimes[""] = runtime
        return runtime

    async def voice(self, fn: Any, *args: Any) -> Any:
        """Run a speech function on the voice worker and await it."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.voice_executor, partial(fn, *args))

    def shutdown(self) -> None:
        """Close every person's database and release their locks (safe to call twice)."""
        for runtime in list(self.runtimes.values()):
            runtime.shutdown()
        self.runtimes.clear()
        self.voice_executor.shutdown(wait=False, cancel_futures=True)
