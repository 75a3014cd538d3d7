"""The one boundary for text shown as markdown: no raw HTML, no images, only web links."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import nh3

# What rendered markdown may contain: formatting, lists, quotes, code, tables and plain links.
ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "s", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "a",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"style"}, "td": {"style"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Every ASCII punctuation character may be backslash-escaped in CommonMark.
_PUNCTUATION = set("!\"#$%&'()*+,-./:;=>?@[\\]^_`{|}~")
_TAG = re.compile(r"<(/?[a-z0-9]+)(?=[\s>/])([^>]*)>")


def neutralize(markdown: str) -> str:
    """Make text safe to render as markdown anywhere on the page, still readable in a terminal.

    Raw HTML is shown as text (so no <script> or <img>) and images as their markdown (nothing
    loads from a remote host). The result is rendered with markdown-it and checked against an
    allow-list with nh3: text that would still render something outside it (a `javascript:`
    link, say) loses its links, and if even that is not enough it is escaped entirely, so it
    shows exactly as typed.
    """
    no_html = markdown.replace("<", "&lt;")
    text = no_html.replace("![", "!\\[")
    if "](" not in text and "]:" not in text:
        # With '<' and '![' escaped, only a link could render outside the allow-list, and
        # every link needs '](' or a '[label]:' definition: skip rendering (most text).
        return text
    if _within_allow_list(text):
        return text
    unlinked = no_html.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    if _within_allow_list(unlinked):
        return unlinked
    return literal(markdown)


def literal(text: str) -> str:
    """Text that renders as exactly these characters: no markdown syntax takes effect."""
    out = []
    for ch in text:
        if ch == "<":
            out.append("&lt;")
        elif ch in _PUNCTUATION:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _within_allow_list(markdown: str) -> bool:
    rendered = _markdown().render(markdown)
    cleaned = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_absolute_links_only,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    # markdown-it escapes every '<' in text, so tags are the only '<' in either string, and
    # the sanitizer changed nothing that matters if the same tags and links come out.
    return _shape(rendered) == _shape(cleaned)


def _shape(html: str) -> list[tuple[str, bool]]:
    return [(m.group(1), "href=" in m.group(2)) for m in _TAG.finditer(html)]


def _absolute_links_only(tag: str, attribute: str, value: str) -> str | None:
    """Links must name an allowed scheme: no relative paths into the app's own file routes."""
    if attribute == "href":
        return value if urlsplit(value).scheme.lower() in URL_SCHEMES else None
    return value


@lru_cache(maxsize=1)
def _markdown() -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True, "xhtmlOut": False}).enable(
        ["table", "strikethrough"]
    )
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # the allow-list judges
    return md
