"""Short coaching answers with no model: read the situation, two or three steps, one thing to
say, the user's notes about the person asked about; or, when nothing fits, say so plainly."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from coach.domain.names import people_in
from coach.domain.understanding.cues import asks_about_them
from coach.rag.knowledge import card_from_text
from coach.rag.lexical import tokens
from coach.rag.retrieval import Source

MAX_STEPS = 3
NOTE_CHARS = 200
# A second card lends a step only when it ranks close to the first.
SECOND_CARD_SHARE = 0.75
# ... and when its step shares at least this many content words with the question.
LEND_OVERLAP = 2


def tag_sources(sources: Sequence[Source]) -> list[tuple[str, Source]]:
    """Citation tags as the chat numbers them: G1, G2 for guidance; N1, N2 for notes."""
    counts = {"guidance": 0, "note": 0}
    tagged = []
    for source in sources:
        counts[source.kind] += 1
        tagged.append((f"{'G' if source.kind == 'guidance' else 'N'}{counts[source.kind]}", source))
    return tagged


# --- reading the situation ------------------------------------------------------------------

_PRONOUNS = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "we": "you",
    "us": "you",
    "our": "your",
    "ours": "yours",
    "i'm": "you're",
    "i've": "you've",
    "i'll": "you'll",
    "am": "are",
}


def second_person(text: str) -> str:
    """'I am new and my team ...' -> 'you are new and your team ...'."""
    text = re.sub(r"\bI was\b", "you were", text)
    text = re.sub(r"\bI am\b", "you are", text)

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        return _PRONOUNS.get(word.lower(), word)

    return re.sub(r"\b[A-Za-z]+(?:'[a-z]+)?\b", swap, text)


def reading(situation: str) -> str | None:
    """One line that reads the asker's situation, from the card's nearest situation; None when
    that situation is a question that does not turn into a statement."""
    text = situation.strip().rstrip("?.! ")
    if not text:
        return None
    how = re.match(r"(?i)^how (?:do|can|should) (?:i|we) (.+)$", text)
    if how:
        return f"You want to {second_person(how.group(1))}."
    should = re.match(r"(?i)^should (?:i|we) (.+)$", text)
    if should:
        return f"You're weighing whether to {second_person(should.group(1))}."
    first = text.split()[0].lower()
    if first in {"what", "which", "who", "whom", "why", "where", "when", "is", "are", "do"}:
        return None
    if first.endswith("ing"):
        return f"This is about {second_person(text[0].lower() + text[1:])}."
    if first in {"i", "i'm", "my", "we", "our"}:
        return f"It sounds like {second_person(text)}."
    return f"It sounds like {second_person(text[0].lower() + text[1:])}."


# --- choosing steps and a phrase ------------------------------------------------------------


def _overlap(text: str, question_terms: set[str]) -> int:
    return len(set(tokens(text)) & question_terms)


def _similar(a: str, b: str) -> bool:
    ta, tb = set(tokens(a)), set(tokens(b))
    return bool(ta and tb) and len(ta & tb) / len(ta | tb) >= 0.6


def card_steps(source: Source, question_terms: set[str], limit: int) -> list[tuple[int, str]]:
    """Up to `limit` steps of a card, from its best-matching How groups first: in each group
    the step sharing most words with the question. Returned as (index, step)."""
    steps = card_from_text(source.id, source.title, source.text).steps
    if not steps:
        return []
    ranked = [int(k.split(":")[1]) for k in source.sections if k.startswith("how:")]
    starts = sorted({(i // 2) * 2 for i in range(len(steps))})
    order = ranked + [s for s in starts if s not in ranked]
    chosen: list[tuple[int, str]] = []
    for start in order:
        group = [(i, steps[i]) for i in range(start, min(start + 2, len(steps)))]
        group.sort(key=lambda pair: -_overlap(pair[1], question_terms))
        chosen.append(group[0])
        if len(chosen) == limit:
            break
    return chosen


def phrase(source: Source, question_terms: set[str]) -> str | None:
    """The card's 'Try saying' line that best fits the question; said to the peer if possible."""
    phrases = card_from_text(source.id, source.title, source.text).phrases
    spoken = [p for p in phrases if not p.lower().startswith("(to yourself)")] or phrases
    if not spoken:
        return None
    return max(spoken, key=lambda p: (_overlap(p, question_terms), -spoken.index(p)))


def pick_steps(
    guidance: list[tuple[str, Source]], question_terms: set[str]
) -> list[tuple[str, str]]:
    """Two or three steps across the best cards, none repeated: (step, tag). The second card
    lends a step only when it ranks close to the first and one of its steps matched."""
    if not guidance:
        return []
    (tag1, first), rest = guidance[0], guidance[1:]
    lent: tuple[str, str] | None = None
    if rest and rest[0][1].score >= SECOND_CARD_SHARE * first.score:
        tag2, second = rest[0]
        matched = any(k.startswith("how:") for k in second.sections)
        for _, step in card_steps(second, question_terms, 1) if matched else []:
            if _overlap(step, question_terms) >= LEND_OVERLAP:
                lent = (step, tag2)
    own = card_steps(first, question_terms, MAX_STEPS - (1 if lent else 0))
    picked = [(step, tag1) for _, step in sorted(own)]
    if lent and not any(_similar(lent[0], s) for s, _ in picked):
        picked.append(lent)
    return picked[:MAX_STEPS]


