"""How a chat answer looks on the page: the answer, then each source as a line that opens to
the passage it cites."""

from __future__ import annotations

import html
from typing import Any

from coach.components.validate import neutralize

SOURCES_MARK = "\n\n**Sources**"
PASSAGE_CHARS = 1500


def _passage(text: str) -> str:
    """Plain text shown as inert HTML: escaped, no markdown images, paragraphs kept."""
    text = text.strip()
    if len(text) > PASSAGE_CHARS:
        text = text[:PASSAGE_CHARS].rsplit(" ", 1)[0] + " …"
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return "".join(
        f"<p>{neutralize(html.escape(p, quote=False)).replace(chr(10), '<br>')}</p>"
        for p in paragraphs
    )


def source_details(tag: str, source: Any) -> str:
    """One source: its tag and label, opening to the passage the answer rests on."""
    where = ""
    if getattr(source, "kind", "") == "note":
        bits = [b for b in (source.person, source.date) if b]
        where = f" · {neutralize(html.escape(', '.join(bits), quote=False))}" if bits else ""
    return (
        f'<details class="source" id="source-{html.escape(tag)}">'
        f"<summary><b>[{html.escape(tag)}]</b> {html.escape(source.label)}{where}</summary>"
        f'<div class="passage">{_passage(source.text)}</div></details>'
    )


def reply_markdown(reply: Any) -> str:
    """The answer (as markdown, neutralised), any notice, and the sources as openable lines."""
    from coach.services.chat import numbered

    parts = [neutralize(reply.text.strip())]
    if reply.notice:
        parts.insert(0, f"_{neutralize(html.escape(reply.notice, quote=False))}_")
    body = "\n\n".join(p for p in parts if p)
    if not reply.sources:
        return body
    sources = "\n".join(source_details(tag, s) for tag, s in numbered(reply.sources))
    return f"{body}{SOURCES_MARK} (open one to read the passage)\n\n{sources}\n"
