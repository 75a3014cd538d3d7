"""The shape of meeting notes: headings, list items, checkboxes, table rows, labels, speakers.

Notes are parsed as Markdown (markdown-it-py) before anything reads their sentences, so an
"Action items" heading, a `- [ ] task (@owner)` checkbox, an owner column or a hard-wrapped
sentence are seen as what they are. Plain-text notes parse too: each line becomes a unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from coach.domain.meeting_notes.html_notes import html_to_markdown, is_html

LABEL = re.compile(
    r"^(?P<label>[^\W\d_][^:：\n]{0,48}?|[A-Z]{1,4}\([^)]{1,40}\))\s*[:：]\s*(?P<value>.*)$", re.S
)
SPEAKER_STAMP = re.compile(  # "Tom Reed (00:12:30): …", "Tom Reed [00:12]: …": the speaker
    r"^([^\W\d_][^:\n\[(]{0,40}?)\s*[\[(]\d{1,2}:\d{2}(?::\d{2})?\s?(?:[AaPp][Mm])?[\])]\s*:"
)
TIMESTAMP = re.compile(r"^\[?\(?\d{1,2}:\d{2}(?::\d{2})?\s?(?:[AaPp]\.?[Mm]\.?)?\)?\]?\s+")
IRC = re.compile(  # "<sam> I'll do it", but not an HTML tag such as "<sup>" or "<br>"
    r"^<\s*(?!(?:sup|sub|b|i|u|s|em|strong|small|br|hr|p|a|div|span|img|details|summary|"
    r"center|font|table|tr|td|th|ul|ol|li|code|pre|kbd|mark|del|ins|abbr|cite|q|tt)\s*/?>)"
    r"[@+%~&]?([^\s<>]{1,40})\s*>\s*(.*)$",
    re.S | re.I,
)
CHAT = re.compile(  # "Chen Wei  9:20 AM  @marco I'll pull them today"
    r"^([^\W\d_][\w'’.-]*(?: [^\W\d_][\w'’.-]*){0,2})\s+\d{1,2}:\d{2}\s?(?:[AaPp][Mm])?\s+(.*)$",
    re.S,
)
BRACKETED = re.compile(  # "[simeon] Please add ideas", "[Mélanie/Timothy] …"
    r"^\[(?!(?:action|ai|todo|x|done|\s|wip|tbd|new|open|closed|blocked|pending|ongoing|later|"
    r"started|doing|dropped|deferred|cancell?ed|in ?progress|in-progress|not ?started)\])"
    r"([^\W\d_][\w.'’-]{1,30})(?:/[^\]]+)?\]\s+(.+)$",
    re.S | re.I,
)
BULLET = re.compile(  # "•", "1.", Word's "o", arrows and emoji markers
    r"^(?:[•‣◦▪●○–➡→►▶▸»🔹🔸📌✅✔☑]\ufe0f?|\d{1,2}[.)](?=\s)|\(\d{1,2}\)(?=\s)|[a-h][.)](?=\s)|"
    r"o(?=\s+[A-Z@]))\s*"
)
CHECKBOX = re.compile(r"^(?:\[([ xX✓✔-])\]|([☐☑☒✅]))\s*")
NEW_UNIT = re.compile(  # a line that starts something new, never the tail of a wrapped line
    r"^(?:[-*+•‣◦▪●○–]\s|\d{1,2}[.)]\s|\(\d{1,2}\)\s|[a-h][.)]\s|\[?\d{1,2}:\d{2}|<[^>\s]+>|"
    r"#\w|\[[ xX]\]|"
    r"[^\W\d_][\w'’ ./&()-]{0,30}:\s)"
)
EMOJI_LEAD = re.compile(r"^(?:[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF]\ufe0f?\u200d?\s*)+")
FRONT_MATTER = re.compile(r"\A\s*---\n(?:[\w-]+:.*\n|\s+.*\n)+---\n")  # YAML page metadata
SENTENCE_END = re.compile(r"[.!?:;)\]”\"]\s*$")
CONTINUES = re.compile(r"(?:,|\b(?:and|or|to|the|a|an|of|for|with|by|on|in|at|from|that))\s*$")


@dataclass
class Unit:
    """One logical line of the notes: a heading, a list item, a table row or a line of prose."""

    text: str
    kind: str  # heading | item | line | row | code
    line: int  # first source line, counted from 0
    level: int = 0  # heading level, or list depth (1 = top-level item)
    heading: str = ""  # the nearest heading above
    section: str = ""  # the nearest heading or block label above ("Action items")
    parent: str = ""  # the enclosing list item's text, for nested items
    checked: bool | None = None  # None: no checkbox; False: "[ ]"; True: "[x]"
    label: str | None = None  # "Attendees" in "Attendees: a, b"
    value: str = ""  # "a, b"
    speaker: str | None = None  # who said it, for chat logs and transcripts
    cells: dict[str, str] = field(default_factory=dict)  # a table row: header -> cell

    @property
    def body(self) -> str:
        """What the unit says, without a speaker's name in front."""
        if self.speaker and self.label is not None:
            return self.value
        return self.text


