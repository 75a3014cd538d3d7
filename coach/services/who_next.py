"""Who next, from the store: the peers' signals, ranked by the pure scoring rules."""

from __future__ import annotations

from datetime import date

from coach.components.container import Services
from coach.domain.scoring import Suggestion, rank, rank_filtered
from coach.services.peers import signals
from coach.store.db import LOCAL_OWNER


def who_next(
    services: Services,
    owner: str = LOCAL_OWNER,
    n: int | None = None,
    today: date | None = None,
    filter: str | None = None,
) -> list[Suggestion]:
    """Rank the user's peers from the store, optionally only those a filter keeps."""
    today = today or date.today()
    sigs = signals(services, owner, today)
    if filter:
        return rank_filtered(sigs, filter, today, n)
    return rank(sigs, today, n)
