"""Conversation openers for a peer, built on what your notes say about them.

Templates always work and always use the notes; a capable model may write better ones, which
are checked before they are used.
"""

from __future__ import annotations

import html
import logging

from pydantic import BaseModel

from coach.components.container import Services
from coach.components.structured import ask_structured
from coach.domain.openers import (
    CONTEXTS,
    Opener,
    OpenerList,
    sayable_problems,
    template_openers,
)
from coach.domain.peers import PeerView
from coach.rag.prompts import render
from coach.services.peers import get_peer, notes_about
from coach.store.db import LOCAL_OWNER

log = logging.getLogger(__name__)


class OpenerSet(BaseModel):
    peer: str
    context: str
    openers: list[Opener]
    notes_used: list[str]
    provider: str


def _model_openers(
    services: Services, peer: PeerView, notes: list[str], context: str
) -> list[Opener] | None:
    """Ask a capable model for openers; None when there is none or its answer fails checks."""
    model = services.capable_model
    if model is None:
        return None  # a tiny model does worse than the templates on structured output
    fenced = "\n".join(f"<note>{html.escape(n[:400])}</note>" for n in notes) or "(no notes)"
    prompt = render(
        "openers",
        name=peer.name,
        team=peer.team or "unknown",
        role=peer.role or "unknown",
        relationship=peer.relationship,
        context=context,
        notes=fenced,
    )
    result = ask_structured(model, prompt, OpenerList)
    if result is None:
        return None
    problems = [p for o in result.openers for p in sayable_problems(o.text, peer.name, notes)]
    if problems:
        log.info("model openers rejected: %s", "; ".join(problems))
        return None
    return result.openers


def make_openers(
    services: Services,
    name: str,
    context: str = "chance encounter",
    team: str | None = None,
    owner: str = LOCAL_OWNER,
) -> OpenerSet:
    from coach.errors import InputError

    if context not in CONTEXTS:
        raise InputError(f"Unknown context {context!r}; use one of: {', '.join(CONTEXTS)}.")
    peer = get_peer(services, name, team, owner)
    notes = notes_about(services, peer.name, owner)
    openers = _model_openers(services, peer, notes, context)
    provider = services.provider.name
    if openers is None:
        openers, provider = template_openers(peer, notes, context), "templates"
    return OpenerSet(
        peer=peer.name, context=context, openers=openers, notes_used=notes, provider=provider
    )
