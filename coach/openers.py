"""Conversation openers for a peer, built on what your notes say about them.

Templates always work and always use the notes; a capable model may write better ones, which
are checked before they are used.
"""

from __future__ import annotations

import html
import logging
import re
from typing import Literal

from pydantic import BaseModel, Field

from coach.components.container import Services
from coach.components.structured import ask_structured
from coach.domain.peers import PeerView
from coach.rag.prompts import render
from coach.services.peers import get_peer, notes_about
from coach.store.db import LOCAL_OWNER

log = logging.getLogger(__name__)

Context = Literal["chance encounter", "meeting start", "lunch", "message"]
CONTEXTS: tuple[str, ...] = Context.__args__  # type: ignore[attr-defined]

WIN = re.compile(
    r"\b(launch\w*|shipp?\w*|closed|promot\w*|won|released?|hit|finished|completed|"
    r"delivered)\b",
    re.I,
)
TROUBLE = re.compile(
    r"\b(block\w*|worr\w*|struggl\w*|behind|challeng\w*|problem\w*|issue\w*|"
    r"risk\w*|stuck|late)\b",
    re.I,
)


class Opener(BaseModel):
    text: str = Field(min_length=5, max_length=400)
    why: str = Field(default="", max_length=300)
    card: str = Field(default="ask-open-questions")


class OpenerList(BaseModel):
    """What a model must return: exactly three openers."""

    openers: list[Opener] = Field(min_length=3, max_length=3)


class OpenerSet(BaseModel):
    peer: str
    context: str
    openers: list[Opener]
    notes_used: list[str]
    provider: str


def topic_of(note: str, name: str) -> str:
    """'Priya (finance) is starting vendor onboarding.' -> 'starting vendor onboarding'."""
    text = " ".join(note.split()).rstrip(".!🎉 ")
    text = re.sub(r"^[\w /]+ with [^:]+:\s*", "", text)  # interaction notes: "lunch with X: ..."
    text = re.sub(r"^(?:action|todo|ai)\s*[:\-]\s*", "", text, flags=re.I)
    first = re.escape(name.split()[0])
    text = re.sub(rf"^(?:{re.escape(name)}|{first})(?:'s)?\s*(\([^)]*\))?\s*", "", text, flags=re.I)
    text = re.sub(
        r"^(?:(?:she|he|they)\s+)?(is|are|was|were|has|had|got|will be|will|just)\s+",
        "",
        text,
        flags=re.I,
    )
    return text[:120].strip(" ,;:-") or note[:120]


def clause_with(pattern: re.Pattern[str], note: str, name: str) -> str | None:
    """The part of a note (split at ; , .) that matches, e.g. the challenge it mentions."""
    for part in re.split(r"[;.]|, ", note):
        if pattern.search(part):
            return topic_of(part.strip(), name)
    return None


def about(topic: str) -> str:
    """Phrase a topic so it reads well after 'how is it going with'."""
    if re.match(r"^(\w+ing|the|a|an|their|your|her|his|our|new)\b", topic, re.I):
        return f"How is it going with {topic}?"
    return f'Last time you mentioned "{topic}": how is that going?'


def _say(prefix: str, sentence: str) -> str:
    """Join a greeting or lead-in to a sentence with the right capital letter."""
    if prefix:
        return prefix + sentence[0].lower() + sentence[1:]
    return sentence[0].upper() + sentence[1:]


def template_openers(peer: PeerView, notes: list[str], context: str) -> list[Opener]:
    """Three openers from the notes (newest first) and the guidance, no model needed."""
    first = peer.name.split()[0]
    greet = f"Hi {first}, " if context == "message" else ""
    lead = greet + ("Before we dive in, " if context == "meeting start" else "")
    topics = [topic_of(n, peer.name) for n in notes]
    win = next((c for n in notes if (c := clause_with(WIN, n, peer.name))), None)
    trouble = next((c for n in notes if (c := clause_with(TROUBLE, n, peer.name))), None)
    latest = next((t for t in topics if t != trouble), topics[0] if topics else None)
    openers: list[Opener] = []
    if latest:
        openers.append(
            Opener(
                text=_say(lead, f"{about(latest)} What has surprised you so far?"),
                why=f"Picks up what your notes say {first} is working on, with an open question.",
                card="ask-open-questions",
            )
        )
    else:
        where = f"in {peer.team}" if peer.team else "on your side"
        openers.append(
            Opener(
                text=_say(lead, f"What is taking up most of your week {where} right now?"),
                why="No notes yet: an open question about their work starts the map.",
                card="ask-open-questions",
            )
        )
    if trouble:
        openers.append(
            Opener(
                text=_say(
                    greet,
                    f'You mentioned "{trouble}". Is there anything I know or have that would help?',
                ),
                why="Offers help with a challenge from your notes before asking for anything.",
                card="share-information-proactively",
            )
        )
    elif latest:
        openers.append(
            Opener(
                text=_say(
                    greet,
                    f'We went through something like "{latest}" ourselves; want me to '
                    "send you what we learned?",
                ),
                why="Shares useful information on what they are doing, unasked.",
                card="share-information-proactively",
            )
        )
    else:
        openers.append(
            Opener(
                text=_say(
                    greet, "Is there anything my team could share that would make your work easier?"
                ),
                why="Offers information first: reciprocity starts with giving.",
                card="share-information-proactively",
            )
        )
    if win:
        openers.append(
            Opener(
                text=_say(greet, f'Congratulations on the news ("{win}")! What made it work?'),
                why=f"Celebrates a win from your notes about {first}.",
                card="celebrate-peer-successes",
            )
        )
    else:
        closing = {
            "lunch": "What are you most excited about at the moment, at work or outside it?",
            "message": "Would you have 20 minutes for a coffee next week? I'd like to hear what "
            "you're working on.",
        }.get(context, "What's the biggest challenge on your plate this month?")
        openers.append(
            Opener(
                text=_say(greet, closing),
                why="An open question that goes past small talk.",
                card="chance-encounters",
            )
        )
    return openers


def _model_openers(
    services: Services, peer: PeerView, notes: list[str], context: str
) -> list[Opener] | None:
    """Ask a capable model for openers; None when there is none or its answer fails checks."""
    model, provider = services.chat_model, services.provider
    if model is None or provider.small:
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
    return result.openers if result else None


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
