"""The Weekly plan tab: describe the week, get a plan, tick items, see the last weeks, export."""

from __future__ import annotations

from datetime import date
from typing import Any

import gradio as gr
import plotly.graph_objects as go

from coach.components.container import Services
from coach.components.validate import neutralize
from coach.domain.planner import WeeklyPlan
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
from coach.ui.web.common import error_text, export_path, ok_text, owner_of


def item_choices(plan: WeeklyPlan | None) -> tuple[list[str], list[str]]:
    """(every item's label, the labels already ticked)."""
    if plan is None:
        return [], []
    labels = [f"{i.id} · {i.day} · {i.kind}: {neutralize(i.text)}" for i in plan.items]
    return labels, [lab for lab, i in zip(labels, plan.items, strict=True) if i.done]


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
    return fig


def plan_tab(services: Services, demo: gr.Blocks) -> None:
    def show(plan: WeeklyPlan | None, owner: str, message: str = "") -> tuple[Any, ...]:
        labels, ticked = item_choices(plan)
        text = neutralize(to_markdown(plan)) if plan else "No plan for this week yet."
        return (
            message,
            text,
            gr.update(choices=labels, value=ticked),
            history_figure(services, owner),
        )

    def generate(prompt: str, week: str, carry: bool, request: gr.Request) -> tuple[Any, ...]:
        owner = owner_of(request)
        try:
            plan = make_plan(services, prompt, week or None, carry, owner)
        except CoachError as exc:
            return (error_text(str(exc)), gr.update(), gr.update(), gr.update())
        return show(plan, owner, ok_text(f"Planned {len(plan.items)} items for {plan.week}."))

    def open_week(week: str, request: gr.Request) -> tuple[Any, ...]:
        owner = owner_of(request)
        try:
            plan = load_plan(services, check_week(week or None), owner)
        except CoachError as exc:
            return (error_text(str(exc)), gr.update(), gr.update(), gr.update())
        return show(plan, owner)

    def tick(week: str, ticked: list[str], request: gr.Request) -> tuple[Any, ...]:
        owner = owner_of(request)
        try:
            plan = load_plan(services, check_week(week or None), owner)
            if plan is None:
                raise CoachError("Make a plan for this week first.")
            wanted = {label.split(" · ", 1)[0] for label in ticked or []}
            for item in plan.items:
                if item.done != (item.id in wanted):
                    plan = mark_done(services, item.id, item.id in wanted, owner)
        except CoachError as exc:
            return (error_text(str(exc)), gr.update(), gr.update(), gr.update())
        done = sum(i.done for i in plan.items)
        return show(plan, owner, ok_text(f"{done}/{len(plan.items)} done."))

    def export(week: str, kind: str, owner: str) -> str | None:
        plan = load_plan(services, check_week(week or None), owner)
        if plan is None:
            raise gr.Error("Make a plan for this week first.")
        path = export_path(services.settings, owner, f"plan-{{owner}}-{plan.week}", kind)
        if kind == "ics":
            path.write_bytes(to_ics(plan))
        else:
            path.write_text(to_markdown(plan), encoding="utf-8")
        return str(path)

    def export_ics(week: str, request: gr.Request) -> str | None:
        try:
            return export(week, "ics", owner_of(request))
        except CoachError as exc:
            raise gr.Error(str(exc)) from exc

    def export_md(week: str, request: gr.Request) -> str | None:
        try:
            return export(week, "md", owner_of(request))
        except CoachError as exc:
            raise gr.Error(str(exc)) from exc

    with gr.Tab("Weekly plan"):
        gr.Markdown(
            "Say in a sentence or two what your week holds; the plan says who to see, "
            "what to do and on which day, with the guidance behind each item."
        )
        with gr.Row():
            prompt = gr.Textbox(
                label="This week",
                lines=2,
                scale=3,
                placeholder=(
                    "launching the pricing page Thursday, budget review Tuesday, new hire joins "
                    "Monday"
                ),
            )
            with gr.Column(scale=1):
                week = gr.Textbox(label="Week (ISO)", value=lambda: iso_week(date.today()))
                carry = gr.Checkbox(label="Carry over last week's undone items", value=True)
        with gr.Row():
            plan_btn = gr.Button("Plan my week", variant="primary")
            open_btn = gr.Button("Open this week's plan")
        status = gr.Markdown()
        with gr.Row():
            with gr.Column(scale=3):
                plan_md = gr.Markdown()
            with gr.Column(scale=2):
                items = gr.CheckboxGroup(label="Tick what you did", choices=[])
                chart = gr.Plot(label="Progress")
        with gr.Row():
            ics_btn = gr.Button("Download calendar (.ics)")
            md_btn = gr.Button("Download Markdown")
        download = gr.File(label="Download", interactive=False)

    outputs = [status, plan_md, items, chart]
    plan_btn.click(generate, [prompt, week, carry], outputs, api_name="plan_week")
    open_btn.click(open_week, [week], outputs, api_name="open_plan")
    items.input(tick, [week, items], outputs, api_name="tick_plan")
    ics_btn.click(export_ics, [week], download, api_name="plan_ics")
    md_btn.click(export_md, [week], download, api_name="plan_md")
    demo.load(open_week, [week], outputs, api_visibility="private")
