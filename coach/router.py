"""Chat routing: questions the peer-map engines answer better than retrieval alone."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from coach.components.container import Services
from coach.rag.knowledge import Card, load_cards
from coach.rag.retrieval import Source, people_in
from coach.services.feedback import request_feedback
from coach.services.openers import make_openers
from coach.services.peers import list_peers, notes_about
from coach.services.who_next import who_next
from coach.store.db import LOCAL_OWNER

WHO_NEXT = re.compile(
    r"\bwho\b[^.?!]*\b(reach out|talk|speak|contact|meet|see|catch up|connect|focus|invest|"
    r"call|ping)\b|\bwho next\b",
    re.I,
)
OPENER = re.compile(
    r"\b(opener|icebreaker|conversation starter|what (?:should|do|can|could) i say|"
    r"how (?:do|should|can|could) i (?:start|open|approach)|start a conversation with)\b",
    re.I,
)
FEEDBACK = re.compile(r"\b(ask|request|get|seek|want)\b[^.?!]*\bfeedback\b", re.I)
TOPIC = re.compile(r"\bfeedback\s+(?:on|about|for|regarding)\s+(.+?)\s*[.?!]*$", re.I)
NOTES_INTRO = re.compile(
    r"^\s*(?:here (?:are|is) (?:my|the|some)\s+(?:meeting\s+)?notes|(?:my\s+)?(?:meeting\s+)?notes "
    r"(?:from|of|for)\b|meeting notes\s*:|notes\s*:)",
    re.I,
)
SAVE_REPLY = re.compile(
    r"^\s*(?:yes[,!.]?\s*)?(?:please\s+)?save(?:\s+(?:it|them|these|this|all))?"
    r"\s*[.!]*\s*$",
    re.I,
)
PLAN = re.compile(
    r"^\s*(?:please\s+)?(?:plan|make a plan for|help me plan)\s+(?:my|this|the)\s+"
    r"week\b\s*[:,.-]?\s*(.*)$",
    re.I | re.S,
)
CONTEXTS = [
    (re.compile(r"\b(lunch|coffee|dinner|meal)\b", re.I), "lunch"),
    (re.compile(r"\b(message|email|slack|dm|text|write)\b", re.I), "message"),
    (re.compile(r"\b(meeting|sync|call)\b", re.I), "meeting start"),
]


@lru_cache(maxsize=4)
def _cards(folder: Path) -> dict[str, Card]:
    return load_cards(folder)


def card_sources(services: Services, ids: list[str]) -> list[Source]:
    cards = _cards(services.settings.knowledge_dir)
    out = []
    for card_id in dict.fromkeys(ids):
        card = cards.get(card_id)
        if card:
            out.append(
                Source(
                    kind="guidance",
                    title=card.title,
                    id=card.id,
                    score=1.0,
                    text=f"{card.title}\n\n{card.body.strip()}",
                    source=card.source,
                )
            )
    return out


def note_sources(services: Services, name: str, owner: str) -> list[Source]:
    return [
        Source(
            kind="note",
            title=f"Note about {name}",
            id=f"{name}:{i}",
            text=text,
            score=1.0,
            person=name,
            date=None,
        )
        for i, text in enumerate(notes_about(services, name, owner, limit=3))
    ]


def looks_like_meeting_notes(text: str) -> bool:
    """'Here are my notes from today's sync: ...' followed by the notes themselves."""
    return bool(NOTES_INTRO.match(text)) and len(text.strip().splitlines()) >= 2


def route(
    services: Services, question: str, owner: str = LOCAL_OWNER
) -> tuple[str, list[Source]] | None:
    """(answer markdown, sources) when an engine should answer, else None."""
    if looks_like_meeting_notes(question):
        return _meeting_notes(services, question, owner)
    plan = PLAN.match(question)
    if plan:
        return _plan(services, plan.group(1), owner)
    if SAVE_REPLY.match(question) and owner in services.pending_meetings:
        return _save_meeting(services, owner)
    names = [p.name for p in list_peers(services, owner)]
    named = people_in(question, names)
    if FEEDBACK.search(question) and named:
        return _feedback(services, question, named[0], owner)
    if OPENER.search(question) and named:
        return _opener(services, question, named[0], owner)
    if WHO_NEXT.search(question):
        return _who_next(services, owner)
    return None


