"""Feedback wording: how deep to ask, what is in it for them, and the next step in the loop."""

from __future__ import annotations

import re
from typing import Literal

from coach.domain.peers import PeerView

Depth = Literal["quick", "deep"]
Status = Literal["drafted", "asked", "received", "closed"]
# How each depth is named wherever a person reads it (page, chat, plan, meeting analysis).
DEPTH_WORDS: dict[str, str] = {"quick": "a quick bounce", "deep": "an in-depth critique"}
STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]
# The loop the guidance asks for: ask, hear it, then say what you did with it.
NEXT_STATUS = {"drafted": "asked", "asked": "received", "received": "closed"}
DEEP_WORDS = re.compile(
    r"\b(plan|proposal|strategy|design|draft|doc\w*|spec|roadmap|review|"
    r"critique|report|budget|architecture|launch)\b",
    re.I,
)
QUICK_WORDS = re.compile(r"\b(idea|quick|thought|name|title|slide|email|message|gut)\b", re.I)


def choose_depth(topic: str) -> Depth:
    """A quick bounce for an idea; an in-depth critique for work you have invested in."""
    if QUICK_WORDS.search(topic) and not re.search(r"\b(critique|detailed|review)\b", topic, re.I):
        return "quick"
    return "deep" if DEEP_WORDS.search(topic) else "quick"


def benefit_for(peer: PeerView, topic: str) -> str:
    """Why answering helps them, from how their work relates to yours."""
    team = f"your team in {peer.team}" if peer.team else "your team"
    if "depends on me" in peer.relates:
        return f"since {team} builds on this, your input now saves you rework later"
    if "shared goals" in peer.relates:
        return "it moves the goal we share, so getting it right helps us both"
    if "helps me" in peer.relates:
        work = f"{peer.team}'s work" if peer.team else "your work"
        return f"it touches {work}, so your view now means fewer surprises for you later"
    if "future need" in peer.relates or "big-picture insight" in peer.relates:
        return f"you'll see early where this is going and how it may affect {team}"
    return f"it affects {team}, and I want it to work for you too"


def draft_ask(peer: PeerView, topic: str, depth: Depth) -> str:
    """A specific request: what you want, how much of their time, and what is in it for them."""
    first = peer.name.split()[0]
    benefit = benefit_for(peer, topic)
    if depth == "quick":
        return (
            f"Hi {first}, could I bounce a quick idea off you? It's about {topic}. "
            f"Five minutes of your gut reaction would help, and {benefit}. "
            "I'm mainly after: what would you change first?"
        )
    return (
        f"Hi {first}, would you be willing to give me an in-depth critique of {topic}? "
        f"I've put real time into it and want honest, detailed input; {benefit}. "
        "Specifically: what's missing, what's risky, and what would you cut? "
        "Happy to walk you through it for 30 minutes or send it ahead, whichever suits you."
    )


def next_step(status: str, name: str) -> str:
    first = name.split()[0]
    return {
        "drafted": f"Send the ask to {first}, then mark it asked.",
        "asked": f"When {first} replies, mark it received.",
        "received": f"Close the loop: thank {first}, and tell them what you changed or why not.",
        "closed": "Loop closed.",
    }[status]
