"""The weekly plan: a deterministic skeleton from the peer map, follow-ups and the week's events.

Pure functions: the inputs are plain models, the output a WeeklyPlan; a model may only reword it.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from coach.domain.feedback import DEPTH_WORDS, choose_depth
from coach.domain.followups import FollowUpView, is_celebration
from coach.domain.names import teams_named
from coach.domain.peers import FOCUS_CAP, PeerView
from coach.domain.scoring import Suggestion
from coach.domain.week import (
    WEEKDAYS,
    Event,
    parse_events,
    week_days,
)

Kind = Literal[
    "reach out",
    "meal",
    "follow-up",
    "share info",
    "ask feedback",
    "celebrate",
    "welcome",
    "prepare meeting",
]


class FocusPeer(BaseModel):
    name: str
    reason: str


class PlanItem(BaseModel):
    id: str
    day: str = Field(description="Weekday name")
    date: date
    peer: str | None = None
    kind: Kind
    text: str
    cards: list[str] = Field(default_factory=list)
    done: bool = False
    carried_over: bool = False
    event: str | None = Field(default=None, description="The event from the prompt it serves")
    follow_up_id: str | None = Field(
        default=None, description="The follow-up this item keeps; ticking the item closes it"
    )


class Review(BaseModel):
    """How last week went: the starting point of this week's plan."""

    week: str
    done: list[str] = Field(default_factory=list)
    skipped: list[str] = Field(default_factory=list)
    carried_over: list[str] = Field(default_factory=list)


class WeeklyPlan(BaseModel):
    week: str
    prompt: str
    focus_peers: list[FocusPeer] = Field(default_factory=list)
    items: list[PlanItem] = Field(default_factory=list)
    review: Review | None = None
    provider: str = "planner"

    @property
    def meal_partner(self) -> str | None:
        return next((i.peer for i in self.items if i.kind == "meal"), None)


class PlanInputs(BaseModel):
    week: str
    prompt: str = ""
    peers: list[PeerView] = Field(default_factory=list)
    ranked: list[Suggestion] = Field(default_factory=list)
    follow_ups: list[FollowUpView] = Field(default_factory=list)
    loops_to_close: list[str] = Field(default_factory=list, description="Peer names")
    last_week: WeeklyPlan | None = None
    carry_over: bool = True
    events: list[Event] = Field(default_factory=list)
    today: date | None = Field(
        default=None, description="When planning; nothing is scheduled before it in its week"
    )


def first_open_day(week_start: date, today: date | None) -> int:
    """The first day (0 = Monday) still ahead: today's index when today falls in the week."""
    if today is None or not 0 <= (today - week_start).days <= 6:
        return 0
    return (today - week_start).days


