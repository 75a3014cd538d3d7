"""Notes about colleagues: saved in the relational store first, then indexed for retrieval."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from langchain_core.documents import Document
from langchain_text_splitters import RecursiveCharacterTextSplitter
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coach.components.container import Services
from coach.components.validate import clean_text
from coach.domain.names import person_key
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
        if not self.new:
            msg = f"You already saved this note{who} ({self.date.isoformat()}); kept one."
        if not self.indexed:
            msg += " It could not be indexed for search yet; the next start will retry."
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
        "person_key": person_key(note.person or ""),
        "date": note.note_date.isoformat(),
        "source": note.source,
    }
    return [Document(page_content=c, metadata=dict(meta)) for c in _splitter.split_text(note.text)]


def content_key(source: str, text: str, person: str | None, day: date) -> str:
    """Saving the same text about the same person on the same day twice keeps one note."""
    raw = "\x1f".join([text, (person or "").casefold(), day.isoformat()])
    return f"{source}:{hashlib.sha256(raw.encode()).hexdigest()[:40]}"


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
    """Validate and save a note, then index it; indexing failure keeps the note and says so.

    Saving is idempotent on `source_key` (by default a key from the text, person and date): a
    second save returns the first. The note is saved as not indexed and marked indexed only
    once its vectors are written, so a crash in between is repaired at the next start.
    """
    body = clean_text(text, "note", max_chars or services.settings.max_note_chars)
    who = clean_person(person)
    day = parse_date(when)
    key = source_key or content_key(source, body, who, day)
    try:
        with services.sessions.begin() as session:
            note = _by_key(session, owner, key)
            new = note is None
            if note is None:
                note = Note(
                    text=body, person=who, note_date=day, owner=owner, source=source, source_key=key
                )
                session.add(note)
    except IntegrityError:  # a concurrent save of the same note won the unique key
        with services.sessions() as session:
            note, new = _by_key(session, owner, key), False
        assert note is not None
    indexed = note.indexed or index_notes(services, owner, [note])
    return SavedNote(note.id, note.text, note.person, note.note_date, indexed, new=new)


def _by_key(session: Session, owner: str, key: str) -> Note | None:
    return session.scalar(select(Note).where(Note.owner == owner, Note.source_key == key))


def index_notes(services: Services, owner: str, notes: Sequence[Note]) -> bool:
    """Write these notes' vectors and mark them indexed; False (and logged) if that failed."""
    try:
        sync(
            services.notes_store_for(owner),
            {f"note:{n.id}": note_documents(n) for n in notes},
            remove_missing=False,
        )
    except Exception:
        log.exception("indexing %d note(s) of %s failed; they stay saved", len(notes), owner)
        return False
    mark_indexed(services, [n.id for n in notes])
    return True


def mark_indexed(services: Services, ids: Sequence[str]) -> None:
    for start in range(0, len(ids), 500):
        with services.sessions.begin() as session:
            session.execute(
                update(Note).where(Note.id.in_(ids[start : start + 500])).values(indexed=True)
            )


def index_pending(services: Services) -> int:
    """Index every note saved but not yet indexed (a crash or kill came in between), for all
    owners; one small query when there are none. Returns how many were indexed."""
    with services.sessions() as session:
        pending = list(session.scalars(select(Note).where(Note.indexed.is_(False))))
    by_owner: dict[str, list[Note]] = {}
    for note in pending:
        by_owner.setdefault(note.owner, []).append(note)
    done = 0
    for owner, notes in by_owner.items():
        if index_notes(services, owner, notes):
            done += len(notes)
    if pending:
        log.info("indexed %d of %d pending note(s)", done, len(pending))
    return done


def list_notes(
    services: Services, owner: str = LOCAL_OWNER, person: str | None = None
) -> list[Note]:
    with services.sessions() as session:
        query = select(Note).where(Note.owner == owner).order_by(Note.note_date.desc())
        if person:
            query = query.where(Note.person.ilike(person))
        return list(session.scalars(query))


def sync_notes(
    services: Services, owner: str = LOCAL_OWNER, progress: Progress | None = None
) -> SyncReport:
    """Make the notes index match the store: re-index missing notes, drop deleted ones.

    Under the vector lock from reading the notes to the last write, so a note another process
    saves meanwhile is never taken for a deleted one."""
    with services.vectors_locked():
        notes = list_notes(services, owner)
        docs = {f"note:{n.id}": note_documents(n) for n in notes}
        report = sync(services.notes_store_for(owner), docs, progress=progress)
    mark_indexed(services, [n.id for n in notes if not n.indexed])
    return report
