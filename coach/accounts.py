"""User accounts for a shared deployment: argon2 password hashes, checked by the page's sign-in."""

from __future__ import annotations

import logging
import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from coach.components.container import Services
from coach.errors import InputError
from coach.store.db import User

log = logging.getLogger(__name__)
_hasher = PasswordHasher()
USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
MIN_PASSWORD = 8


def _check(username: str, password: str | None = None) -> str:
    name = (username or "").strip()
    if not USERNAME.match(name) or name == "local":
        raise InputError(
            "A user name is 1–64 letters, digits, '.', '_', '@' or '-' (and not 'local')."
        )
    if password is not None and len(password) < MIN_PASSWORD:
        raise InputError(f"A password needs at least {MIN_PASSWORD} characters.")
    return name


def add_user(services: Services, username: str, password: str) -> str:
    name = _check(username, password)
    with services.sessions.begin() as session:
        if session.get(User, name):
            raise InputError(f"User {name} already exists; use `coach users passwd`.")
        session.add(User(username=name, password_hash=_hasher.hash(password)))
    return name


def set_password(services: Services, username: str, password: str) -> None:
    name = _check(username, password)
    with services.sessions.begin() as session:
        user = session.get(User, name)
        if user is None:
            raise InputError(f"No user {name}.")
        user.password_hash = _hasher.hash(password)


def remove_user(services: Services, username: str) -> None:
    """Remove the account; the user's records stay until an admin deletes the data folder."""
    name = _check(username)
    with services.sessions.begin() as session:
        user = session.get(User, name)
        if user is None:
            raise InputError(f"No user {name}.")
        session.delete(user)


def list_users(services: Services) -> list[str]:
    with services.sessions() as session:
        return list(session.scalars(select(User.username).order_by(User.username)))


def verify(services: Services, username: str, password: str) -> bool:
    """True for a known user with the right password; never raises, never logs the password."""
    try:
        name = _check(username)
    except InputError:
        return False
    with services.sessions() as session:
        user = session.get(User, name)
        if user is None:
            _hasher.hash("timing-equaliser")  # similar cost for unknown names
            return False
        try:
            _hasher.verify(user.password_hash, password or "")
        except (VerificationError, InvalidHashError):
            log.info("failed sign-in for %s", name)
            return False
    return True
