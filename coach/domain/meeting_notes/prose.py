"""Action items said in prose: "Tom to redline the MSA", "Lin said she would send it", "She
will rewrite the intro", "We need to find a venue", "I'll send it by Friday"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from coach.domain.meeting_model import ME
from coach.domain.meeting_notes.dates import DUE, due_in
from coach.domain.meeting_notes.grammar import (
    ABSENT,
    ASKED,
    FOLLOW_UP,
    GROUP_ACTION,
    GROUP_LATE,
    IN_MEETING,
    ME_FORM,
    ME_START,
    NAME_VERB,
    NOT_ACTION,
    NOT_TASK_LABEL,
    OWNER_FIRST,
    PAST,
    PRONOUN_ACTION,
    REPORTED,
    SOMEBODY,
    SPEAKER_WILL,
    THAT_OWNER,
    VERBS,
    WISH_TALK,
    WORRY,
    Owners,
    clean,
)
from coach.domain.meeting_notes.structure import Unit, sentences_of
from coach.domain.names import fold


@dataclass
class Action:
    """One action item: its owner ('me', a name, or None), what, and when it is due."""

    owner: str | None
    what: str
    line: int
    due: date | None = None
    due_text: str | None = None
    mentions: list[str] = field(default_factory=list)
    done: bool = False
    due_cell: str = ""  # a table's due column when it names no date ("at the next meeting")


def sentence_actions(
    unit: Unit, owners: Owners, meeting: date, last: str | None = None
) -> list[Action]:
    """Commitments said in prose: 'Tom to redline the MSA', 'I'll send it by Friday'."""
    out = []
    text = unit.body
    if unit.label and not unit.speaker and unit.value:
        # "Decision: Gary to adjust PR 477": the label is a heading for what follows
        found = [a for x in sentences_of(unit.value) for a in _clauses(x, unit, owners, meeting)]
        if NOT_TASK_LABEL.match(unit.label):
            return [a for a in found if a.owner]
        if found:
            return found
    first = re.match(r"\W*([a-z]+)\b", text)
    if unit.speaker and unit.kind == "item" and first and not text.endswith("?"):
        if first.group(1) in VERBS:  # "- Valentine: print a poster": an assignment
            due, due_text = due_in(text, meeting)
            return [Action(unit.speaker, clean(text), unit.line, due, due_text)]
    promise = SPEAKER_WILL.search(text) if unit.speaker and not text.endswith("?") else None
    if promise and in_meeting(
        re.sub(r"^\W*\w+(?:\s+(?:like|to))*", "", promise.group(0)) + text[promise.end() :],
        text[: promise.start()],
    ):
        promise = None
    if promise and unit.speaker:
        what = text[promise.start() :].lstrip(",;:. ")
        due, due_text = due_in(what, meeting)
        return [Action(unit.speaker, clean(what), unit.line, due, due_text)]
    before = ""  # the sentence before: "Ana mentioned the docs. She will rewrite them."
    earlier = ""  # and the one before that: "Ana heard back. They asked for a call. She will …"
    for sentence in sentences_of(text):
        owner = None
        if PRONOUN_ACTION.match(sentence):  # the sentence before, else the latest owner
            they = re.search(r"\bthey\b", sentence[:90], re.I)
            owner = _antecedent(before, owners) or (last if not before and not they else None)
            if owner is None and not they and not re.match(r"\W*(?:he|she)\b", before, re.I):
                owner = _antecedent(earlier, owners)
        if owner and not sentence.endswith("?"):
            due, due_text = due_in(sentence, meeting)
            out.append(Action(owner, sentence, unit.line, due, due_text))
        else:
            out += _clauses(sentence, unit, owners, meeting)
            earlier, before = before, sentence
    return out


def _antecedent(sentence: str, owners: Owners) -> str | None:
    """The person a sentence starts with, whom a 'she' or 'he' in the next one refers to."""
    # "Further, Rebecca has heard back": the sentence is about Rebecca
    sentence = re.sub(
        r"^\W*(?:(?i:further|also|then|so|and|but|meanwhile|additionally|finally)\b,?|"
        r"[A-Za-z]+ly,)\s+",
        "",
        sentence,
    )
    found = owners.matcher.find(sentence, learn=False) if sentence else []
    if found and found[0].start == 0 and found[0].name != ME:
        return found[0].name if owners.matcher.lookup(found[0].name) else None
    return None


