"""The Follow-ups tab: what you owe and are owed, overdue first; done, snooze, delete, add."""

from __future__ import annotations

from datetime import date
from typing import Any

import gradio as gr

from coach.components.container import Services
from coach.domain.followups import FollowUpView
from coach.errors import CoachError
from coach.services import followups, peers
from coach.services.notes import parse_date
from coach.ui.web.common import TabParts, error_text, ok_text, owner_of
from coach.ui.web.peer_form import resolve

DIRECTIONS = [("I owe them", "i_owe"), ("They owe me", "they_owe")]


def item_label(f: FollowUpView, today: date) -> str:
    """One line a person can scan: when, who owes whom, what."""
    who = f.peer or "someone"
    if f.kind == "celebrate":
        return f"To celebrate · {f.what}"
    head = "You owe " + who if f.kind == "i_owe" else f"{who} owes you"
    when = f.when(today)
    return f"{when[:1].upper()}{when[1:]} · {head}: {f.what}"


def counts_text(items: list[FollowUpView], today: date) -> str:
    owe = [f for f in items if f.kind == "i_owe"]
    owed = [f for f in items if f.kind == "they_owe"]
    cheer = [f for f in items if f.kind == "celebrate"]
    late = sum(f.is_overdue(today) for f in owe + owed)
    if not items:
        return (
            "Nothing open. Follow-ups come from saved meeting notes, from the chat, or from "
            "*Add a follow-up* below."
        )
    late_text = f" · **{late} overdue**" if late else ""
    return (
        f"**{len(owe)}** you owe · **{len(owed)}** owed to you · **{len(cheer)}** to "
        f"celebrate{late_text}"
    )


def followups_tab(services: Services, demo: gr.Blocks) -> TabParts:
    def listing(owner: str, message: str = "") -> tuple[Any, ...]:
        today = date.today()
        items = followups.board(services, owner, today)
        choices = [(item_label(f, today), f.id) for f in items]
        return (
            counts_text(items, today),
            gr.CheckboxGroup(choices=choices, value=[]),
            message,
        )

    def refresh(request: gr.Request) -> tuple[Any, ...]:
        owner = owner_of(request)
        labels = [p.label for p in peers.list_peers(services, owner)]
        return (*listing(owner), gr.Dropdown(choices=labels))

    def act(ids: list[str] | None, action: str, owner: str) -> tuple[Any, ...]:
        if not ids:
            return (gr.update(), gr.update(), error_text("Tick one or more follow-ups first."))
        try:
            for fid in ids:
                if action == "done":
                    followups.set_follow_up_done(services, fid, True, owner)
                elif action == "delete":
                    followups.remove_follow_up(services, fid, owner)
                else:
                    followups.snooze(services, fid, int(action), owner)
        except CoachError as exc:
            return (gr.update(), gr.update(), error_text(str(exc)))
        n = len(ids)
        things = f"{n} follow-up{'s' if n != 1 else ''}"
        message = {
            "done": f"Marked {things} done.",
            "delete": f"Deleted {things}.",
            "1": f"Snoozed {things} by a day.",
            "7": f"Snoozed {things} by a week.",
        }[action]
        return listing(owner, ok_text(message))

    def done(ids: list[str], request: gr.Request) -> tuple[Any, ...]:
        return act(ids, "done", owner_of(request))

    def snooze_day(ids: list[str], request: gr.Request) -> tuple[Any, ...]:
        return act(ids, "1", owner_of(request))

    def snooze_week(ids: list[str], request: gr.Request) -> tuple[Any, ...]:
        return act(ids, "7", owner_of(request))

    def delete(ids: list[str], request: gr.Request) -> tuple[Any, ...]:
        return act(ids, "delete", owner_of(request))

    def add(
        label: str | None, what: str, due: str, direction: str, request: gr.Request
    ) -> tuple[Any, ...]:
        owner = owner_of(request)
        try:
            peer = resolve(services, label, owner).name if label else None
            when = parse_date(due) if due and due.strip() else None
            view, _ = followups.add_follow_up(services, peer, what, when, direction, owner)
        except CoachError as exc:
            return (gr.update(), gr.update(), error_text(str(exc)), what)
        return (*listing(owner, ok_text(f"Added: {view.line}")), "")

    with gr.Tab("Follow-ups", id="followups") as tab:
        gr.Markdown(
            "What you promised peers and what they promised you, overdue first; successes to "
            "celebrate at the end. Tick items, then say what happened."
        )
        counts = gr.Markdown()
        items = gr.CheckboxGroup(label="Open follow-ups", choices=[], elem_id="follow-list")
        with gr.Row():
            done_btn = gr.Button("Done", variant="primary", size="md", min_width=90)
            day_btn = gr.Button("Snooze a day", size="md", min_width=90)
            week_btn = gr.Button("Snooze a week", size="md", min_width=90)
            del_btn = gr.Button("Delete", variant="stop", size="md", min_width=90)
        status = gr.Markdown()
        with gr.Accordion("Add a follow-up", open=False):
            with gr.Row():
                peer = gr.Dropdown(label="Peer (optional)", choices=[], allow_custom_value=True)
                direction = gr.Radio(DIRECTIONS, value="i_owe", label="Who owes")
            what = gr.Textbox(label="What", placeholder="Send Priya the vendor checklist")
            due = gr.Textbox(label="Due (YYYY-MM-DD, optional)")
            add_btn = gr.Button("Add follow-up")

    shown = [counts, items, status]
    done_btn.click(done, [items], shown, api_name="follow_up_done")
    day_btn.click(snooze_day, [items], shown, api_name="follow_up_snooze_day")
    week_btn.click(snooze_week, [items], shown, api_name="follow_up_snooze_week")
    del_btn.click(delete, [items], shown, api_name="follow_up_delete")
    add_btn.click(add, [peer, what, due, direction], [*shown, what], api_name="add_follow_up")
    outputs = [*shown, peer]
    demo.load(refresh, None, outputs, api_visibility="private")
    return TabParts(tab=tab, refresh=refresh, inputs=[], outputs=outputs)