def _who_next(services: Services, owner: str) -> tuple[str, list[Source]]:
    ranked = who_next(services, owner, n=5)
    if not ranked:
        text = (
            "Your peer map is empty, so I can't rank anyone yet. Start by listing the peers "
            "whose work affects yours (who helps you, who depends on you, who shares your "
            "goals) in the Peers tab or with `coach peers add`."
        )
        return text, card_sources(services, ["map-your-peers", "rate-relationship-strength"])
    lines = ["**Who to reach out to next**", ""]
    for i, s in enumerate(ranked, 1):
        team = f" ({s.team})" if s.team else ""
        lines.append(
            f"{i}. **{s.name}**{team}, score {s.score:g}: {s.reason}.  \n   → {s.suggested_action}"
        )
    return "\n".join(lines), card_sources(
        services, [s.card for s in ranked] + ["pick-three-to-five", "build-before-you-need"]
    )


def _opener(services: Services, question: str, name: str, owner: str) -> tuple[str, list[Source]]:
    context = next((c for rx, c in CONTEXTS if rx.search(question)), "chance encounter")
    result = make_openers(services, name, context, owner=owner)
    lines = [f"**Openers for {result.peer}** ({result.context})", ""]
    lines += [f'{i}. "{o.text}"  \n   _{o.why}_' for i, o in enumerate(result.openers, 1)]
    return "\n".join(lines), card_sources(
        services, [o.card for o in result.openers]
    ) + note_sources(services, result.peer, owner)


def _feedback(services: Services, question: str, name: str, owner: str) -> tuple[str, list[Source]]:
    match = TOPIC.search(question)
    topic = match.group(1) if match else "my current work"
    topic = re.sub(r"^(my|our)\s+", lambda m: m.group(0).lower(), topic)
    req = request_feedback(services, name, topic, owner=owner)
    depth = "a quick bounce" if req.depth == "quick" else "an in-depth critique"
    text = (
        f"**Feedback request for {req.peer}** on {req.topic}: {depth}.\n\n"
        f"> {req.draft}\n\n"
        f"Saved as a draft (id `{req.id[:8]}`). Next: {req.next_step} Only ask if you mean "
        "to use the answer, and afterwards tell them what you changed or why not."
    )
    return text, card_sources(services, req.cards) + note_sources(services, req.peer, owner)


def _meeting_notes(services: Services, text: str, owner: str) -> tuple[str, list[Source]]:
    from coach.services.meetings import analyze
    from coach.services.render import analysis_markdown

    body = text.split("\n", 1)[1] if "\n" in text else text
    result = analyze(services, body, owner=owner)
    services.pending_meetings[owner] = (body, result)
    reply = (
        analysis_markdown(result) + "\n\n**Nothing is saved yet.** Reply `save` to add all "
        "of these to your log, or review them one by one in the Meeting notes tab."
    )
    return reply, card_sources(services, result.cards)


def _save_meeting(services: Services, owner: str) -> tuple[str, list[Source]]:
    from coach.services.meetings import save

    body, result = services.pending_meetings.pop(owner)
    report = save(services, body, result, owner=owner)
    return f"{report.summary()} ({', '.join(report.created) or 'nothing new'})", []


def _plan(services: Services, prompt: str, owner: str) -> tuple[str, list[Source]]:
    from coach.services.plans import make_plan, to_markdown

    plan = make_plan(services, prompt, owner=owner)
    cards = [c for item in plan.items for c in item.cards]
    text = to_markdown(plan).replace("# Networking plan", "**Networking plan", 1)
    text = text.replace(f"for {plan.week}\n", f"for {plan.week}**\n", 1)
    return (
        text + "\n\nSaved as this week's plan: tick items off in the Weekly plan tab or with "
        "`coach plan done ID`."
    ), card_sources(services, cards)
