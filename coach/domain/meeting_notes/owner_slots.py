"""Where an action line names its owner: a marker ("ACTION BW:", "AI(Jordan):"), a nick
before the verb ("#action sam send it"), the first words ("Tom to …", "Ana: …"), a tag at the
end ("(@sam)", "— Ana", "Owner: Ana"), or "I'll" (the speaker, else me)."""

from __future__ import annotations

from coach.domain.meeting_model import ME
from coach.domain.meeting_notes.dates import DUE
from coach.domain.meeting_notes.grammar import (
    ACTION_TO,
    ARROW_OWNER,
    END_TAG,
    LEAD_HANDLE,
    LEAD_PAREN,
    MARKER,
    ME_FORM,
    ME_START,
    NAME_VERB,
    NICK_VERB,
    OWNER_FIRST,
    TAIL_OWNER,
    TODO_BARE,
    VERBS,
    Owners,
)
from coach.domain.name_words import EVERYDAY, LEADING, THING
from coach.domain.names import fold

NOT_NICKS = LEADING | THING | EVERYDAY | VERBS | {"please", "pls", "maybe", "probably", "just"}


def strip_marker(text: str, owners: Owners) -> tuple[bool, str | None, str, bool]:
    """(is marked, owner, text without the marker, owner was named in the marker)."""
    m = ACTION_TO.match(text)
    if m:
        ok, owner = owners.first(m.group("o"), slot=True)
        if ok:
            return True, owner, text[m.start("o") :], True
    m = TODO_BARE.match(text)
    if m:
        return True, None, text[m.end() :], False
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
    m = ARROW_OWNER.search(text)
    if m and m.start() > 0:
        ok, owner = owners.first(m.group("o"), slot=False)
        if ok and owner is not None:
            return True, owner, text[: m.start()].rstrip(), True
    return False, None, text, False


def nick_first(text: str, owners: Owners) -> tuple[bool, str | None]:
    """'#action pbrobinson send patch': a meeting bot's action names a nick, then the task."""
    m = NICK_VERB.match(text)
    if not m or fold(m.group("verb")) not in VERBS or fold(m.group("o")) in NOT_NICKS:
        return False, None
    ok, owner = owners.first(m.group("o"), slot=True)
    return (True, owner) if ok and owner is not None else (False, None)


def owner_in(text: str, owners: Owners, speaker: str | None, slot: bool) -> tuple[bool, str | None]:
    """Who a line of an action says will do it: first words, a tag at the end, or 'I'll'."""
    m = LEAD_PAREN.match(text)
    if m:
        ok, owner = owners.first(m.group("o"), slot=True)
        if ok:
            return True, owner
    m = LEAD_HANDLE.match(text)
    if m:
        ok, owner = owners.first("@" + m.group("o"), slot=True)
        if ok:
            return True, owner
    m = OWNER_FIRST.match(text)
    if m:
        ok, owner = owners.first(m.group("o"), slot=slot)
        if ok:
            return True, owner
    if ME_START.match(text):
        return True, ME
    m = TAIL_OWNER.search(text) or TAIL_OWNER.search(before_due(text))
    if m and m.start() > 0:
        ok, owner = owners.first(m.group("o"), slot=True)
        if ok:
            return True, owner
    if ME_FORM.search(text):
        return True, speaker or ME
    m = NAME_VERB.match(text)  # "Lucia prepare the slides" in an action list
    if m and m.group("verb") in VERBS:
        ok, owner = owners.first(m.group("o"), slot=False)
        if ok and owner is not None:
            return True, owner
    return False, None


def before_due(text: str) -> str:
    """'Send the deck (@ana) by Friday' without its closing due date, so the tag ends it."""
    last = next(reversed(list(DUE.finditer(text))), None)
    if last is None or text[last.end() :].strip(" .;)") or last.start() == 0:
        return text
    return text[: last.start()].rstrip(" ,;(-–—")
