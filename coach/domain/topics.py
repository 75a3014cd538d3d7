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
    were be been that this these those as into about than then so but if while some any back
    out up over down off around them him us me it""".split()
)
# Verbs that end a noun phrase: "the progress bar feels slow" is about "the progress bar".
FINITE = re.compile(
    r"^(?:is|are|was|were|has|have|had|feels|looks|seems|covers|owes|needs|wants|takes|makes|"
    r"gets|goes|says|thinks|knows|works|runs|keeps|shows|means|comes|leaves|asks|gives|cut|"
    r"put|set|hit|lost|won|will|would|can|could|should|must|may|might)$",
    re.I,
)
AUXILIARY = re.compile(r"^(?:is|are|was|were|will|would|can|could|should|must|may|might)$")
OBJECTS = frozenset("me us them him her you it the a an most some all".split())
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
    r"\s+(?:that|which|who|because|but|and|so|since|until|before|after|by|to|in|from|"
    r"while|when|if|as|once|unless|though|although|whenever|"
    r"(?:next|this|last) (?:week|month|quarter|year|sprint|time)|"
    r"(?:on )?(?:mon|tues?|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?|"
    r"tomorrow|tmrw|today|tonight|yesterday|morning|afternoon|evening|eod|eow|asap|soon|again|"
    r"slips?|due|with (?=[A-Z]))\b|"
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


DETERMINERS = frozenset("the a an our their his her my your this that these those its".split())
PREPOSITIONS = frozenset("with about on at for into over to of from by around".split())
GENERIC = frozenset(
    """time today week day thing things stuff work team call meeting chat sync update recap
    notes time lot bit way""".split()
)


def topic_phrase(clause: str, name: str = "") -> str | None:
    """The short noun phrase a clause is about, or None when there is none worth saying."""
    text = clause.strip()
    first_name = name.split()[0] if name else ""
    if first_name:
        # What comes after the person ("send Lena the final copy" -> "the final copy").
        parts = re.split(
            rf"\b(?:{re.escape(name)}|{re.escape(first_name)})(?:['’]s)?\b(?:\s*\([^)]*\))?",
            text,
            flags=re.I,
        )
        text = parts[-1].strip(" ,:")
    text = re.sub(
        r"^(?:she|he|they|we|i|it|you)(?:['’](?:ll|m|re|ve|d|s))?\b\s*", "", text, flags=re.I
    )
    helper = re.match(r"(?:(?:to|will|'ll)\s+)|" + AUX.pattern, text, re.I)
    if helper and helper.end():
        # After "will", "is", "to"…, the next word is the verb: "will share the template".
        text = text[helper.end() :]
        first, _, rest = text.partition(" ")
        if first.lower() not in DETERMINERS:
            text = rest
        text = re.sub(r"^(?:me|us|him|her|them|you|it)\b\s*", "", text, flags=re.I)
        text = AUX.sub("", PARTICLE.sub("", text))
    else:
        text = _from_object(text)
    text = BOUNDARY.split(text, maxsplit=1)[0]
    words = [w for w in text.split() if w]
    for i, word in enumerate(words[1:], 1):
        follows = words[i + 1].lower() if i + 1 < len(words) else ""
        if FINITE.match(word) or (word.endswith("s") and follows in OBJECTS):
            words = words[:i]
            break
    words = words[:MAX_WORDS]
    while words and words[-1].lower().strip("'") in FUNCTION_WORDS:
        words.pop()
    while words and words[0].lower() in {"and", "or", "but", "so", "then"}:
        words.pop(0)
    content = [w for w in words if w.lower() not in FUNCTION_WORDS]
    if not content or all(w.lower() in GENERIC for w in content):
        return None
    if any(not w[0].isalnum() for w in words) or not any(w.islower() for w in content):
        return None  # "@ravi", "+ me", "~40 tickets"; "Aisha Khan", "Friday": not topics
    if words[0].lower() in {"a", "an", "whether", "if", "how", "what", "why", "when", "who"}:
        return None  # "how is a summary going?" does not work
    if len(content) == 1 and (len(content[0]) < 5 or content[0][:1].isupper()):
        return None  # "Marco", "team": not a topic
    if words[0].lower() not in DETERMINERS and _needs_article(words):
        words.insert(0, "the")  # "vendor contract" reads as "the vendor contract"
    phrase = " ".join(words).strip(" '\"")
    if re.search(r"[\"“”]", phrase) or re.search(r"\d{3,}", phrase):
        return None
    return phrase


# Nouns that read naturally without "the": "How is hiring going?", "How is research going?"
MASS = frozenset(
    """feedback research support security compliance finance marketing tooling infrastructure
    documentation training legal sales design data analytics budgeting strategy progress work
    travel leave headcount revenue growth onboarding""".split()
)


def _needs_article(words: list[str]) -> bool:
    """A bare singular noun phrase takes 'the' ('copy for the pricing page', 'vendor contract');
    plurals, -ing words and mass nouns do not ('vendor contracts', 'hiring', 'research')."""
    if re.search(r"\s(?:for|of|on) ", " ".join(words)):
        return True
    head = re.split(r"\s(?:with|at|from|in|about)\s", " ".join(words))[0].split()[-1].lower()
    plural = head.endswith("s") and not head.endswith(("ss", "us", "is"))
    return not (plural or head.endswith("ing") or head in MASS or head[:1].isdigit())


def _from_object(text: str) -> str:
    """Skip a leading verb or adjective to its object: 'team launched the new design system'
    and 'happy with the new setup' become 'the new design system' and 'the new setup'."""
    words = text.split()
    if not words or words[0].lower() in DETERMINERS:
        return text
    for i, word in enumerate(words[:3]):
        low = word.lower()
        follows = words[i + 1].lower() if i + 1 < len(words) else ""
        is_verb = (
            low.endswith("ed")
            or low in IRREGULAR
            or FINITE.match(low) is not None
            or (i == 0 and (low.endswith("ing") or (low.endswith("s") and follows in OBJECTS)))
        )
        if low in PREPOSITIONS and i + 1 < len(words) and words[i + 1].lower() in DETERMINERS:
            return " ".join(words[i + 1 :])
        if i > 0 and AUXILIARY.match(low):
            return " ".join(words[:i])  # "late invoices will skew it": the subject is the topic
        if is_verb and (i == 0 or words[0].lower() not in DETERMINERS):
            rest = " ".join(words[i + 1 :])
            rest = re.sub(r"^(?:me|us|him|her|them|you|it)\b\s*", "", rest, flags=re.I)
            return AUX.sub("", PARTICLE.sub("", rest))
    return text


def first_topic(notes: list[str], name: str, pattern: re.Pattern[str] | None = None) -> str | None:
    """The topic of the first clause (newest note first) that matches `pattern`, if any;
    clauses that name the person come before the others."""
    first_name = name.split()[0] if name else ""
    for note in notes:
        parts = clauses(note)
        if first_name:
            named = [c for c in parts if re.search(rf"\b{re.escape(first_name)}\b", c, re.I)]
            parts = named or parts
        for clause in parts:
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
    worry = re.match(
        r"(?:worr\w*|concern\w*|struggl\w*|stress\w*)\s+(?:(?:about|over|with|that)\s+)+",
        clause[match.start() :] if match else "",
        re.I,
    )
    if match and worry:
        # "worries that late invoices will skew…" is about the invoices, not "worries"
        return clause[match.start() + worry.end() :]
    if match and match.start() > 0:
        tail = clause[match.start() :]
        head = clause[: match.start()]
        # "The Acme renewal closed" keeps its subject; "Marco closed the renewal" does not.
        if len(tail.split()) <= 2 and head.strip():
            return head
        return tail
    return clause
