"""Words and cues the name matchers use: what starts a sentence, what names a thing, what a
person does; given names; and the small helpers that read a name's shape."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from coach.domain.names.peers import fold

TOKEN = re.compile(r"@[\w][\w.-]*\w|@\w|[^\W\d_]\w*(?:-\w+)*(?:['’][^\W\d_]{2,}\w*)*")
PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "del", "della", "la", "le", "du"}
PARTICLES |= {"bin", "ibn", "al", "el", "ten", "ter", "dos", "das", "y"}
NOT_HANDLES = {"here", "channel", "everyone", "all", "team", "me", "mention", "mentions"}
# Words that start a sentence or a heading, never a name ("With Dana Kim" -> "Dana Kim").
LEADING = set(
    "a an the this that these those with w met meet meeting thanks thank thx cc hi hey hello "
    "dear ask asked ping tell told per by from for and or but so if when then also re fyi "
    "action actions ai todo note notes agenda attendees present next new old our my your his "
    "her their its we i you he she they it yes no ok okay please see call sync update review "
    "intro welcome congrats congratulations discussed talked everyone everybody someone "
    "somebody anyone nobody all both folks people each most many some none who what which "
    "there here others other one has have had was were is are did does do been being can "
    "could should would must may might shall will january february march april june july "
    "august september october november december jan feb mar apr jun jul aug sep sept oct "
    "nov dec monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu "
    "thur thurs fri sat sun today tomorrow yesterday tonight as".split()
)
# Words that make a capitalised phrase an organisation, a heading or a thing, not a person.
THING = set(
    "inc ltd llc gmbh corp co company foundation institute university college school "
    "committee council board group team teams working wg sig tsc tag chair chairs "
    "meeting meetings minutes notes agenda summary update updates review reviews sync call "
    "calls standup retro planning plan plans roadmap limits limit term terms election "
    "elections vote voting proposal proposals process policy policies charter report "
    "reports status project projects program programme release releases version spec "
    "specs draft drafts editor editors issue issues bug bugs pr prs repo repository api "
    "apis sdk app apps platform service services server servers cloud labs systems "
    "software technologies analytics health bank partners solutions capital media studio "
    "studios consulting network networks foundation's conference summit day days week "
    "weeks month year quarter q1 q2 q3 q4 upcoming next past previous new old open "
    "closed general other misc miscellaneous action actions items item decisions decision "
    "discussion topics topic questions question announcements news face contract renewal "
    "deal account product launch dashboard integration migration tool tools support "
    "sales marketing finance legal engineering design research security infrastructure "
    "operations ops devrel community governance steering technical documentation docs "
    "website blog newsletter office hours session sessions workshop tutorial demo "
    "street avenue road city county state department division unit center centre motion "
    "staff consensus tc sc pmc tac ctc infra tutorials models sprint sprints hackathon "
    "wgs sigs committees director directors executive president ceo cto coo cfo manager "
    "managers officer officers aim aims goal goals objective objectives purpose".split()
)
# Given names that are everyday words or month names: a capital letter alone is not enough.
EVERYDAY = set(
    "will may mark june april august grant page bill chase joy rose sky dawn ray jack frank "
    "max don ivy lane hope faith grace summer winter autumn art guy rich young long green "
    "brown gray grey white black star rock major general price case sunny angel hunter "
    "trinity eden jade amber pearl violet lily daisy holly iris olive hazel sage blaze "
    "carter taylor cooper parker walker fisher baker miller smith wright turner harper "
    "tanner gardner mason porter marshall dean atlas meta tor arch hugo travis apollo nova "
    "luna sol orion aurora venus mars stella sterling doc link min".split()
)
# The chat's list: first names that are also words people type in lower case ("will you",
# "the rain"), so a peer's first name among them is matched only with its capital. Meeting
# notes use EVERYDAY instead, which also holds surnames and stars: there a capital is common.
WORDLIKE_NAMES = frozenset(
    """will mark rose grace joy hope faith may june april summer bill pat sue rob jack frank art
    dawn eve ray max sky amber ruby pearl iris ivy lily daisy hazel violet olive sage rich guy
    chase drew lance miles chip don dean gene glen grant heath herb holly hunter jean king carol
    chance cliff crystal ford harmony kit lane lee major mason melody penny reed rocky rod sandy
    sterling stone storm wade ward win wood bob sunny august autumn river rain bear buck cash
    faith love honor justice page dot al ed""".split()
)
SPEECH = (
    r"said|says|asked|asks|mentioned|noted|suggested|suggests|proposed|"
    r"proposes|explained|reported|agreed|agrees|volunteered|offered|confirmed|confirms|"
    r"thinks|thought|wondered|replied|responded|presented|shared|raised|pointed|"
    r"clarified|commented|argued|stated|recommended|recommends|objected|seconded|"
    r"summarized|summarised|demoed|introduced|wrote|owes|promised"
)
CUE_AFTER_STRONG = re.compile(rf"^(?:\s*,)?\s+(?:{SPEECH})\b|^,\s+who\s+[a-z]")
CUE_AFTER = re.compile(
    rf"^(?:\s*,)?\s+(?:{SPEECH}|will|would|can|could|should|has|had|was|is|needs?|wants?|"
    r"got|gave|took|did|does|started|finished|shipped|launched|closed|fixed|merged|opened|"
    r"filed|sent|wrote|made|led|leads|owns|reviewed|approved|starts|started|joins|joined|left|"
    r"leaves|says)\b|^['’](?:s|ll)\b|^\s*\((?:@|[a-z])"
)
CUE_TO = re.compile(
    r"^\s+to\s+(?!(?:the|a|an|this|that|these|those|his|her|their|our|my|your|its|be|do|face|"
    r"me|us|them|him|it)\b)[a-z]{3,}"
)
CUE_BEFORE = re.compile(
    r"(?:\b(?:with|w/|thanks|thank|thx|cc:?|ask|asked|ping|tell|told|by|from|and|per|via|to|"
    r"@mention|owner:?|assignee:?|assigned to|for)\s+|[,(]\s*)$",
    re.I,
)
HONORIFIC = re.compile(
    r"^(?:mr|mrs|ms|mx|dr|prof|professor|mayor|vice mayor|deputy mayor|councilmember|"
    r"councillor|councilor|council member|commissioner|chair|chairman|chairwoman|chairperson|"
    r"vice chair|trustee|director|supervisor|alderman|alderwoman|senator|representative|"
    r"secretary|treasurer|president|clerk|judge|officer|sergeant|captain|chief)\.?$",
    re.I,
)
TEAM_AFTER = re.compile(r"\s*\(([A-Za-z][\w &/-]{1,30})\)(?!\s*:)")


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """An alias key: folded, initials without their dots ('michael b johnson')."""
    return re.sub(r"\b(\w)\.(?=\s|$)", r"\1", fold(text))


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Given names in Latin and Cyrillic letters (from Faker's lists, see the data file)."""
    path = Path(__file__).parent.parent / "data" / "first_names.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(n) for n in lines if n and not n.startswith("#"))


