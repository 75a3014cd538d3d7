"""The Meeting notes tab: paste or upload, review the suggestions as checklists, then save."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import gradio as gr

from coach.components.container import Services
from coach.domain.meeting_model import MeetingAnalysis
from coach.errors import CoachError
from coach.services.meetings import SaveChoice, analyze, read_notes, save
from coach.services.notes import parse_date
from coach.services.render import SECTIONS, TITLES, analysis_markdown, item_labels
from coach.ui.web.common import error_text, ok_text, owner_of


def meetings_tab(services: Services, demo: gr.Blocks) -> None:
    def run(text: str, file: str | None, when: str, request: gr.Request) -> tuple[Any, ...]:
        blank = (
            None,
            "",
            gr.update(choices=[], value=[], visible=False),
            *[gr.update(choices=[], value=[], visible=False) for _ in SECTIONS],
            gr.update(visible=False),
        )
        try:
            notes = read_notes(None, Path(file)) if file else read_notes(text)
            result = analyze(services, notes, parse_date(when), owner_of(request))
        except CoachError as exc:
            return (blank[0], error_text(str(exc)), *blank[2:])
        labels = item_labels(result)
        new = [p.name for p in result.people if p.is_new]
        # only the sections with something in them are shown
        return (
            (notes, result.model_dump(mode="json")),
            analysis_markdown(result),
            gr.update(choices=new, value=new, visible=bool(new)),
            *[
                gr.update(choices=labels[k], value=labels[k], visible=bool(labels[k]))
                for k in SECTIONS
            ],
            gr.update(visible=True),
        )

    def keep(
        state: Any,
        new_people: list[str],
        commitments: list[str],
        info: list[str],
        celebrate: list[str],
        feedback: list[str],
        warnings: list[str],
        request: gr.Request,
    ) -> tuple[Any, str]:
        sections = [commitments, info, celebrate, feedback, warnings]
        if not state:
            return state, error_text("Analyse some notes first.")
        notes, data = state
        result = MeetingAnalysis.model_validate(data)
        labels = item_labels(result)
        chosen = {
            k: [labels[k].index(x) for x in (sel or []) if x in labels[k]]
            for k, sel in zip(SECTIONS, sections, strict=True)
        }
        try:
            report = save(
                services,
                notes,
                result,
                SaveChoice.model_validate({"new_people": new_people or [], **chosen}),
                owner_of(request),
            )
        except CoachError as exc:
            return state, error_text(str(exc))
        return state, ok_text(report.summary())

    def load_file(file: str | None) -> tuple[Any, ...]:
        """An uploaded file's text goes into the box, to read (and edit) before analysing."""
        if not file:
            return gr.update(), "", None
        try:
            return read_notes(None, Path(file)), "", None
        except CoachError as exc:
            return gr.update(), error_text(str(exc)), None

    def cancel() -> tuple[Any, ...]:
        return (
            None,
            "Cancelled: nothing was saved.",
            "",
            gr.update(choices=[], value=[], visible=False),
            *[gr.update(choices=[], value=[], visible=False) for _ in SECTIONS],
            gr.update(visible=False),
        )

    with gr.Tab("Meeting notes", id="notes"):
        gr.Markdown(
            "Paste the raw notes of a meeting (bullets and half sentences are fine) or "
            "upload a .txt, .md, .docx or .pdf. You review every suggestion; nothing is "
            "saved until you press **Save selected**."
        )
        state = gr.State(None)
        with gr.Row():
            notes_box = gr.Textbox(label="Meeting notes", lines=10, max_lines=30)
            with gr.Column():
                upload = gr.UploadButton(
                    "…or upload a file (.txt, .md, .docx, .pdf)",
                    size="md",
                    file_types=[".txt", ".md", ".docx", ".pdf"],
                )
                when = gr.Textbox(label="Meeting date", value=lambda: date.today().isoformat())
                analyse_btn = gr.Button("Analyse", variant="primary")
        summary = gr.Markdown()
        new_people = gr.CheckboxGroup(
            label="Add these new people to my peer map", choices=[], visible=False
        )
        groups = [gr.CheckboxGroup(label=TITLES[k], choices=[], visible=False) for k in SECTIONS]
        with gr.Row(visible=False) as actions:
            save_btn = gr.Button("Save selected", variant="primary")
            cancel_btn = gr.Button("Cancel")
        status = gr.Markdown()

    analyse_btn.click(
        run,
        [notes_box, upload, when],
        [state, summary, new_people, *groups, actions],
        api_name="analyze_notes",
    )
    upload.upload(load_file, [upload], [notes_box, summary, upload], api_visibility="private")
    save_btn.click(keep, [state, new_people, *groups], [state, status], api_name="save_notes")
    cancel_btn.click(
        cancel,
        None,
        [state, status, summary, new_people, *groups, actions],
        api_name="cancel_notes",
    )
