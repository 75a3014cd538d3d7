"""What every command checks when it starts, cheaply: is there indexing a crash left undone?

The repair itself (the doctor) is loaded only when a check finds something to repair.
"""

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
    reconcile(services)


def ensure_indexed(services: Services) -> None:
    """Index the guidance if it changed, then `reconcile`; cheap when nothing changed."""
    from coach.services.indexing import index_guidance

    index_guidance(services)
    reconcile(services)


def reconcile(services: Services) -> None:
    """At the start of every command: index notes that a crash or kill left unindexed, and
    rebuild an index a question found damaged. One query and one file check when all is well;
    a failure here is logged and never stops the command itself."""
    from coach.rag.search_guard import needs_repair
    from coach.services.notes import index_pending

    try:
        index_pending(services)
        if needs_repair(services):
            from coach.services import doctor

            for health in doctor.run(services):
                log.warning("start-up repair: %s", health.line())
    except Exception:
        log.exception("reconciling notes and vectors at start-up failed")
