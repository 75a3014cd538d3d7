"""What a chat message asks for: the route, the person, and the slots each engine needs.

Offline and deterministic. Three kinds of evidence are combined:
- shape: meeting notes look like notes (several short lines, bullets, "Name: …" lines);
- cues: phrases that reliably signal an intent ("icebreaker", "feedback on", "plan my week");
- meaning: how near the message is to each intent's example requests (coach/intents.py),
  when real embeddings are available.
A request for openers, feedback or a log needs a peer from the map; a story about "a colleague
who…" is a guidance question unless it names someone in the map. When the two best intents
are close, the answer is one short clarifying question.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from coach.domain.names import PeerFinder, PersonRef
from coach.domain.understanding.cues import (
    ADVICE,
    BULLET,
    COMMIT_LINE,
    CONFIRM,
    DILEMMA,
    FEEDBACK_CUE,
    FOLLOW_UP,
    GIVING_FEEDBACK,
    HOW_Q,
    LABEL_LINE,
    LOG_CUE,
    NEGATED,
    NOTES_HEADER,
    NOTES_INTRO,
    NOTES_WORDS,
    OFFER,
    OPENER_CUE,
    PEOPLE_WORDS,
    PLAN_CUE,
    QUESTION,
    REPORT,
    SHORTER,
    STORY,
    UNNAMED_HELP,
    UNSURE,
    WH_START,
    WHERE_START,
    WHO_ASKS,
    WHO_OTHER,
    WHO_Q,
    WHO_VERBS,
    asks_about_them,
    narrates,
    the_ask,
)
from coach.domain.understanding.slots import (
    depth_of,
    log_kind,
    past_day,
    setting_of,
    topic_of,
    who_filter,
)

Route = Literal[
    "who_next", "opener", "feedback", "plan", "meeting", "log", "guidance", "clarify", "confirm"
]
ROUTES: tuple[str, ...] = Route.__args__  # type: ignore[attr-defined]
NEEDS_PERSON = ("opener", "feedback", "log")
Scorer = Callable[[str], dict[str, float]]
History = Sequence[tuple[str, str]]


class Understanding(BaseModel):
    """The route a message takes and the slots it carries."""

    route: Route
    person: str | None = None
    setting: str | None = None
    filter: str | None = None
    depth: str | None = None
    topic: str | None = None
    kind: str | None = None
    day: date | None = None
    unknown_name: str | None = None
    options: list[str] = Field(default_factory=list)  # intents a clarifying question offers
    candidates: list[str] = Field(default_factory=list)  # peers an ambiguous name could mean
    shorter: bool = False
    follow_up: bool = False
    about: str = ""  # for a follow-up, the request it refers back to
    confidence: float = 0.0
    text: str = ""


def looks_like_meeting_notes(text: str) -> bool:
    """Notes by their shape: several short lines, bullets, 'Name: …' or 'action - …' lines."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    if len(lines) < 2:
        return bool(NOTES_INTRO.match(text)) and len(text) > 200
    if NOTES_INTRO.match(text):
        return True
    if _asks_for_advice(lines):
        return False
    bullets = [line for line in lines if BULLET.match(line)]
    if bullets and sum(line.rstrip().endswith("?") for line in bullets) * 2 > len(bullets):
        return False  # a list of questions is a question
    structured = sum(bool(BULLET.match(x) or LABEL_LINE.match(x)) for x in lines)
    marked = sum(bool(NOTES_WORDS.search(x)) for x in lines)
    if len(lines) == 2:
        return structured >= 1 and (marked >= 1 or lines[0].rstrip().endswith(":"))
    if structured >= 2 or (structured >= 1 and marked >= 1) or marked >= 2:
        return True
    # Prose notes typed line by line: "Kenji will do the posters", "go live pushed to Jan 6".
    committed = sum(bool(COMMIT_LINE.search(x)) for x in lines)
    return len(lines) >= 4 and committed >= 2 and not lines[-1].rstrip().endswith("?")


def _asks_for_advice(lines: list[str]) -> bool:
    """'Background: … Problem: … How do I set boundaries?': a question about the writer's own
    situation, laid out in lines, is not meeting notes (notes have headers like 'Attendees')."""
    text = " ".join(lines)
    mine = len(re.findall(r"\b(?:i|i'm|i've|i'd|my|me)\b", text, re.I))
    return lines[-1].rstrip().endswith("?") and mine >= 3 and not NOTES_HEADER.search(text)


# --- the decision ----------------------------------------------------------------------------


