"""Phrases that reliably signal what a chat message asks for, one pattern per cue.

Used by coach/understand.py next to the semantic scores; each pattern is general language
("feedback on", "plan my week", "ran into"), never a copy of a test phrase.
"""

from __future__ import annotations

import re

WHO_Q = re.compile(
    r"(?:^|[.?!,;:\-–—]\s*|\b(?:so|and|but|then|me|know|decide|figure out|suggest|wondering|"
    r"tell me|i)\s+)(?:who|whom)(?:'?s|se| is| am| do| should| could| can| would| have| has|"
    r" haven'?t| needs?| did| else| to| havent| might| ought)?\b",
    re.I,
)
# "who should…", "who have I…": asks for a name (unlike "who is responsible for…").
WHO_ASKS = re.compile(
    r"\bwho(?:m)?(?: should| do| could| can| would| have| haven'?t| havent| needs?| did| else|"
    r" to| might| ought| am| first)\b|\bwhos next\b|\bwho'?s next\b",
    re.I,
)
WHO_OTHER = re.compile(
    r"\b(anyone|anybody|someone|somebody|one name|a name|next (?:person|one|name)|"
    r"person to (?:ping|contact|call|message|see|meet)|(?:which|any|what) (?:of my |other )?"
    r"(?:\w+ )?(?:colleagues?|peers?|people|person|relationships?|contacts?|folks|connections?|"
    r"ones|coworkers?|ties))\b",
    re.I,
)
WHO_VERBS = re.compile(
    r"\b(reach(?:ing)? out|talk|speak|contact|catch(?:ing)? up|connect|meet|see|ping|call|"
    r"coffee|lunch|spend|invest|prioriti[sz]e|focus|neglect\w*|overdue|lost touch|next|"
    r"introduce|get to know|check(?:ing)? in|work on|start with|message|touch base|hang out|"
    r"never|haven'?t|conversation|reconnect|nudge|attention|hear from|follow up|time with|"
    r"network|first|warm(?:ing)? (?:\w+ )?up|(?:energy|effort|time) into|worth (?:investing|it)|"
    r"rekindle|revive|nurture)",
    re.I,
)
# "…my weaker connections. where do I start?": which of them to begin with is a name.
WHERE_START = re.compile(
    r"\bwhere (?:do|should|would|can) i (?:even |best )?(?:start|begin)\b"
    r"|\bwho (?:do|should) i start with\b",
    re.I,
)
PEOPLE_WORDS = re.compile(
    r"\b(?:connections|relationships|contacts|peers|colleagues|coworkers|people|network|ties)\b",
    re.I,
)
OPENER_CUE = re.compile(
    r"\b(openers?|opening line|ice ?breakers?|break the ice|conversation starters?|talking points|"
    r"small talk|what (?:should|do|can|could|would) i (?:say|bring up|talk about|ask|open with|"
    r"write|send|chat about|mention)|how (?:do|should|can|could|would) i (?:start|open|approach|"
    r"kick|begin|reach out|reconnect|say hi|say hello|break|introduce myself)|"
    r"start (?:a|the) conversation|what to (?:say|talk about|bring up|ask)|"
    r"(?:draft|write|compose|send)(?: me)? (?:a |an )?(?:\w+ ){0,2}(?:message|note|email|dm|"
    r"slack|text|intro|hello|ping)|first message|say (?:hi|hello)|reconnect|"
    r"what do we talk about|things to (?:say|talk about)|topics?)\b",
    re.I,
)
FEEDBACK_CUE = re.compile(
    r"\b(feedback|input|thoughts on|take on|opinion|critique|review (?:of )?(?:my|our)|"
    r"(?:a|to|deep-dive|detailed|proper|quick) review|gut[- ]?check|look over|read on|"
    r"(?:a|quick|her|his|their) read from|"
    r"(?:quick|second) check|check (?:from|on my)|look at my|eyes over|"
    r"eyes on|what (?:she|he|they|\w+) (?:really |honestly )?thinks|poke holes|tear it apart|"
    r"how i come across|sanity check|comments on|reaction|react to|weigh in|sign off|debrief|"
    r"how i (?:did|handled|came across|performed|ran|led|presented|dealt with|managed)|"
    r"tell me how|how (?:the|my|it|our) [\w ]{0,40}(?:went|landed|came across)|"
    r"what (?:she|he|they) thought)\b",
    re.I,
)
GIVING_FEEDBACK = re.compile(
    r"\b(give|giving|deliver\w*|provide|share|gives|gave)\s+(?!me\b|us\b)(?:\w+\s+){0,3}"
    r"feedback\b",
    re.I,
)
PLAN_CUE = re.compile(
    r"\b(plan (?:out )?(?:my|the|this|next|for (?:the|this|next)) (?:week|few days|days ahead)|"
    r"weekly plan|game ?plan|plan for the week|help me plan\W*$|plan (?:it|things) out|"
    r"(?:this|next|the coming|the) week\b.{0,80}\b(?:look like|prioriti[sz]e|focus|on deck|"
    r"to-?do|plan|schedule|organi[sz]e|map)|(?:look like|prioriti[sz]e|on deck|map out|plan)\b"
    r".{0,40}\b(?:this|next|the coming|my|the) week|next few days|the week ahead|"
    r"(?:networking|relationship|people|outreach|connection|peer)s? plan|"
    r"plan for the (?:next|coming) (?:\d+|few|couple of|two|three|five) (?:days|weeks)|"
    r"(?:hours?|minutes|time|slots?)\b.{0,30}\b(?:free|spare|available|to spend)\b.{0,40}\b"
    r"(?:this|next) week)\b",
    re.I,
)
LOG_CUE = re.compile(
    r"(?:^\s*log\b|\blog (?:this|that|it|a|an|my)\b|\b(?:had|grabbed|got|went for|did|finished)\s+"
    r"(?:a\s+|an\s+|some\s+|our\s+)?(?:\w+\s+)?(?:coffee|lunch|dinner|drinks?|call|chat|1:1|"
    r"meeting|sync|walk|breakfast|catch-?up)|\b(?:ran|bumped) into|\b(?:caught up|met|talked|"
    r"spoke|chatted|paired|pairing|spent|sent|emailed|messaged|pinged|called|texted|replied|"
    r"told me|mentioned|went back and forth|grabbed|got off|discussed|agreed|helped|slacked|"
    r"dm'?e?d|wrote|reached out|got back|responded|shared|showed|asked me|invited me|thanked|"
    r"congratulated)\b|"
    r"\b(?:dropped|stopped|came|swung|popped) by\b|\bjust (?:had|got|finished|wrapped|left)\b)",
    re.I,
)
# "she's worried about…", "he said…": a report of what happened, not a request.
REPORT = re.compile(
    r"\b(?:he|she|they)(?:'s|'re| is| are| was| were| said| says| mentioned| told| asked| seemed|"
    r" seems| thinks| wants| needs| just| has| had)\b|\bsounds?\b|\bseem(?:s|ed)\b|"
    r"\b(?:yesterday|last night|this morning|"
    r"earlier today|earlier)\b",
    re.I,
)
NEGATED = re.compile(
    r"\b(?:never|haven'?t|have not|not|didn'?t|did not|yet to)\s+(?:\w+\s+)?(?:met|talked|"
    r"spoken|spoke|emailed|messaged|called|had)\b",
    re.I,
)
STORY = re.compile(
    r"\b(?:a|my|one|this|some|our|the)\s+(?:[\w-]+\s+){0,2}(?:colleague|coworker|co-worker|peer|"
    r"teammate|team ?mate|manager|boss|guy|girl|woman|man|person|engineer|designer|lead|"
    r"senior|junior|director|report|stakeholder|someone|somebody|folks?)s?,?\s+(?:[\w]+,?\s+)?"
    r"(?:who|that|which|keeps|always|never)\b|\bthere'?s (?:this|a|someone|somebody)\b|"
    r"\bsomeone (?:who|that|in|on|from)\b.{0,60}\b(?:keeps|always|never|won'?t|doesn'?t)\b|"
    r"\bkeeps? \w+ing\b|\b(?:doesn'?t|won'?t|never) (?:want|reply|replies|respond|listen|"
    r"share|help)\b",
    re.I,
)
# "Should I call him on it or let it go?", "who do I talk to first, him or my boss?": a choice
# between two courses asks for judgement, not for a name from the map.
DILEMMA = re.compile(
    r"\b(?:should|do|would|can) (?:i|we) [^.?!]{2,80}?\bor\b[^.?!]{1,80}\?"
    r"|\bwho\b[^.?!]{0,60},\s*[^.?!,]{1,40}\bor\b[^.?!]{1,40}\?",
    re.I,
)
# "help me with someone at work": somebody, but neither who nor what help.
UNNAMED_HELP = re.compile(
    r"\bhelp (?:me )?(?:out )?with (?:someone|somebody|a (?:colleague|coworker|co-worker|peer|"
    r"person|teammate)|a (?:work|people) (?:thing|situation|problem))\b",
    re.I,
)
# "What is Priya worried about?", "when did I last see Marco?": a question the notes answer.
ABOUT_THEM = re.compile(
    r"\b(?:worried|worries|concerned|said|say about|mentioned|told me|think(?:s|ing)?|working on|"
    r"up to|last (?:talk|talked|spoke|speak|saw|met|see|meet)|remember|care about|interested in|"
    r"into|struggling|stressed|busy with|like)\b",
    re.I,
)


