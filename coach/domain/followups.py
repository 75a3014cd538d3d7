"""A follow-up as the domain sees it: who owes what to whom, and by when."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel


class FollowUpView(BaseModel):
    id: str
    peer: str | None
    direction: str
    what: str
    due: date | None
    done: bool

    @property
    def line(self) -> str:
        due = f" (due {self.due.isoformat()})" if self.due else ""
        who = f" [{self.peer}]" if self.peer else ""
        arrow = "you owe" if self.direction == "i_owe" else "they owe you"
        return f"{arrow}{who}: {self.what}{due}"
