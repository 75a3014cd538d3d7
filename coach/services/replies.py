"""The chat's answers from the peer-map engines: markdown plus the sources behind it."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

from coach.components.container import Services
from coach.domain.understanding.cues import NOTES_INTRO
from coach.rag.knowledge import Card, load_cards
from coach.rag.retrieval import Source
from coach.services.peers import notes_about
from coach.services.understand import Understanding
from coach.store.db import LOCAL_OWNER

Answer = tuple[str, list[Source]]
OPTION_WORDS = {
    "who_next": "who to reach out to next",
    "opener": "openers for your next conversation",
    "feedback": "a feedback request",
    "plan": "a plan for your week",
    "log": "logging a conversation you had",
    "guidance": "advice from the guidance",
}
LOG_OFFER_MARK = "Reply **yes** to log it"
LOG_OFFER = re.compile(
    r"\*\*Log this\?\*\* A (?P<kind>[\w/ ]+?) with \*\*(?P<person>[^*]+)\*\* on "
    r"(?P<day>\d{4}-\d{2}-\d{2}), with the note:\s*\n+> (?P<note>.+?)\n",
    re.S,
)


@lru_cache(maxsize=4)
def _cards(folder: Path) -> dict[str, Card]:
    return load_cards(folder)


def card_sources(services: Services, ids: list[str]) -> list[Source]:
    """The shipped guidance cards with these ids, as citable sources."""
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


# --- who next ---------------------------------------------------------------------------------


def who_next_reply(
    services: Services,
    owner: str,
    filter: str | None = None,
    person: str | None = None,
    today: date | None = None,
) -> Answer:
    from coach.domain.scoring import describe_filter
    from coach.services.who_next import who_next

    ranked = who_next(services, owner, n=5, today=today, filter=filter)
    everyone = ranked if filter is None else who_next(services, owner, n=3, today=today)
    if not everyone and not ranked:
        text = (
            "Your peer map is empty, so I can't rank anyone yet. Start by listing the peers "
            "whose work affects yours (who helps you, who depends on you, who shares your "
            "goals) in the Peers tab or with `coach peers add`."
        )
        return text, card_sources(services, ["map-your-peers", "rate-relationship-strength"])
    if person:
        ranked = [s for s in who_next(services, owner, today=today) if s.name == person]
    what = describe_filter(filter) if filter else ""
    lines = [f"**Who to reach out to next**{f' ({what})' if what else ''}", ""]
    if not ranked:
        lines = [f"Nobody in your map is {what} right now. Your top peers overall:", ""]
        ranked = everyone
    # Overdue peers come most overdue first, so a score beside them would read out of order.
    scored = filter != "overdue" or ranked is everyone
    if not scored:
        lines[0] = lines[0].replace(")", ", most overdue first)", 1)
    for i, s in enumerate(ranked, 1):
        team = f" ({s.team})" if s.team else ""
        points = f", score {s.score:g}" if scored else ""
        lines.append(f"{i}. **{s.name}**{team}{points}: {s.reason}.  \n   → {s.suggested_action}")
    return "\n".join(lines), card_sources(
        services, [s.card for s in ranked] + ["pick-three-to-five", "build-before-you-need"]
    )


def _yours(topic: str) -> str:
    """The user's 'my pricing proposal' is 'your pricing proposal' when the coach speaks."""
    return re.sub(r"^(my|our)\b", lambda m: "your" if m.group(1) == "my" else "your team's", topic)


# --- openers and feedback ---------------------------------------------------------------------


def opener_reply(
    services: Services, name: str, setting: str | None, owner: str, shorter: bool = False
) -> Answer:
    from coach.services.openers import make_openers

    result = make_openers(services, name, setting or "chance encounter", owner=owner)
    openers = result.openers[:1] if shorter else result.openers
    lines = [f"**Openers for {result.peer}** ({result.context})", ""]
    for i, opener in enumerate(openers, 1):
        text = _first_sentences(opener.text, 1) if shorter else opener.text
        lines.append(f'{i}. "{text}"  \n   _{opener.why}_')
    return "\n".join(lines), card_sources(services, [o.card for o in openers]) + note_sources(
        services, result.peer, owner
    )


def feedback_reply(
    services: Services,
    name: str,
    topic: str | None,
    depth: str | None,
    owner: str,
    shorter: bool = False,
) -> Answer:
    from coach.domain.feedback import draft_ask
    from coach.services.feedback import request_feedback
    from coach.services.peers import get_peer

    req = request_feedback(services, name, topic or "my current work", depth, owner=owner)  # type: ignore[arg-type]
    draft = req.draft
    if shorter:
        draft = _first_sentences(
            draft_ask(get_peer(services, req.peer, owner=owner), req.topic, "quick"), 2
        )
    kind = "a quick bounce" if req.depth == "quick" else "an in-depth critique"
    text = (
        f"**Feedback request for {req.peer}** on {_yours(req.topic)}: {kind}.\n\n"
        f"> {draft}\n\n"
        f"Saved as a draft (id `{req.id[:8]}`). Next: {req.next_step} Only ask if you mean "
        "to use the answer, and afterwards tell them what you changed or why not."
    )
    return text, card_sources(services, req.cards) + note_sources(services, req.peer, owner)


