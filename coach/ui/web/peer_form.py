"""The Peers tab's form: add, edit and remove a peer (with a confirmation), errors named as the
form labels its fields, and a cleared form after each add."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import gradio as gr

from coach.components.container import Services
from coach.domain import peers as peer_rules
from coach.errors import CoachError
from coach.services import peers
from coach.services.notes import parse_date
from coach.ui.web.common import error_text, ok_text, owner_of

LABELS = {
    "name": "Name",
    "team": "Team / function",
    "role": "Role",
    "relates": "How their work relates to yours",
    "importance": "Importance",
    "relationship": "Relationship",
    "cadence_days": "Keep in touch every (days)",
    "focus": "On my focus list",
    "tags": "Tags",
    "last_contact": "Last contact",
}
# What an empty form holds; after "Add peer" the form goes back to this.
BLANK = ["", "", "", [], 3, "nonexistent", 30, False, "", ""]


def resolve(services: Services, label: str | None, owner: str) -> peer_rules.PeerView:
    """The peer behind a dropdown label such as 'Priya (Finance)'."""
    if not label:
        raise CoachError("Pick a peer first.")
    for p in peers.list_peers(services, owner):
        if p.label == label:
            return p
    raise CoachError(f"{label} is no longer in your map.")


def form_values(
    name: str,
    team: str,
    role: str,
    relates: list[str],
    importance: float | None,
    relationship: str,
    cadence: float | None,
    focus: bool,
    tags: str,
    last: str,
) -> dict[str, Any]:
    """The form as the service takes it; nothing is clamped or defaulted away."""
    try:
        last_contact = parse_date(last) if last and last.strip() else None
    except CoachError as exc:
        raise CoachError(f"{LABELS['last_contact']}: {exc}") from exc
    return {
        "name": name,
        "team": team,
        "role": role,
        "relates": relates,
        "importance": 3 if importance is None else importance,
        "relationship": relationship,
        "cadence_days": 30 if cadence is None else cadence,
        "focus": focus,
        "tags": tags,
        "last_contact": last_contact,
    }


@dataclass
class PeerForm:
    pick: gr.Dropdown
    accordion: gr.Accordion


def form_section(services: Services, after: Callable[[Any], Any], open_: bool = False) -> PeerForm:
    """Build the form inside the current tab; `after(event)` chains the tab's refresh."""

    def add(
        name: str,
        team: str,
        role: str,
        relates: list[str],
        importance: float | None,
        relationship: str,
        cadence: float | None,
        focus: bool,
        tags: str,
        last: str,
        request: gr.Request,
    ) -> str:
        fields = (name, team, role, relates, importance, relationship, cadence, focus, tags, last)
        try:
            peer = peers.add_peer(
                services, peers.parse_peer(form_values(*fields), LABELS), owner_of(request)
            )
        except CoachError as exc:
            return error_text(str(exc))
        return ok_text(f"Added {peer.label}.")

    def clear_if_added(status: str) -> tuple[Any, ...]:
        if "ok-msg" in (status or ""):
            return tuple(BLANK)
        return tuple(gr.update() for _ in BLANK)

    def save(
        label: str,
        name: str,
        team: str,
        role: str,
        relates: list[str],
        importance: float | None,
        relationship: str,
        cadence: float | None,
        focus: bool,
        tags: str,
        last: str,
        request: gr.Request,
    ) -> str:
        owner = owner_of(request)
        fields = (name, team, role, relates, importance, relationship, cadence, focus, tags, last)
        try:
            current = resolve(services, label, owner)
            # an empty date box keeps the recorded last contact (None means "unchanged")
            peer = peers.edit_peer(
                services, current.name, form_values(*fields), current.team, owner, LABELS
            )
        except CoachError as exc:
            return error_text(str(exc))
        return ok_text(f"Saved {peer.label}.")

    def ask_remove(label: str, request: gr.Request) -> tuple[Any, ...]:
        try:
            p = resolve(services, label, owner_of(request))
        except CoachError as exc:
            return gr.Row(visible=False), "", error_text(str(exc))
        question = (
            f"Remove **{p.label}** from your map? Their follow-ups, favours and feedback "
            "requests go too; your notes about them are kept."
        )
        return gr.Row(visible=True), question, ""

    def delete(label: str, request: gr.Request) -> str:
        try:
            current = resolve(services, label, owner_of(request))
            removed = peers.remove_peer(services, current.name, current.team, owner_of(request))
        except CoachError as exc:
            return error_text(str(exc))
        return ok_text(f"Removed {removed}; your notes about them are kept.")

    def load(label: str, request: gr.Request) -> tuple[Any, ...]:
        try:
            p = resolve(services, label, owner_of(request))
        except CoachError:
            return tuple(gr.update() for _ in BLANK)
        return (
            p.name,
            p.team,
            p.role,
            list(p.relates),
            p.importance,
            p.relationship,
            p.cadence_days,
            p.focus,
            "; ".join(p.tags),
            p.last_contact.isoformat() if p.last_contact else "",
        )

    with gr.Accordion("Add, edit or remove a peer", open=open_) as accordion:
        pick = gr.Dropdown(
            label="Edit an existing peer (leave empty to add a new one)",
            choices=[],
            interactive=True,
            allow_custom_value=True,
        )
        with gr.Row():
            f_name = gr.Textbox(label=LABELS["name"], min_width=160)
            f_team = gr.Textbox(label=LABELS["team"], min_width=160)
            f_role = gr.Textbox(label=LABELS["role"], min_width=160)
        f_relates = gr.CheckboxGroup(list(peer_rules.RELATES), label=LABELS["relates"])
        with gr.Row():
            f_importance = gr.Radio(
                [1, 2, 3, 4, 5], value=3, label=f"{LABELS['importance']} (1 low – 5 critical)"
            )
            f_strength = gr.Radio(
                list(peer_rules.STRENGTHS), value="nonexistent", label=LABELS["relationship"]
            )
            f_cadence = gr.Number(value=30, precision=0, label=LABELS["cadence_days"])
        with gr.Row():
            f_focus = gr.Checkbox(label=f"{LABELS['focus']} (3–5)")
            f_tags = gr.Textbox(label=f"{LABELS['tags']} (separate with ;)", min_width=160)
            f_last = gr.Textbox(
                label=f"{LABELS['last_contact']} (YYYY-MM-DD, optional)", min_width=160
            )
        with gr.Row():
            add_btn = gr.Button("Add peer", variant="primary")
            save_btn = gr.Button("Save changes")
            del_btn = gr.Button("Remove peer…", variant="stop")
        with gr.Row(visible=False) as confirm_row:
            confirm_md = gr.Markdown()
            yes_btn = gr.Button("Yes, remove", variant="stop", size="sm")
            no_btn = gr.Button("Keep", size="sm")
        form_status = gr.Markdown()

    form = [
        f_name,
        f_team,
        f_role,
        f_relates,
        f_importance,
        f_strength,
        f_cadence,
        f_focus,
        f_tags,
        f_last,
    ]
    added = add_btn.click(add, form, form_status, api_name="add_peer")
    after(added.then(clear_if_added, [form_status], form, api_visibility="private"))
    after(save_btn.click(save, [pick, *form], form_status, api_name="edit_peer"))
    del_btn.click(
        ask_remove, [pick], [confirm_row, confirm_md, form_status], api_visibility="private"
    )
    no_btn.click(lambda: gr.Row(visible=False), None, confirm_row, api_visibility="private")
    removed = yes_btn.click(delete, [pick], form_status, api_name="remove_peer").then(
        lambda: (gr.Row(visible=False), None),
        None,
        [confirm_row, pick],
        api_visibility="private",
    )
    after(removed.then(lambda: tuple(BLANK), None, form, api_visibility="private"))
    pick.input(load, [pick], form, api_visibility="private")
    return PeerForm(pick=pick, accordion=accordion)
