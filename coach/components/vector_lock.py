"""One process at a time in the embedded vector store, and a stamp that says when it changed."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from coach.errors import CoachError

LOCK_NAME = ".coach-vectors.lock"
STAMP_NAME = ".coach-vectors.stamp"


class VectorStoreBusy(CoachError):
    """Another Peer Coach held the vector store for longer than we wait."""


class VectorLock:
    """An inter-process lock on one embedded Chroma folder, plus a generation stamp.

    Embedded Chroma keeps its search index in memory and writes it back now and then, so two
    processes that each write lose each other's entries. Every read and write therefore runs
    under this lock, and every write changes the stamp: a process whose in-memory index was
    loaded under an older stamp reopens the store before touching it.
    """

    def __init__(self, folder: Path, timeout: float = 120.0) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.timeout = timeout
        # thread_local: each thread takes the OS lock itself, so threads queue like processes.
        self._lock = FileLock(
            folder / LOCK_NAME, timeout=timeout, mode=0o600, preserve_lock_file=True
        )
        self._stamp = folder / STAMP_NAME

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Hold the lock (re-entrant in one thread); a plain message if it never comes free."""
        try:
            self._lock.acquire()
        except Timeout as exc:
            raise VectorStoreBusy(
                f"The search index is busy: another Peer Coach has been writing to it for "
                f"over {self.timeout:.0f} s. Try again in a moment."
            ) from exc
        try:
            yield
        finally:
            self._lock.release()

    def stamp(self) -> str:
        """The current generation; '' before the first write."""
        try:
            return self._stamp.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            return ""

    def bump(self) -> str:
        """Record a write (call with the lock held); returns the new generation."""
        value = uuid.uuid4().hex
        tmp = self._stamp.with_name(f"{STAMP_NAME}.{os.getpid()}")
        tmp.write_text(value, encoding="ascii")
        os.replace(tmp, self._stamp)  # readers see the old stamp or the new one, never half
        return value
