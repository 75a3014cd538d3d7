"""Notes pasted as HTML (a web page's minutes: `<ol><li>…`, `<p>…<br>`) turned into the plain
Markdown the parser reads: nested lists keep their depth, paragraphs and line breaks their lines."""

from __future__ import annotations

import html
import re

TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*?(/?)>")
BLOCK = {"p", "div", "br", "tr", "table", "section", "article", "blockquote", "pre", "hr"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def is_html(text: str) -> bool:
    """Three or more list, paragraph or break tags: the notes are HTML, not Markdown."""
    return len(re.findall(r"<(?:li|p|br|div|ol|ul|h[1-6])\b[^<>]*>", text, re.I)) >= 3


def html_to_markdown(text: str) -> str:
    """`<ol><li>Budget<ol><li>Ana to send it</li></ol></li></ol>` -> '- Budget\\n  - Ana to …'."""
    out: list[str] = []
    depth = 0
    pos = 0
    for m in TAG.finditer(text):
        between = text[pos : m.start()]
        out.append(between.replace("\n", " ") if between.strip() else "")
        pos = m.end()
        closing, name = bool(m.group(1)), m.group(2).lower()
        if name in {"ol", "ul"}:
            depth = max(0, depth + (-1 if closing else 1))
            out.append("\n")
        elif name == "li" and not closing:
            out.append("\n" + "    " * max(0, depth - 1) + "- ")
        elif name == "li" or name in BLOCK:
            out.append("\n")
        elif name in HEADINGS:
            out.append("\n" if closing else "\n" + "#" * int(name[1]) + " ")
    out.append(text[pos:])
    lines = []
    for line in "".join(out).split("\n"):
        indent = re.match(r" *(?:- )?", line)
        lead = indent.group(0) if indent else ""
        rest = re.sub(r"[ \t]+", " ", html.unescape(line[len(lead) :])).strip()
        if rest:
            lines.append(lead + rest)
    return "\n".join(lines) + "\n"