# A question word first, but not a follow-up ("what about Kenji?"): "what is…", "did Marco…".
WH_START = re.compile(
    r"\s*(?!what about)(?:what|when|where|why|how|who|which|did|does|do|is|was|has)\b", re.I
)


def asks_about_them(text: str) -> bool:
    """'What is Priya worried about?', 'what did Marco say about pricing?': a short question that
    the notes about a person answer, rather than the guidance or an engine."""
    words = re.findall(r"[\w']+", text)
    return (
        len(words) <= 12
        and bool(WH_START.match(text))
        and not re.match(r"\s*how (?:do|can|could|should|would) i\b", text, re.I)
        and bool(ABOUT_THEM.search(text))
    )


# "…and how do I catch up without…": a question about method, in any sentence.
HOW_Q = re.compile(
    r"(?:^|[.?!,;]\s*|\band\s+)how (?:do|can|could|should|would) (?:i|we|one)\b", re.I
)
# A question in any sentence, not only the first: "…the doc I wrote. how do i ask"
QUESTION = re.compile(
    r"\?|(?:^|[.!\n]\s*)(?:how|what|who|which|when|where|why|should|can|could|is|any|do|does)\b",
    re.I,
)
# An unnamed someone the message talks about: a person in a story, not a peer to pick.
THIRD_PERSON = re.compile(r"\b(?:he|she|him|her|his|hers|he's|she's|he'd|she'd)\b", re.I)


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text.strip()) if s.strip()]