def understand(
    text: str,
    matcher: PeerFinder,
    today: date,
    scorer: Scorer | None = None,
    history: History = (),
    depth: int = 0,
) -> Understanding:
    """The route and slots for one message; earlier turns resolve follow-ups."""
    if CONFIRM.match(text):
        return Understanding(route="confirm", text=text, confidence=1.0)
    if looks_like_meeting_notes(text):
        return Understanding(route="meeting", text=text, confidence=1.0)
    found_refs = matcher.find(text)
    refs = [r for r in found_refs if not r.candidates]
    ambiguous = [r for r in found_refs if r.candidates]
    if ambiguous and not refs:
        guess = _classify(text, ambiguous[:1], matcher, today, scorer)
        if guess.route in NEEDS_PERSON:  # "an opener for Sam" with two Sams in the map
            return Understanding(
                route="clarify",
                options=[guess.route],
                candidates=list(ambiguous[0].candidates),
                text=text,
            )
    previous = _previous(matcher, today, scorer, history, depth)
    if previous is not None:
        followed = _follow_up(text, refs, matcher, previous, today)
        if followed is not None:
            return followed
    # "openers please" after a turn about Marco is about Marco.
    hint = previous.person if previous is not None and not refs else None
    return _classify(text, refs, matcher, today, scorer, hint)


def _previous(
    matcher: PeerFinder, today: date, scorer: Scorer | None, history: History, depth: int
) -> Understanding | None:
    """How the last user turn was understood (follow-ups chain, to a bounded depth)."""
    if depth >= 3:
        return None
    users = [i for i, (role, _) in enumerate(history) if role == "user"]
    if not users:
        return None
    last = users[-1]
    return understand(history[last][1], matcher, today, scorer, history[:last], depth=depth + 1)


def _follow_up(
    text: str,
    refs: list[PersonRef],
    matcher: PeerFinder,
    previous: Understanding,
    today: date,
) -> Understanding | None:
    """'and Kenji?', 'what about at lunch?', 'make it shorter' against the last turn."""
    words = re.findall(r"[\w']+", text)
    short = len(words) <= 6
    if not (FOLLOW_UP.match(text) or SHORTER.search(text) or (short and text.strip()[-1:] == "?")):
        return None
    if previous.route in {"clarify", "confirm", "meeting"}:
        return None
    update = previous.model_copy(
        update={
            "follow_up": True,
            "text": text,
            "shorter": False,
            "about": previous.about or previous.text,
        }
    )
    if SHORTER.search(text):
        update.shorter = True
        return update
    if not short:
        return None
    teams = matcher.teams_in(text) or [
        t for t in {p.team for p in matcher.peers if p.team} if re.search(rf"\b{t}\b", text, re.I)
    ]
    if previous.route == "who_next" and (teams or who_filter(text, []) or not refs):
        update.filter = who_filter(text, teams) or update.filter
        update.person = refs[0].name if refs else None
        return update
    setting = setting_of(text)
    if refs:
        update.person, update.unknown_name = refs[0].name, None
        if setting:
            update.setting = setting
        return update
    unknown = _unknown_name(text)
    if unknown and previous.route in NEEDS_PERSON + ("who_next",):
        update.person, update.unknown_name = None, unknown
        return update
    if setting and previous.route in {"opener", "log"}:
        update.setting = setting
        return update
    depth = depth_of(text)
    if depth and previous.route == "feedback":
        update.depth = depth
        return update
    return None


def _unknown_name(text: str) -> str | None:
    """A capitalised word that reads as a name in a short follow-up ('and Kenji?')."""
    cleaned = FOLLOW_UP.sub("", text).strip(" ?!.,")
    match = re.fullmatch(r"(?:with\s+|for\s+)?([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)", cleaned)
    return match.group(1) if match else None


