"""A question never fails on a damaged search index: the answer is made without it, and says so."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from coach.components.container import Services
from coach.errors import CoachError

if TYPE_CHECKING:
    from coach.rag.sources import Source

log = logging.getLogger(__name__)
T = TypeVar("T")

REPAIR_MARK = ".vectors-need-repair"


class Sources(list["Source"]):
    """Retrieved sources, plus a notice when part of the search could not be used."""

    notice: str | None = None


def guarded(
    services: Services,
    what: str,
    search: Callable[[], list[T]],
    fallback: Callable[[], list[T]] | None = None,
    notices: list[str] | None = None,
) -> list[T]:
    """`search()`, or when the vector store fails (Chroma's "Error finding id" and the like),
    `fallback()` and a notice; the store is marked for repair at the next start."""
    try:
        return search()
    except CoachError:
        raise
    except Exception as exc:
        log.exception("searching %s failed; answering without it", what)
        mark_for_repair(services, what)
        if notices is not None:
            notices.append(
                f"Your {what} could not be searched ({type(exc).__name__}), so this answer "
                "was made without that search. Run `coach doctor` to repair the index "
                "(any `coach` command also repairs it when it starts)."
            )
    if fallback is None:
        return []
    try:
        return fallback()
    except Exception:
        log.exception("the fall-back for %s failed too", what)
        return []


def mark_for_repair(services: Services, what: str) -> None:
    path = services.settings.data_dir / REPAIR_MARK
    try:
        with path.open("a", encoding="utf-8") as out:
            out.write(what + "\n")
    except OSError:
        log.exception("could not record that %s needs repair", what)


def needs_repair(services: Services) -> bool:
    return (services.settings.data_dir / REPAIR_MARK).exists()


def clear_repair_mark(services: Services) -> None:
    (services.settings.data_dir / REPAIR_MARK).unlink(missing_ok=True)


def notes_by_name(services: Services, question: str, owner: str, k: int) -> list[Source]:
    """Without the index: the newest notes about people the question names, from the store."""
    from sqlalchemy import select

    from coach.domain.names import people_in
    from coach.rag.sources import Source, known_people
    from coach.store.db import Note

    found: list[Source] = []
    for person in people_in(question, known_people(services, owner)):
        with services.sessions() as session:
            newest = session.scalars(
                select(Note)
                .where(Note.owner == owner, Note.person.ilike(person))
                .order_by(Note.note_date.desc())
                .limit(k)
            )
            rows = list(newest)
        for note in rows:
            found.append(
                Source(
                    kind="note",
                    title=f"Note about {note.person}",
                    id=note.id,
                    text=note.text,
                    score=0.0,
                    person=note.person,
                    date=note.note_date.isoformat(),
                )
            )
    return found[:k]
