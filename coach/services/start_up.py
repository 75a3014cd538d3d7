"""What every command checks when it starts, cheaply: is there indexing a crash left undone?"""

from __future__ import annotations

import logging

from sqlalchemy import select

from coach.components.container import Services
from coach.store.db import Note

log = logging.getLogger(__name__)


def reconcile_if_needed(services: Services) -> None:
    """One small query and one file check when all is well; only when a note is waiting for
    its vectors, or a question found the index damaged, is the (heavier) repair loaded."""
    from coach.rag.search_guard import needs_repair

    try:
        with services.sessions() as session:
            waiting = session.scalar(select(Note.id).where(Note.indexed.is_(False)).limit(1))
        if waiting is None and not needs_repair(services):
            return
    except Exception:
        log.exception("checking for notes left unindexed failed")
        return
    from coach.services.indexing import reconcile

    reconcile(services)
