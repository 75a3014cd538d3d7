"""The page's sign-in: password checks, throttled per user name and per client address."""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from coach.components.container import Services

log = logging.getLogger(__name__)

# The address of the request being served, set by ClientAddress for Gradio's login route
# (Gradio 6 calls the auth function with only a name and a password).
CLIENT_ADDRESS: ContextVar[str | None] = ContextVar("coach_client_address", default=None)


@dataclass
class _Record:
    failures: int = 0
    last_failure: float = 0.0
    locked_until: float = 0.0


@dataclass
class Throttle:
    """Counts failed sign-ins per key. After `max_failures` in a row a key is locked for
    `lock_seconds`, doubling with each further failure up to `max_lock_seconds`; failures
    are forgotten after `forget_seconds` of quiet. `clock` is injectable for tests."""

    max_failures: int = 5
    lock_seconds: float = 60.0
    max_lock_seconds: float = 3600.0
    forget_seconds: float = 3600.0
    clock: Callable[[], float] = time.monotonic
    _records: dict[str, _Record] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def wait(self, key: str) -> float:
        """Seconds until `key` may try again (0 when it may try now)."""
        with self._lock:
            rec = self._records.get(key)
            return max(0.0, rec.locked_until - self.clock()) if rec else 0.0

    def failed(self, key: str) -> None:
        with self._lock:
            now = self.clock()
            rec = self._records.setdefault(key, _Record())
            if now - rec.last_failure > self.forget_seconds:
                rec.failures = 0
            rec.failures += 1
            rec.last_failure = now
            over = rec.failures - self.max_failures
            if over >= 0:
                rec.locked_until = now + min(self.lock_seconds * 2**over, self.max_lock_seconds)
            if len(self._records) > 100_000:  # bound memory under a spray of names
                self._forget_old(now)

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._records.pop(key, None)

    def _forget_old(self, now: float) -> None:
        for key in [
            k
            for k, r in self._records.items()
            if now - r.last_failure > self.forget_seconds and r.locked_until <= now
        ]:
            del self._records[key]


def locked_message(seconds: float) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return (
        "Too many failed sign-ins for this name or from this address. "
        f"Try again in {minutes} minute{'s' if minutes > 1 else ''}, or ask your admin to "
        "reset your password (`coach users passwd`)."
    )


class SignInLocked(Exception):
    """A sign-in refused without checking the password: too many recent failures."""


@dataclass
class SignInGuard:
    """Checks passwords with `verify`, refusing names and addresses with too many failures.

    A shared address (an office NAT) gets a higher limit than a single name."""

    verify: Callable[[str, str], bool]
    by_name: Throttle = field(default_factory=Throttle)
    by_address: Throttle = field(default_factory=lambda: Throttle(max_failures=20))

    def check(self, username: str, password: str, address: str | None = None) -> bool:
        """True for the right password; raises SignInLocked while a lock-out lasts."""
        name = "name:" + " ".join((username or "").split()).casefold()
        addr = f"address:{address}" if address else None
        wait = max(self.by_name.wait(name), self.by_address.wait(addr) if addr else 0.0)
        if wait > 0:
            log.warning("sign-in refused while locked out (name or address)")
            raise SignInLocked(locked_message(wait))
        if self.verify(username, password):
            self.by_name.succeeded(name)  # the address count stays: it may be guessing widely
            return True
        self.by_name.failed(name)
        if addr:
            self.by_address.failed(addr)
        return False


class ClientAddress:
    """ASGI middleware: makes the client's address known to the auth function."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        client = scope.get("client") if scope.get("type") == "http" else None
        token = CLIENT_ADDRESS.set(client[0] if client else None)
        try:
            await self.app(scope, receive, send)
        finally:
            CLIENT_ADDRESS.reset(token)


def gradio_auth(guard: SignInGuard) -> Callable[[str, str], Awaitable[bool]]:
    """An auth function for `Blocks.launch(auth=…)`: the password is checked in a worker
    thread (argon2 takes ~50 ms), and a lock-out answers 429 with a plain message."""

    async def auth(username: str, password: str) -> bool:
        import anyio
        from fastapi import HTTPException

        address = CLIENT_ADDRESS.get()
        try:
            return await anyio.to_thread.run_sync(guard.check, username, password, address)
        except SignInLocked as exc:
            raise HTTPException(status_code=429, detail=str(exc)) from exc

    return auth


def sign_in_options(services: Services, guard: SignInGuard | None = None) -> dict[str, Any]:
    """What `demo.launch` needs for throttled sign-in: `auth`, `auth_message`, `app_kwargs`."""
    from starlette.middleware import Middleware

    from coach.services.accounts import verify

    guard = guard or SignInGuard(lambda name, password: verify(services, name, password))
    return {
        "auth": gradio_auth(guard),
        "auth_message": (
            "Sign in to your Peer Coach. After 5 wrong passwords, sign-in for that name "
            "pauses for a few minutes."
        ),
        "app_kwargs": {"middleware": [Middleware(ClientAddress)]},
    }
