"""Model output with deadlines: a worker thread per answer, cancelled on time-out or on Stop.

Remote models answer many users at once; an in-process model (llama.cpp is not re-entrant)
answers one at a time, with a short queue behind it and a plain "busy" message beyond that.
An answer composed at once (offline) is revealed a few words at a time, like a streamed one.
"""

from __future__ import annotations

import asyncio
import queue
import re
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING, TypeVar

from coach.errors import ProviderError

if TYPE_CHECKING:  # LangChain loads with the model, not with every answer
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage


class _Gate:
    """One generation at a time for an in-process model, with a short queue behind it."""

    def __init__(self, max_waiting: int) -> None:
        self.lock = threading.Lock()
        self.holders = 0  # running plus queued
        self.max_waiting = max_waiting
        self.guard = threading.Lock()

    def reserve(self) -> None:
        """Take a place in the queue, or say plainly that the model is busy."""
        with self.guard:
            if self.holders > self.max_waiting:
                raise ProviderError("the local model is busy with other answers; try again soon")
            self.holders += 1

    def acquire(self, timeout: float) -> bool:
        if self.lock.acquire(timeout=timeout):
            return True
        self._leave()
        return False

    def release(self) -> None:
        self.lock.release()
        self._leave()

    def _leave(self) -> None:
        with self.guard:
            self.holders -= 1


MAX_WAITING = 2  # answers queued behind a busy in-process model before "busy" is said
_gates: dict[int, _Gate] = {}
_gates_lock = threading.Lock()
_DONE = object()
T = TypeVar("T")

REVEAL_WORDS = 3  # words per step when a finished answer is revealed
REVEAL_STEPS = 32  # at most this many steps, so a long answer is not drawn out
REVEAL_PAUSE = 0.025  # seconds between steps: enough for a page to draw each one


def _gate_for(model: object) -> _Gate:
    with _gates_lock:
        return _gates.setdefault(id(model), _Gate(MAX_WAITING))


def with_deadline(
    produce: Callable[[threading.Event], Iterator[str]],
    first_timeout: float,
    total_timeout: float,
    gate: _Gate | None = None,
) -> Iterator[str]:
    """Yield what `produce` yields, from a worker thread; raise ProviderError on an error or a
    missed deadline. On a time-out (or when the caller stops reading) the worker is told to
    stop: it closes the model's stream at the next chunk instead of running on."""
    chunks: queue.Queue[object] = queue.Queue()
    cancel = threading.Event()
    started = time.monotonic()
    if gate is not None:
        gate.reserve()

    def work() -> None:
        if gate is not None and not gate.acquire(timeout=total_timeout):
            chunks.put(ProviderError("the model is busy with another answer"))
            return
        stream = produce(cancel)
        try:
            for piece in stream:
                if cancel.is_set():
                    break
                chunks.put(piece)
            chunks.put(_DONE)
        except Exception as exc:  # any provider failure becomes a fall-back, not a crash
            chunks.put(exc)
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()
            if gate is not None:
                gate.release()

    threading.Thread(target=work, daemon=True, name="coach-model").start()
    first = True
    try:
        while True:
            remaining = total_timeout - (time.monotonic() - started)
            wait = min(first_timeout, remaining) if first else remaining
            try:
                item = chunks.get(timeout=max(wait, 0.01))
            except queue.Empty:
                limit = first_timeout if first else total_timeout
                raise ProviderError(f"the model did not answer within {limit:.0f} s") from None
            if item is _DONE:
                return
            if isinstance(item, ProviderError):
                raise item
            if isinstance(item, Exception):
                raise ProviderError(_describe(item)) from item
            first = False
            yield str(item)
    finally:
        cancel.set()


def stream_text(
    model: BaseChatModel,
    messages: list[BaseMessage],
    first_timeout: float,
    total_timeout: float,
    in_process: bool = False,
) -> Iterator[str]:
    """Yield text chunks; raise ProviderError if the model errors or misses a deadline.

    Remote models answer many users at once; an in-process model (not re-entrant) answers one
    at a time, with at most MAX_WAITING answers queued and a plain "busy" message beyond that.
    """

    def produce(cancel: threading.Event) -> Iterator[str]:
        for chunk in model.stream(messages):
            if cancel.is_set():
                return
            if chunk.content:
                yield chunk.content if isinstance(chunk.content, str) else str(chunk.content)

    gate = _gate_for(model) if in_process else None
    yield from with_deadline(produce, first_timeout, total_timeout, gate)


def reveal(
    text: str,
    words: int = REVEAL_WORDS,
    steps: int = REVEAL_STEPS,
    pause: float = REVEAL_PAUSE,
) -> Iterator[str]:
    """Growing prefixes of a finished text, a few words at a time and `pause` s apart (the
    first at once), ending with the whole text: an answer composed in one go then arrives the
    way a model's streamed answer does. At most `steps` steps, whatever the text's length."""
    ends = [m.end() for m in re.finditer(r"\S+", text)]
    size = max(words, -(-len(ends) // max(steps, 1)))
    for i, end in enumerate(ends[size - 1 : -1 : size]):
        if i:
            time.sleep(pause)
        yield text[:end]
    if len(ends) > size:
        time.sleep(pause)
    yield text


class _Raised:
    """An exception from the worker, carried to the reader."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


async def in_background(items: Iterator[T]) -> AsyncIterator[T]:
    """Yield what a blocking iterator yields, iterating it in a worker thread, so the reader
    can stop at any moment (the page's Stop) instead of waiting for the next item. When the
    reader stops, the worker closes the iterator as soon as its current step returns, which
    tells a model's stream to stop; an answer still being composed is dropped."""
    loop = asyncio.get_running_loop()
    ready: asyncio.Queue[object] = asyncio.Queue()
    stop = threading.Event()

    def put(item: object) -> None:
        try:
            loop.call_soon_threadsafe(ready.put_nowait, item)
        except RuntimeError:  # the loop is gone: nobody is reading
            stop.set()

    def work() -> None:
        try:
            for item in items:
                if stop.is_set():
                    break
                put(item)
            put(_DONE)
        except Exception as exc:  # handed to the reader, who decides what the user sees
            put(_Raised(exc))
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()

    threading.Thread(target=work, daemon=True, name="coach-answer").start()
    try:
        while True:
            item = await ready.get()
            if item is _DONE:
                return
            if isinstance(item, _Raised):
                raise item.exc
            yield item  # type: ignore[misc]
    finally:
        stop.set()


def _describe(exc: Exception) -> str:
    """A short, key-free description of a provider failure."""
    name = type(exc).__name__
    status = getattr(exc, "status_code", None)
    if status == 429:
        return "the model's server is rate-limiting requests (429)"
    if status == 401:
        return "the model's server refused the API key (401)"
    if "Connection" in name or "Timeout" in name:
        return f"the model's server could not be reached ({name})"
    if status:
        return f"the model's server answered with an error ({status})"
    return f"the model failed ({name})"
