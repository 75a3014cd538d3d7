"""A short topic phrase from a note ("the EMEA kickoff"), for openers people can say aloud.

Pure: no model. A note such as "Coffee with Dana: she is rebuilding the partner onboarding
flow, slips to Q1" gives "the partner onboarding flow": the subject, auxiliaries and the
leading verb are dropped, the phrase stops at the first clause boundary, and it never ends
on a function word or a cut word.
"""

from __future__ import annotations

import re

MAX_WORDS = 6
FUNCTION_WORDS = frozenset(
    """the a an of and or to with for on in at by from their her his its my our your is are was
    were be been that this these those as into about than then so but if while some any""".split()
)
SUBJECT = re.compile(
    r"^(?:(?:she|he|they|we|i|it|you|team|everyone)\b|[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?(?:'s)?"
    r"(?:\s*\([^)]*\))?)\s*",
)
AUX = re.compile(
    r"^(?:(?:is|are|was|were|has|have|had|got|will|would|'s|'re|just|still|now|currently|"
    r"finally|really|also|already|recently|be|been|being|about to|going to|planning to|"
    r"trying to|set to|can|could|should|may|might|must|needs? to|wants? to|hopes? to|has to|"
    r"have to|will need to)\b\s*)+",
    re.I,
)
PARTICLE = re.compile(r"^(?:on|with|about|up|into|over|through|to|for|out|off|at|by|in)\b\s*", re.I)
IRREGULAR = frozenset(
    """won hit built ran led took got made began brought caught drew drove fought found gave
    grew held kept knew left lost met paid put read said saw sent set shut sold spent spoke
    stood struck swore taught told thought threw understood wrote launch launches ship ships
    start starts lead leads run runs own owns need needs want wants plan plans do does did
    make makes take takes get gets give gives send sends share shares finish finishes review
    reviews fix fixes write writes build builds move moves push pushes""".split()
)
BOUNDARY = re.compile(
    r"\s+(?:that|which|who|because|but|and|so|since|until|before|after|by|for|to|in|from|"
    r"while|when|if|as|(?:next|this|last) (?:week|month|quarter|year|sprint|time)|"
    r"on (?:mon|tue|wed|thu|fri|sat|sun)\w*|tomorrow|today|yesterday|soon|again|slips?|due)\b|"
    r"[,;:.!?()\"“”]|\s[-–—]\s",
    re.I,
)


def clauses(note: str) -> list[str]:
    """A note split into clauses, each without an interaction prefix ('Coffee with Dana:')."""
    text = " ".join(note.split())
    text = re.sub(r"^[\w /&-]{1,40}\bwith\b[^:]{1,60}:\s*", "", text)
    text = re.sub(r"^(?:action|todo|ai|note|fyi)\s*[:\-]\s*", "", text, flags=re.I)
    text = re.sub(r"^[A-Z][\w' ]{0,30}:\s+", "", text)  # "Chen: ingestion jobs failing"
    parts = re.split(r"(?<=[.!?;])\s+|\s+[-–—]\s+|;\s*|,\s+(?=(?:she|he|they|but|and)\b)", text)
    return [p.strip(" .!?;,") for p in parts if len(p.split()) >= 3]


def topic_phrase(clause: str, name: str = "") -> str | None:
    """The short noun phrase a clause is about, or None when there is none worth saying."""
    text = clause.strip()
    for part in sorted({name, name.split()[0] if name else ""}, key=len, reverse=True):
        if part:
            text = re.sub(rf"^{re.escape(part)}(?:'s)?\s*(?:\([^)]*\))?\s*", "", text, flags=re.I)
    text = (
        SUBJECT.sub("", text, count=1) if re.match(r"(?i)(she|he|they|we|i|it)\b", text) else text
    )
    text = AUX.sub("", text)
    first = text.split(" ", 1)[0].lower() if text else ""
    if first.endswith(("ing", "ed")) or first in IRREGULAR:
        text = text.split(" ", 1)[1] if " " in text else ""
        text = PARTICLE.sub("", text)
        text = AUX.sub("", text)
    text = BOUNDARY.split(text, maxsplit=1)[0]
    words = [w for w in text.split() if w]
    words = words[:MAX_WORDS]
    while words and words[-1].lower().strip("'") in FUNCTION_WORDS:
        words.pop()
    while words and words[0].lower() in {"and", "or", "but", "so", "then"}:
        words.pop(0)
    content = [w for w in words if w.lower() not in FUNCTION_WORDS]
    if not content or len("".join(content)) < 4:
        return None
    phrase = " ".join(words).strip(" '\"")
    if re.search(r"[\"“”]", phrase):
        return None
    return phrase


def first_topic(notes: list[str], name: str, pattern: re.Pattern[str] | None = None) -> str | None:
    """The topic of the first clause (newest note first) that matches `pattern`, if any."""
    for note in notes:
        for clause in clauses(note):
            if pattern is not None and not pattern.search(clause):
                continue
            phrase = topic_phrase(_after(clause, pattern), name)
            if phrase:
                return phrase
    return None


def _after(clause: str, pattern: re.Pattern[str] | None) -> str:
    """For a win or a worry, the words from the matching verb on ('closed the Acme renewal')."""
    if pattern is None:
        return clause
    match = pattern.search(clause)
    if match and match.start() > 0:
        tail = clause[match.start() :]
        head = clause[: match.start()]
        # "The Acme renewal closed" keeps its subject; "Marco closed the renewal" does not.
        if len(tail.split()) <= 2 and head.strip():
            return head
        return tail
    return clause
