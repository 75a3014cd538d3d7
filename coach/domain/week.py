"""The week a plan covers: ISO weeks, their days, and the events a person says their week holds."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, Field

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


DAY_WORDS = {d[:3].lower(): i for i, d in enumerate(WEEKDAYS)} | {"tues": 1, "thur": 3, "thurs": 3}


class Event(BaseModel):
    """Something the person said their week holds."""

    day: int | None = Field(default=None, description="0 = Monday … 6 = Sunday; None if unsaid")
    kind: Literal["meeting", "launch", "new hire", "deadline", "other"]
    title: str
    person: str | None = None


def week_days(week: str) -> list[date]:
    """Monday..Sunday of an ISO week such as 2026-W48."""
    m = re.fullmatch(r"(\d{4})-W(\d{2})", week)
    if not m:
        raise ValueError(f"{week!r} is not an ISO week like 2026-W48")
    year, num = int(m.group(1)), int(m.group(2))
    return [date.fromisocalendar(year, num, d) for d in range(1, 8)]


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def previous_week(week: str) -> str:
    return iso_week(week_days(week)[0] - timedelta(days=7))


EVENT_KINDS = [
    (
        "new hire",
        re.compile(r"\b(new hire|joins|joining|starts|starting|onboard\w*|first day)\b", re.I),
    ),
    ("launch", re.compile(r"\b(launch\w*|ship\w*|release\w*|go(?:ing)? live|rollout)\b", re.I)),
    ("deadline", re.compile(r"\b(deadline|due)\b", re.I)),
    (
        "meeting",
        re.compile(
            r"\b(review|meeting|sync|1:1|one-on-one|presentation|demo|offsite|"
            r"workshop|interview|planning|standup|retro|kickoff|call|board)\b",
            re.I,
        ),
    ),
]


PERSON = re.compile(r"\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\b")


NOT_NAMES = (
    {w.capitalize() for w in DAY_WORDS}
    | set(WEEKDAYS)
    | {
        "New",
        "The",
        "Our",
        "My",
        "Q1",
        "Q2",
        "Q3",
        "Q4",
        "Launching",
        "Launch",
        "Budget",
        "Review",
        "Board",
        "Team",
        "Next",
        "This",
        "Pricing",
        "Planning",
        "Demo",
    }
)


def parse_events(prompt: str) -> list[Event]:
    """'launching the pricing page Thursday, budget review Tuesday, new hire joins Monday'."""
    events = []
    for part in re.split(
        r"[,;\n]|\band\b(?=\s+(?:a|an|the|new|my|our|\w+ (?:review|sync)))|\.\s", prompt
    ):
        part = part.strip(" .")
        if not part:
            continue
        day = next(
            (
                DAY_WORDS[w[:3].lower()] if w.lower()[:3] in DAY_WORDS else None
                for w in re.findall(
                    r"\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\w*\b", part, re.I
                )
            ),
            None,
        )
        if re.search(r"\btoday\b", part, re.I):
            day = None
        kind = next((k for k, rx in EVENT_KINDS if rx.search(part)), "other")
        names = [n for n in PERSON.findall(part) if n.split()[0] not in NOT_NAMES]
        title = (
            re.sub(
                r"\s*\b(on\s+)?(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\w*\b",
                "",
                part,
                flags=re.I,
            ).strip(" ,.")
            or part
        )
        events.append(
            Event.model_validate(
                {"day": day, "kind": kind, "title": title, "person": names[0] if names else None}
            )
        )
    return events
