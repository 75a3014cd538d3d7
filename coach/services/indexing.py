"""Keeping the vector store in line with the guidance files and the notes in the store."""

from __future__ import annotations

import logging
from pathlib import Path

from coach.components.container import Services
from coach.errors import InputError
from coach.rag.ingest import Progress, SyncReport, sync
from coach.rag.knowledge import add_guidance_file, guidance_sources
from coach.services.notes import sync_notes
from coach.store.db import LOCAL_OWNER

log = logging.getLogger(__name__)


def index_guidance(services: Services, progress: Progress | None = None) -> SyncReport:
    """Make the guidance collection hold exactly knowledge/ plus the user's guidance folder."""
    with services.vectors_locked():  # files read and index written by one process at a time
        docs, skipped = guidance_sources(services.settings)
        report = sync(services.guidance_store, docs, progress=progress)
    report.skipped.extend(skipped)
    return report


def index_everything(
    services: Services, owner: str = LOCAL_OWNER, progress: Progress | None = None
) -> SyncReport:
    """Guidance and notes; safe to re-run after a crash: it finishes without duplicates."""
    report = index_guidance(services, progress)
    return report.merge(sync_notes(services, owner, progress))


def add_guidance_files(
    services: Services, paths: list[Path], owner: str = LOCAL_OWNER
) -> tuple[list[Path], list[tuple[str, str]]]:
    """Copy usable files into the guidance folder; report the others with the reason."""
    added, problems = [], []
    for path in paths:
        try:
            added.append(add_guidance_file(services.settings, path, owner=owner))
        except InputError as exc:
            problems.append((path.name, str(exc)))
    return added, problems
