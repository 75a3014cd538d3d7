"""Everything one user owns, deleted or archived when their account is removed."""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.orm import Session

from coach.components.container import Services
from coach.components.vectorstore import notes_collection
from coach.rag.knowledge import owner_slug
from coach.store.db import Base, new_id

log = logging.getLogger(__name__)

# ':' is not allowed in a user name, so no new account can ever take an archived owner id.
ARCHIVE_PREFIX = "archived:"


@dataclass(frozen=True)
class Removal:
    """What removing a user did with their data."""

    records: int
    archived_as: str | None = None


def _owned_tables() -> list[Table]:
    """Tables with an owner column, dependents first (so foreign keys never block a delete)."""
    return [t for t in reversed(Base.metadata.sorted_tables) if "owner" in t.c]


def count_records(session: Session, owner: str) -> int:
    return sum(
        session.scalar(select(func.count()).select_from(t).where(t.c.owner == owner)) or 0
        for t in _owned_tables()
    )


def _delete_records(session: Session, owner: str) -> None:
    for table in reversed(Base.metadata.sorted_tables):
        if "owner" in table.c:
            session.execute(delete(table).where(table.c.owner == owner))
            continue
        # Link and child tables (messages, interaction_peers) hang off owned rows.
        for fk in table.foreign_keys:
            parent = fk.column.table
            if "owner" in parent.c:
                owned = select(fk.column).where(parent.c.owner == owner)
                session.execute(delete(table).where(fk.parent.in_(owned)))


def _guidance_folder(services: Services, owner: str) -> Path:
    return services.settings.guidance_dir / owner_slug(owner)


def _drop_notes_index(services: Services, owner: str) -> None:
    """Delete the owner's notes collection, if there is one."""
    from chromadb.errors import NotFoundError

    with services._lock:
        services._note_stores.pop(owner, None)
    name = f"{services.settings.chroma_prefix}{notes_collection(owner)}"
    try:
        services.chroma.delete_collection(name)
    except (NotFoundError, ValueError):
        pass  # nothing was ever indexed for them


def has_data(services: Services, owner: str) -> bool:
    """Records, guidance files or a notes collection under this owner name."""
    with services.sessions() as session:
        if count_records(session, owner):
            return True
    if _guidance_folder(services, owner).exists():
        return True
    name = f"{services.settings.chroma_prefix}{notes_collection(owner)}"
    return any(getattr(c, "name", c) == name for c in services.chroma.list_collections())


def delete_user_data(services: Services, owner: str) -> Removal:
    """Delete every record, the notes index and the guidance files of `owner`."""
    from coach.services.indexing import index_guidance

    with services.sessions.begin() as session:
        records = count_records(session, owner)
        _delete_records(session, owner)
    services.pending_meetings.pop(owner, None)
    _drop_notes_index(services, owner)
    folder = _guidance_folder(services, owner)
    if folder.exists():
        shutil.rmtree(folder)
        index_guidance(services)  # their guidance chunks leave the shared collection
    return Removal(records)


def archive_user_data(services: Services, owner: str) -> Removal:
    """Move everything `owner` has to a fresh archived owner id no account can sign in as."""
    from coach.services.indexing import index_guidance
    from coach.services.notes import sync_notes

    archived = f"{ARCHIVE_PREFIX}{owner}:{new_id()[:8]}"
    with services.sessions.begin() as session:
        records = count_records(session, owner)
        for table in _owned_tables():
            session.execute(update(table).where(table.c.owner == owner).values(owner=archived))
    services.pending_meetings.pop(owner, None)
    sync_notes(services, archived)  # the notes index moves with them
    _drop_notes_index(services, owner)
    folder = _guidance_folder(services, owner)
    if folder.exists():
        folder.rename(_guidance_folder(services, archived))
        index_guidance(services)
    log.info("archived the data of %s as %s", owner, archived)
    return Removal(records, archived)