def build_plan(inputs: PlanInputs) -> WeeklyPlan:
    """The whole week: focus, a meal, reach-outs, follow-ups, events, carry-over."""
    days = week_days(inputs.week)
    plan = WeeklyPlan(week=inputs.week, prompt=inputs.prompt)
    items: list[PlanItem] = []
    busy: dict[int, int] = {}
    first = first_open_day(days[0], inputs.today)  # planned on a Tuesday: Monday is gone

    def add(
        day: int,
        kind: Kind,
        text: str,
        peer: str | None = None,
        cards: list[str] | None = None,
        carried: bool = False,
        event: str | None = None,
        follow_up_id: str | None = None,
    ) -> None:
        day = max(first, min(day, 6))
        busy[day] = busy.get(day, 0) + 1
        items.append(
            PlanItem(
                id="",
                day=WEEKDAYS[day],
                date=days[day],
                peer=peer,
                kind=kind,
                text=text,
                cards=cards or [],
                carried_over=carried,
                event=event,
                follow_up_id=follow_up_id,
            )
        )

    def quiet_day(start: int = 0, end: int = 4) -> int:
        start = max(start, first)
        return min(range(start, max(end, start) + 1), key=lambda d: (busy.get(d, 0), d))

    events = inputs.events or parse_events(inputs.prompt)
    score = {s.name: s for s in inputs.ranked}

    if not inputs.peers:
        add(
            0,
            "reach out",
            "Spend 15 minutes listing the peers whose work affects yours: who "
            "helps you, who depends on you, who shares your goals. Add them in the Peers tab.",
            cards=["map-your-peers"],
        )
        add(
            1,
            "reach out",
            "Rate each relationship strong, weak or nonexistent.",
            cards=["rate-relationship-strength"],
        )
        add(
            2,
            "reach out",
            "Pick 3–5 important peers whose relationship needs building and "
            "mark them as your focus.",
            cards=["pick-three-to-five"],
        )
    else:
        plan.focus_peers = pick_focus(inputs.peers, inputs.ranked)

    # Events from the prompt come first: they fix days.
    for ev in events:
        day = ev.day if ev.day is not None else 0
        if ev.kind == "new hire":
            who = ev.person or "the new hire"
            add(
                day,
                "welcome",
                f"Welcome {who}: sit down with them and explain how your team "
                "works and where your work meets theirs.",
                ev.person,
                ["onboard-new-hires"],
                event=ev.title,
            )
        elif ev.kind == "meeting":
            if day < first:
                continue  # the meeting is over: too late to prepare
            related = related_peers(ev.title, inputs.peers)
            with_whom = (
                f" Touch base with {', '.join(p.name for p in related)} beforehand."
                if related
                else ""
            )
            add(
                max(day - 1, 0),
                "prepare meeting",
                f"Prepare for {ev.title} ({WEEKDAYS[day]}): decide what you need from it and "
                f"who else is affected.{with_whom} In the first minutes, ask people what they "
                "are working on.",
                related[0].name if related else None,
                ["chance-encounters", "ask-open-questions"],
                event=ev.title,
            )
        elif ev.kind in {"launch", "deadline"}:
            dependants = [p for p in inputs.peers if "depends on me" in p.relates][:3]
            names = ", ".join(p.name for p in dependants) or "the peers who depend on it"
            if day < first:  # it already happened: only the thanks are left
                add(
                    day + 1,
                    "celebrate",
                    f"After {ev.title}: thank and credit the peers who helped.",
                    None,
                    ["celebrate-peer-successes", "reciprocity"],
                    event=ev.title,
                )
                continue
            add(
                max(day - 2, 0),
                "share info",
                f"Tell {names} what is coming with {ev.title} "
                f"({WEEKDAYS[day]}) and what it means for them.",
                dependants[0].name if dependants else None,
                ["share-information-proactively", "tell-dependants-early"],
                event=ev.title,
            )
            reviewer = pick_reviewer(inputs.peers, ev.title, exclude=set())
            depth = choose_depth(ev.title)
            add(
                max(day - 3, 0),
                "ask feedback",
                f"Ask {reviewer.name if reviewer else 'a peer'} for "
                f"{DEPTH_WORDS[depth]} on "
                f"{ev.title} before {WEEKDAYS[day]}; say what is in it for them.",
                reviewer.name if reviewer else None,
                ["choose-feedback-depth", "frame-feedback-benefit"],
                event=ev.title,
            )
            add(
                min(day + 1, 4),
                "celebrate",
                f"After {ev.title}: thank and credit the peers who helped.",
                None,
                ["celebrate-peer-successes", "reciprocity"],
                event=ev.title,
            )

    # Follow-ups that are due this week (or overdue), and feedback loops to close.
    for fu in inputs.follow_ups:
        if fu.due and fu.due > days[6]:
            continue
        day = quiet_day() if not fu.due else 0 if fu.due < days[0] else fu.due.weekday()
        kind: Kind = (
            "celebrate"
            if is_celebration(fu.what)
            else "share info"
            if fu.what.startswith(("Share with", "Tell "))
            else "follow-up"
        )
        due = f" (was due {fu.due.isoformat()})" if fu.due and fu.due < days[0] else ""
        text = (
            fu.what
            if fu.direction == "i_owe"
            else f"Check in on what {fu.peer or 'they'} promised: {fu.what}"
        )
        add(
            day,
            kind,
            f"{text}{due}",
            fu.peer,
            ["celebrate-peer-successes"]
            if kind == "celebrate"
            else ["share-information-proactively"]
            if kind == "share info"
            else ["reciprocity"],
            follow_up_id=fu.id,
        )
    for name in inputs.loops_to_close:
        add(
            quiet_day(),
            "follow-up",
            f"Close the feedback loop with {name}: thank them and say "
            "what you changed, or why not.",
            name,
            ["close-the-feedback-loop"],
        )

    # One meal with a different peer than last week.
    meal = pick_meal(inputs.peers, inputs.ranked, inputs.last_week)
    if meal:
        add(
            quiet_day(1, 3),
            "meal",
            f"Lunch or coffee with {meal.name}"
            f"{' (' + meal.team + ')' if meal.team else ''}: ask how you could support their "
            "team, and pick up the bill if you can.",
            meal.name,
            ["one-on-one-meal", "reciprocity"],
        )

    # Reach out to each focus peer not already in the plan.
    focus_planned = {i.peer for i in items if i.peer}
    for fp in plan.focus_peers:
        if fp.name in focus_planned:
            continue
        action = (
            score[fp.name].suggested_action
            if fp.name in score
            else f"Check in with {fp.name} and ask what they are working on."
        )
        card = score[fp.name].card if fp.name in score else "build-before-you-need"
        add(quiet_day(), "reach out", action, fp.name, [card])

    # Carry over what was left undone last week.
    if inputs.last_week and inputs.carry_over:
        planned = {(i.kind, i.peer, i.text) for i in items} | {
            (i.kind, i.peer, None) for i in items
        }
        for old in carried_items(inputs.last_week):
            if (old.kind, old.peer, old.text) in planned or (
                old.peer and (old.kind, old.peer, None) in planned
            ):
                continue  # already in this week's plan
            add(quiet_day(), old.kind, old.text, old.peer, old.cards, carried=True)

    items.sort(key=lambda i: (i.date, i.kind != "welcome", i.kind))
    for n, item in enumerate(items, 1):
        item.id = f"{inputs.week}-{n:02d}"
    plan.items = items
    plan.review = review_of(inputs.last_week, inputs.carry_over)
    return plan


