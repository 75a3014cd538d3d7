"""Action items from the notes' structure: who does what, by when.

Grammars run over parsed units: action markers (`ACTION BW:`, `AI(Jordan):`, `[ACTION] Dyck to`,
`#action sam to`, an owner tag after the text), action sections, checkboxes with `(@owner)`,
owner columns in tables, and sentences ("X will …", "X to …", "I'll …"). An action with no
owner named stays ownerless; "I'll" is the speaker's promise in a transcript, mine otherwise.
"""

from __future__ import annotations

import re
from datetime import date

from coach.domain.meeting_model import ME
from coach.domain.meeting_notes.attendees import is_attendee_label
from coach.domain.meeting_notes.dates import BY_NEXT_MEETING, due_in, next_meeting_date
from coach.domain.meeting_notes.grammar import (
    ACTION_SECTION,
    EFFORT,
    LEAD_IN,
    MARKER,
    OWNER_LABEL,
    SEVERAL,
    STATUS_LABEL,
    SUBJECTLESS,
    TRACKBOT,
    UPDATES_HEADING,
    Owners,
    clean,
    is_chatter,
)
from coach.domain.meeting_notes.implicit import (
    PLAN_HEADING,
    PLAN_LABEL,
    implicit_actions,
    in_plan,
    plan_action,
    plan_due,
)
from coach.domain.meeting_notes.owner_slots import nick_first, owner_in, strip_marker
from coach.domain.meeting_notes.prose import Action, sentence_actions
from coach.domain.meeting_notes.structure import Unit
from coach.domain.names import THING, NameMatcher, fold, is_given_name

# a task that only points back at the topic: "I can do that", "Ana will look into it"
ANAPHORIC = re.compile(
    r"^(?:\S+\s+){0,5}?(?:do|take|look into|handle|pick up|review|fix|own|chase|check|"
    r"take care of|follow up on)\s+(?:that|it|this|them|those)\b(?:\s+\S+){0,6}\W*$",
    re.I,
)


def in_action_section(unit: Unit) -> bool:
    parent = unit.parent.strip(" *_")
    return bool(ACTION_SECTION.search(unit.section)) or bool(
        parent
        and ACTION_SECTION.search(parent)
        and (parent.endswith(":") or len(parent.split()) <= 3)  # "3. Action items" over a list
    )


def _cell(cells: dict[str, str], pattern: str) -> str | None:
    return next((v for k, v in cells.items() if re.search(pattern, k, re.I)), None)


