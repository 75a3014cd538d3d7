"""What an answer rests on: a source (a guidance card or one of the user's notes) and the people
the notes are about. Retrieval finds sources; the search guard falls back to them from the store."""

from __future__ import annotations

import html
from typing import Literal

from pydantic import BaseModel
from sqlalchemy import select

from coach.components.container import Services
from coach.store.db import LOCAL_OWNER, Note


class Source(BaseModel):
    """One thing an answer rests on; printed under the answer and in --json."""

    kind: Literal["guidance", "note"]
    title: str
    id: str
    text: str
    score: float
    person: str | None = None
    date: str | None = None
    source: str | None = None
    # Guidance only: the card's sections that matched, best first ("how:2", "say:0", ...), the
    # situations it lists, nearest the question first, and how well the best card fits; when
    # the question is about a matter the guidance does not cover, what it is and who can help.
    sections: list[str] = []
    situations: list[str] = []
    fit: float | None = None
    fits: bool | None = None
    uncovered: str | None = None
    refer: str | None = None

    @property
    def label(self) -> str:
        """Shown under answers as markdown: names and titles are made inert there."""
        from coach.components.validate import neutralize

        if self.kind == "guidance":
            return neutralize(f"Guidance: {self.title}")
        who = f" about {self.person}" if self.person else ""
        return neutralize(f"Your note{who}" + (f" ({self.date})" if self.date else ""))


def known_people(services: Services, owner: str = LOCAL_OWNER) -> list[str]:
    """The people the owner's notes are about, so a question naming one finds their notes."""
    with services.sessions() as session:
        rows = session.scalars(
            select(Note.person).where(Note.owner == owner, Note.person.is_not(None)).distinct()
        )
        return sorted({p for p in rows if p})


def fence_note(tag: str, source: Source, limit: int) -> str:
    """A note as quoted data: escaped so its text cannot close the fence or pose as a rule."""
    attrs = (
        f'id="{tag}" person="{html.escape(source.person or "", quote=True)}" date="{source.date}"'
    )
    return f"<note {attrs}>\n{html.escape(source.text[:limit])}\n</note>"
