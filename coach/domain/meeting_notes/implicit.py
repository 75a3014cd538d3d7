"""Commitments stated without an action marker: requests to a named person ("Ana, could you
send it?"), an owner in brackets ("Bjorn (Filipe will invite)"), work that "needs to be fixed",
and imperative bullets in a discussion ("- Investigate the CDN for static files")."""

from __future__ import annotations

import re
from datetime import date

from coach.domain.meeting_model import ME
from coach.domain.meeting_notes.dates import due_in
from coach.domain.meeting_notes.grammar import NAME, Owners, clean
from coach.domain.meeting_notes.prose import Action
from coach.domain.meeting_notes.structure import Unit
from coach.domain.names import is_given_name

REQUEST = re.compile(  # "Ana, would you be willing to put forward a PR?", "Ravi, please update it"
    rf"^(?P<o>{NAME}),\s+(?:(?:would|could|can|will)\s+you\s+(?:please\s+)?"
    r"(?:be\s+(?:willing|able)\s+to\s+|mind\s+|take\s+(?:an?|the)\s+action\s+to\s+)?|"
    r"please\s+)(?P<verb>[a-z]{3,})\b",
)
IN_BRACKETS = re.compile(  # "Bjorn (Filipe will invite)", "the CI docs (Ana to update)"
    rf"\((?P<o>{NAME})\s+(?:will|to|is going to|agreed to|volunteered to|offered to)\s+"
    r"(?P<verb>[a-z]{3,})[^()]*\)"
)
NEEDS_DOING = re.compile(  # "this needs to be fixed", "The docs still need to be updated"
    r"^(?:(?!(?:that|which|who|as|because|since|if|when|whether|where|there|how|sometimes|"
    r"may|might|would|could)\b)[^\s,;]+\s+){0,6}?(?:still\s+)?needs?\s+to\s+be\s+"
    r"(?!discussed\b|decided\b|considered\b|seen\b|determined\b|involved\b|done\b)"
    r"[a-z]{3,}(?:ed|en|t)\b",
    re.I,
)
NEEDS_NOUN = re.compile(  # "Needs review", "The PR still needs another review before 1.0"
    r"^(?:(?!(?:that|which|who|as|because|since|if|when|whether|where|it|this|everyone|"
    r"everybody|nobody|one)\b)[^\s,;]+\s+){0,6}?(?:still\s+)?needs?\s+(?:an?\s+|more\s+|"
    r"another\s+|some\s+|further\s+|final\s+|(?:a\s+)?second\s+)*(?:reviews?|reviewers?|"
    r"reviewing|testing|approval|(?:a\s+)?rebase|rebasing|sign-?off)\b",
    re.I,
)
# a sentence that puts a duty on whoever the closing "(Xenia)" or "(Jonas?)" names
DUTY = re.compile(
    r"\b(?:should|will|must|shall|needs? to|has to|have to|is to|are to)\s+(?:also\s+|still\s+)?"
    r"(?:be\s+(?:\w+ly\s+)?[a-z]{3,}(?:ed|en|t)\b|(?!be\b|not\b|never\b)[a-z]{3,})",
    re.I,
)
TAG = re.compile(rf"\s*\((?P<o>{NAME}(?:\s*(?:,|&|/|\band\b)\s*{NAME})*)\s*\??\)\W*$")
AGREED = re.compile(  # "All agreed to investigate the requirements": the group's task
    r"^\W*(?:it was\s+)?(?:all|everyone|everybody|we|the (?:group|team|committee|board|members))"
    r"\s+(?:\w+ly\s+)?(?:agreed|committed)\s+to\s+(?P<verb>[a-z]+)\b",
    re.I,
)
# work still to do after agreeing; "agreed to move the meeting" is already decided
LOOK_INTO = set(
    "investigate explore research review look check find draft write prepare contact reach ask "
    "collect gather document survey test evaluate assess study compile".split()
)
# a standup's plan for the coming day or week, under one person's name
PLAN_LABEL = re.compile(
    r"^\W*(?:today|t|tomorrow|next|up next|next up|plans?|plan for (?:today|tomorrow|the week|"
    r"this week|next week)|(?:this|next) week|will do|doing next|goals? for (?:today|tomorrow|"
    r"this week|next week|the week)|focus (?:today|for today|this week))\W*$",
    re.I,
)
# a heading or lead-in over a list of what is planned: "## Next week", "This week:",
# "3. Plan", "What I am going to do today:"
PLAN_HEADING = re.compile(
    r"^\W*(?:\d+[.)]\s*)?(?:plans?|the plan|plan for (?:today|tomorrow|the week|this week|next "
    r"week)|next week|this week|the coming week|today|tomorrow|up next|next up|what['’]?s next|"
    r"next sprint|this sprint|goals? for (?:today|tomorrow|this week|next week|the week)|"
    r"what (?:i|we)\s*(?:['’]m|am|are|['’]re|will|['’]ll)?\s*(?:going to |planning to |plan to )?"
    r"(?:do|work on|be doing)(?: today| this week| next week| next)?)\W*$",
    re.I,
)
CLAUSE = re.compile(r",\s+(?:and|but|so)\s+|;\s+")
NOUN_USE = re.compile(  # "Update on namespaces", "Link to the logs", "Open source code"
    r"^\w+\s+(?:on|to|from|of|for|about|regarding|re|source|status|is|are|was|were|will|"
    r"has|have|can|should)\b|\b(?:status|updates?|progress|results|overview)\W*$",
    re.I,
)
# Verbs that start a task when a bullet begins with them ("Investigate …", "Review and land.").
# Narrower than the verbs an owner line may take: no "discuss", "consider", "present", "talk".
IMPERATIVE = set(
    "add investigate review land link update fix create send write file open ping schedule "
    "check document contact remove move draft prepare publish post share email invite ask "
    "test verify merge tag submit circulate organize organise book clarify confirm rename "
    "migrate implement finalize finalise notify request upload triage assign announce "
    "propose nominate reach follow chase backport bump deprecate revert rebase rerun "
    "reschedule collect gather compile summarize summarise record set".split()
)
NOT_TASK_HEADING = re.compile(
    r"\b(?:agenda|topics?|minutes|attendees?|present|decisions?|announcements?|news|"
    r"updates?|status|done|completed|recap|summary|highlights|reports?)\b",
    re.I,
)


