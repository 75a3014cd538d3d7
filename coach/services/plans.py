"""Weekly plans: made from the peer map and a prompt, stored per week, ticked off, exported."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import Select, func, select

from coach.components.container import Services
from coach.components.structured import ask_structured
from coach.components.validate import clean_text
from coach.domain.planner import PlanInputs, WeeklyPlan, build_plan
from coach.domain.week import Event, iso_week, parse_events, previous_week, week_days
from coach.errors import InputError
from coach.rag.prompts import render
from coach.services.feedback import loops_to_close
from coach.services.followups import list_follow_ups, set_follow_up_done
from coach.services.peers import list_peers
from coach.services.who_next import who_next
from coach.store.atomic import insert_once, locked
from coach.store.db import (
    LOCAL_OWNER,
    FollowUp,
    Interaction,
    Plan,
    RelationshipChange,
    interaction_peers,
    utcnow,
)

log = logging.getLogger(__name__)


class PromptEvents(BaseModel):
    events: list[Event] = Field(default_factory=list)


class Wording(BaseModel):
    id: str
    text: str = Field(min_length=5, max_length=400)


class PlanWording(BaseModel):
    items: list[Wording]


def check_week(week: str | None) -> str:
    week = (week or iso_week(date.today())).strip().upper()
    try:
        week_days(week)
    except ValueError as exc:
        raise InputError(
            f"{week!r} is not a week; use the ISO form YYYY-Www, e.g. 2026-W48."
        ) from exc
    return week


def load_plan(services: Services, week: str, owner: str = LOCAL_OWNER) -> WeeklyPlan | None:
    """The stored plan; an item whose follow-up was closed elsewhere shows as done."""
    with services.sessions() as session:
        row = session.scalar(select(Plan).where(Plan.owner == owner, Plan.week == week))
        if row is None:
            return None
        plan = WeeklyPlan.model_validate_json(row.data)
        ids = [i.follow_up_id for i in plan.items if i.follow_up_id and not i.done]
        if ids:
            closed = set(
                session.scalars(
                    select(FollowUp.id).where(
                        FollowUp.owner == owner, FollowUp.id.in_(ids), FollowUp.done.is_(True)
                    )
                )
            )
            for item in plan.items:
                item.done = item.done or item.follow_up_id in closed
        return plan


def _plan_row(owner: str, week: str) -> Select[Any]:
    return select(Plan).where(Plan.owner == owner, Plan.week == week)


def store_plan(
    services: Services, plan: WeeklyPlan, owner: str = LOCAL_OWNER, keep_ticks: bool = False
) -> WeeklyPlan:
    """Save the week's plan; with `keep_ticks`, items ticked on the stored plan stay ticked.
    The stored row is locked while it is merged, so a tick made meanwhile is never lost."""
    with services.sessions.begin() as session:
        fields = {"prompt": plan.prompt, "data": plan.model_dump_json()}
        _, created = insert_once(
            session, Plan, {"owner": owner, "week": plan.week, **fields}, ("owner", "week")
        )
        if created:
            return plan
        row = locked(session, _plan_row(owner, plan.week))
        if keep_ticks:  # re-planning keeps what was already ticked
            old = WeeklyPlan.model_validate_json(row.data)
            done = {(i.kind, i.peer, i.day) for i in old.items if i.done}
            plan = plan.model_copy(deep=True)
            for item in plan.items:
                item.done = (item.kind, item.peer, item.day) in done
        row.prompt, row.data, row.updated_at = plan.prompt, plan.model_dump_json(), utcnow()
        return plan


def make_plan(
    services: Services,
    prompt: str = "",
    week: str | None = None,
    carry_over: bool = True,
    owner: str = LOCAL_OWNER,
    today: date | None = None,
) -> WeeklyPlan:
    """Build (or rebuild) the plan for a week; ticks already made on it are kept. Planned in
    the middle of its week, the plan starts today (nothing lands on a day already gone)."""
    week = check_week(week)
    today = today or date.today()
    prompt = clean_text(prompt, "week description", 2000) if prompt and prompt.strip() else ""
    events = parse_events(prompt)
    model = services.capable_model
    if prompt and model is not None:
        found = ask_structured(model, render("plan_events", prompt=prompt), PromptEvents)
        if found:  # the rules' days win; the model may add events they missed
            seen = {(e.kind, e.day) for e in events}
            events += [e for e in found.events if (e.kind, e.day) not in seen]
    days = week_days(week)
    start = today if days[0] <= today <= days[6] else days[0]
    inputs = PlanInputs(
        week=week,
        prompt=prompt,
        peers=list_peers(services, owner),
        ranked=who_next(services, owner, today=start),
        follow_ups=list_follow_ups(services, owner),
        loops_to_close=[r.peer for r in loops_to_close(services, owner, today=start)],
        last_week=load_plan(services, previous_week(week), owner),
        carry_over=carry_over,
        events=events,
        today=today,
    )
    plan = build_plan(inputs)
    if model is not None and plan.items:
        plan = reword(services, plan)
    return store_plan(services, plan, owner, keep_ticks=True)


def reword(services: Services, plan: WeeklyPlan) -> WeeklyPlan:
    """Let a capable model write friendlier text; ids, days, people and kinds stay fixed."""
    assert services.chat_model is not None
    lines = "\n".join(
        f"{i.id} | {i.day} | {i.kind} | {i.peer or '-'} | {i.text}" for i in plan.items
    )
    wording = ask_structured(
        services.chat_model,
        render("plan_wording", prompt=plan.prompt or "(none)", items=lines),
        PlanWording,
    )
    if wording is None:
        return plan
    texts = {w.id: w.text for w in wording.items}
    out = plan.model_copy(deep=True)
    for item in out.items:
        new = texts.get(item.id)
        if new and (item.peer is None or item.peer.split()[0] in new):
            item.text = new  # only if it still names the same person
    out.provider = services.provider.name
    return out


def mark_done(
    services: Services, item_id: str, done: bool = True, owner: str = LOCAL_OWNER
) -> WeeklyPlan:
    """Tick (or untick) an item; '03' means item 03 of this week."""
    item_id = item_id.strip()
    week = item_id.rsplit("-", 1)[0] if "-W" in item_id else iso_week(date.today())
    full = item_id if "-W" in item_id else f"{week}-{item_id.zfill(2)}"
    week = check_week(week)
    with services.sessions.begin() as session:  # a locked read-modify-write: no lost ticks
        row = locked(session, _plan_row(owner, week))
        if row is None:
            raise InputError(f"There is no plan for {week}; make one with `coach plan` first.")
        plan = WeeklyPlan.model_validate_json(row.data)
        item = next((i for i in plan.items if i.id == full), None)
        if item is None:
            raise InputError(f"No item {full} in the plan for {week}.")
        item.done = done
        row.data, row.updated_at = plan.model_dump_json(), utcnow()
    if item.follow_up_id:  # the item keeps a promise: ticking it keeps the promise
        set_follow_up_done(services, item.follow_up_id, done, owner)
    return plan


class WeekStats(BaseModel):
    week: str
    items: int
    done: int
    peers_contacted: int
    weak_to_strong: int


def history(
    services: Services, weeks: int = 6, owner: str = LOCAL_OWNER, until: date | None = None
) -> list[WeekStats]:
    """The last weeks, oldest first: items done, peers contacted, relationships strengthened."""
    current = iso_week(until or date.today())
    names = [current]
    for _ in range(weeks - 1):
        names.insert(0, previous_week(names[0]))
    out = []
    with services.sessions() as session:
        for week in names:
            days = week_days(week)
            plan = load_plan(services, week, owner)
            contacted = session.scalar(
                select(func.count(func.distinct(interaction_peers.c.peer_id)))
                .select_from(Interaction)
                .join(interaction_peers)
                .where(
                    Interaction.owner == owner,
                    Interaction.day >= days[0],
                    Interaction.day <= days[6],
                )
            )
            start = datetime.combine(days[0], time.min)
            moved = session.scalar(
                select(func.count())
                .select_from(RelationshipChange)
                .where(
                    RelationshipChange.owner == owner,
                    RelationshipChange.old == "weak",
                    RelationshipChange.new == "strong",
                    RelationshipChange.changed_at >= start,
                    RelationshipChange.changed_at < start + timedelta(days=7),
                )
            )
            out.append(
                WeekStats(
                    week=week,
                    items=len(plan.items) if plan else 0,
                    done=sum(i.done for i in plan.items) if plan else 0,
                    peers_contacted=contacted or 0,
                    weak_to_strong=moved or 0,
                )
            )
    return out


# --- export ---------------------------------------------------------------------------------


def to_markdown(plan: WeeklyPlan) -> str:
    lines = [f"# Networking plan for {plan.week}", ""]
    if plan.prompt:
        lines += [f"_This week: {plan.prompt}_", ""]
    if plan.review:
        r = plan.review
        lines += [
            f"## How {r.week} went",
            f"- Done: {len(r.done)}; skipped: {len(r.skipped)}; carried over: "
            f"{len(r.carried_over)}",
            "",
        ]
    if plan.focus_peers:
        lines += ["## Focus peers"] + [f"- **{f.name}**: {f.reason}" for f in plan.focus_peers]
        lines.append("")
    for day in dict.fromkeys(i.day for i in plan.items):
        lines.append(f"## {day}")
        for i in (i for i in plan.items if i.day == day):
            box = "x" if i.done else " "
            carried = " _(carried over)_" if i.carried_over else ""
            lines.append(
                f"- [{box}] `{i.id}` **{i.kind}**: {i.text}{carried}"
                + (f" — guidance: {', '.join(i.cards)}" if i.cards else "")
            )
        lines.append("")
    return "\n".join(lines)


def to_ics(plan: WeeklyPlan) -> bytes:
    """One all-day event per dated item, RFC 5545, for any calendar app."""
    from icalendar import Calendar
    from icalendar import Event as IcsEvent

    cal = Calendar()
    cal.add("prodid", "-//Peer Coach//weekly plan//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Peer Coach {plan.week}")
    stamp = datetime.now().astimezone()
    for item in plan.items:
        ev = IcsEvent()
        ev.add("uid", f"{item.id}@peer-coach")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", item.date)
        ev.add("dtend", item.date + timedelta(days=1))
        ev.add("summary", f"[{item.kind}] {item.text[:120]}")
        ev.add(
            "description",
            item.text + (f"\nGuidance: {', '.join(item.cards)}" if item.cards else ""),
        )
        if item.done:
            ev.add("status", "CONFIRMED")
        cal.add_component(ev)
    return cal.to_ical()