# --- the answer -----------------------------------------------------------------------------


def _note_line(tag: str, note: Source) -> str:
    snippet = " ".join(note.text.split())
    if len(snippet) > NOTE_CHARS:
        snippet = snippet[:NOTE_CHARS].rsplit(" ", 1)[0] + "…"
    when = f", {note.date}" if note.date else ""
    quoted = html.escape(snippet)
    return f"**From your notes on {note.person}:** {quoted} ({note.person}{when}) [{tag}]"


def compose_answer(question: str, sources: Sequence[Source]) -> str:
    """The offline answer: short, specific to the question, every claim tagged to a source."""
    tagged = tag_sources(sources)
    guidance = [(t, s) for t, s in tagged if s.kind == "guidance"]
    notes = [(t, s) for t, s in tagged if s.kind == "note"]
    named = [(t, n) for t, n in notes if n.person and people_in(question, [n.person])]
    note_lines = [_note_line(t, n) for t, n in named[:2]]
    if not guidance:
        if note_lines:
            return "\n\n".join(note_lines)
        return "I found no guidance or notes for that yet."
    terms = set(tokens(question))
    top = guidance[0][1]
    if note_lines and top.fits is False and asks_about_them(question):
        # "What is Priya worried about?": the notes answer it; no card, no scope verdict.
        return "\n\n".join(note_lines)
    if top.fits is False:
        return _no_fit(guidance[0], terms, note_lines)

    lines = []
    read = next((r for r in map(reading, top.situations) if r), None)
    if read:
        lines.append(read)
    lines += note_lines
    steps = pick_steps(guidance, terms)
    if steps:
        lines.append("\n".join(f"{i}. {step} [{tag}]" for i, (step, tag) in enumerate(steps, 1)))
    say = phrase(top, terms)
    if say:
        lines.append(f"**You could say:** {say} [{guidance[0][0]}]")
    return "\n\n".join(lines)


def _no_fit(best: tuple[str, Source], terms: set[str], note_lines: list[str]) -> str:
    """Say plainly that the guidance does not cover it, then the nearest practice, flagged."""
    tag, card = best
    nearest = f"Nearest practice (flagged: it may not fit): **{card.title}** [{tag}]"
    if card.uncovered:
        # A matter the cards do not address: who can help, and only the card's name.
        opening = (
            f"**Not covered.** This looks like a question about {card.uncovered}, which Peer "
            f"Coach's guidance does not address. For this, {card.refer or 'talk to HR'}."
        )
        return "\n\n".join([opening, *note_lines, nearest])
    steps = [step for _, step in sorted(card_steps(card, terms, 2))]
    if steps:
        nearest += "\n" + "\n".join(f"- {s}" for s in steps)
    if note_lines:
        # "What is Priya worried about?": the notes are the answer; the card is only nearby.
        return "\n\n".join([*note_lines, nearest])
    opening = (
        "**Not a close fit.** None of Peer Coach's guidance matches this situation well, "
        "so take what follows as a loose suggestion."
    )
    return "\n\n".join([opening, nearest])


# --- for a capable model --------------------------------------------------------------------


def guidance_for_model(question: str, sources: Sequence[Source]) -> str:
    """The same sections the offline answer draws on, per card, for the model to write from:
    summary, the best-matching steps and phrases, each under its citation tag."""
    terms = set(tokens(question))
    blocks = []
    guidance = [(t, s) for t, s in tag_sources(sources) if s.kind == "guidance"]
    for tag, source in guidance:
        card = card_from_text(source.id, source.title, source.text)
        steps = [step for _, step in sorted(card_steps(source, terms, 4))]
        lines = [f"[{tag}] {card.title}", card.summary]
        lines += [f"- {step}" for step in steps]
        lines += [f"Try saying: {p}" for p in card.phrases[:2]]
        blocks.append("\n".join(lines))
    if guidance and guidance[0][1].fits is False:
        top = guidance[0][1]
        about = f" (it is about {top.uncovered})" if top.uncovered else ""
        blocks.insert(
            0,
            f"NOTE: none of this guidance fits the question well{about}. Say so plainly first; "
            f"offer [{guidance[0][0]}] only as the nearest practice, flagged as a loose fit.",
        )
    return "\n\n".join(blocks)


def unknown_citations(text: str, sources: Sequence[Source]) -> list[str]:
    """Citation tags in a model's answer that name no source it was given."""
    valid = {tag for tag, _ in tag_sources(sources)}
    return sorted({t for t in re.findall(r"\[([GN]\d+)\]", text) if t not in valid})


def full_cards(text: str, sources: Sequence[Source], limit: int = 2) -> list[tuple[str, str]]:
    """(title, markdown) of the cards an answer cites, for "read the full card"."""
    cited = [
        (tag, s) for tag, s in tag_sources(sources) if s.kind == "guidance" and f"[{tag}]" in text
    ]
    out = []
    for tag, source in cited[:limit]:
        card = card_from_text(source.id, source.title, source.text)
        out.append((f"{card.title} [{tag}]", card.body.strip()))
    return out