def pick_focus(peers: list[PeerView], ranked: list[Suggestion]) -> list[FocusPeer]:
    """The marked focus peers, topped up from the ranking to at least 3, at most 5."""
    reason = {s.name: s.reason for s in ranked}
    focus = [p.name for p in peers if p.focus][:FOCUS_CAP]
    for s in ranked:
        if len(focus) >= 3:
            break
        if s.name not in focus:
            focus.append(s.name)
    out = []
    for n in focus:
        why = reason.get(n, "")
        marked = any(p.name == n and p.focus for p in peers)
        if marked and "on your focus list" not in why:  # the ranking may already say so
            why = "on your focus list" + (f"; {why}" if why else "")
        out.append(FocusPeer(name=n, reason=why))
    return out


def pick_meal(
    peers: list[PeerView], ranked: list[Suggestion], last_week: WeeklyPlan | None
) -> PeerView | None:
    """Highest-ranked peer who was not last week's meal partner (unless nobody else exists)."""
    if not peers:
        return None
    last = last_week.meal_partner if last_week else None
    order = [s.name for s in ranked] + [p.name for p in peers]
    by_name = {p.name: p for p in peers}
    for name in order:
        if name != last and name in by_name:
            return by_name[name]
    return by_name.get(last) if last else peers[0]


TOPIC_TEAMS = {
    "budget": ["finance"],
    "cost": ["finance"],
    "pricing": ["product", "marketing", "finance"],
    "contract": ["legal"],
    "legal": ["legal"],
    "hiring": ["recruiting", "hr"],
    "launch": ["marketing", "sales", "product", "support"],
    "data": ["data"],
    "design": ["design"],
    "sales": ["sales"],
    "support": ["support"],
}


def related_peers(title: str, peers: list[PeerView]) -> list[PeerView]:
    """Peers whose team the event touches or names ('budget review', 'Finance sync' -> Finance)."""
    teams = {t for word, ts in TOPIC_TEAMS.items() if word in title.lower() for t in ts}
    teams |= {t.lower() for t in teams_named((p.team for p in peers), title)}
    hits = [p for p in peers if p.team.lower() in teams]
    return sorted(hits, key=lambda p: -p.importance)[:2]


def pick_reviewer(peers: list[PeerView], title: str, exclude: set[str]) -> PeerView | None:
    candidates = related_peers(title, peers) or [p for p in peers if "shared goals" in p.relates]
    candidates = [p for p in candidates if p.name not in exclude] or sorted(
        peers, key=lambda p: -p.importance
    )
    return candidates[0] if candidates else None


def carried_items(last_week: WeeklyPlan) -> list[PlanItem]:
    """Undone items that still make sense next week: not meals or last week's events."""
    return [i for i in last_week.items if not i.done and i.event is None and i.kind != "meal"]


def review_of(last_week: WeeklyPlan | None, carry_over: bool) -> Review | None:
    if last_week is None:
        return None
    done = [i.text for i in last_week.items if i.done]
    carried = [i.text for i in carried_items(last_week)] if carry_over else []
    skipped = [i.text for i in last_week.items if not i.done and i.text not in carried]
    return Review(week=last_week.week, done=done, skipped=skipped, carried_over=carried)
