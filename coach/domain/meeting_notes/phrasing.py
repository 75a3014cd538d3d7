"""How a commitment reads: the task alone ("Send the revised deck"), not the sentence it came
from ("Omar will send the revised deck by Friday."), whose owner and due date are shown apart."""

from __future__ import annotations

import re

from coach.domain.names import fold

MARKERS = re.compile(  # "ACTION:", "[AI]", "#action", "TODO -", "Next steps:" in front
    r"^\W{0,3}(?:#?action(?:\s*items?|\s*points?)?|#?todo|to-?do|ai|a\.i\.|next steps?|"
    r"follow[- ]?ups?)\s*\]?\s*(?:[:\-–]\s*|(?<=#action)\s+|(?<=#todo)\s+)",
    re.I,
)
# what joins an owner to the task: "Omar will", "Tom to", "Ana agreed to", "I'll", "Lin said
# she would", "Mei is going to", "Ravi was asked to"
LINK = (
    r"(?:['’]ll|['’](?:s|re) (?:going|planning) to|will|shall|to|should|must|needs? to|"
    r"has to|have to|is to|would|can|could|"
    r"(?:is|are|was|were) (?:going|planning|supposed) to|(?:has |have )?(?:agreed|offered|"
    r"volunteered|promised|vowed|committed|undertook|plans?|intends?|wants?|would like) to|"
    r"(?:was|were|has been|have been|is|are) (?:asked|assigned|tasked) to|"
    r"takes? (?:the )?action to|(?:said|says|mentioned|noted|confirmed|added) (?:that )?"
    r"(?:he|she|they|I|we)(?:['’]ll| will| would)|"
    r"(?:is|are) (?:tasked with|responsible for|in charge of))"
)
SELF = re.compile(
    rf"^(?:I|we|let['’]s|let us|(?:I|we) (?:need|have|ought) to|needs? to)(?:\s*{LINK})?\s+",
    re.I,
)
# a deadline said in passing ("by Friday", "EOW"); "to the next meeting" or "on Thursday" may
# say where or when it happens, so they stay in the task
DEADLINE = re.compile(
    r"(?:by|before|due|until|deadline|no later than|eta|within|asap|as soon as)\b|"
    r"(?:eod|eow|eom|cob|today|tonight|tomorrow|tmrw|next week|this week|end of)\b",
    re.I,
)


def task_of(what: str, owner: str | None, aliases: tuple[str, ...] = ()) -> str:
    """The task a commitment asks for, as an instruction: owner, link words, a leading action
    marker and the trailing full stop dropped. Returns `what` unchanged when too little would be
    left to read on its own."""
    text = re.sub(r"\s+", " ", what).strip()
    text = MARKERS.sub("", text)
    text = _without_owner(text, owner, aliases)
    text = text.strip(" .;,")
    if len(re.findall(r"[^\W\d_]+", text)) < 2:
        return what.strip()
    return text[:1].upper() + text[1:]


def without_due(task: str, due_text: str | None) -> str:
    """'Send the deck by Friday' -> 'Send the deck' when 'by Friday' is the due date shown."""
    if not due_text or not DEADLINE.match(due_text):
        return task
    m = re.search(rf"[,(]?\s*{re.escape(due_text)}\s*\)?(?=[\s.!;]*$|\s*\()", task, re.I)
    if m is None:
        return task
    tail = task[m.end() :].strip(" .;!")
    left = task[: m.start()].rstrip(" ,;.") + (f" {tail}" if tail else "")
    return left if len(left.split()) >= 2 else task


def _without_owner(text: str, owner: str | None, aliases: tuple[str, ...]) -> str:
    """Drop 'Omar will', 'Ana Lima (Acme) to', 'I'll', 'We need to' from the front."""
    m = SELF.match(text)
    if m and (m.group(0).strip().lower() not in {"i", "we"} or _linked(m.group(0))):
        return text[m.end() :]
    known = {fold(n.lstrip("@")) for n in (owner, *aliases) if n}
    parts = {p for n in known for p in n.split()} | known
    words = list(re.finditer(r"[^\s,:;()]+", text[:80]))
    if not words or fold(re.sub(r"['’]s$", "", words[0].group(0).lstrip("@"))) not in parts:
        return text
    for w in words[:4]:
        end = w.end() - 2 if re.search(r"\w['’]s$", w.group(0)) else w.end()
        after = text[end:]
        after = re.sub(r"^\s*\([^()]{1,30}\)", "", after)  # "Tom (Acme) will"
        rest = re.match(rf"\s*(?:{LINK})\s+|\s*[:\-–—]\s+|\s*(?:->|→)\s*", after, re.I)
        if rest:
            return after[rest.end() :]
        if not re.match(r"\s+(?-i:[A-Z])", after):
            break  # past the name; "Mei and Ana will pair" keeps both names
    return text


def _linked(lead: str) -> bool:
    return bool(re.search(rf"\s(?:{LINK})\s*$|['’]ll\s*$", lead, re.I))
