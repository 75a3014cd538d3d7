"""Dates in meeting notes: the meeting's own date from its header, and due dates of actions.

"by Friday 3/27", "deadline of Dec 7th", "EOD", "next week": resolved against the meeting
date with python-dateutil. Pure: the meeting date (or the form's date) is always a parameter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import FR, relativedelta, weekday

from coach.domain.meeting_notes.structure import Unit

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DAY = (  # "Mon", "Tues.", "Thursday", even "Fridat" (but not "month", "friend" or "sunset")
    r"(?:mon(?!th|it|ey|o)|tue|wed(?!ding|ge)|thu(?!nder|mb)|fri(?!end|dge|ght|ng)|"
    r"sat(?!is|ell|ur[ae])|sun(?!set|light|shine|ny|k))[a-z]*\.?"
)
ORD = r"\d{1,2}(?:st|nd|rd|th)?"
ABSOLUTE = (
    rf"\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{4}}/\d{{1,2}}/\d{{1,2}}"
    rf"|{MONTH}\s+{ORD}(?:,?\s+\d{{4}})?|{ORD}\s+(?:of\s+)?{MONTH}(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|\d{{1,2}}\.\d{{1,2}}\.\d{{4}}|\d{{1,2}}-\d{{1,2}}-\d{{4}}"
)
DAY_OF_MONTH = re.compile(r"(?:the )?(\d{1,2})(?:st|nd|rd|th)")
HEADER_DATE = re.compile(rf"(?<![\w/.-])(?:{DAY},?\s+)?(?:{ABSOLUTE})(?![\w/-])", re.I)
EOD = r"(?:eod|cob|eob|end of (?:the )?(?:business )?day)"
# "EOD Wednesday", "Wednesday EOD", "tomorrow COB": the end of that day, not of the meeting's
DAY_END = (
    rf"{EOD}\s+(?:on\s+)?(?:(?:next|this)\s+)?(?:{DAY}|tomorrow|today)"
    rf"|(?:(?:next|this)\s+)?(?:{DAY}|tomorrow|today)\s+{EOD}"
)
MONTH_END = (  # "end of next month", "the end of March", "mid-April", "end of Q2", "end of year"
    rf"(?:the\s+)?(?:end|middle) of (?:the\s+)?(?:next month|{MONTH}|q[1-4]|(?:this |the )?year)"
    rf"|mid[- ]?{MONTH}"
)
RELATIVE = (
    rf"{DAY_END}|{MONTH_END}|"
    r"eod|eow|eom|cob|end of (?:the )?(?:day|week|month)|today|tonight|tomorrow|tmrw|tmr|"
    r"(?:next|this) week|(?:the )?end of (?:this|next) week|"
    rf"(?:next |this |the )?{DAY}(?:,?\s+(?:{ABSOLUTE}))?|the \d{{1,2}}(?:st|nd|rd|th)"
)
WHEN = rf"(?:{ABSOLUTE}|{RELATIVE})"
DUE = re.compile(
    rf"\b(?:by|before|due(?:\s+(?:date|on|by))?|until|deadline(?:\s+(?:of|is|on))?|"
    rf"no later than|eta|target(?:\s+date)?|on)\s*:?\s+(?:the\s+)?({WHEN})(?![\w/])"
    rf"|\b({DAY_END}|{MONTH_END}|"
    rf"eod|eow|eom|cob|end of (?:the )?(?:day|week|month)|today|tonight|tomorrow|tmrw|"
    rf"this (?:evening|afternoon|morning)|later today|"
    rf"(?:the\s+)?end of (?:this|next) week|(?:by|over) the weekend|"
    rf"next week|this week|(?:this|next) weekend|(?:next|this) {DAY})(?![\w/])"
    rf"|\((?:due\s*:?\s*)?({ABSOLUTE})\)"
    rf"|\b(?:in|within)\s+(?:the\s+next\s+)?~?(an?|one|two|three|four|\d{{1,2}})\s*"
    rf"(days?|weeks?|hours?|hrs?|h|months?)\b",
    re.I,
)
FUTURE = re.compile(r"\b(?:next|upcoming|following|due|by|until|deadline|before|after)\b", re.I)
HELD = re.compile(r"\b(?:held|took place|meeting (?:on|of)|minutes of|convened|call on)\b", re.I)
WEEKDAYS = {"mo": 0, "tu": 1, "we": 2, "th": 3, "fr": 4, "sa": 5, "su": 6}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}


def _parse_absolute(text: str, near: date) -> date | None:
    """An absolute date; a missing year is the one that puts it closest after `near`."""
    text = re.sub(rf"^{DAY},?\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    has_year = bool(re.search(r"\d{4}|\d/\d{1,2}/\d{2}$", text))
    # "08-03-2022" is 8 March (day first, as most dashed dates are); "2-26-2020" cannot be
    dashed = re.fullmatch(r"(\d{1,2})-(\d{1,2})-\d{4}", text)
    dayfirst = (
        bool(dashed and int(dashed.group(2)) <= 12)
        or bool(re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", text))
        or bool(re.fullmatch(r"(1[3-9]|2\d|3[01])/\d{1,2}(/\d{2,4})?", text))
    )
    try:
        found = dateutil_parser.parse(
            text, default=datetime(near.year, 1, 1), dayfirst=dayfirst, fuzzy=False
        ).date()
    except (ValueError, OverflowError):
        return None
    if not has_year and found < near - timedelta(days=60):
        found = found + relativedelta(years=1)
    return found


def _weekday_after(name: str, meeting: date, nxt: bool) -> date:
    """'Friday' is the next Friday after the meeting; 'next Friday' the same unless that is
    within two days, then the one after."""
    day = WEEKDAYS[name[:2].lower()]
    found = meeting + relativedelta(days=1, weekday=weekday(day))
    if nxt and (found - meeting).days <= 2:
        found += timedelta(days=7)
    return found


def resolve_when(phrase: str, meeting: date) -> date | None:
    """'Friday' on Monday 2026-11-23 -> 2026-11-27; 'next week' -> 2026-11-30."""
    text = re.sub(r"\s+", " ", phrase.strip().lower().rstrip(".!,"))
    text = re.sub(r"^the ", "", text)
    day_end = re.fullmatch(rf"{EOD}\s+(?:on\s+)?(.+)|(.+?)\s+{EOD}", text)
    if day_end:  # "eod wednesday" is due on that Wednesday
        text = day_end.group(1) or day_end.group(2)
    month_end = _month_end(text, meeting)
    if month_end:
        return month_end
    if text in {"today", "tonight", "eod", "cob", "end of day", "end of the day", "later today"}:
        return meeting
    if text in {"this evening", "this afternoon", "this morning"}:
        return meeting
    if text in {"tomorrow", "tmrw", "tmr"}:
        return meeting + timedelta(days=1)
    if text in {"eow", "end of week", "end of the week", "this week", "end of this week"}:
        return meeting + relativedelta(weekday=FR(0))
    if text == "end of next week":
        return meeting + timedelta(days=7) + relativedelta(weekday=FR(0))
    if text == "by the weekend":  # before it starts
        return meeting + relativedelta(weekday=FR(0))
    if text in {"this weekend", "next weekend", "over the weekend"}:  # the weekend ends on Sunday
        sunday = meeting + relativedelta(weekday=weekday(6))
        return sunday + timedelta(days=7 if text.startswith("next") else 0)
    if text == "next week":
        return meeting + timedelta(days=7)
    if text in {"eom", "end of month", "end of the month"}:
        return meeting + relativedelta(day=31)
    m = re.fullmatch(rf"(next |this )?({DAY}),?(?:\s+(.+))?", text)
    if m and m.group(3):  # "Monday, 3/30": the year in which the 30th of March is a Monday
        found = _parse_absolute(m.group(3), meeting)
        wanted = WEEKDAYS[m.group(2)[:2].lower()]
        if found and found.weekday() != wanted and not re.search(r"\d{4}", m.group(3)):
            for shift in (-1, 1, -2, -3, -4, -5, -6):
                try:
                    other = found.replace(year=found.year + shift)
                except ValueError:
                    continue
                if other.weekday() == wanted:
                    return other
        return found
    if m:
        return _weekday_after(m.group(2), meeting, m.group(1) == "next ")
    m = re.fullmatch(
        r"in (an?|one|two|three|four|\d{1,2}) (days?|weeks?|hours?|hrs?|h|months?)", text
    )
    if m:
        count = NUMBERS.get(m.group(1)) or int(m.group(1))
        unit = m.group(2)[0]
        if unit == "h":  # "in ~24h": by the next day or so
            return meeting + timedelta(days=max(1, -(-count // 24)))
        if unit == "m":
            return meeting + relativedelta(months=count)
        return meeting + timedelta(days=count * (7 if unit == "w" else 1))
    m = DAY_OF_MONTH.fullmatch(text)
    if m:
        try:
            found = meeting.replace(day=int(m.group(1)))
        except ValueError:
            return None
        return found if found >= meeting else found + relativedelta(months=1)
    return _parse_absolute(text, meeting)


def _month_end(text: str, meeting: date) -> date | None:
    """'end of next month', 'end of March', 'mid-April', 'end of Q2', 'end of the year'."""
    m = re.fullmatch(rf"(end|middle) of (?:the )?(next month|{MONTH}|q[1-4]|(?:this )?year)", text)
    m = m or re.fullmatch(rf"(mid)[- ]?({MONTH})", text)
    if m is None:
        return None
    what = m.group(2)
    day = 31 if m.group(1) == "end" else 15
    if what == "next month":
        return meeting + relativedelta(months=1, day=day)
    if what.endswith("year"):
        return meeting + relativedelta(month=12, day=day)
    if re.fullmatch(r"q[1-4]", what):
        found = meeting + relativedelta(month=int(what[1]) * 3, day=day)
    else:
        month = dateutil_parser.parse(what.rstrip("."), default=datetime(meeting.year, 1, 1)).month
        found = meeting + relativedelta(month=month, day=day)
    # a month already gone is next year's
    return found if found >= meeting else found + relativedelta(years=1)


def due_in(text: str, meeting: date) -> tuple[date | None, str | None]:
    """The due date an action states, and the words that state it; (None, None) if none."""
    for m in DUE.finditer(text):
        if m.group(4):
            phrase = f"in {m.group(4)} {m.group(5)}"
        else:
            phrase = m.group(1) or m.group(2) or m.group(3)
        if m.group(0).lower().startswith("on ") and not re.match(DAY + "|" + MONTH, phrase, re.I):
            if not re.match(r"(?:the )?\d", phrase, re.I):  # "on the 15th", not "on it"
                continue
        when = resolve_when(phrase, meeting)
        if when:
            return when, m.group(0).strip(" ().,;!")
    return None, None


def date_in_header(units: Sequence[Unit], fallback: date) -> tuple[date, str | None]:
    """The meeting's date as the notes state it (page metadata, a 'Date:' line, the title or
    a heading near the top, or "held on …" early on), else the form's date. Returns (date,
    the words it came from)."""
    body = [u for u in units if u.kind != "meta"]
    head = body[:20]
    meta = [
        u for u in units if u.kind == "meta" and re.match(r"date|title|desc", u.label or "", re.I)
    ]
    # the body's own "Date:" line before the page metadata's (often the day it was posted)
    labelled = [u for u in head if u.label and re.match(r"(?:meeting )?date|when", u.label, re.I)]
    dated = [
        u
        for u in units
        if u.kind != "heading" and re.match(r"(?:meeting )?date\b", u.section, re.I)
    ]
    titles = [
        u
        for n, u in enumerate(head)
        if n == 0
        or (u.kind == "heading" and n < 15)
        or (n < 6 and len(u.text.split()) <= 8 and not FUTURE.search(u.text))
        or (n < 20 and HELD.search(u.text) and not re.search(r"\bwill\b", u.text, re.I))
    ]
    # "Agenda 2023-11-15" after a long list of members: a short line that is mostly a date
    titles += [
        u
        for u in body[6:40]
        if len(u.text.split()) <= 4 and re.search(r"\d{4}-\d{2}-\d{2}", u.text) and not u.parent
    ]
    # a running document ("Meetings 2023") dates each meeting in a heading of its own
    date_headings = [
        u
        for u in units
        if u.kind == "heading"
        and (m := HEADER_DATE.search(u.text))
        and len(m.group(0)) >= len(u.text.strip(" #*_")) * 0.6
    ]
    held = [u for u in head if HELD.search(u.text) and not re.search(r"\bwill\b", u.text, re.I)]
    for unit in labelled + held[:1] + meta + titles + dated[:3] + date_headings[:1]:
        text = unit.value if unit in labelled or unit in meta else unit.text
        for m in HEADER_DATE.finditer(text):
            found = _header_date(m.group(0), text, fallback)
            if found and _plausible(m.group(0), found, fallback):
                return found, m.group(0)
    return fallback, None


def _header_date(words: str, line: str, fallback: date) -> date | None:
    """A date in a title; a missing year comes from the line ('Notes 2021, Aug 5') or from the
    weekday it names ('Thursday, Aug 5' is in the latest year where that is a Thursday)."""
    if re.search(r"\d{4}|\d/\d{1,2}/\d{2}$", words):
        return _parse_absolute(words, fallback)
    year = re.search(r"\b(19[89]\d|20\d\d)\b", line)
    if year:
        return _parse_absolute(f"{words} {year.group(1)}", fallback)
    day = re.match(DAY, words, re.I)
    found = _parse_absolute(words, fallback)
    if found is None or day is None:
        return found
    wanted = WEEKDAYS[day.group(0)[:2].lower()]
    for back in range(0, 12):
        try:
            candidate = found.replace(year=fallback.year - back)
        except ValueError:
            continue
        if candidate.weekday() == wanted and candidate <= fallback + timedelta(days=7):
            return candidate
    return found


def _plausible(words: str, found: date, fallback: date) -> bool:
    """A numeric '3/4' in a title is only a date with a year, or near the form's date."""
    if re.search(r"\d{4}|\d/\d{1,2}/\d{2}$", words) or re.search(MONTH, words, re.I):
        return abs(found.year - fallback.year) <= 30  # "5/18/16" has its year too
    return abs((found - fallback).days) <= 45