def _first_sentences(text: str, n: int) -> str:
    parts = re.split(r"(?<=[.?!])\s+", text.strip())
    return " ".join(parts[:n])


# --- plan and meeting notes -------------------------------------------------------------------


def plan_reply(services: Services, message: str, owner: str) -> Answer:
    from coach.services.plans import make_plan, to_markdown

    plan = make_plan(services, plan_prompt(message), owner=owner)
    cards = [c for item in plan.items for c in item.cards]
    text = to_markdown(plan).replace("# Networking plan", "**Networking plan", 1)
    text = text.replace(f"for {plan.week}\n", f"for {plan.week}**\n", 1)
    return (
        text + "\n\nSaved as this week's plan: tick items off in the Weekly plan tab or with "
        "`coach plan done ID`."
    ), card_sources(services, cards)


def plan_prompt(message: str) -> str:
    """What the week holds, from the request: the part after a colon, or a request naming
    days ('a launch Thursday and a board review Friday'); otherwise nothing."""
    if ":" in message:
        return message.split(":", 1)[1].strip()
    days = r"\b(mon|tue|wed|thu|fri)\w*day\b|\b(tomorrow|new hire|launch|review|offsite)\b"
    return message if re.search(days, message, re.I) else ""


def meeting_reply(services: Services, text: str, owner: str) -> Answer:
    from coach.services.meetings import analyze
    from coach.services.render import analysis_markdown

    first, _, rest = text.partition("\n")
    intro = NOTES_INTRO.match(first) and not re.search(r":\s*\S", first)
    body = rest.strip() if rest.strip() and intro else text  # drop "Here are my notes:"
    result = analyze(services, body, owner=owner)
    services.pending_meetings[owner] = (body, result)
    reply = (
        analysis_markdown(result) + "\n\n**Nothing is saved yet.** Reply `save` to add all "
        "of these to your log, or review them one by one in the Meeting notes tab."
    )
    return reply, card_sources(services, result.cards)


# --- logging an interaction -------------------------------------------------------------------


class LogOffer(BaseModel):
    person: str
    kind: str
    day: date
    note: str


def log_offer(u: Understanding, today: date) -> str:
    """Offer to log what the user told; nothing is written until they say yes."""
    assert u.person is not None
    day = u.day or today
    note = " ".join(re.sub(r"^\s*log\s*[:\-]?\s*", "", u.text, flags=re.I).split())
    first = u.person.split()[0]
    return (
        f"**Log this?** A {u.kind or 'meeting'} with **{u.person}** on {day.isoformat()}, "
        f"with the note:\n\n> {note}\n\n"
        f"{LOG_OFFER_MARK}: it restarts your keep-in-touch clock with {first} and keeps the "
        "note for later answers. Nothing is saved until you do. (From the command line: "
        f'`coach log "{u.person}" "…" --kind "{u.kind or "meeting"}" --date {day.isoformat()}`.)'
    )


def parse_log_offer(text: str) -> LogOffer | None:
    """The details of a log offer in an earlier answer, if that answer was one."""
    if LOG_OFFER_MARK not in text:
        return None
    match = LOG_OFFER.search(text)
    if match is None:
        return None
    return LogOffer(
        person=match["person"].strip(),
        kind=match["kind"].strip(),
        day=date.fromisoformat(match["day"]),
        note=match["note"].replace("!\\[", "![").replace("&lt;", "<").strip(),
    )


def log_saved(services: Services, offer: LogOffer, owner: str = LOCAL_OWNER) -> str:
    from coach.services.peers import log_interaction

    saved = log_interaction(services, [offer.person], offer.kind, offer.note, offer.day, owner)
    first = offer.person.split()[0]
    return (
        f"Logged: a {saved.kind} with {', '.join(saved.peers)} on {saved.day.isoformat()}. "
        f"The note is kept, and your keep-in-touch clock with {first} starts again."
    )


# --- asking back ------------------------------------------------------------------------------


def clarify_reply(u: Understanding) -> str:
    """One short question when the request could mean two things."""
    options = [OPTION_WORDS[o] for o in u.options if o in OPTION_WORDS]
    if u.candidates:
        first = u.candidates[0].split()[0]
        names = u.candidates
        return f"Which {first} do you mean: {', '.join(names[:-1])} or {names[-1]}?"
    if u.person:
        first = u.person.split()[0]
        picks = (
            options
            if len(options) >= 2
            else [OPTION_WORDS[o] for o in ("opener", "feedback", "log")]
        )
        return (
            f"What would you like for {u.person}: {', '.join(picks[:-1])} or {picks[-1]}? "
            f"For example: *an opener for {first} at lunch*."
        )
    if set(u.options) >= {"feedback", "guidance"}:
        return (
            "Do you want to ask someone for feedback (tell me who, and on what), or advice on "
            "giving or receiving feedback?"
        )
    if len(options) >= 2:
        return f"Do you mean {options[0]} or {options[1]}?"
    return (
        "Could you say a bit more? I can suggest who to reach out to, write openers or a "
        "feedback request for a peer, plan your week, analyse meeting notes, or log a "
        "conversation."
    )


def unknown_person_reply(name: str) -> str:
    return (
        f"{name} isn't in your peer map yet. Add them in the Peers tab (or `coach peers add "
        f'"{name}"`) and I can rank them, suggest openers and draft requests from your notes.'
    )