def is_given_name(word: str) -> bool:
    return fold(word) in first_names() and fold(word) not in EVERYDAY


def adjacent(text: str, span: list[re.Match[str]]) -> bool:
    """Words of one name: one space apart, or an initial's dot ("Michael B. Johnson")."""
    return all(
        text[a.end() : b.start()] in {" ", "\u00a0"}
        or (text[a.end() : b.start()] == ". " and len(a.group()) == 1 and a.group().isupper())
        for a, b in zip(span, span[1:], strict=False)
    )


def handle_of(handle: str, full: str) -> bool:
    """'jcorgan', 'pbrobinson', 'jonasschnelli', 'Luke-jr' as handles of a full name."""
    h = re.sub(r"[\W_\d]+", "", fold(handle))
    words = [w for w in (re.sub(r"[\W_]+", "", w) for w in fold(full).split()) if w]
    if len(words) < 2 or len(h) < 4:
        return False
    first, last = words[0], words[-1]
    if h in {first + last, last + first, first[0] + last, last + first[0], first + last[0]}:
        return True
    if h.endswith(last) and 1 <= len(h) - len(last) <= 3 and h[0] == first[0]:
        return True
    rest = h[len(first) :]
    return h.startswith(first) and len(rest) >= 2 and last.endswith(rest)


def capitalised(word: str) -> bool:
    word = word.lstrip("@")
    return word[:1].isupper() and not (word.isupper() and len(word) > 1)


def everyday_word(word: str) -> bool:
    key = fold(word)
    return key in THING or key in LEADING or key in EVERYDAY


def cue(text: str, tok: re.Match[str], strong: bool, before: re.Match[str] | None = None) -> bool:
    """Does the text treat the word at `tok` as a person ("X said", "thanks X", "X will")?"""
    after = text[tok.end() : tok.end() + 40]
    start = (before or tok).start()
    prior = text[max(0, start - 20) : start]
    if CUE_AFTER_STRONG.match(after):
        return True
    if re.search(r"\b(?:thanks|thank you|thx|cc:?)\s*$", prior, re.I):
        return True
    if strong:
        return False
    listed = re.match(r"^(?:\s*,|\s+(?:and|&))\s+[A-Z]", after)
    return bool(CUE_AFTER.match(after) or CUE_BEFORE.search(prior) or listed)
