"""The grammar of action items: owner markers, owner positions, promise phrasings, and the
Owners helper that turns the words in an owner slot into a person the name matcher knows."""

from __future__ import annotations

import re

from coach.domain.meeting_model import ME
from coach.domain.names import EVERYDAY, LEADING, PARTICLES, THING, NameMatcher, fold, is_given_name

# a name's later words are capitalised (or particles): "John will attempt" is John
NAME = (
    r"@?[^\W\d_][\w.'’-]*"
    r"(?:\s+(?:(?![a-z])[^\W\d_][\w.'’-]*|van|von|de|der|da|di|del|la|le|du)){0,3}"
)
NAMES = rf"{NAME}(?:\s*(?:,|&|\+|/|\band\b)\s*{NAME})*"
ACTION_SECTION = re.compile(
    r"\b(?:actions?|action items?|action points?|todos?|to-?dos?|to do|next steps?|"
    r"(?:initial|first|immediate) steps|"
    r"follow[- ]?ups?|tasks?|assignments?|takeaways?|homework|open items)\b|"
    r"^\W*ais?(?:\s+items?)?\W*$",  # "AIs:", but not "AI workflows"
    re.I,
)
LEAD_IN = re.compile(  # "Matthew will:" or "We need to:" heading a list of what follows
    rf"^\W*(?P<o>{NAMES}|we|everyone|all)\s+(?:will|to|shall|should|must|needs? to|has to|have to|"
    r"agreed to|volunteered to|is going to|are going to|(?:is|are) to)\s*:?\W*$",
    re.I,
)
HEAD = (
    r"(?:#action\b|#todo\b|action\s*(?:items?|points?)|action\(s\)|actions?|todos?|to-?dos?|"
    r"ai|a\.i\.|"
    r"assigned\s+to|"
    r"follow[- ]?ups?(?=\s*:)|next steps?(?=\s*:))"
)
MARKER = re.compile(
    rf"^\W{{0,3}}\[?\s*{HEAD}\s*\]?\W{{0,2}}"
    rf"(?:\s+for\s+(?P<o1>{NAMES})|\s*\(\s*(?P<o2>{NAMES})\s*\)|\s+(?P<o3>{NAMES})(?=\s*[:\-–]))?"
    r"\s*(?P<sep>[:\-–\]]|(?<=#action)\s|(?<=#todo)\s)\s*",
    re.I,
)
END_TAG = re.compile(  # "… today! [ACTION] sam", "Discuss the timeline (Action: Tom)"
    rf"\s*[\[(]?\b(?:(?i:action|todo)|AI)\b\]?\s*:?\s*(?P<o>{NAMES})\s*\)?\s*\.?$"
)
ARROW_OWNER = re.compile(rf"\s+(?:->|→|=>)\s*(?P<o>{NAMES})\s*\.?$")  # "Update the doc -> Ana"
TAIL_OWNER = re.compile(
    rf"(?:\s+[-–—]+\s*|\s*\(\s*(?:owner:?\s*|assignee:?\s*|@)?|\s*\[\s*|\s+(?=@)|\s+by\s+(?=@)|"
    r"[.;,]?\s+(?:owners?|assignees?|assigned to)\s*:\s*)"  # "Prepare slides. Owner: Lucia"
    rf"(?P<o>{NAMES})\s*(?:[,;]\s*[^()\[\]]{{1,30}})?[)\]]?\s*\.?$",  # "(Lucia, 3/15)"
    re.I,
)
NAME_VERB = re.compile(rf"^(?P<o>{NAME})\s+(?P<verb>[a-z]+)\b")  # "Lucia prepare the slides"
VERB_AFTER_TO = (
    r"(?!(?:the|a|an|this|that|these|those|his|her|their|our|my|your|its|be|me|us|them|him|"
    r"it|date|now)\b)[a-z]"
)
OWNER_FIRST = re.compile(  # "Tom to …", "Ana will …", "Tom (Acme) will …", "Ana: …"
    rf"^(?P<o>{NAMES})(?:\s*\([^()]{{1,30}}\))?\s*(?:(?P<colon>[:\-–—]|->|→)\s+|\s+(?=(?:to\s+{VERB_AFTER_TO}|will\b|shall\b|"
    r"should\b|must\b|needs? to\b|is going to\b|agreed to\b|volunteered to\b|offered to\b|"
    r"ha(?:s|ve) to\b|is to\b|(?:takes?|took|has taken)\s+(?:the|an|this|that)\s+action\b|"
    r"is (?:tasked with|responsible for|in charge of)\b|(?:was|has been|is) (?:assigned|tasked)\b|"
    r"(?:has|have|took|takes?|gets?|got) (?:an|the|this|that) action\b|"
    r"takes?\b|owns?\b|owes?\b|promised\b|can\b|plans? to\b|vowed to\b|intends? to\b|"
    r"would like to\b|wants? to\b|is (?:going|planning) to\b|has agreed to\b|plans? on\b|"
    r"(?:is|are) (?:taking|picking up) (?:the lead|care|ownership|charge|point)\b|"
    r"volunteered\b(?! (?:that|as)\b)|undertook to\b|committed to\b|"
    # minutes in the past tense: "Ravi would circulate it", "Ravi was asked to …"
    r"would\b(?!\s+(?:like|prefer|love|be|have|not|rather|say|argue|agree|suggest)\b)|"
    r"(?:was|were|has been|have been) asked to\b|agreed that (?:he|she|they) would\b|"
    r"\w+ly (?:agreed|offered|volunteered) to\b))|(?=['’]ll\b))"
)
# Labels whose content is a decision, a worry or a win: a named person's task there is still
# theirs ("Decision: Gary to adjust it"), but "we will use Postgres" promises nothing new.
NOT_TASK_LABEL = re.compile(
    r"^\W*(?:decisions?|decided|resolved|resolution|agreed|agreement|consensus|outcome|"
    r"conclusion|risks?|concerns?|worries|worry|blockers?|issues?|wins?|kudos|shout-?outs?|"
    r"highlights?|fyi|notes?|context|background)\W*$",
    re.I,
)
WORRY = re.compile(  # "Priya is worried we will slip": a risk to pass on, not a group promise
    r"\b(?:worried|worries|concerned|afraid|nervous|anxious|fear|fears|at risk|risk is)\b", re.I
)
OWNER_LABEL = re.compile(
    r"^(?:owners?|assignees?|assigned to|who|responsible|dri|poc|lead|point person|champion|"
    r"holding the token|token holder)$",
    re.I,
)
ME_FORM = re.compile(
    r"\b(?:i['’]ll|i will|i['’]m going to|i am going to|i (?:just |also )?need to|i must|i owe|"
    r"i promised|i['’]d like to|i can|i['’]m gonna|i plan to|i['’]m planning to|"
    r"(?:i['’]m |i am )?happy to (?=take|do|help|review|look|write|draft|send|check|own|lead)|"
    r"let me (?=check|look|follow|find out|ask|get back|take|write|draft|send|ping|reach out|"
    r"dig|investigate|review|update|fix|open|file)|^\W*(?:sure|ok|okay|yes|yep)?\W*will do)\b",
    re.I,
)
SPEAKER_WILL = re.compile(  # "Yanmei: Will organize interop testing" is Yanmei's promise
    r"(?:^|[,;:.]\s+)(?:will|(?:i\s+)?would like to|(?:i\s+)?plan to|going to)\s+"
    r"(?!be\b|not\b|still\b|have\b|say\b|mention\b|show\b|you\b|we\b)[a-z][\w-]{2,}",
    re.I,
)
# What a group does while deliberating, not a task: "we should consider", "we need to think"
DELIBERATE = (
    r"be\b|not\b|never\b|have\b|see\b|discuss\b|talk\b|also\b|probably\b|likely\b|still\b|"
    r"just\b|consider\b|reconsider\b|think\b|keep\b|feel\b|proceed\b|say\b|go back\b|know\b|"
    r"understand\b|agree\b|decide\b|wait\b|remember\b|avoid\b|focus\b|lose\b|loose\b|miss\b|"
    r"need\b|find a (?:clear )?"
    r"(?:path|way)\b|make sure\b|ensure\b|be careful\b|acknowledge\b|accept\b|allow\b|support\b"
)
GROUP_ACTION = re.compile(  # promises of the group or of nobody in particular
    r"^(?:please\s+(?!feel\b|do not\b|don['’]t\b|note\b|remember\b|be\b|keep\b|sign\b|speak\b|"
    r"unmute\b|fill out "
    r"the (?:sign|attendance)|mute\b|introduce\b|raise\b|add yourself\b|welcome\b)[a-z]+|"
    r"(?:everyone|everybody|all|folks|people)(?:\s+here)?\s+(?:should|"
    r"(?:needs?|has|have) to|to|will|must)\s+[a-z]+|we(?:\s+(?:will|need to|should|must|have to|"
    rf"are going to|plan to)|['’]ll)\s+(?:\w+ly\s+)?(?!{DELIBERATE})[a-z]+|"
    r"(?:the\s+)?next steps?\s+(?:is|are|will be)\s+to\s+[a-z]{3,}|"
    # "TC team please provide …": a request to a group
    r"(?:the\s+)?(?:[\w-]+\s+)?(?:team|group|members|everyone|all|folks)\s*,?\s+please\s+[a-z]{3,}|"
    # "We will have him present the roadmap": the group arranges for someone to act
    r"we\s+(?:will|should|need to|'ll|’ll)\s+have\s+(?:him|her|them|(?-i:[A-Z])[\w-]+)\s+[a-z]{3,}|"
    # "Need to update the docs": notes drop the subject
    r"(?:still\s+)?need(?:s)?\s+to\s+(?!be\b|know\b|see\b|discuss\b|talk\b|decide\b)[a-z]{3,}|"
    r"(?:someone|somebody)\s+(?:needs? to|should|has to|must|will)\s+[a-z]{3,}|"
    r"volunteers?\s+(?:are\s+|is\s+)?(?:needed|wanted|required|sought)\s+(?:to|for)\s+[a-z]{3,}|"
    # "The chairs will schedule an interim": a role, not a person, will act
    r"(?:(?:it was )?agreed that\s+)?(?:the\s+)?(?:chairs?|co-?chairs|editors?|secretary|"
    r"secretariat|staff|organi[sz]ers|"
    r"maintainers|authors?|wg|working group|tsc|committee|board|team|city manager|clerk|"
    r"(?:city |county )?attorney|treasurer|director)\s+(?:will|would|to|should|"
    r"needs? to|must|is to|are to)\s+(?!vote\b|meet\b|reconvene\b|convene\b|decide\b|"
    r"discuss\b|consider\b|hold\b|continue\b|be\b|not\b|have\b)[a-z]{3,}|"
    r"(?:staff|the \w+) (?:was|were|is|are) (?:directed|asked|instructed|requested|tasked) to\s+"
    r"[a-z]{3,}|[^.]*\b(?:directed|instructed|tasked|asked|requested)\s+(?:that\s+)?(?:the\s+)?"
    r"(?:staff|city manager|clerk|secretary|administration|chairs?)\s+(?:to\s+)?[a-z]{3,}|"
    r"let['’]s\s+(?!move on\b|discuss\b|talk\b|see\b|start\b|go\b|continue\b|wait\b|"
    r"begin\b|get started\b|hear\b|skip\b|take a look\b|look at\b|come back\b|keep\b|"
    r"not\b|do a\b|first\b|assume\b|agree\b|wrap\b|stop\b|focus\b|be\b)[a-z]{3,})",
    re.I,
)
GROUP_LATE = re.compile(  # "The narrative is - we should update the page"
    r"[,;]\s*please\s+(?!feel\b|note\b|do not\b|don['’]t\b|be\b|speak\b|unmute\b)[a-z]{3,}|"
    r"(?:[-–—:;,]|^(?:after|once|before|until|when|then|so|next time|going forward|for now)\b"
    rf"[^,.;]{{0,60}}?)\s*we\s+(?:should|need to|must|will)\s+(?!{DELIBERATE})"
    r"[a-z]{3,}",
    re.I,
)
PRONOUN_ACTION = re.compile(  # "She will rewrite the intro": the person named just before
    r"^(?:(?:additionally|also|then|and|so|finally|next|afterwards|in addition),?\s+)?"
    # "Once the balance is confirmed, he will …": a condition first, then the promise
    r"(?:(?:once|when|after|as soon as|if possible|if needed|after that)\b[^,;]{0,80},\s+)?"
    r"(?:he|she|they)\s+(?:will|'ll|’ll|is going to|are going to|plans? to|agreed to|"
    r"volunteered to|offered to|needs? to|has to|have to|should|promised to|intends? to)\s+"
    r"(?:be (?:ready|able) to\s+)?"
    r"(?!be\b|not\b|never\b|have been\b|probably\b|likely\b)[a-z]{2,}",
    re.I,
)
SEVERAL = re.compile(rf";\s+(?=(?:{NAME})\s+(?:to|will|should)\s)")  # "Tom to X; Ana to Y"
REPORTED = re.compile(  # "Lin said she would send a summary": Lin's promise, reported
    rf"^(?P<o>{NAME})\s+(?:said|mentioned|noted|indicated|confirmed|promised|stated|replied)\s+"
    r"(?:that\s+)?(?:he|she|they|I)(?:['’](?:d|ll)|\s+(?:would|will|(?:is|was|are|were) going to|"
    r"plans? to|can|could))\s+(?!be\b|not\b|never\b|have been\b|like\b|prefer\b)[a-z]{3,}"
)
ASKED = re.compile(  # "Carlos asked Mei to file an issue": Mei is asked, Mei acts
    rf"\b(?:asked|invited|tasked|requested|encouraged|assigned|reminded)\s+(?P<o>{NAME})\s+to\s+"
    r"(?!be\b|join\b|attend\b)(?P<verb>[a-z]{3,})\b"
)
TODO_BARE = re.compile(r"^\W{0,3}(?:TODO|FIXME|TBD)\b\s*(?=[a-z@])")  # "TODO migrate the CI"
ACTION_TO = re.compile(  # IRC: "action kim to send the agenda", "trackbot, action Tom to …"
    rf"^(?:\w+[,:]\s*)?(?:action(?:\s+items?)?|AI)\s+(?:(?:is\s+)?on\s+|for\s+)?(?P<o>{NAMES})\s+"
    r"(?=to\s+[a-z])",
    re.I,
)
TRACKBOT = re.compile(  # W3C trackbot: "Created ACTION-45 - Review the spec [on Ana Lima - due …]"
    r"\bCreated ACTION-\d+\s*[-–]\s*(?P<what>.+?)\s*\[on\s+(?P<o>[^\]\-–]+?)\s*"
    r"(?:[-–]\s*due\s+(?P<due>[^\]]+))?\]",
    re.I,
)
SUBJECTLESS = re.compile(  # "Will start on a codemod" under a person's own heading
    r"^(?:will|'ll|plans? to|planning to|going to|(?:the )?next steps? (?:is|are) to|next:|"
    r"intends? to|wants? to|needs? to)\s+(?!be\b|not\b|also be\b|have been\b)[a-z]{2,}",
    re.I,
)
UPDATES_HEADING = re.compile(
    r"\b(?:updates?|status|round ?(?:robin|table)|check-?ins?|individual|people|team)\b", re.I
)
NICK_VERB = re.compile(r"^(?P<o>@?[a-z][\w.-]{2,})\s+(?P<verb>[a-z]+)\b")  # lower-case nick
LEAD_PAREN = re.compile(rf"^\(\s*(?P<o>{NAMES})\s*\)\s*[-–—:]?\s*")  # "- (Nathan) - Summarize …"
LEAD_HANDLE = re.compile(r"^@(?P<o>[\w][\w.-]*)\s*[:,\-–]?\s+(?=[a-z])")  # "- [ ] @sam review it"
WISH_TALK = re.compile(  # "John wants to hear our thoughts": a wish in the room, not a task
    r"^\s+(?:wants?|would like|'d like|’d like)\s+to\s+(?:hear|know|see|understand|thank|mention|"
    r"note|remind|highlight|ask|say|add|emphasi[sz]e|echo|agree|discuss|talk|point|raise|"
    r"acknowledge|share (?:his|her|their|some) thoughts)\b",
    re.I,
)
IN_MEETING = re.compile(  # "So now I will share my screen": what a speaker does in the meeting
    r"\bnow\b|\b(?:share|sharing) (?:my|the|your) screen\b|^\W*(?:be|try to be)\b|"
    r"^\W*(?:show|talk|go (?:through|over)|walk (?:you )?through|explain|introduce|move on|"
    r"cover|repeat|mention|say|start|begin|present(?! \w+ at)|summari[sz]e|skip|concentrate|"
    r"ask (?:for|people|you|if|whether)|give (?:an?|the) (?:overview|update|summary|intro))\b",
    re.I,
)
SOMEBODY = re.compile(r"^(?:can|could|would)\s+(?:somebody|someone|anyone)\s+[a-z]{3,}", re.I)
THAT_OWNER = re.compile(  # "Martin recommended that Lars contact Felix"
    rf"\b(?:suggested|recommended|proposed|asked|requested|agreed)\s+(?:that\s+)?"
    rf"(?P<o>{NAME})\s+(?:should\s+|to\s+)?(?P<verb>[a-z]{{3,}})\b"
)
STATUS_LABEL = re.compile(  # progress notes under an action item, not new actions
    r"^\W*(?:(?:update|status|progress|note|comment|done|result|outcome|news)\b[^:]{0,20}:|"
    r"\d{4}-\d{2}-\d{2}\b|\(?(?:done|closed|complete[d]?|in progress|ongoing|pending)\b)",
    re.I,
)
ME_START = re.compile(r"^(?:me|myself)\s*(?:->|→|:|-|\+|to\b)|^(?:me|i)\s*(?:&|\+|and)\s", re.I)
NOT_ACTION = re.compile(
    r"^(?:will|'ll|’ll)\s+(?:be\s+(?!\w+ing\b|responsible|in charge)|not\b|have\s+been|also\s+be|"
    r"probably\b|likely\b|need\b)|^\s*(?:will|'ll)\s+be\s+(?:out|away|off|back|on\s+pto|ooo)",
    re.I,
)
FOLLOW_UP = re.compile(r"^follow[- ]?up (?:offline |separately )?with\b", re.I)
ABSENT = re.compile(r"\b(?:out|away|off|ooo|pto|on leave|on vacation|travell?ing)\b", re.I)
PAST = re.compile(r"^\s+(?:has|had|did|was|were|completed|finished|shipped|closed|merged)\b")
# Words that start an imperative action line: "Update docs to …" is not a person called Update.
EFFORT = re.compile(
    r"\s*[~≈]\s*\d+(?:\.\d+)?\s*(?:days?|weeks?|hours?|hrs?|h|d|w|pts?|points?)\W*$", re.I
)
ASKING = {"where", "what", "when", "how", "why", "who", "which", "whether", "whom", "whose"}
VERBS = set(
    "modify adjust understand learn use meet "
    "add ask book call check clean close collect confirm contact coordinate create decide "
    "define deploy discuss document draft email file find finish fix follow get give go "
    "help implement investigate invite land look make merge move open organize organise "
    "plan ping post prepare present publish push put reach read remove reply report "
    "request research resolve respond review reach run schedule send set share ship sort "
    "start submit summarize summarise sync take talk test track try update upload verify "
    "write circulate consider continue bring reschedule revisit redline estimate provide "
    "propose pull finalize finalise gather identify investigate let keep build tag land cut "
    "release complete own lead drive handle pick work e-mail email announce approve archive "
    "assign audit backport benchmark bump cancel change clarify comment communicate compare "
    "compile configure convert craft debug delete deprecate design develop enable disable "
    "edit evaluate explore extend figure forward improve include inform install integrate "
    "introduce label link list maintain measure migrate monitor notify outline pair patch "
    "pin poll port prioritize prioritise prototype raise rebase record refactor register "
    "remind rename reorganize replace reproduce rerun restart revert rewrite rework rotate "
    "scope select setup sign simplify sketch specify split standardize standardise survey "
    "switch tidy triage upgrade validate wrap chase nudge coordinate host organise recruit "
    "onboard mentor attend represent apply translate package publicize promote fund buy "
    "order renew cleanup de-duplicate dedupe close reopen merge ship cut tag retest".split()
)
GROUP = {"all", "everyone", "everybody", "team", "we", "us", "group", "tbd", "tba", "anyone"}
GROUP |= {"unassigned", "none", "nobody", "unowned", "n/a", "na", "someone", "somebody"}
GROUP |= {"tc", "sc", "tsc", "wg", "sig", "pmc", "tac", "committee", "board", "council", "chairs"}
GROUP |= {"editors", "maintainers", "staff", "core", "core team", "the team", "the group"}