def _classify(
    text: str,
    refs: list[PersonRef],
    matcher: PeerFinder,
    today: date,
    scorer: Scorer | None,
    hint: str | None = None,
) -> Understanding:
    named = [r for r in refs if r.by_name]
    person = refs[0].name if refs else hint
    question = bool(QUESTION.search(text))
    story = (bool(STORY.search(text)) or narrates(text)) and not named
    ask = the_ask(text)
    advice = bool(ADVICE.search(text)) or (
        not named and bool(DILEMMA.search(text) or (story and HOW_Q.search(ask)))
    )
    cues = {
        "who_next": _who_cue(the_ask(text), bool(matcher.teams_in(text))),
        "opener": 1.0 if OPENER_CUE.search(text) else 0.0,
        "feedback": 1.0
        if FEEDBACK_CUE.search(text) and not GIVING_FEEDBACK.search(text) and not _about(text, refs)
        else 0.0,
        "plan": 1.0 if PLAN_CUE.search(text) else 0.0,
        "log": 1.0
        if not question
        and (LOG_CUE.search(NEGATED.sub(" ", text)) or (person and REPORT.search(text)))
        else 0.0,
        "guidance": 0.0,
    }
    if story or advice:
        cues["guidance"] = 1.0
        cues["who_next"] *= 0.3
    if not person:
        for intent in NEEDS_PERSON:
            cues[intent] = 0.0
    masked = _masked(text, refs)
    semantic = scorer(masked) if scorer is not None else None
    scores = {intent: cues[intent] * CUE_WEIGHT for intent in cues}
    if semantic:
        for intent, value in semantic.items():
            scores[intent] = scores.get(intent, 0.0) + value
    if not person:
        for intent in NEEDS_PERSON:
            scores[intent] = -1.0
    if story and not person:
        scores["who_next"] -= STORY_PENALTY
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (best, top), (second, runner) = ranked[0], ranked[1]
    words = re.findall(r"[\w']+", text)
    if OFFER.search(text):  # "what could I offer Priya?" is about reciprocity: guidance
        return _fill(text, "guidance", person, matcher, today, scores["guidance"])
    # "what is Priya worried about?" asks the notes, not for an engine
    asks_about = WH_START.match(text)
    if refs and max(cues.values()) == 0 and asks_about_them(text):
        return _fill(text, "guidance", person, matcher, today, scores["guidance"])
    if (
        refs
        and max(cues.values()) == 0
        and not asks_about
        and (len(words) <= 8 or UNSURE.search(text))
    ):
        # "help me with Tomasz", "the Chinedu situation": a person, but which help?
        return Understanding(
            route="clarify",
            person=person,
            options=["opener", "feedback", "log"],
            text=text,
            confidence=0.0,
        )
    nothing_near = semantic is not None and max(semantic.values()) < NOTHING_NEAR
    vague = len(words) <= 6 and not re.search(r"\s(?!I\b)[A-Z]", text) and nothing_near
    unnamed = len(words) <= 10 and not story and bool(UNNAMED_HELP.search(text))
    if not person and (unnamed or (max(cues.values()) == 0 and (len(words) <= 2 or vague))):
        keyword = re.search(r"\b(feedback|opener|plan|log|lunch|coffee|message|intro)", text, re.I)
        if semantic and len(words) <= 2 and not vague and not keyword and top - runner >= 0.15:
            return _fill(text, best, person, matcher, today, top)
        guess = [k for k, _ in ranked[:2]] if semantic else ["guidance"]
        if re.search(r"feedback", text, re.I):
            guess = ["feedback", "guidance"]
        return Understanding(route="clarify", options=guess, text=text, confidence=0.0)
    if semantic is None and top < CUE_WEIGHT:
        best, top = "guidance", 0.0
    elif (
        semantic is not None
        and cues[best] < 1
        and best in {"who_next", "plan"}
        and (top - scores["guidance"] < SEMANTIC_ONLY_MARGIN or semantic[best] < SEMANTIC_FLOOR)
    ):
        best, top = "guidance", scores["guidance"]
    elif (
        semantic is not None
        and top - runner < CLARIFY_MARGIN
        and best != "guidance"
        and second != "guidance"
    ):
        return Understanding(
            route="clarify", person=person, options=[best, second], text=text, confidence=top
        )
    return _fill(text, best, person, matcher, today, top)


def _about(text: str, refs: list[PersonRef]) -> bool:
    """'thoughts on Jonas', 'your take on Priya': views about the person, not theirs to give."""
    return any(
        re.search(r"\b(?:thoughts|take|opinion|read|views?)\s+(?:on|about|of)\s*$", text[: r.start])
        for r in refs
    )


def _who_cue(text: str, names_team: bool = False) -> float:
    """A question about who to see: 'who…' or 'anyone…' with a contact verb, or a request
    about one of the map's teams ('any legal folks I should know'); 'who' alone counts half."""
    if re.match(r"\s*how (?:do|can|could|should|would) (?:i|you|we)\b", text, re.I):
        return 0.0  # "how do I follow up when someone…" asks for a method, not a name
    if WHERE_START.search(text) and PEOPLE_WORDS.search(text):
        return 1.0
    asks = WHO_Q.search(text) or WHO_OTHER.search(text)
    if (asks and (WHO_VERBS.search(text) or who_filter(text, []))) or names_team:
        return 1.0
    return 0.5 if WHO_Q.search(text) and WHO_ASKS.search(text) else 0.0


CUE_WEIGHT = 0.25
STORY_PENALTY = 0.2
CLARIFY_MARGIN = 0.02
SEMANTIC_ONLY_MARGIN = 0.1  # an engine chosen on meaning alone must beat guidance by this
SEMANTIC_FLOOR = 0.5  # …and be at least this near its examples
NOTHING_NEAR = 0.27  # a short request this far from every example is too vague to act on


def _fill(
    text: str, route: str, person: str | None, matcher: PeerFinder, today: date, confidence: float
) -> Understanding:
    """The slots the chosen engine needs."""
    out = Understanding.model_validate(
        {"route": route, "person": person, "text": text, "confidence": round(confidence, 3)}
    )
    if route == "opener":
        out.setting = setting_of(text)
    elif route == "feedback":
        out.depth, out.topic = depth_of(text), topic_of(text)
    elif route == "who_next":
        out.filter = who_filter(text, matcher.teams_in(text))
        out.person = None
    elif route == "log":
        out.kind, out.day = log_kind(text), past_day(text, today)
    elif route in {"plan", "guidance"}:
        out.person = None if route == "plan" else person
    return out


def _masked(text: str, refs: list[PersonRef]) -> str:
    """The message with each peer replaced by the examples' placeholder name."""
    from coach.services.intents import PLACEHOLDER

    for ref in sorted(refs, key=lambda r: -r.start):
        text = text[: ref.start] + PLACEHOLDER + text[ref.end :]
    return text
