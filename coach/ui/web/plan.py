"""The Weekly plan tab: describe the week, get a plan shown once as a checklist by day, tick
items, see the last weeks, download the calendar or Markdown in one click."""

from __future__ import annotations

from datetime import date
from typing import Any

import gradio as gr
import plotly.graph_objects as go

from coach.components.container import Services
from coach.components.validate import neutralize
from coach.domain.planner import PlanItem, WeeklyPlan
from coach.domain.week import iso_week
from coach.errors import CoachError
from coach.services.plans import (
    check_week,
    history,
    load_plan,
    make_plan,
    mark_done,
    to_ics,
    to_markdown,
)
from coach.ui.web.common import TabParts, error_text, ok_text, owner_of, private_export


def item_label(item: PlanItem) -> str:
    """'Tue 24 Nov · Welcome: …' — the day first, so the list reads as the week."""
    carried = " (carried over)" if item.carried_over else ""
    # "Prepare meeting: Prepare for …" says it twice; the text alone is enough then
    said = item.text.split()[0].casefold() == item.kind.split()[0].casefold()
    prefix = "" if said else f"{item.kind.capitalize()}: "
    return neutralize(f"{item.date:%a %d %b} · {prefix}{item.text}{carried}")


def item_choices(plan: WeeklyPlan | None) -> tuple[list[tuple[str, str]], list[str]]:
    """((label, item id) for every item, the ids already ticked)."""
    if plan is None:
        return [], []
    return [(item_label(i), i.id) for i in plan.items], [i.id for i in plan.items if i.done]


def summary_markdown(plan: WeeklyPlan | None) -> str:
    """What the checklist does not say: the focus peers and how last week went."""
    if plan is None:
        return "No plan for this week yet: say what your week holds and press **Plan my week**."
    lines = []
    if plan.focus_peers:
        lines.append("**Focus peers this week**")
        lines += [f"- **{f.name}**: {f.reason}" for f in plan.focus_peers]
    if plan.review:
        r = plan.review
        lines.append(
            f"\n**Last week ({r.week})**: {len(r.done)} done, {len(r.skipped)} skipped, "
            f"{len(r.carried_over)} carried over."
        )
    return neutralize("\n".join(lines))


def history_figure(services: Services, owner: str) -> go.Figure:
    weeks = history(services, 6, owner)
    fig = go.Figure()
    x = [w.week for w in weeks]
    fig.add_bar(x=x, y=[w.done for w in weeks], name="items done")
    fig.add_bar(x=x, y=[w.peers_contacted for w in weeks], name="peers contacted")
    fig.add_bar(x=x, y=[w.weak_to_strong for w in weeks], name="weak → strong")
    fig.update_layout(
        barmode="group",
        height=280,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        title={"text": "The last six weeks"},
        legend={"orientation": "h"},
    )
    fig.update_yaxes(rangemode="nonnegative", dtick=1)
    return fig