MEETING_WORD = r"(?:(?-i:[A-Z])[\w-]*\s+){0,3}(?:meeting|call|sync|session|telecon|check-?in)\b"
BY_NEXT_MEETING_WORDS = (
    rf"(?:by|before|until|ahead of|in time for)\s+(?:the\s+)?next\s+{MEETING_WORD}"
)
NEXT_MEETING = re.compile(  # "Next meeting:", "The November meeting will be held on …"
    rf"\b(?:(?:next|following|upcoming)\s+{MEETING_WORD}|{MEETING_WORD}[^.]{{0,30}}?\bwill\s+"
    r"(?:be|take place)\b)",
    re.I,
)
BY_NEXT_MEETING = re.compile(
    rf"\b(?:by|before|for|at|to|until|ahead of|in time for)\s+(?:the\s+)?next\s+{MEETING_WORD}",
    re.I,
)


def next_meeting_date(units: Sequence[Unit], meeting: date) -> date | None:
    """The date the notes give for the next meeting ('Next meeting: Thursday, April 6'), so
    'by the next meeting' can become a date; None when they give none."""
    for unit in units:
        m = NEXT_MEETING.search(unit.text)
        if m is None:
            continue
        tail = unit.text[m.end() : m.end() + 80]
        # "Next meeting: 13 Dec", or "13th of December is the next meeting."
        found = HEADER_DATE.search(tail) or (
            HEADER_DATE.search(unit.text[: m.start()]) if len(unit.text.split()) <= 12 else None
        )
        if found:
            when = _parse_absolute(found.group(0), meeting)
            if when and when > meeting and (when - meeting).days <= 120:
                return when
        day = re.search(rf"\b(?:on\s+|is\s+|:\s*)({DAY})", tail, re.I)
        if day and not re.search(r"\d", tail[: day.end() + 12]):
            return _weekday_after(day.group(1), meeting, nxt=False)
    return None


UNDATED = re.compile(  # a deadline a user should see, though it names no day
    rf"\b(?:asap|as soon as possible|(?:by|before|at) (?:the )?end of (?:the |this |next )?"
    rf"(?:sprint|iteration|cycle|milestone|release)|{BY_NEXT_MEETING_WORDS})\b",
    re.I,
)


def undated_deadline(text: str) -> str | None:
    """'ASAP', 'by end of sprint', 'before the next call': a deadline with no date in it."""
    m = UNDATED.search(text)
    return m.group(0) if m else None