def request_action(clause: str, line: int, owners: Owners, meeting: date) -> Action | None:
    """'Ana, could you send the slides?' is Ana's action; 'Folks, please …' is nobody's."""
    m = REQUEST.match(clause)
    if m is None:
        m = IN_BRACKETS.search(clause)
        if m is None:
            return None
    ok, owner = owners.first(m.group("o"), slot=False)
    if not ok or owner in {None, ME}:
        return None
    due, due_text = due_in(clause, meeting)
    return Action(owner, clean(clause), line, due, due_text)


def passive_need(clause: str, line: int, meeting: date) -> Action | None:
    """'The parser needs to be fixed before the release': a task nobody has taken yet."""
    if clause.endswith("?") or re.match(r"\W*(?:if|whether|when|once)\b", clause, re.I):
        return None
    parts = CLAUSE.split(clause)
    if not any(NEEDS_DOING.match(part) or NEEDS_NOUN.match(part) for part in parts):
        return None
    due, due_text = due_in(clause, meeting)
    return Action(None, clean(clause), line, due, due_text)


def plan_action(unit: Unit, owner: str, meeting: date) -> Action | None:
    """'Today: wire up the API client' in a person's standup block is their commitment;
    'Today: none' or 'Next: same' says nothing."""
    value = unit.value.strip()
    if len(re.findall(r"[^\W\d_]{2,}", value)) < 2 or value.endswith("?"):
        return None
    if re.match(r"\W*(?:none|n/?a|nothing|same|tbd|see above|no)\b", value, re.I):
        return None
    due, due_text = due_in(value, meeting)
    if due is None:
        due, due_text = plan_due(unit.label or "", meeting)
    return Action(owner, clean(value), unit.line, due, due_text)


def plan_due(label: str, meeting: date) -> tuple[date | None, str | None]:
    """A plan labelled 'Today:' is due on the meeting day, 'Tomorrow:' the day after."""
    m = re.fullmatch(r"\W*(today|tomorrow|tonight)\W*", label, re.I)
    return due_in(m.group(1), meeting) if m else (None, None)