def find_actions(units: list[Unit], matcher: NameMatcher, meeting: date) -> list[Action]:
    """Every action item in the notes, in reading order."""
    title = next((u.text for u in units if u.kind == "heading"), "")
    orgs = {fold(w) for w in re.findall(r"\b[A-Z][\w-]+", title) if matcher.lookup(w) is None}
    # "In Firefox we …", "using Kubernetes": nobody is *in* or *used*; those are things
    body = "\n".join(u.text for u in units)
    orgs |= {
        fold(w)
        for w in re.findall(
            r"\b(?i:in|on|using|into|onto|via|within|inside)\s+([A-Z][\w-]+)\b(?!['’])", body
        )
        if matcher.lookup(w) is None and not is_given_name(w)
    }
    owners = Owners(matcher, orgs)
    out: list[Action] = []
    group_owner: dict[str, str] = {}  # "* sam" heading a nested list of sam's actions
    acted: set[str] = set()  # items that are actions: what is nested under them is their news
    last: str | None = None  # the owner of the latest action, whom a later "he will" means
    by_level: dict[int, str | None] = {}  # "#### Keyan" over Keyan's own updates
    parents = {u.parent for u in units if u.parent}  # items with items under them
    trail: dict[int, Unit] = {}  # the latest item at each list depth: the unit's ancestors
    for unit in units:
        if unit.kind == "heading":
            last = None
            by_level = {k: v for k, v in by_level.items() if k < unit.level}
            by_level[unit.level] = _heading_person(unit, units, owners)
        if unit.kind == "item":
            trail = {k: v for k, v in trail.items() if k < unit.level} | {unit.level: unit}
        if unit.kind in {"heading", "meta"} or is_attendee_label(unit.section):
            continue
        if unit.label and is_attendee_label(unit.label) and not MARKER.match(unit.value):
            continue  # "Chair: Ana", but "<scribe> ACTION: ana to …" is an action
        if unit.kind == "row":
            action = _table_action(unit, owners, meeting)
            if action:
                out.append(action)
            continue
        if unit.label and OWNER_LABEL.match(unit.label) and not unit.speaker:
            _owner_line(unit, units, out, owners, meeting)
            continue
        if unit.label and PLAN_LABEL.match(unit.label) and not unit.speaker:
            who = _plan_owner(unit, by_level, trail, owners, units)
            plan = plan_action(unit, who, meeting) if who else None
            if plan:  # "Today: wire up the client" under Ana's name in a standup
                out.append(plan)
                continue
        section = in_action_section(unit)
        plan_owner, planned = None, False
        if unit.kind == "item" and not section and in_plan(unit):
            planned = True
            section = True  # "## Next week" or "- today:" over what someone will do
            plan_owner = _plan_owner(unit, by_level, trail, owners, units)
        if unit.level >= 2 and unit.parent in acted:
            if STATUS_LABEL.match(unit.text) or unit.speaker:
                continue  # "Update 2022-11-03: …", "[Fatih] Still pending": progress notes
            section = False
        if unit.label and not unit.value and LEAD_IN.match(unit.text):
            continue  # "Matthew will:" only introduces the list below it
        lead = _lead_in(unit)
        default = group_owner.get(unit.parent) or plan_owner
        sub = unit.section if unit.section != unit.heading else ""
        if sub and not section and ACTION_SECTION.search(unit.heading) and len(sub.split()) <= 3:
            who = owners.one(sub.strip(" *_:"), slot=True)  # "**Lucia**" over her own list
            section, default = (True, default or who) if who else (section, default)
        if lead and unit.kind == "item":  # "Matthew will:" over a list of what he will do
            if re.match(r"\W*(?:the|a|an|this|that|these|it|there)\b", unit.text, re.I):
                continue  # "The implementation may be …": a remark in the list, not a task
            section = True
            ok, who = owners.first(lead.group("o"), slot=False)
            default = who if ok else default
        if section and unit.kind in {"item", "line", "code"} and not unit.label:
            who = owners.one(unit.text, slot=True) if len(unit.text.split()) <= 3 else None
            if who and not re.search(r"\b(?:to|will)\b", unit.text):
                group_owner[unit.text] = who
                continue
        mine = next((p for _, p in sorted(by_level.items(), reverse=True) if p), None)
        if default is None:  # "- Nouha:" over "- Todo:" over her tasks; "## Budget - Ana"
            default = (_ancestor_person(unit, trail, owners) if section else None) or mine
        if mine and not section and SUBJECTLESS.match(unit.body):
            due, due_text = due_in(unit.body, meeting)
            who = owners.one(mine, slot=True)
            found = [Action(who, clean(unit.body), unit.line, due, due_text)]
        else:
            found = implicit_actions(unit, owners, meeting, False, first=True) or _unit_actions(
                unit, owners, meeting, section, default, last
            )
            if not found and not section:
                found = implicit_actions(unit, owners, meeting, unit.text not in parents, False)
        if planned:  # "- today:" over a standup's plan: due that day
            for action in found:
                if action.due is None:
                    action.due, action.due_text = plan_due(unit.parent or unit.section, meeting)
        if found and unit.kind == "item":
            acted.add(unit.text)
        if unit.level >= 2 and unit.parent not in group_owner:
            for action in found:
                action.what = _with_topic(action.what, unit.parent)
        elif unit.section and not ACTION_SECTION.search(unit.section):
            for action in found:  # "I can do that this week" under "### Retry logic"
                if ANAPHORIC.search(action.what) and "(re: " not in action.what:
                    action.what = f"{action.what.rstrip('.')} (re: {unit.section.strip()[:80]})"
        out += found
        owned = [a.owner for a in found if a.owner and a.owner != ME]
        last = owned[-1] if owned else None  # only the unit just before
    _due_next_meeting(out, next_meeting_date(units, meeting))
    # a bare link is a reference, not a task
    return _unique([a for a in out if not re.match(r"\W*https?://\S+\W*$", a.what)])


