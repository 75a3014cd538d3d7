"""The Peers tab's conversation openers and feedback requests (picked from a list, not by id)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import gradio as gr
import pandas as pd

from coach.components.container import Services
from coach.components.validate import neutralize
from coach.domain import openers as opener_rules
from coach.domain.feedback import DEPTH_WORDS
from coach.errors import CoachError
from coach.services import feedback, openers
from coach.ui.web.common import error_text, ok_text, owner_of
from coach.ui.web.peer_form import resolve

FEEDBACK_COLUMNS = ["Id", "Peer", "Topic", "Depth", "Status", "Next step"]


@dataclass
class AskParts:
    op_peer: gr.Dropdown
    fb_peer: gr.Dropdown
    fb_pick: gr.Dropdown
    fb_table: gr.Dataframe


def feedback_table(services: Services, owner: str) -> pd.DataFrame:
    return pd.DataFrame(
        [
            [r.id[:8], r.peer, r.topic, r.depth, r.status, r.next_step]
            for r in feedback.list_requests(services, owner)
        ],
        columns=FEEDBACK_COLUMNS,
    )


def request_choices(services: Services, owner: str) -> list[tuple[str, str]]:
    """(readable line, short id) per open request, for the picker."""
    return [
        (f"{r.peer}: {r.topic} ({r.status})", r.id[:8])
        for r in feedback.list_requests(services, owner)
        if r.status != "closed"
    ]


def asks_section(services: Services, after: Callable[[Any], Any]) -> AskParts:
    """Build the openers and feedback accordions inside the current tab."""

    def make_openers(label: str, context: str, request: gr.Request) -> str:
        try:
            p = resolve(services, label, owner_of(request))
            result = openers.make_openers(services, p.name, context, p.team, owner_of(request))
        except CoachError as exc:
            return error_text(str(exc))
        lines = [f"**Openers for {result.peer}** ({result.context}; written by {result.provider})"]
        lines += [
            f"{i}. “{o.text}”  \n   _{o.why}_ · guidance: `{o.card}`"
            for i, o in enumerate(result.openers, 1)
        ]
        if result.notes_used:
            lines.append(
                "\n_From your notes:_ " + " · ".join(n[:80] for n in result.notes_used[:3])
            )
        return neutralize("\n".join(lines))

    def draft(label: str, topic: str, depth: str, request: gr.Request) -> tuple[str, Any]:
        owner = owner_of(request)
        try:
            p = resolve(services, label, owner)
            req = feedback.request_feedback(
                services,
                p.name,
                topic,
                None if depth == "auto" else depth,  # type: ignore[arg-type]
                p.team,
                owner,
            )
        except CoachError as exc:
            return error_text(str(exc)), feedback_table(services, owner)
        kind = DEPTH_WORDS[req.depth]
        return neutralize(
            f"**{kind.capitalize()}** — draft `{req.id[:8]}`:\n\n> {req.draft}\n\n"
            f"Next: {req.next_step}"
        ), feedback_table(services, owner)

    def move(request_id: str, status: str, outcome: str, request: gr.Request) -> tuple[str, Any]:
        owner = owner_of(request)
        try:
            if not request_id:
                raise CoachError("Pick a request from the list first.")
            req = feedback.advance(services, request_id, status, outcome, owner)
        except CoachError as exc:
            return error_text(str(exc)), feedback_table(services, owner)
        return ok_text(
            f"{req.peer}: {req.topic} is now {req.status}. {req.next_step}"
        ), feedback_table(services, owner)

    with gr.Accordion("Conversation openers", open=False):
        with gr.Row():
            op_peer = gr.Dropdown(label="Peer", choices=[], allow_custom_value=True)
            op_ctx = gr.Radio(list(opener_rules.CONTEXTS), value="chance encounter", label="Where")
        op_btn = gr.Button("Suggest openers", variant="primary")
        op_out = gr.Markdown()
    with gr.Accordion("Ask for feedback", open=False):
        with gr.Row():
            fb_peer = gr.Dropdown(label="Peer", choices=[], allow_custom_value=True)
            fb_topic = gr.Textbox(label="On what?", placeholder="my launch plan")
            fb_depth = gr.Radio(["auto", "quick", "deep"], value="auto", label="Depth")
        fb_btn = gr.Button("Draft the ask", variant="primary")
        fb_out = gr.Markdown()
        fb_table = gr.Dataframe(
            headers=FEEDBACK_COLUMNS, interactive=False, wrap=True, label="Your requests"
        )
        with gr.Row():
            fb_pick = gr.Dropdown(
                label="Request", choices=[], min_width=200, allow_custom_value=True
            )
            fb_status = gr.Dropdown(
                ["asked", "received", "closed"], value="asked", label="Move to", min_width=120
            )
            fb_outcome = gr.Textbox(label="When closing: what you changed, or why not")
        fb_move = gr.Button("Update the request")
        fb_move_out = gr.Markdown()

    op_btn.click(make_openers, [op_peer, op_ctx], op_out, api_name="openers")
    after(
        fb_btn.click(
            draft, [fb_peer, fb_topic, fb_depth], [fb_out, fb_table], api_name="feedback_request"
        )
    )
    after(
        fb_move.click(
            move,
            [fb_pick, fb_status, fb_outcome],
            [fb_move_out, fb_table],
            api_name="feedback_status",
        )
    )
    return AskParts(op_peer=op_peer, fb_peer=fb_peer, fb_pick=fb_pick, fb_table=fb_table)
