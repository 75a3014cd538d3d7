"""A capable model's meeting analysis, merged into the rules' one only where the notes back it.

Every name the model returns must occur in the notes or be a peer; every due date is
recomputed from the notes' own words; what the rules already found is not added twice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from coach.domain.meeting_model import ME, Commitment, MeetingAnalysis, ModelSuggestions
from coach.domain.meeting_notes.dates import due_in
from coach.domain.meeting_notes.phrasing import task_of, without_due
from coach.domain.meeting_notes.structure import parse, sentences_of
from coach.domain.names import NameMatcher, PeerLike, fold


class Grounding:
    """Checks a model's names and sentences against the notes and the peer map."""

    def __init__(self, text: str, rules: MeetingAnalysis, peers: Sequence[PeerLike]) -> None:
        self.folded = fold(text)
        self.sentences = [s for u in parse(text) for s in sentences_of(u.text)]
        self.matcher = NameMatcher(peers)
        for person in rules.people:
            self.matcher.add(person.peer or person.name, person.aliases)

    def name(self, name: str | None) -> str | None:
        """The name as the analysis spells it, or None when the notes never say it."""
        if not name or not name.strip():
            return None
        if name == ME:
            return ME
        known = self.matcher.lookup(name)
        if known is not None:
            return known.label
        peer = self.matcher.resolve(name, fuzzy=False)
        if peer is not None:
            return peer.name
        words = [w for w in fold(name).lstrip("@").split() if w]
        pattern = r"(?<!\w)@?" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)"
        return name.strip().lstrip("@") if words and re.search(pattern, self.folded) else None

    def sentence(self, what: str) -> str | None:
        """The notes' sentence a model's item paraphrases, if one starts the same way."""
        key = fold(what)[:30]
        return next((s for s in self.sentences if key and key in fold(s)), None)


def merge(
    rules: MeetingAnalysis, model: ModelSuggestions, text: str, peers: Sequence[PeerLike] = ()
) -> MeetingAnalysis:
    """Add what the model found that the rules missed, if it is grounded in the notes."""
    out = rules.model_copy(deep=True)
    ground = Grounding(text, rules, peers)
    present = {fold(p.peer or p.name) for p in out.people}
    for person in model.people:
        name = ground.name(person.name)
        if name and name != ME and fold(name) not in present:
            out.people.append(person.model_copy(update={"name": name, "peer": None, "said": []}))
            present.add(fold(name))
    for c in model.commitments:
        merged = _commitment(c, ground, out)
        if merged is not None:
            out.commitments.append(merged)
    extras: list[tuple[str, list[Any], str]] = [
        ("celebrate", model.celebrate, "who"),
        ("info_to_share", model.info_to_share, "with_whom"),
        ("feedback_to_ask", model.feedback_to_ask, "whom"),
    ]
    for section, items, attr in extras:
        current = getattr(out, section)
        seen = {fold(getattr(i, attr)) for i in current}
        for item in items:
            who = ground.name(getattr(item, attr))
            if who and who != ME and fold(who) not in seen:
                current.append(item.model_copy(update={attr: who}))
                seen.add(fold(who))
    known_risks = {fold(w.what) for w in out.early_warnings}
    for warning in model.early_warnings:
        sentence = ground.sentence(warning.what)
        if sentence is None or fold(sentence) in known_risks:
            continue
        depends = [n for n in map(ground.name, warning.who_depends) if n and n != ME]
        out.early_warnings.append(
            warning.model_copy(
                update={
                    "what": sentence,
                    "who_depends": depends,
                    "raised_by": ground.name(warning.raised_by),
                }
            )
        )
        known_risks.add(fold(sentence))
    out.extractor = "rules+model"
    return out


def _commitment(c: Commitment, ground: Grounding, out: MeetingAnalysis) -> Commitment | None:
    who = ground.name(c.who) if c.who else None
    if c.who and who is None:
        return None  # a person the notes never name
    sentence = ground.sentence(c.what)
    due, due_text = due_in(sentence, out.meeting_date) if sentence else (None, None)
    for rule in out.commitments:
        same_words = sentence is not None and (
            fold(rule.as_written or rule.what) in fold(sentence)
            or fold(sentence) in fold(rule.as_written or rule.what)
        )
        if same_words or (who and rule.who == who and due is not None and rule.due == due):
            return None  # the rules already have this promise
    to_whom = ", ".join(
        n for n in (ground.name(p.strip()) for p in (c.to_whom or "").split(",")) if n
    )
    return c.model_copy(
        update={
            "who": who,
            "to_whom": to_whom or (ME if who and who != ME else ""),
            "what": without_due(task_of(sentence or c.what, who), due_text),
            "as_written": sentence or c.what,
            "due": due,
            "due_text": due_text,
        }
    )
