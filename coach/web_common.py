"""Small helpers every tab of the page shares."""

from __future__ import annotations

import html
from pathlib import Path

import gradio as gr

from coach.components.validate import neutralize
from coach.settings import Settings
from coach.store.db import LOCAL_OWNER


def export_path(settings: Settings, owner: str, stem: str, suffix: str) -> Path:
    """A file in the data folder's exports/ (which the page may serve), named for the owner."""
    folder = settings.data_dir / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    safe = "".join(ch for ch in owner if ch.isalnum() or ch in "-_") or "user"
    return folder / f"{stem.format(owner=safe)}.{suffix}"


def owner_of(request: gr.Request | None) -> str:
    """The signed-in user, or the single local user when sign-in is off."""
    return (getattr(request, "username", None) or LOCAL_OWNER) if request else LOCAL_OWNER


def error_text(message: str) -> str:
    return f"<span class='error-msg'>⚠ {neutralize(html.escape(message))}</span>"


def ok_text(message: str) -> str:
    return f"<span class='ok-msg'>✓ {neutralize(html.escape(message))}</span>"