@lru_cache(maxsize=1)
def _markdown() -> Any:
    from markdown_it import MarkdownIt

    # no indented code blocks: plain-text notes indent attendee lists and wrapped lines
    return MarkdownIt("commonmark", {"html": False}).enable("table").disable("code")


def _inline_text(token: Any) -> str:
    """The text of an inline token: emphasis and link syntax dropped, line breaks kept."""
    out: list[str] = []
    for child in token.children or []:
        if child.type in {"text", "code_inline", "html_inline"}:
            out.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            out.append("\n")
        elif child.type == "image":
            out.append(child.content)
    return "".join(out)


def join_wrapped(lines: list[str]) -> list[tuple[int, str]]:
    """(index of first line, text) per logical line: hard-wrapped prose joined back up.

    A paragraph is hard-wrapped when several of its lines reach about the same width; then a
    line that reaches it continues on the next. Elsewhere only a line ending in a comma or a
    word like "and" continues, so one-thing-per-line notes stay apart."""
    stripped = [s.strip() for s in lines]
    width = max((len(s) for s in stripped), default=0)
    wrapped = width >= 40 and sum(len(s) >= 0.8 * width for s in stripped) >= 2
    out: list[tuple[int, str]] = []
    for i, text in enumerate(stripped):
        if not text:
            continue
        if out and _continues(stripped[i - 1], text, width, wrapped):
            out[-1] = (out[-1][0], f"{out[-1][1]} {text}")
        else:
            out.append((i, text))
    return out


def _continues(prev: str, nxt: str, width: int, wrapped: bool) -> bool:
    if re.search(r"\(\s*[\w.|-]+,$", prev):  # a MeetBot stamp "(nick," wrapped before its time
        return True
    if not prev or NEW_UNIT.match(nxt) or CHAT.match(nxt) or SENTENCE_END.search(prev):
        return False
    if CONTINUES.search(prev) and len(prev) >= 20:
        return True
    if (
        len(prev) >= 30
        # notes typed all in lower case are a line each ("a) Tom …" starts with Tom)
        and not re.match(r"[a-z]", re.sub(r"^(?:[a-h][.)]|\(\d{1,2}\))\s+", "", prev))
        and re.match(r"[a-z]", nxt)
        and not re.match(r"[a-z][.)]\s", nxt)
    ):
        return True  # "… to the board" / "by next Friday.": a sentence carried on
    # wrapped at a width: the next line's first word did not fit on this one
    return wrapped and len(prev) + 1 + len(nxt.split()[0]) > width


