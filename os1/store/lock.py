"""One open conversation per home: an advisory file lock held while `os1 chat` or `os1 serve` runs.

Two front ends writing one conversation at once would interleave turns confusingly; the second one is
told plainly what is happening instead. The lock is released by the kernel if the process dies, so a
crash never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from os1.errors import AlreadyRunning, HomeError

LOCK_NAME = "conversation.lock"


@contextmanager
def conversation_lock(home: Path) -> Iterator[None]:
    path = home / LOCK_NAME
    try:
        handle = path.open("a+")
    except OSError as exc:
        raise HomeError(
            f"OS1 cannot write to {home} ({exc.strerror}).",
            "Make the directory writable, or set OS1_HOME to a writable directory.",
        ) from exc
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise AlreadyRunning(
                f"OS1 is already open in another window on this home (pid {holder}).",
                "Close that conversation first, or use a different OS1_HOME.",
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()