# "…, and Ana will review it": a second owner's promise in the same sentence
ANOTHER = (
    r"(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?\s+"
    r"(?:will|to|should|is going to|agreed to)\s+[a-z]"
)


def _split_owners(clauses: list[str]) -> list[str]:
    """'Tom will update the FAQ and Ana will review it' is two promises ('Tom and Ana will
    pair' is one)."""
    out = []
    for clause in clauses:
        parts = re.split(rf",?\s+and\s+(?={ANOTHER})", clause)
        merged = [parts[0]]
        for part in parts[1:]:
            if len(merged[-1].split()) >= 3:
                merged.append(part)
            else:
                merged[-1] = f"{merged[-1]} and {part}"
        out += merged
    return out


def _clauses(sentence: str, unit: Unit, owners: Owners, meeting: date) -> list[Action]:
    out = []
    clauses = _split_owners(re.split(r";\s+|\s+(?:--|[-–—])\s+(?=[A-Z@]|i\b)", sentence))
    for clause in clauses:
        action = _clause_action(clause.strip(), unit, owners, meeting)
        if action and len(clauses) > 1 and POINTS_BACK.search(clause):
            action.what = sentence  # "Share it on GitHub -- Ana will set this up": all of it
        if action:
            out.append(action)
    if WORRY.search(sentence):  # a worry's "we need to …" is the worry, not a promise
        return [a for a in out if a.owner]
    return out


def _reported(clause: str, unit: Unit, owners: Owners, meeting: date) -> Action | None:
    """'Lin said she would send the summary', 'Carlos asked Mei to file an issue'."""
    m = REPORTED.match(clause)
    if m:
        ok, owner = owners.first(m.group("o"), slot=False)
        if ok and owner not in {None, ME}:
            due, due_text = due_in(clause, meeting)
            return Action(owner, clause, unit.line, due, due_text)
    m = ASKED.search(clause)
    if m and m.group("o")[:1].isupper() and fold(m.group("o")) not in {"me", "us", "them"}:
        ok, owner = owners.first(m.group("o"), slot=True)
        if ok and owner not in {None, ME}:
            due, due_text = due_in(clause, meeting)
            return Action(owner, clause[m.start("o") :], unit.line, due, due_text)
    return None


POINTS_BACK = re.compile(r"\b(?:will|to|'ll|’ll)\s+\w+\s+(?:this|that|it)(?:\s+up)?\W*$", re.I)
SAME_IN_PAST = {"set", "put", "cut", "let", "read", "shut", "quit", "hit", "spread"}
LINKING = re.compile(  # "Additionally Nate will add …": Nate, not a person called Additionally
    r"^(?:additionally|also|then|and|so|finally|next|meanwhile|afterwards|in addition|"
    r"separately|likewise|similarly|otherwise|lastly|plus),?\s+(?=(?-i:[A-Z@]))",
    re.I,
)


