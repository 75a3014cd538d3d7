"""Small helpers every tab of the page shares."""

from __future__ import annotations

import hashlib
import html
import os
import secrets
import shutil
import stat
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gradio as gr

from coach.components.validate import neutralize
from coach.store.db import LOCAL_OWNER

EXPORT_ROOT = "peer-coach-exports"
EXPORT_LIFETIME = 15 * 60  # seconds a download copy is kept for the browser to fetch it


def _private_dir(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path


def export_root() -> Path:
    """This system user's downloads folder in the temp folder, refused if someone else owns it
    (a name in a shared /tmp can be taken first by another local user)."""
    uid = os.getuid()
    root = Path(tempfile.gettempdir()) / f"{EXPORT_ROOT}-{uid}"
    root.mkdir(mode=0o700, exist_ok=True)
    info = os.lstat(root)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != uid:
        raise gr.Error(f"The downloads folder {root} belongs to someone else; remove it.")
    return _private_dir(root)


def private_export(owner: str, filename: str, content: str | bytes) -> str:
    """Write a download for one request: `<temp>/peer-coach-exports-<uid>/<owner hash>/<random>/`.

    The folder names are not derived from anything another user knows, so no one can build
    the address of someone else's download; each request has its own folder, so users'
    files never collide. Gradio serves the browser a copy from its cache, under a name
    hashed from the file's content with a server-side secret; this folder itself is not
    served (it is not in `allowed_paths`). Old downloads of the same user are swept.
    """
    mine = _private_dir(export_root() / hashlib.sha256(owner.encode()).hexdigest()[:32])
    cutoff = time.time() - EXPORT_LIFETIME
    for old in mine.iterdir():
        if old.stat().st_mtime < cutoff:
            shutil.rmtree(old, ignore_errors=True)
    folder = _private_dir(mine / secrets.token_urlsafe(24))
    path = folder / Path(filename).name
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    return str(path)


def sign_in_required(request: Any) -> bool:
    """Whether the page that received `request` was launched with sign-in on."""
    app = getattr(getattr(request, "request", None), "app", None)
    return bool(getattr(app, "auth", None) or getattr(app, "auth_dependency", None))


def owner_of(request: gr.Request | None) -> str:
    """The signed-in user, or the single local user when sign-in is off. With sign-in on, a
    request without a user is refused: it never falls back to the shared local data."""
    user = getattr(request, "username", None) if request is not None else None
    if user:
        return str(user)
    if request is None or sign_in_required(request):
        raise gr.Error("Sign in to use Peer Coach.")
    return LOCAL_OWNER


def error_text(message: str) -> str:
    return f"<span class='error-msg'>⚠ {neutralize(html.escape(message))}</span>"


def ok_text(message: str) -> str:
    return f"<span class='ok-msg'>✓ {neutralize(html.escape(message))}</span>"


@dataclass
class TabParts:
    """A tab and how to bring it up to date: app.py calls `refresh` when the tab is shown."""

    tab: gr.Tab
    refresh: Any
    inputs: list[Any]
    outputs: list[Any]
    apis: dict[str, Any] = field(default_factory=dict)  # api_name -> fn, for gr.api
