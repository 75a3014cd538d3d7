"""Openers from what your notes say about a peer: pure templates and the checks that keep
them sayable, no model needed."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

from coach.domain.peers import PeerView
from coach.domain.topics import MAX_WORDS, clauses, first_topic, topic_phrase

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


def topic_of(note: str, name: str) -> str:
    """A short topic phrase for a note ('the vendor onboarding process'), for other engines."""
    found = first_topic([note], name)
    return found or " ".join(note.split()[:MAX_WORDS]).strip(" .,;:")


def clause_with(pattern: re.Pattern[str], note: str, name: str) -> str | None:
    """The topic of the part of a note that matches, e.g. the challenge it mentions."""
    return first_topic([note], name, pattern)


def _how_is(topic: str) -> str:
    """'How is the vendor onboarding process going?' (are, for a plural topic)."""
    head = re.split(r"\s(?:on|of|for|in|with|at|from)\s", topic, maxsplit=1)[0]
    last = head.split()[-1].lower()
    plural = last.endswith("s") and not last.endswith(("ss", "us", "is", "ics"))
    return f"How {'are' if plural else 'is'} {_lower_first(topic)} going?"


def _lower_first(topic: str) -> str:
    """'The EMEA kickoff' mid-sentence is 'the EMEA kickoff'; 'EMEA' stays as written."""
    first, _, rest = topic.partition(" ")
    if first[:1].isupper() and first[1:].islower() and first.lower() in {"the", "a", "an"}:
        first = first.lower()
    return f"{first} {rest}".strip()


LEADS = {
    "meeting start": "Thanks for making time, {first}. Before we dive in, ",
    "chance encounter": "Good to see you, {first}! ",
    "lunch": "So, {first}, ",
    "message": "Hi {first}, ",
}


SAY = {
    "latest": "{how} What has surprised you so far?",
    "no_notes": "What is taking up most of your week {where} right now?",
    "trouble": "{is_} {topic} still holding things up? If I know anything or anyone that could "
    "help, I'd be glad to share it.",
    "share": "If anything my team has on {topic} would help, I'm happy to send it over. "
    "What would be most useful?",
    "offer": "Is there anything my team could share that would make your work easier?",
    "win": "Congratulations on {topic}! What made it work?",
    "lunch": "What are you most excited about at the moment, at work or outside it?",
    "message": "Would you have 20 minutes for a coffee next week? I'd like to hear what you're "
    "working on.",
    "close": "What's the biggest challenge on your plate this month?",
}


TEMPLATE_WORDS = frozenset(
    w.lower()
    for text in [*LEADS.values(), *SAY.values(), "How is are going in on your side"]
    for w in re.findall(r"[A-Za-z']+", re.sub(r"\{\w+\}", " ", text))
)


def _names(first: str, notes: list[str], topic: str) -> bool:
    """Whether the clause a topic came from speaks of this person."""
    return any(
        topic in clause and re.search(rf"\b{re.escape(first)}\b", clause, re.I)
        for note in notes
        for clause in clauses(note)
    )


def _say(greet: str, sentence: str) -> str:
    """Join a greeting ('Hi Priya, ') to a sentence with the right capital letter."""
    if not greet:
        return sentence[0].upper() + sentence[1:]
    if greet.rstrip().endswith((".", "!", "?")):
        return greet + sentence[0].upper() + sentence[1:]
    keep = sentence.startswith(("I ", "I'")) or sentence.split(" ", 1)[0].isupper()
    return greet + (sentence if keep else sentence[0].lower() + sentence[1:])


def template_openers(peer: PeerView, notes: list[str], context: str) -> list[Opener]:
    """Three openers from the notes (newest first) and the guidance, no model needed.

    Each one is sayable: a short topic phrase instead of quoted note text, short sentences,
    and the first name where a person would use it.
    """
    first = peer.name.split()[0]
    greet = LEADS["message"].format(first=first) if context == "message" else ""
    latest = first_topic(notes, peer.name)
    trouble = first_topic(notes, peer.name, TROUBLE)
    win = first_topic(notes, peer.name, WIN)
    if latest and latest in (trouble, win):
        others = [t for n in notes for c in clauses(n) if (t := topic_phrase(c, peer.name))]
        named = [t for t in others if t not in (trouble, win) and _names(first, notes, t)]
        latest = named[0] if named else latest
    lead = LEADS.get(context, "").format(first=first)
    if latest:
        text = _say(lead, SAY["latest"].format(how=_how_is(latest)))
        why = f"Picks up what your notes say {first} is working on, with an open question."
    else:
        where = f"in {peer.team}" if peer.team else "on your side"
        text = _say(lead, SAY["no_notes"].format(where=where))
        why = "No notes yet: an open question about their work starts the map."
    openers = [Opener(text=text, why=why, card="ask-open-questions")]
    if trouble:
        is_ = "Are" if _how_is(trouble).startswith("How are") else "Is"
        text = SAY["trouble"].format(is_=is_, topic=_lower_first(trouble))
        why = "Offers help with a challenge from your notes before asking for anything."
    elif latest:
        text = SAY["share"].format(topic=_lower_first(latest))
        why = "Shares useful information on what they are doing, unasked."
    else:
        text, why = SAY["offer"], "Offers information first: reciprocity starts with giving."
    openers.append(Opener(text=_say(greet, text), why=why, card="share-information-proactively"))
    if win:
        text = SAY["win"].format(topic=_lower_first(win))
        why, card = f"Celebrates a win from your notes about {first}.", "celebrate-peer-successes"
    else:
        text = SAY.get(context if context in {"lunch", "message"} else "close", SAY["close"])
        why, card = "An open question that goes past small talk.", "chance-encounters"
    openers.append(Opener(text=_say(greet, text), why=why, card=card))
    return openers


def sayable_problems(text: str, name: str, notes: list[str] = ()) -> list[str]:  # type: ignore[assignment]
    """Why an opener would be awkward to say, if it would: quotes, long sentences, cut or
    copied note text, doubled punctuation, a full name or a repeated first name."""
    problems = []
    if re.search(r"[\"“”«»]", text):
        problems.append("quotes note text")
    for sentence in re.split(r"(?<=[.?!])\s+", text.strip()):
        if len(sentence.split()) >= 30:
            problems.append(f"sentence of {len(sentence.split())} words")
    if re.search(r"[.?!,;:]\s*[.?!,;:]|\s[.?!,;:]", text):
        problems.append("doubled or loose punctuation")
    first = name.split()[0]
    if len(name.split()) > 1 and re.search(rf"\b{re.escape(name)}\b", text, re.I):
        problems.append("uses the full name")
    if len(re.findall(rf"\b{re.escape(first)}\b", text)) > 1:
        problems.append("repeats the first name")
    tokens = {w.lower() for n in notes for w in re.findall(r"[A-Za-z0-9&']+", n)}
    for word in re.findall(r"[A-Za-z0-9&']+", text):
        low = word.lower().removesuffix("'s")
        if low.isdigit() or low in tokens or low in TEMPLATE_WORDS or low == first.lower():
            continue
        if any(t.startswith(low) for t in tokens):
            problems.append(f"cut word {word!r}")
    words = [w.lower() for w in re.findall(r"[\w']+", text)]
    for note in notes:
        said = [w.lower() for w in re.findall(r"[\w']+", note)]
        grams = {tuple(said[i : i + 7]) for i in range(len(said) - 6)}
        if any(tuple(words[i : i + 7]) in grams for i in range(len(words) - 6)):
            problems.append("copies a long stretch of a note")
            break
    return problems
