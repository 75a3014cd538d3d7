"""Action items from the notes' structure: who does what, by when.

Grammars run over parsed units: action markers (`ACTION BW:`, `AI(Jordan):`, `[ACTION] Dyck to`,
`#action sam to`, an owner tag after the text), action sections, checkboxes with `(@owner)`,
owner columns in tables, and sentences ("X will …", "X to …", "I'll …"). An action with no
owner named stays ownerless; "I'll" is the speaker's promise in a transcript, mine otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from coach.domain.meeting_model import ME
from coach.domain.meeting_notes.attendees import is_attendee_label
from coach.domain.meeting_notes.dates import due_in
from coach.domain.meeting_notes.grammar import (
    ABSENT,
    ACTION_SECTION,
    END_TAG,
    FOLLOW_UP,
    GROUP_ACTION,
    GROUP_LATE,
    MARKER,
    ME_FORM,
    ME_START,
    NOT_ACTION,
    OWNER_FIRST,
    OWNER_LABEL,
    PAST,
    SOMEBODY,
    SPEAKER_WILL,
    TAIL_OWNER,
    THAT_OWNER,
    VERBS,
    Owners,
    clean,
    is_chatter,
)
from coach.domain.meeting_notes.structure import Unit, sentences_of
from coach.domain.names import NameMatcher, fold


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


def in_action_section(unit: Unit) -> bool:
    return bool(ACTION_SECTION.search(unit.section)) or bool(
        unit.parent and ACTION_SECTION.search(unit.parent) and unit.parent.rstrip().endswith(":")
    )


def _strip_marker(text: str, owners: Owners) -> tuple[bool, str | None, str, bool]:
    """(is marked, owner, text without the marker, owner was named in the marker)."""
    m = MARKER.match(text)
    if m:
        spec = m.group("o1") or m.group("o2") or m.group("o3")
        rest = text[m.end() :]
        if spec:
            ok, owner = owners.first(spec, slot=True)
            if ok:
                return True, owner, rest, True
            return True, None, text[m.end() :] if not m.group("o3") else f"{spec} {rest}", False
        return True, None, rest, False
    m = END_TAG.search(text)
    if m and m.start() > 0:
        ok, owner = owners.first(m.group("o"), slot=True)
        if ok:
            return True, owner, text[: m.start()].rstrip(), True
    return False, None, text, False


def _owner_in(
    text: str, owners: Owners, speaker: str | None, slot: bool
) -> tuple[bool, str | None]:
    """Who a line of an action says will do it: first words, a tag at the end, or 'I'll'."""
    m = OWNER_FIRST.match(text)
    if m:
        ok, owner = owners.first(m.group("o"), slot=slot)
        if ok:
            return True, owner
    if ME_START.match(text):
        return True, ME
    m = TAIL_OWNER.search(text)
    if m and m.start() > 0:
        ok, owner = owners.first(m.group("o"), slot=True)
        if ok:
            return True, owner
    if ME_FORM.search(text):
        return True, speaker or ME
    return False, None


def _cell(cells: dict[str, str], pattern: str) -> str | None:
    return next((v for k, v in cells.items() if re.search(pattern, k, re.I)), None)


def find_actions(units: list[Unit], matcher: NameMatcher, meeting: date) -> list[Action]:
    """Every action item in the notes, in reading order."""
    title = next((u.text for u in units if u.kind == "heading"), "")
    orgs = {fold(w) for w in re.findall(r"\b[A-Z][\w-]+", title) if matcher.lookup(w) is None}
    owners = Owners(matcher, orgs)
    out: list[Action] = []
    group_owner: dict[str, str] = {}  # "* sam" heading a nested list of sam's actions
    for unit in units:
        if unit.kind in {"heading", "meta"} or is_attendee_label(unit.section):
            continue
        if unit.label and is_attendee_label(unit.label):
            continue
        if unit.kind == "row":
            action = _table_action(unit, owners, meeting)
            if action:
                out.append(action)
            continue
        if unit.label and OWNER_LABEL.match(unit.label) and not unit.speaker:
            _owner_line(unit, units, out, owners, meeting)
            continue
        section = in_action_section(unit)
        if section and unit.kind in {"item", "line", "code"} and not unit.label:
            who = owners.one(unit.text, slot=True) if len(unit.text.split()) <= 3 else None
            if who and not re.search(r"\b(?:to|will)\b", unit.text):
                group_owner[unit.text] = who
                continue
        out += _unit_actions(unit, owners, meeting, section, group_owner.get(unit.parent))
    return _unique(out)


def _unique(actions: list[Action]) -> list[Action]:
    """Minutes often list an action twice (inline, then in a summary): keep one, with owner."""
    out: list[Action] = []
    for action in actions:
        key = _key(action.what)
        twin = next((a for a in out if _key(a.what) == key), None)
        if twin is None:
            out.append(action)
        elif twin.owner is None and action.owner is not None:
            twin.owner = action.owner
    return out


def _key(what: str) -> str:
    return re.sub(r"\W+", " ", fold(what)).strip()