def plan_tab(services: Services, demo: gr.Blocks) -> TabParts:
    def write_exports(plan: WeeklyPlan, owner: str) -> tuple[str, str]:
        """Private downloads made for this request only (see `private_export`)."""
        ics = private_export(owner, f"peer-coach-plan-{plan.week}.ics", to_ics(plan))
        md = private_export(owner, f"peer-coach-plan-{plan.week}.md", to_markdown(plan))
        return ics, md

    def show(plan: WeeklyPlan | None, owner: str, message: str = "") -> tuple[Any, ...]:
        labels, ticked = item_choices(plan)
        if plan is not None:
            ics, md = write_exports(plan, owner)
            downloads = (
                gr.DownloadButton(value=ics, interactive=True),
                gr.DownloadButton(value=md, interactive=True),
            )
        else:
            downloads = (
                gr.DownloadButton(value=None, interactive=False),
                gr.DownloadButton(value=None, interactive=False),
            )
        return (
            message,
            summary_markdown(plan),
            gr.CheckboxGroup(choices=labels, value=ticked, visible=bool(labels)),
            history_figure(services, owner),
            *downloads,
        )

    def keep() -> tuple[Any, ...]:
        return tuple(gr.update() for _ in range(5))

    def generate(prompt: str, week: str, carry: bool, request: gr.Request) -> tuple[Any, ...]:
        owner = owner_of(request)
        try:
            plan = make_plan(services, prompt, week or None, carry, owner)
        except CoachError as exc:
            return (error_text(str(exc)), *keep())
        return show(plan, owner, ok_text(f"Planned {len(plan.items)} items for {plan.week}."))

    def open_week(week: str, request: gr.Request) -> tuple[Any, ...]:
        owner = owner_of(request)
        try:
            plan = load_plan(services, check_week(week or None), owner)
        except CoachError as exc:
            return (error_text(str(exc)), *keep())
        return show(plan, owner)

    def tick(week: str, ticked: list[str], request: gr.Request) -> tuple[Any, ...]:
        owner = owner_of(request)
        try:
            plan = load_plan(services, check_week(week or None), owner)
            if plan is None:
                raise CoachError("Make a plan for this week first.")
            wanted = set(ticked or [])
            closed = 0
            for item in plan.items:
                if item.done != (item.id in wanted):
                    plan = mark_done(services, item.id, item.id in wanted, owner)
                    closed += bool(item.follow_up_id and item.id in wanted)
        except CoachError as exc:
            return (error_text(str(exc)), *keep())
        done = sum(i.done for i in plan.items)
        extra = f" Closed {closed} follow-up{'s' if closed != 1 else ''}." if closed else ""
        return show(plan, owner, ok_text(f"{done}/{len(plan.items)} done.{extra}"))

    def export(week: str, kind: str, request: gr.Request) -> str:
        owner = owner_of(request)
        try:
            plan = load_plan(services, check_week(week or None), owner)
        except CoachError as exc:
            raise gr.Error(str(exc)) from exc
        if plan is None:
            raise gr.Error("Make a plan for this week first.")
        ics, md = write_exports(plan, owner)
        return ics if kind == "ics" else md

    def export_ics(week: str, request: gr.Request) -> str:
        return export(week, "ics", request)

    def export_md(week: str, request: gr.Request) -> str:
        return export(week, "md", request)

    with gr.Tab("Weekly plan", id="plan") as tab:
        gr.Markdown(
            "Say in a sentence or two what your week holds; the plan says who to see, "
            "what to do and on which day, with the guidance behind each item. Planned "
            "mid-week, it starts today."
        )
        prompt = gr.Textbox(
            label="This week",
            lines=2,
            placeholder=(
                "launching the pricing page Thursday, budget review Tuesday, new hire joins Monday"
            ),
        )
        with gr.Row():
            week = gr.Textbox(
                label="Week (ISO)", value=lambda: iso_week(date.today()), min_width=140
            )
            carry = gr.Checkbox(label="Carry over last week's undone items", value=True)
        with gr.Row():
            plan_btn = gr.Button("Plan my week", variant="primary")
            open_btn = gr.Button("Open this week's plan")
        status = gr.Markdown()
        summary = gr.Markdown()
        items = gr.CheckboxGroup(
            label="This week's plan: tick what you did", choices=[], elem_id="plan-items"
        )
        with gr.Row():
            ics_btn = gr.DownloadButton("Download calendar (.ics)", interactive=False)
            md_btn = gr.DownloadButton("Download Markdown", interactive=False)
        chart = gr.Plot(label="Progress")

    outputs = [status, summary, items, chart, ics_btn, md_btn]
    plan_btn.click(generate, [prompt, week, carry], outputs, api_name="plan_week")
    open_btn.click(open_week, [week], outputs, api_name="open_plan")
    items.input(tick, [week, items], outputs, api_name="tick_plan")
    ics_btn.click(export_ics, [week], ics_btn, api_name="plan_ics")
    md_btn.click(export_md, [week], md_btn, api_name="plan_md")
    demo.load(open_week, [week], outputs, api_visibility="private")
    return TabParts(tab=tab, refresh=open_week, inputs=[week], outputs=outputs)