def the_ask(text: str) -> str:
    """The part of a long message that asks: its questions and its last sentence. The story
    before it ('hours went by without talking to anyone') is context, not the request."""
    parts = sentences(text)
    if len(parts) <= 2:
        return text
    asked = [p for p in parts[:-1] if p.rstrip().endswith("?")]
    return " ".join([*asked, parts[-1]])


def narrates(text: str) -> bool:
    """A story told before the question: several sentences about someone, in the writer's
    own words ('I started…', 'she ignored…'). Requests for a name are short and direct."""
    words = re.findall(r"[\w']+", text)
    if len(sentences(text)) < 3 or len(words) < 30:
        return False
    return bool(THIRD_PERSON.search(text)) or len(words) >= 45


ADVICE = re.compile(
    r"\b(how do (?:i|you) (?:handle|deal|cope|recover|network|build|give|say no|stop|get better|"
    r"stay|make|repair|fix|respond|react|apologi[sz]e)|what do (?:i|you) do (?:when|if)|"
    r"should i (?:bring it up|let it go|confront|escalate)|any (?:tips|advice)|tips (?:for|on)|"
    r"advice (?:on|for|about)|is it (?:weird|ok|okay|normal|awkward|rude|bad)|how often|how much|"
    r"in general|when you join|best way to (?:handle|deal)|without (?:it )?(?:feeling|being|"
    r"sounding)|how do you|how does one|what if|how do i (?:choose|pick|decide|know|tell|"
    r"balance|avoid)|who do you|who should (?:a|an|one|someone|new)\b|"
    r"when (?:\w+ ){0,2}(?:peers?|colleagues?|coworkers?|teammates?|people|someone|somebody|"
    r"manager|boss)\b|(?:who|where) (?:should|do|can|could) i (?:go|turn|escalate)|a good idea|"
    r"good practice|worth it|make sense|wants me to|i hate|i dread|nervous|etiquette|"
    r"(?:right|best|polite|proper|appropriate) way to|is there a (?:good|right|polite) way|"
    r"anxious|scared|afraid|uncomfortable|frustrat\w*|annoy\w*|upset)\b",
    re.I,
)
CONFIRM = re.compile(
    r"^\s*(?:yes|yep|yeah|y|sure|ok|okay|please do|do it|go ahead|confirm|correct|log it|"
    r"save it|save|yes please|please|sounds good)(?:[,! ]+(?:please|log it|save it|do it|"
    r"thanks?|go ahead))*\s*[.!]*\s*$",
    re.I,
)
FOLLOW_UP = re.compile(
    r"^\s*(?:and|what about|how about|same (?:for|with)|now|ok(?:ay)?,? (?:and|now|what about)|"
    r"also|then|for)\b",
    re.I,
)
SHORTER = re.compile(
    r"\b(make (?:it|them|that) (?:shorter|brief\w*|quicker|punchier|more concise|less wordy)|"
    r"shorter|shorten|too long|more concise|tl;?dr|trim (?:it|that))\b",
    re.I,
)
BULLET = re.compile(r"^\s*(?:[-*•·–>]|\d{1,2}[.)]|\[.?\])\s*\S")
LABEL_LINE = re.compile(r"^\s*[\w@&/' ]{1,32}?\s*(?::|\s[-–—]|→)\s*\S")
# A line of notes that records a commitment or a change of date.
COMMIT_LINE = re.compile(
    r"\b(?:will|'ll|needs? to|agreed|going to|to (?:do|send|draft|check|test|review|book|share)|"
    r"by (?:mon|tue|wed|thu|fri|next|end|mid|eod|eow|the|\d)\w*|next week|pushed|signs? off|"
    r"owner|due|loop (?:him|her|them) in|follow up)\b",
    re.I,
)
# "something about Priya, not sure what I need": a person, but no idea yet of the help.
UNSURE = re.compile(
    r"\b(?:not sure what (?:i|to)|no idea what (?:i|to)|don'?t know what (?:i|to) (?:need|want|"
    r"ask|do)|something about|stuff (?:about|with))\b",
    re.I,
)
NOTES_HEADER = re.compile(
    r"\b(?:attendees|present|agenda|action items?|minutes|next steps|decisions?|owners?)\s*:",
    re.I,
)
NOTES_WORDS = re.compile(
    r"\b(attendees|present|agenda|action items?|actions?|todo|to-do|next steps?|decisions?|"
    r"follow[- ]?ups?|owners?|notes|minutes|recap|ai|blockers?|risks?)\b",
    re.I,
)
NOTES_INTRO = re.compile(
    r"^\s*(?:here (?:are|is) (?:my|the|some)\s+(?:meeting\s+)?notes|(?:my\s+)?(?:meeting\s+)?"
    r"notes (?:from|of|for)\b|meeting notes\s*:|notes\s*:|pasting (?:the |my )?notes)",
    re.I,
)
# "What could I offer Priya?": what to give, not what to say.
OFFER = re.compile(
    r"\bwhat (?:could|can|should|might) i (?:offer|give|do for)\b|\bhow (?:can|could) i help\b",
    re.I,
)