def _owner_line(
    unit: Unit, units: list[Unit], out: list[Action], owners: Owners, meeting: date
) -> None:
    """'Owner: Bob' (or 'Holding the token: Bob') names the owner of the item it sits under:
    the block's ownerless action, else the line just before it or its parent item."""
    ok, who = owners.first(unit.value, slot=True)
    if not ok:
        return
    index = units.index(unit)
    block = [
        u
        for u in units[:index]
        if u.level == unit.level and u.parent == unit.parent and u.kind != "heading"
    ]
    lines = {u.line for u in block[-6:]}
    ownerless = [a for a in out if a.owner is None and a.line in lines]
    if ownerless:
        ownerless[-1].owner = who
        return
    if unit.parent and (not block or block[-1].line < unit.line - 8 or unit.level > 1):
        source = next((u for u in reversed(units[:index]) if u.text == unit.parent), None)
    else:
        source = block[-1] if block else None
    if source is not None and not (source.label and OWNER_LABEL.match(source.label)):
        due, due_text = due_in(source.text, meeting)
        out.append(Action(who, clean(source.text), source.line, due, due_text))


def _table_action(unit: Unit, owners: Owners, meeting: date) -> Action | None:
    cells = unit.cells
    owner_cell = _cell(cells, r"owner|assignee|assigned|who|responsible|\bdri\b|\bpoc\b")
    what = _cell(cells, r"action|task|item|what|description|todo|next step|title")
    if what is None or not (owner_cell is not None or ACTION_SECTION.search(unit.section)):
        return None
    if not what.strip():
        return None
    owner = None
    if owner_cell:
        _, owner = owners.first(owner_cell, slot=True)
    due_cell = _cell(cells, r"due|deadline|date|when|target|eta")
    due, due_text = due_in(f"by {due_cell}", meeting) if due_cell else (None, None)
    if due is None:
        due, due_text = due_in(what, meeting)
    return Action(owner, what, unit.line, due, due_text)


def _unit_actions(
    unit: Unit, owners: Owners, meeting: date, section: bool, default: str | None
) -> list[Action]:
    text = unit.body
    speaker = unit.speaker
    marked, owner, rest, named = _strip_marker(text, owners)
    boxed = unit.checked is not None
    if marked or section or boxed:
        if not named:
            if unit.label and not speaker and not marked:
                ok, who = owners.first(unit.label, slot=True)
                if ok:
                    owner, rest = who, unit.value
                    named = True
            if not named:
                named, owner = _owner_in(rest, owners, speaker, slot=True)
            if not named and default:
                owner, named = default, True
        if not rest.strip() or is_chatter(rest):
            return []
        due, due_text = due_in(rest, meeting)
        return [Action(owner, clean(rest), unit.line, due, due_text, done=unit.checked is True)]
    return _sentence_actions(unit, owners, meeting)


def _sentence_actions(unit: Unit, owners: Owners, meeting: date) -> list[Action]:
    """Commitments said in prose: 'Tom to redline the MSA', 'I'll send it by Friday'."""
    out = []
    text = unit.body
    if unit.label and not unit.speaker and unit.value:
        # "Decision: Gary to adjust PR 477": the label is a heading for what follows
        found = [a for x in sentences_of(unit.value) for a in _clauses(x, unit, owners, meeting)]
        if found:
            return found
    promise = SPEAKER_WILL.search(text) if unit.speaker and not text.endswith("?") else None
    if promise and unit.speaker:
        what = text[promise.start() :].lstrip(",;:. ")
        due, due_text = due_in(what, meeting)
        return [Action(unit.speaker, clean(what), unit.line, due, due_text)]
    for sentence in sentences_of(text):
        out += _clauses(sentence, unit, owners, meeting)
    return out


def _clauses(sentence: str, unit: Unit, owners: Owners, meeting: date) -> list[Action]:
    out = []
    for clause in re.split(r";\s+|\s+[-–—]\s+(?=[A-Z@]|i\b)", sentence):
        action = _clause_action(clause.strip(), unit, owners, meeting)
        if action:
            out.append(action)
    return out


def _clause_action(clause: str, unit: Unit, owners: Owners, meeting: date) -> Action | None:
    if not clause:
        return None
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
    m = OWNER_FIRST.match(clause)
    if m and not m.group("colon"):
        verb = re.match(r"\s+(?:will|to)\s+([a-z-]+)", clause[m.end("o") :])
        # an unknown one-word name doing something concrete: "Mei will tag the release"
        concrete = bool(verb and verb.group(1) in VERBS and m.group("o")[:1].isupper())
        ok, owner = owners.first(m.group("o"), slot=concrete)
        after = clause[m.end("o") :]
        if ok and owner != ME and not NOT_ACTION.match(after.strip()):
            if re.match(r"\s+(?:can|takes?|owns?)\b", after) and not due_in(clause, meeting)[0]:
                return None
            due, due_text = due_in(clause, meeting)
            return Action(owner, clause, unit.line, due, due_text)
    that = THAT_OWNER.search(clause)
    if that and that.group("verb") not in {"about", "the", "for", "was", "were", "had", "has"}:
        ok, owner = owners.first(that.group("o"), slot=False)
        if ok and owner not in {None, ME}:
            due, due_text = due_in(clause, meeting)
            return Action(owner, clause[that.start("o") :], unit.line, due, due_text)
    if GROUP_ACTION.search(clause) or GROUP_LATE.search(clause):
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


def _me_not_action(clause: str) -> bool:
    m = ME_FORM.search(clause)
    assert m is not None
    after = clause[m.end() :]
    return bool(re.match(r"\s+(?:be\s+(?:out|away|off|back|on)|not|never)\b", after, re.I)) or (
        bool(re.search(r"\bif\s+i\b", clause[: m.start()], re.I))
    )