def _clause_action(clause: str, unit: Unit, owners: Owners, meeting: date) -> Action | None:
    clause = LINKING.sub("", re.sub(r"^[+*>~]+\s*", "", clause))  # "++ Ana will send it"
    # "Sarah's going to …" is "Sarah is going to …"
    clause = re.sub(r"^((?-i:[A-Z])[\w-]+)['’]s (?=(?:going|planning) to\b)", r"\1 is ", clause)
    if not clause:
        return None
    reported = _reported(clause, unit, owners, meeting)
    if reported:
        return reported
    if SOMEBODY.search(clause):  # "Can somebody check the draft?"
        due, due_text = due_in(clause, meeting)
        return Action(None, clause, unit.line, due, due_text)
    if clause.endswith("?"):
        return None
    for part in re.split(r",\s+", clause)[1:]:  # "In any case, Heather vowed to …"
        m = OWNER_FIRST.match(part)
        if (
            m
            and not m.group("colon")
            and re.match(
                r"\s+(?:will|vowed|promised|agreed|volunteered|offered)\b", part[m.end("o") :]
            )
        ):
            ok, owner = owners.first(m.group("o"), slot=False)
            if ok and owner not in {None, ME}:
                due, due_text = due_in(part, meeting)
                return Action(owner, part, unit.line, due, due_text)
    bare = NAME_VERB.match(clause)  # "Bob talk to Luther": a known name, then a bare verb
    if (
        bare
        and bare.group("verb") in VERBS - SAME_IN_PAST
        and owners.matcher.lookup(bare.group("o"))
    ):
        known = owners.matcher.lookup(bare.group("o"))
        if known is not None and known.label != ME:
            due, due_text = due_in(clause, meeting)
            return Action(known.label, clause, unit.line, due, due_text)
    m = OWNER_FIRST.match(clause)
    if m and not m.group("colon"):
        verb = re.match(r"\s+(?:will|to)\s+([a-z-]+)", clause[m.end("o") :])
        # an unknown one-word name doing something concrete: "Mei will tag the release"
        # ("Outreach to invite more groups" is a purpose, not a person: 'to' needs a name)
        concrete = bool(
            verb
            and verb.group(1) in VERBS
            and m.group("o")[:1].isupper()
            and (verb.group(0).lstrip().startswith("will") or " " in m.group("o"))
        )
        ok, owner = owners.first(m.group("o"), slot=concrete)
        after = clause[m.end("o") :]
        if (
            ok
            and owner != ME
            and not NOT_ACTION.match(after.strip())
            and not WISH_TALK.match(after)
        ):
            if (
                re.match(r"\s+(?:can|takes?|owns?)\b(?!\s+(?:the|an|this) action)", after)
                and not due_in(clause, meeting)[0]
            ):
                return None
            due, due_text = due_in(clause, meeting)
            return Action(owner, clause, unit.line, due, due_text)
    that = THAT_OWNER.search(clause)
    if that and that.group("verb") not in {"about", "the", "for", "was", "were", "had", "has"}:
        ok, owner = owners.first(that.group("o"), slot=False)
        if ok and owner not in {None, ME}:
            due, due_text = due_in(clause, meeting)
            return Action(owner, clause[that.start("o") :], unit.line, due, due_text)
    conditional = re.match(r"(?:if|unless|whether|even if)\b", clause, re.I)
    request = re.search(r"\bplease\s+[a-z]", clause, re.I)  # "If you have any, please send"
    if (GROUP_ACTION.search(clause) or GROUP_LATE.search(clause)) and (request or not conditional):
        due, due_text = due_in(clause, meeting)
        return Action(None, clause, unit.line, due, due_text)
    if FOLLOW_UP.match(clause):  # a note to self with no owner named
        due, due_text = due_in(clause, meeting)
        return Action(None, clause, unit.line, due, due_text)
    if ME_START.match(clause) or (ME_FORM.search(clause) and not _me_not_action(clause)):
        due, due_text = due_in(clause, meeting)
        return Action(unit.speaker or ME, clause, unit.line, due, due_text)
    due, due_text = due_in(clause, meeting)
    if due_text and re.match(r"(?:by|before|due|deadline)\b", due_text, re.I):
        first = owners.matcher.find(clause, learn=False)
        if first and first[0].start == 0 and not ABSENT.search(clause):
            if not PAST.match(clause[first[0].end :]):
                return Action(first[0].name, clause, unit.line, due, due_text)
    return None


def in_meeting(after: str, before: str = "") -> bool:
    """'So now I will share my screen', 'I will be asking people to …': what a speaker does in
    the meeting itself, not a promise for after it (unless a due date says otherwise)."""
    if DUE.search(after):
        return False
    return bool(IN_MEETING.search(after) or re.search(r"\bnow\b", before, re.I))


def _me_not_action(clause: str) -> bool:
    m = ME_FORM.search(clause)
    assert m is not None
    after = clause[m.end() :]
    if in_meeting(after, clause[: m.start()]):
        return True
    return bool(re.match(r"\s+(?:be\s+(?:out|away|off|back|on)|not|never)\b", after, re.I)) or (
        bool(re.search(r"\bif\s+i\b", clause[: m.start()], re.I))
    )
