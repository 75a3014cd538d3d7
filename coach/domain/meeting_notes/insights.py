"""What else the notes say about people: wins to celebrate, needs to help with, risks to pass
on early, my work worth feedback, and an opener per person. Rules over attributed sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from coach.domain.feedback import choose_depth
from coach.domain.meeting_model import (
    Celebrate,
    EarlyWarning,
    FeedbackToAsk,
    InfoToShare,
    MeetingAnalysis,
    PersonOpener,
)
from coach.domain.peers import PeerView

WIN = re.compile(
    r"\b(launched|shipped|closed|promoted|won|released|went live|signed|hit|"
    r"finished|completed|cut|delivered|landed|exceeded)\b|🎉",
    re.I,
)
NEED = re.compile(
    r"\b(is starting|starting|asked (?:about|whether|how|if)|looking for|"
    r"needs?|wants? to know|new to|struggling with|is worried about|worried about|"
    r"blocked on)\b",
    re.I,
)
RISK = re.compile(
    r"\b(late|delay(?:ed|s)?|slip(?:s|ped|ping)?|behind|at risk|won't make|pushed back|amber|"
    r"red|worried|concerned|concern|risk|blocked)\b",
    re.I,
)
DEPENDS = re.compile(r"\b(depend\w*|rel(?:y|ies|ying) on|waiting (?:on|for)|need\w* it)\b", re.I)
OURS = re.compile(r"\b(we|our|us|i|my)\b", re.I)
I_OR_WE = re.compile(r"^(i|we)\b", re.I)
MY_WORK = re.compile(
    r"\bmy\s+((?:growth |launch |draft |project |)(?:plan|proposal|draft|deck|"
    r"design|doc|spec|roadmap|write-?up|strategy|review))\b"
    r"|\bI(?:'m| am)\s+(?:working on|drafting|writing)\s+([^.,;]+)",
    re.I,
)
MAX_TEAM_FANOUT = 3  # "support depends on it" names a team of 250: tell a few, not all


@dataclass
class Said:
    """A sentence and who it is about: the speaker, or the person it starts with."""

    text: str
    people: list[str] = field(default_factory=list)
    subject: str | None = None
    header: bool = False  # the title line or an attendee list: not something said


def add_insights(
    result: MeetingAnalysis, said: list[Said], peers: list[PeerView], attendees: list[str]
) -> None:
    """Fill celebrate, info_to_share, early_warnings and feedback_to_ask from sentences."""
    everyone = [p.peer or p.name for p in result.people]
    for s in said:
        if s.header:
            continue
        _wins_and_needs(s, result)
        _risks(s, result, peers, attendees)
        _feedback(s, result, everyone)


def _wins_and_needs(s: Said, result: MeetingAnalysis) -> None:
    if WIN.search(s.text) and s.subject and not I_OR_WE.match(s.text):
        result.celebrate.append(Celebrate(who=s.subject, what=s.text))
    need = NEED.search(s.text)
    if need and s.people and not I_OR_WE.match(s.text):
        who = s.subject or s.people[0]
        result.info_to_share.append(
            InfoToShare(
                what=re.split(r"\s+[-—]\s+|;", s.text[need.start() :])[0].rstrip("."),
                with_whom=who,
                why=f"{who.split()[0]} {need.group(0).lower()} this; what you know could "
                "save them time",
            )
        )


def _risks(s: Said, result: MeetingAnalysis, peers: list[PeerView], attendees: list[str]) -> None:
    if not RISK.search(s.text):
        return
    if s.subject and not OURS.match(s.text):
        # someone else's worry ("Dana is worried the contract slips"): a risk they raised
        if NEED.search(s.text) or WIN.search(s.text):
            return
        others = [p for p in s.people if p != s.subject]
        result.early_warnings.append(
            EarlyWarning(what=s.text, who_depends=others, raised_by=s.subject)
        )
        return
    if not (OURS.search(s.text) or not s.people):
        return
    depends = list(s.people)
    for clause in re.split(r"[;,]", s.text):  # "support depends on it": that team too
        if not DEPENDS.search(clause):
            continue
        for team in {p.team for p in peers if p.team}:
            if re.search(rf"\b{re.escape(team)}\b", clause, re.I):
                members = [p.name for p in peers if p.team == team]
                depends += members if len(members) <= MAX_TEAM_FANOUT else [f"{team} team"]
    if not depends:
        depends = attendees[:6]
    result.early_warnings.append(
        EarlyWarning(what=s.text, who_depends=list(dict.fromkeys(depends)))
    )


def _feedback(s: Said, result: MeetingAnalysis, everyone: list[str]) -> None:
    work = MY_WORK.search(s.text)
    if not work:
        return
    thing = (work.group(1) and f"my {work.group(1)}") or work.group(2)
    whom = s.people or everyone[:1]
    result.feedback_to_ask.append(
        FeedbackToAsk(
            whom=whom[0] if whom else "a peer who knows this work",
            on_what=thing.strip(),
            depth=choose_depth(thing),
        )
    )


def openers(result: MeetingAnalysis, said: list[Said], peers: list[PeerView]) -> list[PersonOpener]:
    """One opener per person for the next conversation: a win beats a worry beats a topic."""
    from coach.domain.openers import WIN as WIN_WORDS
    from coach.domain.openers import clause_with, template_openers, topic_of
    from coach.domain.topics import topic_phrase

    promises = {c.as_written or c.what for c in result.commitments}
    out = []
    for person in result.people:
        label = person.peer or person.name
        about = [
            re.sub(r"^(?:action|ai|todo|to do)\s*[:\-]\s*", "", s.text, flags=re.I)
            for s in reversed(said)
            if s.subject == label and not s.header and s.text not in promises
        ]
        now = datetime(2000, 1, 1)
        mapped = next((p for p in peers if p.name == person.peer), None)
        view = mapped or PeerView(
            id=label, name=label, team=person.team or "", created_at=now, updated_at=now
        )
        win = next((w for w in result.celebrate if w.who == label), None)
        need = next((i for i in result.info_to_share if i.with_whom == label), None)
        if win:
            clause = clause_with(WIN_WORDS, win.what, label) or topic_of(win.what, label)
            topic = topic_phrase(clause, label)
            first = label.split()[0]
            text = (
                f"Congratulations on {topic}, {first}! What made it work?"
                if topic
                else f"Congratulations on the good news, {first}! What made it work?"
            )
        elif need:
            topic = topic_phrase(need.what, label) or "what you're working on"
            text = f"You mentioned {topic}. Is there anything I know or have that would help?"
        else:
            text = template_openers(view, about[:3], "chance encounter")[0].text
        out.append(PersonOpener(person=label, text=text))
    return out


def cards(result: MeetingAnalysis) -> list[str]:
    """The guidance cards behind the suggestions."""
    out = []
    if any(p.is_new for p in result.people):
        out.append("map-your-peers")
    if result.commitments:
        out.append("reciprocity")
    if result.info_to_share:
        out.append("share-information-proactively")
    if result.celebrate:
        out.append("celebrate-peer-successes")
    if result.feedback_to_ask:
        out += ["choose-feedback-depth", "frame-feedback-benefit"]
    if result.early_warnings:
        out.append("tell-dependants-early")
    return out