class Owners:
    """Turns the words in an owner slot into a person the matcher knows (or learns)."""

    def __init__(self, matcher: NameMatcher, orgs: set[str] | None = None) -> None:
        self.matcher = matcher
        self.orgs = orgs or set()

    def one(self, words: str, slot: bool) -> str | None:
        """`slot`: the words sit where only an owner can ("ACTION BW:", "(@sam)")."""
        words = words.strip().strip("*_`\"'.,;").strip()
        if not words:
            return None
        handle = words.startswith("@")
        words = words.lstrip("@")
        key = fold(words)
        if key in {"me", "i", "myself", "mine"}:
            return ME
        if key in GROUP:
            return None
        known = self.matcher.lookup(words) or self.matcher.same_by_handle(words)
        if known is not None:
            self.matcher.add(known.label)
            return known.label
        peer = self.matcher.resolve(words, fuzzy=False)
        if peer is not None and len(words) >= 3:
            return self.matcher.add(peer.name).label
        if not self._name_like(words, slot or handle):
            return None
        return self.matcher.add(words).label

    def name_like(self, words: str, slot: bool) -> bool:
        """Could these words be a person's name (without learning them)?"""
        return self.matcher.lookup(words) is not None or self._name_like(words, slot)

    def _name_like(self, words: str, slot: bool) -> bool:
        parts = words.split()
        if not parts or len(parts) > 3 or any(fold(p) in THING | LEADING | VERBS for p in parts):
            return False
        if fold(parts[0]) in ASKING:  # "Where to go next" is a question, not a person
            return False
        if len(parts) == 1 and (fold(parts[0]) in EVERYDAY or len(parts[0]) < 2):
            return slot and parts[0].isupper()
        if (  # "Pending", "Blocked", "Earlier" are not people; "Olivier" and "Xavier" are
            len(parts) == 1
            and re.search(r"(?:ing|ed|ly|ier)$", parts[0])
            and not is_given_name(parts[0])
        ):
            return False
        if fold(parts[0]) in self.orgs:
            return False  # the organisation in the notes' title, not a person
        if len(parts) > 1 and not all(
            fold(p) in PARTICLES
            or re.fullmatch(r"[A-Z]\.?", p)
            or (p[:1].isupper() and not p.isupper())
            for p in parts
        ):
            return False  # "ACK MP" is a thing; names are Capitalised words
        if all(p[:1].isupper() for p in parts if fold(p) not in PARTICLES):
            return slot or is_given_name(parts[0]) or len(parts) > 1
        return slot and len(parts) == 1 and not re.search(r"\d{3,}", words)

    def many(self, words: str, slot: bool) -> list[str | None]:
        parts = re.split(r"\s*(?:,|&|\+|/|\band\b)\s*", words)
        if any(re.fullmatch(r"etc\.?|and so on|\.\.\.|…", p.strip(), re.I) for p in parts):
            return [None]  # "(repos, permissions, archives, etc)" lists things, not people
        return [self.one(p, slot) for p in parts if p.strip()]

    def first(self, words: str, slot: bool) -> tuple[bool, str | None]:
        """(all parts are people, the owner): the first named, or me when I am one of them."""
        found = self.many(words, slot)
        ok = bool(found) and all(f is not None for f in found)
        if not ok:
            return False, None
        return True, ME if ME in found else found[0]


def is_chatter(text: str) -> bool:
    """Status lines in an action list that promise nothing ('nothing to report this week')."""
    words = text.strip(" *_()").split()
    if len(words) <= 2 and (text.strip(" *_").isupper() or fold(" ".join(words)) in GROUP):
        return True  # "**UNASSIGNED**", "(none)": a sub-heading of a by-person list
    return bool(
        re.match(
            r"^(?:none|n/a|nothing(?: (?:new|to (?:report|talk about|discuss)))?|no (?:new )?"
            r"(?:actions?|updates?|action items?)|done|tbd)\b",
            text.strip(),
            re.I,
        )
    )


MEETBOT_STAMP = re.compile(r"\s*\(\s*[\w.|-]+,\s*\d{1,2}:\d{2}(?::\d{2})?\s*\)\s*$")


def clean(text: str) -> str:
    text = MEETBOT_STAMP.sub("", text)
    return re.sub(r"\s+", " ", text).strip(" -–—:*")