def _split_label(unit: Unit) -> None:
    text = unit.text
    m = IRC.match(text) or CHAT.match(text) or BRACKETED.match(text)
    if m:
        unit.speaker, unit.label, unit.value = m.group(1).strip("@:"), m.group(1), m.group(2)
        unit.text = f"{m.group(1)}: {m.group(2)}"
        return
    m = LABEL.match(text)
    if m and "//" not in m.group("label") and not m.group("value").startswith("//"):
        words = m.group("label").split()
        sentence_like = re.search(
            r"\b(?:i|i['’]ll|we|you|re|cc|fyi)$|\bi['’]ll\b", m.group("label"), re.I
        )
        if len(words) <= 6 and not sentence_like:
            unit.label, unit.value = m.group("label").strip(), m.group("value").strip()


def _unit(text: str, kind: str, line: int, level: int, ctx: dict[str, Any]) -> Unit:
    text = SPEAKER_STAMP.sub(r"\1:", TIMESTAMP.sub("", text.strip()))
    text = re.sub(r"~~(.+?)~~", r"\1", text)  # struck through (done): still says who and what
    checked = None
    if kind == "line":
        marker = BULLET.match(text)
        if marker and marker.end() < len(text):
            kind, level, text = "item", max(level, 1), text[marker.end() :]
    box = CHECKBOX.match(text) if kind == "item" or text[:1] in "☐☑☒✅" else None
    if box:
        kind, level = "item", max(level, 1)
        checked, text = (box.group(1) or box.group(2)) not in {" ", "☐"}, text[box.end() :]
    text = EMOJI_LEAD.sub("", text)  # "👷 Dan volunteered to …": the marker is not the subject
    unit = Unit(text.strip(), kind, line, level, heading=ctx["heading"], checked=checked)
    _split_label(unit)
    return unit


