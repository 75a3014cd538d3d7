"""Notes about colleagues: saved in the relational store first, then indexed for retrieval."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from langchain_core.documents import Document
from langchain_text_splitters import RecursiveCharacterTextSplitter
from sqlalchemy import select

from coach.components.container import Services
from coach.components.validate import clean_text
from coach.errors import InputError
from coach.rag.ingest import Progress, SyncReport, sync
from coach.store.db import LOCAL_OWNER, Note

log = logging.getLogger(__name__)

_splitter = RecursiveCharacterTextSplitter(chunk_size=900, chunk_overlap=120)


@dataclass(frozen=True)
class SavedNote:
    id: str
    text: str
    person: str | None
    date: date
    indexed: bool
    new: bool = True

    @property
    def message(self) -> str:
        who = f" about {self.person}" if self.person else ""
        msg = f"Saved your note{who} ({self.date.isoformat()})."
        if not self.indexed:
            msg += " It could not be indexed for search yet; `coach ingest` will retry."
        return msg


def parse_date(value: str | date | None) -> date:
    """YYYY-MM-DD, or today when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return date.today()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise InputError(f"'{value}' is not a date; use YYYY-MM-DD, e.g. 2026-11-23.") from exc


def clean_person(person: str | None) -> str | None:
    if person is None or not person.strip():
        return None
    name = clean_text(person, "person's name", 200)
    if "<" in name or ">" in name:
        raise InputError("A person's name is plain text: no angle brackets.")
    return " ".join(name.split())


def note_documents(note: Note) -> list[Document]:
    meta = {
        "kind": "note",
        "note_id": note.id,
        "owner": note.owner,
        "person": note.person or "",
        "person_key": (note.person or "").casefold(),
        "date": note.note_date.isoformat(),
        "source": note.source,
    }
    return [Document(page_content=c, metadata=dict(meta)) for c in _splitter.split_text(note.text)]


def add_note(
    services: Services,
    text: str,
    person: str | None = None,
    when: str | date | None = None,
    owner: str = LOCAL_OWNER,
    source: str = "note",
    source_key: str | None = None,
    max_chars: int | None = None,
) -> SavedNote:
    """Validate and save a note; indexing failure keeps the note and says so.

    A `source_key` makes saving idempotent: a second save with the same key returns the first.
    """
    body = clean_text(text, "note", max_chars or services.settings.max_note_chars)
    who = clean_person(person)
    day = parse_date(when)
    with services.sessions.begin() as session:
        if source_key:
            existing = session.scalar(
                select(Note).where(Note.owner == owner, Note.source_key == source_key)
            )
            if existing:
                return SavedNote(
                    existing.id, existing.text, existing.person, existing.note_date, True, new=False
                )
        note = Note(
            text=body, person=who, note_date=day, owner=owner, source=source, source_key=source_key
        )
        session.add(note)
    indexed = True
    try:
        sync(
            services.notes_store_for(owner),
            {f"note:{note.id}": note_documents(note)},
            remove_missing=False,
        )
    except Exception:
        log.exception("indexing note %s failed; it stays saved", note.id)
        indexed = False
    return SavedNote(note.id, body, who, day, indexed)


def list_notes(
    services: Services, owner: str = LOCAL_OWNER, person: str | None = None
) -> list[Note]:
    with services.sessions() as session:
        query = select(Note).where(Note.owner == owner).order_by(Note.note_date.desc())
        if person:
            query = query.where(Note.person.ilike(person))
        return list(session.scalars(query))


def known_people(services: Services, owner: str = LOCAL_OWNER) -> list[str]:
    with services.sessions() as session:
        rows = session.scalars(
            select(Note.person).where(Note.owner == owner, Note.person.is_not(None)).distinct()
        )
        return sorted({p for p in rows if p})


def sync_notes(
    services: Services, owner: str = LOCAL_OWNER, progress: Progress | None = None
) -> SyncReport:
    """Make the notes index match the store: re-index missing notes, drop deleted ones."""
    docs = {f"note:{n.id}": note_documents(n) for n in list_notes(services, owner)}
    return sync(services.notes_store_for(owner), docs, progress=progress)