def agreed_task(clause: str, line: int, meeting: date) -> Action | None:
    """'All agreed to investigate the costs' is a task; 'we agreed to use Postgres' a decision
    (the verb tells them apart)."""
    m = AGREED.match(clause)
    if m is None or m.group("verb").lower() not in LOOK_INTO:
        return None
    due, due_text = due_in(clause, meeting)
    return Action(None, clean(clause), line, due, due_text)


def tagged_duty(unit: Unit, owners: Owners, meeting: date) -> Action | None:
    """'The schema version should be bumped after the release. (Xenia)': a duty the closing
    bracket hands to a person; 'should be', 'will be added' name the task, the tag its owner."""
    tag = TAG.search(unit.body)
    if tag is None or unit.kind == "heading":
        return None
    first = re.split(r"\s*(?:,|&|/|\band\b)\s*", tag.group("o").strip())[0].lstrip("@")
    # only a person already named, or a given name: "(Berlin)", "(PST)" are no owners
    person = owners.matcher.lookup(first) is not None or is_given_name(first.split()[0])
    ok, owner = owners.first(tag.group("o"), slot=True) if person else (False, None)
    group = re.fullmatch(r"(?i:all|everyone|everybody|team|all of us)", tag.group("o").strip())
    if not ok and not group:
        return None
    text = unit.body[: tag.start()]
    duties = [s for s in _split(text) if DUTY.search(s) and not s.endswith("?")]
    duties = [s for s in duties if not re.search(r"\b(?:not|never|won['’]t)\b", s, re.I)]
    if not duties:
        return None
    what = " ".join(duties[:2])
    due, due_text = due_in(what, meeting)
    return Action(None if group else owner, clean(what), unit.line, due, due_text)


def imperative_item(unit: Unit, leaf: bool, meeting: date) -> Action | None:
    """'- Investigate the CDN for static files' under a discussion topic: an ownerless task.
    Only a bullet with nothing under it, outside agenda, status and decision sections."""
    text = unit.body.strip()
    if unit.kind != "item" or not leaf or unit.speaker or unit.label or unit.checked:
        return None
    if NOT_TASK_HEADING.search(unit.section) or NOT_TASK_HEADING.search(unit.heading):
        return None
    if text.endswith("?") or text.endswith(":") or "http" in text.split()[0]:
        return None
    m = re.match(r"([A-Z][a-z]+)(?:\s+(up|out|into|on|at)\b)?", text)
    if m is None or m.group(1).lower() not in IMPERATIVE or NOUN_USE.search(text):
        return None
    if m.group(1).lower() in {"follow", "reach"} and not m.group(2):
        return None  # "Follow the thread" is advice; "Follow up with …" is a task
    if len(text.split()) < 3 and not (len(text.split()) == 2 and text.endswith(".")):
        return None  # "Update docs" may be a topic; "Review and land." is a task
    due, due_text = due_in(text, meeting)
    return Action(None, clean(text), unit.line, due, due_text)


def implicit_actions(
    unit: Unit, owners: Owners, meeting: date, leaf: bool, first: bool
) -> list[Action]:
    """The commitments a unit states without a marker. `first`: before the other rules (a
    request names its owner); otherwise only when they found nothing."""
    if first:
        duty = tagged_duty(unit, owners, meeting)
        if duty:
            return [duty]
        asked = [request_action(s, unit.line, owners, meeting) for s in _sentences(unit)]
        return [a for a in asked if a]
    needed = [
        passive_need(s, unit.line, meeting) or agreed_task(s, unit.line, meeting)
        for s in _sentences(unit)
    ]
    found = [a for a in needed if a]
    task = None if found else imperative_item(unit, leaf, meeting)
    return found + ([task] if task else [])


def _sentences(unit: Unit) -> list[str]:
    from coach.domain.meeting_notes.structure import sentences_of

    return [s.strip() for s in sentences_of(unit.body) if s.strip()]


def _split(text: str) -> list[str]:
    from coach.domain.meeting_notes.structure import sentences_of

    return [s.strip() for s in sentences_of(text) if s.strip()]


def in_plan(unit: Unit) -> bool:
    """Under a plan: its heading or block label ('This week:'), or a parent item ('- today:')."""
    parent = unit.parent.strip(" *_")
    heads = [h.strip(" *_") for h in (unit.section, unit.heading) if h.strip(" *_")]
    return any(PLAN_HEADING.match(h) for h in heads) or bool(
        parent and parent.endswith(":") and PLAN_HEADING.match(parent)
    )
