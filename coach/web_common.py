"""Small helpers every tab of the page shares."""

from __future__ import annotations

import html

import gradio as gr

from coach.db import LOCAL_OWNER
from coach.validate import neutralize


def owner_of(request: gr.Request | None) -> str:
    """The signed-in user, or the single local user when sign-in is off."""
    return (getattr(request, "username", None) or LOCAL_OWNER) if request else LOCAL_OWNER


def error_text(message: str) -> str:
    return f"<span class='error-msg'>⚠ {neutralize(html.escape(message))}</span>"


def ok_text(message: str) -> str:
    return f"<span class='ok-msg'>✓ {neutralize(html.escape(message))}</span>"
