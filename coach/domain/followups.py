"""A follow-up as the domain sees it: who owes what to whom, and by when."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel

Kind = Literal["i_owe", "they_owe", "celebrate"]

KIND_WORDS: dict[str, str] = {
    "i_owe": "You owe",
    "they_owe": "Owed to you",
    "celebrate": "To celebrate",
}


def is_celebration(what: str) -> bool:
    """'Congratulate Priya: …' is a success to celebrate, not something owed."""
    return what.startswith("Congratulate ")


class FollowUpView(BaseModel):
    id: str
    peer: str | None
    direction: str
    what: str
    due: date | None
    done: bool

    @property
    def kind(self) -> Kind:
        """A congratulation is a chance to celebrate, not a debt."""
        if is_celebration(self.what):
            return "celebrate"
        return "they_owe" if self.direction == "they_owe" else "i_owe"

    @property
    def line(self) -> str:
        due = f" (due {self.due.isoformat()})" if self.due else ""
        who = f" [{self.peer}]" if self.peer else ""
        arrow = {"i_owe": "you owe", "they_owe": "they owe you", "celebrate": "to celebrate"}
        return f"{arrow[self.kind]}{who}: {self.what}{due}"

    def when(self, today: date) -> str:
        """'overdue by 2 days', 'due today', 'due tomorrow', 'due Fri 27 Nov', or 'no date'."""
        if self.due is None:
            return "no date"
        days = (self.due - today).days
        if days < 0:
            return f"overdue by {-days} day{'s' if days != -1 else ''}"
        if days == 0:
            return "due today"
        if days == 1:
            return "due tomorrow"
        return f"due {self.due:%a %d %b}"

    def is_overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today and self.kind != "celebrate"


def board_order(items: list[FollowUpView], today: date) -> list[FollowUpView]:
    """Overdue first (oldest first), then by due date, then undated; celebrations last."""
    return sorted(
        items,
        key=lambda f: (
            f.kind == "celebrate",
            not f.is_overdue(today),
            f.due is None,
            f.due or today,
            f.what.casefold(),
        ),
    )


def snoozed_due(current: date | None, today: date, days: int) -> date:
    """The new due date when a follow-up is put off by `days` (from today if already late)."""
    base = current if current and current > today else today
    return base + timedelta(days=days)
