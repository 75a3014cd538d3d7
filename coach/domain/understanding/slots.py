"""Slot filling for chat requests: setting, feedback depth and topic, who-next filter, log details.

Pure functions of the text (and today's date where a day is meant); no model, no store.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

# --- openers: where the conversation happens ------------------------------------------------

CHANCE = re.compile(
    r"\b(bump\w* into|run\w* into|ran into|hallway|corridor|elevator|lift|coffee machine|"
    r"kitchen|water cooler|in passing|all[- ]hands|town ?hall|offsite|conference|party|"
    r"happy hour|cross paths|by chance|(?:see|spot|meet) (?:him|her|them) (?:at|in)|"
    r"\d+ seconds|when i see)\b",
    re.I,
)
MESSAGE = re.compile(
    r"\b(message|msg|e-?mail|mail|slack|dm|text|note|write|draft|ping|linkedin|teams|"
    r"whatsapp|reply|written)\b",
    re.I,
)
LUNCH = re.compile(r"\b(lunch|coffee|dinner|breakfast|meal|drinks?|beers?|tea|brunch)\b", re.I)
MEETING = re.compile(
    r"\b(1:1|1-1|1on1|one[- ]on[- ]one|sync|call|meeting|stand-?up|check-?in|zoom|interview|"
    r"catch-?up|session|workshop|huddle|committee|board|review|standup|kick-?off|kicks off|"
    r"retro|debrief|rounds)\b",
    re.I,
)
SETTINGS = (
    (CHANCE, "chance encounter"),
    (MESSAGE, "message"),
    (LUNCH, "lunch"),
    (MEETING, "meeting start"),
)


def setting_of(text: str) -> str | None:
    """The opener context a request implies, or None when it says nothing about it."""
    return next((name for rx, name in SETTINGS if rx.search(text)), None)


# --- feedback: how deep and about what --------------------------------------------------------

NOT_QUICK = re.compile(
    r"\bnot (?:just )?(?:a |an )?(?:quick|drive-?by|thumbs[- ]up|rubber[- ]stamp|skim)", re.I
)
DEEP = re.compile(
    r"\b(in[- ]depth|deep[- ]?dive|deep|detailed|thorough\w*|tear (?:it|this|them) apart|"
    r"rip (?:it|this) apart|critique|sit[- ]?down|line by line|proper review|full review|"
    r"poke holes|no holding back|brutal\w*)\b",
    re.I,
)
FRANK = re.compile(
    r"\b(honest\w*|candid\w*|really thinks?|frank\w*|blunt\w*|real (?:stuff|talk|feedback)|"
    r"no sugar\w*|straight|unfiltered)\b",
    re.I,
)
QUICK = re.compile(
    r"\b(quick\w*|gut[- ]?check|gut reaction|sanity check|\d+ ?min\w*|two minutes|"
    r"five minutes|brief\w*|short|nothing heavy|glance|bounce|drive-?by|thumbs[- ]up|"
    r"high[- ]level|skim|light ?touch|fast)\b",
    re.I,
)


def depth_of(text: str) -> str | None:
    """'quick' or 'deep' when the request implies one, else None (the engine picks)."""
    if NOT_QUICK.search(text) or DEEP.search(text):
        return "deep"
    if QUICK.search(text):
        return "quick"
    return "deep" if FRANK.search(text) else None


ASK_WORDS = (
    r"feedback|input|thoughts|take|opinion|views?|review|critique|eyes|look|gut[- ]?check|"
    r"comments?|reaction|perspective|sanity check|read|pass|notes|advice|verdict"
)
TOPIC_PATTERNS = (
    re.compile(
        rf"\b(?:{ASK_WORDS})\b(?:\s+from\s+\S+(?:\s+\S+)?)?\s+(?:on|about|of|regarding|re|for|"
        rf"over|at)\s+(?P<t>.+)",
        re.I,
    ),
    re.compile(
        r"\bwhat (?:she|he|they|\w+) (?:really |honestly )?thinks? (?:about|of) (?P<t>.+)", re.I
    ),
    re.compile(
        r"\b(?:review|look over|go over|look at|critique|read)\s+(?P<t>(?:my|our|the)\s.+)", re.I
    ),
    re.compile(r"\b(?:tell me|know) (?P<t>how (?:i|my|the|our) .+)", re.I),
    re.compile(r"\b(?:on|about|regarding)\s+(?P<t>(?:my|our|the|this|how)\b.+)", re.I),
)
TOPIC_END = re.compile(
    r"\s+[-–—]\s+|\s*[.?!;(,:]|\s*\.\.\.|\s+(?:before|by|so that|so|because|since|but|just|"
    r"like|asap|this week|next week|tomorrow|today|tonight|please|pls|and (?:how|what|i)|"
    r"how do|how should|how can|what's the|not a)\b",
    re.I,
)


def topic_of(text: str) -> str | None:
    """What the feedback is about: 'my budget forecast deck', or None if it does not say."""
    for pattern in TOPIC_PATTERNS:
        match = pattern.search(text)
        if match:
            topic = TOPIC_END.split(match.group("t"), maxsplit=1)[0].strip(" '\"")
            topic = re.sub(r"^(?:my|our)\s+", lambda m: m.group(0).lower(), topic)
            if len(topic.split()) >= 1 and len(topic) >= 3:
                return topic[:120]
    return None


# --- who next: which peers to rank ------------------------------------------------------------

NEVER_MET = re.compile(
    r"\b(never (?:\w+ )?(?:met|spoken|talked|contacted|reached out|interacted|been in touch)|"
    r"haven'?t (?:ever |yet )?met|never had (?:a |any )?(?:\w+ )?(?:conversation|chat|talk|1:1)|"
    r"not (?:yet )?met|introduce myself|introductions?|"
    r"get to know|don'?t (?:really )?know (?:yet|at all)|strangers?|first contact|"
    r"(?:new|fresh) (?:faces|connections))\b",
    re.I,
)
OVERDUE = re.compile(
    r"\b(overdue|neglect\w*|lost touch|losing touch|out of touch|drift\w*|ignor\w*|fad(?:e|ing)|"
    r"let(?:ting)? (?:\w+ )?(?:slide|slip|fade|lapse)|going cold|cooling|"
    r"(?:haven'?t|have not|not|didn'?t) (?:\w+ ){0,2}(?:talked|spoken|seen|caught up|contacted|"
    r"reached out|pinged|heard)\w*(?: \w+){0,4} (?:in|for) (?:a )?(?:while|long|ages|weeks|"
    r"months|forever|too long|way too long)|in (?:a while|ages|forever|too long|way too long)|"
    r"been (?:a while|ages|too long|forever)|fall\w* behind|behind on|slipp\w* through|"
    r"due (?:for )?a (?:catch-?up|check-?in)|past due|forg[oe]t\w*|off my radar|"
    r"gone (?:cold|quiet)|late (?:on|with)|cadence)\b",
    re.I,
)
FOCUS = re.compile(
    r"\b(focus (?:list|peers|people|group|ones)|my focus|on focus|priority list)\b", re.I
)
WEAK = re.compile(
    r"\b(weak\w*|not (?:very )?strong|shaky|fragile|strengthen|thin|cold relationships|looser?|"
    r"lukewarm|tepid|cool(?:ed|ing)? off|warm (?:\w+ )?up|"
    r"(?:only|barely|hardly) (?:kinda |kind of |sort of |really )?know|"
    r"need(?:s)? (?:the most )?work)\b",
    re.I,
)


def who_filter(text: str, teams: list[str]) -> str | None:
    """'team:<Team>', 'never_met', 'overdue', 'focus' or 'weak', or None for the plain ranking."""
    if teams:
        return f"team:{teams[0]}"
    if NEVER_MET.search(text):
        return "never_met"
    if OVERDUE.search(text):
        return "overdue"
    if FOCUS.search(text):
        return "focus"
    if WEAK.search(text):
        return "weak"
    return None


# --- logging an interaction -------------------------------------------------------------------

KINDS = (
    (re.compile(r"\b(feedback)\b", re.I), "feedback"),
    (re.compile(r"\b(helped|did (?:him|her|them) a favou?r|favou?r)\b", re.I), "favour"),
    (
        re.compile(
            r"\b(ran into|bump\w* into|run into|elevator|lift|hallway|corridor|kitchen|"
            r"in passing|stopped by|desk)\b",
            re.I,
        ),
        "chance encounter",
    ),
    (LUNCH, "lunch/coffee"),
    (
        re.compile(
            r"\b(slack\w*|ping\w*|messag\w*|e-?mail\w*|text\w*|dm'?d?|sent|replied|wrote)\b", re.I
        ),
        "message",
    ),
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def log_kind(text: str) -> str:
    """The interaction kind a 'had coffee with…' message describes; a meeting by default."""
    return next((kind for rx, kind in KINDS if rx.search(text)), "meeting")


def past_day(text: str, today: date) -> date:
    """The day a past interaction happened: 'yesterday', 'on Tuesday', '3 days ago', else today."""
    low = text.casefold()
    if re.search(r"\b(yesterday|last night)\b", low):
        return today - timedelta(days=1)
    ago = re.search(r"\b(\d+|two|three|four|five|six) days? ago\b", low)
    if ago:
        words = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
        return today - timedelta(days=int(words.get(ago.group(1), ago.group(1) or 0)))
    if re.search(r"\blast week\b", low):
        return today - timedelta(days=7)
    if re.search(r"\b(today|this morning|this afternoon|earlier|just)\b", low):
        return today
    for i, day in enumerate(WEEKDAYS):
        short = rf"{day[:3]}(?:{day[3:]})?" if i < 5 else day  # "sat", "sun" are words
        if re.search(rf"\b(?:{short}|{day[:4]})\b", low):
            back = (today.weekday() - i) % 7 or 7
            return today - timedelta(days=back)
    return today