def _heading_person(unit: Unit, units: list[Unit], owners: Owners) -> str | None:
    """The person a heading is, when it is one: a known name, a given name, or a capitalised
    word under an 'Updates' heading."""
    team = re.match(r"^.{2,60}?\s+[-–—]\s+(.+)$", unit.text)  # "Finance - Mike", "Tech - Owen, Ada"
    if team:
        first = re.split(r"\s*(?:,|&|/|\band\b)\s*", team.group(1))[0].strip(" *_()")
        if 1 <= len(first.split()) <= 2 and owners.name_like(first, slot=False):
            return owners.one(first, slot=False)
    words = unit.text.split()
    if not 1 <= len(words) <= 3 or not unit.text[:1].isupper():
        return None
    above = [u.text for u in units if u.kind == "heading" and u.level < unit.level]
    slot = bool(above) and bool(UPDATES_HEADING.search(above[-1]))
    known = owners.matcher.lookup(unit.text)
    if known is not None:
        return known.label
    if len(words) > 1 and not is_given_name(words[0]):
        return None  # "Standard Library Reform" is a topic; "Dana Kim" a person
    return unit.text if owners.name_like(unit.text, slot) else None


def _plan_owner(
    unit: Unit,
    by_level: dict[int, str | None],
    trail: dict[int, Unit],
    owners: Owners,
    units: list[Unit],
) -> str | None:
    """Whose plan a 'Today:' line is: the person its heading, bold line or parent item names.
    A short heading over 'Last week:' / 'This week:' blocks is a person's own section."""
    mine = next((p for _, p in sorted(by_level.items(), reverse=True) if p), None)
    if mine:
        return owners.one(mine, slot=True)
    head = unit.heading.strip(" *_#:")
    if (
        head
        and not PLAN_HEADING.match(head)
        and re.fullmatch(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?", head)
    ):
        if not any(fold(w) in THING for w in head.split()):
            return owners.one(head, slot=True)
    name = unit.section.strip(" *_:")
    if unit.section != unit.heading and 1 <= len(name.split()) <= 3:
        if owners.name_like(name, slot=False):
            return owners.one(name, slot=False)
    return _ancestor_person(unit, trail, owners)


def _ancestor_person(unit: Unit, trail: dict[int, Unit], owners: Owners) -> str | None:
    """The person an enclosing item names ("- Nouha:" over "- Todo:" over her tasks)."""
    for level in range(unit.level - 1, 0, -1):
        above = trail.get(level)
        name = above.text.rstrip(":").strip(" *_") if above else ""
        if name and len(name.split()) <= 3 and owners.name_like(name, slot=False):
            return owners.one(name, slot=False)
    return None


def _part(unit: Unit, text: str) -> Unit:
    return Unit(text, unit.kind, unit.line, unit.level, unit.heading, unit.section, unit.parent)


def _lead_in(unit: Unit) -> re.Match[str] | None:
    if unit.parent and unit.parent.rstrip().endswith(":"):
        return LEAD_IN.match(unit.parent)
    return LEAD_IN.match(unit.section) if unit.section != unit.heading else None


def _with_topic(what: str, parent: str) -> str:
    """'Thomas will do benchmarks' nested under a PR's item says nothing alone: add the topic."""
    topic = clean(re.sub(r"\(?https?://\S+\)?", "", parent.split("\n")[0]))
    if len(what.split()) > 5 or not topic or topic.endswith(":") or len(topic.split()) < 2:
        return what
    if ACTION_SECTION.fullmatch(topic.strip(" :*")):
        return what
    return f"{what.rstrip('.')} (re: {topic[:100]})"


def _due_next_meeting(actions: list[Action], when: date | None) -> None:
    """'by the next meeting' is due on the next meeting's date when the notes state it."""
    for action in actions:
        words = f"{action.what} by {action.due_cell}"
        m = BY_NEXT_MEETING.search(words) if when and action.due is None else None
        if m:
            action.due, action.due_text = when, m.group(0)


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
    return re.sub(r"\W+", " ", fold(re.sub(r"\s*\(re: .*\)$", "", what))).strip()


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
        if u.level == unit.level
        and u.parent == unit.parent
        and u.kind not in {"heading", "meta"}
        and not (u.label and is_attendee_label(u.label))
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
    whats = [
        v
        for k, v in cells.items()
        if re.search(r"action|task|item|what|description|todo|next step|title|details?", k, re.I)
        and not re.fullmatch(r"\W*[\d.#-]*\W*", v)  # "**123.1**" numbers the action
    ]
    if not whats and owner_cell is not None and _cell(cells, r"due|deadline|date|when|eta"):
        # "| Name | Assigned To | Deadline |": the first column names the task
        first = next(iter(cells.items()), ("", ""))
        if not re.search(r"owner|assign|who|due|deadline|date|status", first[0], re.I):
            whats = [first[1]] if first[1].strip() else []
    what = max(whats, key=lambda v: len(v.split()), default=None)
    if what is None or not (owner_cell is not None or ACTION_SECTION.search(unit.section)):
        return None
    if not what.strip():
        return None
    owner = None
    if owner_cell:
        _, owner = owners.first(owner_cell, slot=True)
    else:  # "| 123.1 | Tom to share the schedule |"
        _, owner = owner_in(what, owners, None, slot=True)
    status = _cell(cells, r"status|state|done")
    done = bool(status and re.match(r"\W*(?:done|closed|complete|✓|✔|x\b)", status, re.I))
    due_cell = _cell(cells, r"due|deadline|date|when|target|eta")
    due, due_text = due_in(f"by {due_cell}", meeting) if due_cell else (None, None)
    if due is None:
        due, due_text = due_in(what, meeting)
    return Action(owner, what, unit.line, due, due_text, due_cell=due_cell or "", done=done)


def _unit_actions(
    unit: Unit,
    owners: Owners,
    meeting: date,
    section: bool,
    default: str | None,
    last: str | None = None,
) -> list[Action]:
    text = EFFORT.sub("", unit.body)  # "fix unit tests (Jeremiah) ~ 3 days": an estimate
    speaker = unit.speaker
    bot = TRACKBOT.search(text)
    if bot:
        _, owner = owners.first(bot.group("o"), slot=True)
        due, due_text = (
            due_in(f"by {bot.group('due')}", meeting) if bot.group("due") else (None, None)
        )
        return [Action(owner, clean(bot.group("what")), unit.line, due, due_text)]
    marked, owner, rest, named = strip_marker(text, owners)
    boxed = unit.checked is False or (unit.checked is True and section)  # "[x]" agenda: done
    if marked or section or boxed:
        if not named:
            if unit.label and not speaker and not marked:
                ok, who = owners.first(unit.label, slot=True)
                if ok:
                    owner, rest = who, unit.value
                    named = True
            if not named and speaker and not marked and unit.kind == "item":
                owner, named = speaker, True  # "- Ana: migrate the build" in an action list
            if not named and marked:
                named, owner = nick_first(rest, owners)
            if not named:
                named, owner = owner_in(rest, owners, speaker, slot=True)
            if not named and speaker and not marked:  # a speaker's turn in an action section
                owner, named = speaker, True
            if not named and default:
                owner, named = default, True
        if not rest.strip() or is_chatter(rest):
            return []
        parts = SEVERAL.split(rest)
        if len(parts) > 1 and marked:  # "Next steps: Tom to write it; Ana to review it"
            return [
                a for p in parts for a in _unit_actions(_part(unit, p), owners, meeting, True, None)
            ]
        due, due_text = due_in(rest, meeting)
        if owner == ME and speaker:  # "Tom: Action on me to …" is Tom's
            owner = speaker
        return [Action(owner, clean(rest), unit.line, due, due_text, done=unit.checked is True)]
    return sentence_actions(unit, owners, meeting, last)