def parse(text: str) -> list[Unit]:
    """The notes as units, in reading order, each knowing its heading, section and parent."""
    meta: list[Unit] = []
    front = FRONT_MATTER.match(text)
    if front:  # page metadata: kept as labelled lines (a date may be there), not as prose
        for n, raw in enumerate(front.group(0).splitlines()):
            m = re.match(r"^([\w-]+):\s*(.*)$", raw.strip())
            if m:
                value = m.group(2).strip("'\" ")
                meta.append(Unit(raw.strip(), "meta", n, label=m.group(1), value=value))
        text = "\n" * front.group(0).count("\n") + text[front.end() :]
    # "<!-- Links -->": a comment for whoever edits the file, kept out (its lines stay counted)
    text = re.sub(r"<!--.*?-->", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    if is_html(text):  # minutes saved from a web page
        text = html_to_markdown(text)
    # "##Roles", "###Technical - Owen": a heading typed without its space
    text = re.sub(r"(?m)^(#{2,6})(?=[^\s#])", r"\1 ", text)
    # "-   Karin will draft …\n        > what we need": a wrapped item that a converter quoted
    text = re.sub(r"(?m)(?<=\S\n)([ \t]+)>[ \t]?(?=\S)", r"\1", text)
    tokens = _markdown().parse(text)
    units: list[Unit] = list(meta)
    ctx: dict[str, Any] = {"heading": ""}
    items: list[Unit | None] = []  # enclosing list items, innermost last
    headings: list[tuple[int, str]] = []
    in_item_first = False
    header: list[str] = []
    cells: list[str] = []
    in_head = False
    for i, tok in enumerate(tokens):
        kind = tok.type
        if kind == "list_item_open":
            items.append(None)
            in_item_first = True
        elif kind == "list_item_close":
            items.pop()
            in_item_first = False  # an empty item ("- " alone) has no paragraph of its own
        elif kind == "thead_open":
            in_head, header = True, []
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open":
            cells = []
        elif kind == "tr_close" and not in_head:
            row = dict(zip(header, cells, strict=False)) if header else {}
            line = tok.map[0] if tok.map else _last_line(units)
            unit = Unit(" | ".join(c for c in cells if c), "row", line, heading=ctx["heading"])
            unit.cells = row
            if unit.text:
                units.append(unit)
        elif kind == "inline" and tokens[i - 1].type in {"th_open", "td_open"}:
            (header if in_head else cells).append(_inline_text(tok).replace("\n", " ").strip())
        elif kind == "inline" and tokens[i - 1].type == "heading_open":
            level = int(tokens[i - 1].tag[1])
            title = _inline_text(tok).replace("\n", " ").strip()
            while headings and headings[-1][0] >= level:
                headings.pop()
            headings.append((level, title))
            ctx["heading"] = title
            units.append(Unit(title, "heading", tok.map[0] if tok.map else 0, level, title))
        elif kind == "inline":
            start = tok.map[0] if tok.map else _last_line(units)
            parts = join_wrapped(_inline_text(tok).split("\n"))
            for n, (offset, line_text) in enumerate(parts):
                is_item = in_item_first and n == 0 and bool(items)
                unit = _unit(
                    line_text, "item" if is_item else "line", start + offset, len(items), ctx
                )
                if items and not is_item:
                    unit.level = len(items)
                parent = next((u for u in reversed(items[:-1]) if u is not None), None)
                if is_item:
                    items[-1] = unit
                if parent is not None:
                    unit.parent = parent.text
                elif items and not is_item and items[-1] is not None:
                    unit.parent = items[-1].text
                units.append(unit)
            in_item_first = False
        elif kind in {"fence", "code_block"}:
            start = (tok.map[0] + 1) if tok.map else _last_line(units)
            for offset, raw in enumerate(tok.content.split("\n")):
                if raw.strip():
                    units.append(_unit(raw, "line", start + offset, 0, ctx))
                    units[-1].kind = "code" if units[-1].kind == "line" else units[-1].kind
    _assign_sections(units)
    return units


def _last_line(units: list[Unit]) -> int:
    return units[-1].line + 1 if units else 0


def is_block_label(unit: Unit) -> bool:
    """'Action items:', 'Attendees', '**Next steps**': a line that introduces what follows."""
    if unit.kind == "heading":
        return True
    if unit.label is not None and not unit.value and not unit.speaker:
        return True
    words = unit.text.rstrip(":").split()
    return (
        unit.kind in {"line", "item"}
        and 0 < len(words) <= 5
        and unit.text.endswith(":")
        and not unit.cells
    )


def _assign_sections(units: list[Unit]) -> None:
    """Each unit's section: the closest block label it sits under, else its heading."""
    open_label: tuple[Unit, int] | None = None  # (label unit, its list depth)
    for n, unit in enumerate(units):
        unit.section = unit.heading
        if unit.kind == "heading":
            open_label = None
            continue
        if open_label is not None:
            label, depth = open_label
            under = unit.level > depth or (
                depth == 0
                and unit.kind in {"line", "code", "item", "row"}
                and _same_block(units, n)
            )
            if under:
                unit.section = label.text.rstrip(":").strip()
            else:
                open_label = None
        if is_block_label(unit):
            open_label = (unit, unit.level)
        elif (
            unit.kind == "line"
            and unit.section == unit.heading  # a line inside a labelled block is its content
            and _short_title(unit)
            and _followed_by_items(units, n)
        ):
            open_label = (unit, unit.level)


def _same_block(units: list[Unit], n: int) -> bool:
    """Lines right after a label, with no blank line between, belong to it."""
    return units[n].line - units[n - 1].line <= 1 or units[n].kind in {"item", "row"}


def _short_title(unit: Unit) -> bool:
    return 0 < len(unit.text.split()) <= 5 and not SENTENCE_END.search(unit.text)


def _followed_by_items(units: list[Unit], n: int) -> bool:
    return (
        n + 1 < len(units)
        and units[n + 1].kind in {"item", "line"}
        and (units[n + 1].kind == "item" or units[n + 1].line == units[n].line + 1)
    )


def sentences_of(text: str) -> list[str]:
    """A unit's text split into sentences (for quoting what was said about someone)."""
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'“@])", text) if s.strip()]
