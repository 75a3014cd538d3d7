"""The first-run view: three steps to a useful coach, and a sample team to explore with that
one click removes again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from coach.components.container import Services
from coach.services.sample import add_sample_team, remove_sample_team, start_status
from coach.ui.web.common import ok_text, owner_of

STEPS = {
    "peers": "1. Add or import your peers",
    "notes": "2. Paste meeting notes",
    "plan": "3. Plan your week",
}


@dataclass
class StartPanel:
    steps: dict[str, gr.Button]
    refresh: Any
    outputs: list[Any]


def start_panel(services: Services) -> StartPanel:
    """Build the panel inside the current tab; app.py wires the step buttons to the tabs."""

    def refresh(request: gr.Request) -> tuple[Any, ...]:
        status = start_status(services, owner_of(request))
        done = {"peers": status.peers > 0, "notes": status.notes > 0, "plan": status.planned}
        intro = (
            "**Get started in three steps.** Peer Coach works from your peers and your notes; "
            "nothing leaves this machine."
        )
        if status.sample:
            intro += (
                " You are exploring a **sample team** (peers tagged *sample*); remove it "
                "whenever you like — your own records stay."
            )
        return (
            gr.Column(visible=not status.finished or status.sample),
            intro,
            *[
                gr.Button(value=("✓ " if done[key] else "") + text, variant="secondary")
                for key, text in STEPS.items()
            ],
            gr.Button(visible=not status.sample),
            gr.Button(visible=status.sample),
        )

    def add_sample(request: gr.Request) -> str:
        report = add_sample_team(services, owner_of(request))
        if not (report.peers or report.notes or report.follow_ups):
            return ok_text("The sample team is already here.")
        return ok_text(report.summary("Added") + " Look around the Peers and Follow-ups tabs.")

    def remove_sample(request: gr.Request) -> str:
        report = remove_sample_team(services, owner_of(request))
        return ok_text(report.summary("Removed"))

    with gr.Column(visible=False, elem_id="start", elem_classes=["start-panel"]) as panel:
        intro = gr.Markdown()
        with gr.Row(equal_height=True):
            steps = {key: gr.Button(text, size="sm", min_width=150) for key, text in STEPS.items()}
        with gr.Row():
            add_btn = gr.Button("Explore with a sample team", size="sm", min_width=150)
            remove_btn = gr.Button(
                "Remove the sample team", size="sm", variant="stop", visible=False, min_width=150
            )
    message = gr.Markdown()  # outside the panel: it stays when the panel goes

    outputs = [panel, intro, *steps.values(), add_btn, remove_btn]
    add_btn.click(add_sample, None, message, api_name="add_sample_team").then(
        refresh, None, outputs, api_visibility="private"
    )
    remove_btn.click(remove_sample, None, message, api_name="remove_sample_team").then(
        refresh, None, outputs, api_visibility="private"
    )
    return StartPanel(steps=steps, refresh=refresh, outputs=outputs)
