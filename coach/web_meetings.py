"""The Meeting notes tab: paste or upload, review the suggestions as checklists, then save."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import Any

import gradio as gr

from coach.components.container import Services
from coach.components.validate import neutralize
from coach.domain.meeting_model import MeetingAnalysis
from coach.errors import CoachError
from coach.services.meetings import SaveChoice, analyze, read_notes, save
from coach.services.notes import parse_date
from coach.ui.web.common import error_text, ok_text, owner_of

DEPTH_WORDS = {"quick": "a quick bounce", "deep": "an in-depth critique"}
SECTIONS = ["commitments", "info_to_share", "celebrate", "feedback_to_ask", "early_warnings"]
TITLES = {
    "commitments": "Commitments (follow-ups)",
    "info_to_share": "Information worth sharing",
    "celebrate": "Successes to celebrate",
    "feedback_to_ask": "Feedback to ask for",
    "early_warnings": "Bad news to pass on early",
}


def item_labels(result: MeetingAnalysis) -> dict[str, list[str]]:
    """One readable, numbered line per suggestion, per section (numbers keep them unique)."""

    def e(text: str) -> str:
        return neutralize(html.escape(text, quote=False))

    lines = {
        "commitments": [
            e(f"{c.who} → {c.to_whom or '—'}: {c.what}") + (f" (due {c.due})" if c.due else "")
            for c in result.commitments
        ],
        "info_to_share": [e(f"Share with {i.with_whom}: {i.what}") for i in result.info_to_share],
        "celebrate": [e(f"Congratulate {c.who}: {c.what}") for c in result.celebrate],
        "feedback_to_ask": [
            e(f"Ask {f.whom} for {DEPTH_WORDS[f.depth]} on {f.on_what}")
            for f in result.feedback_to_ask
        ],
        "early_warnings": [
            e(f"Tell {', '.join(w.who_depends) or 'those who depend on it'} early: {w.what}")
            for w in result.early_warnings
        ],
    }
    return {k: [f"{i}. {v}" for i, v in enumerate(items, 1)] for k, items in lines.items()}


def analysis_markdown(result: MeetingAnalysis) -> str:
    """The whole analysis as markdown, for the chat and the page."""

    def e(text: str) -> str:
        return neutralize(html.escape(text, quote=False))

    people = (
        ", ".join(
            f"{e(p.name)}"
            + (f" → {e(p.peer)}" if p.peer and p.peer != p.name else "")
            + (" (new)" if p.is_new else "")
            + (f", {e(p.team)}" if p.team else "")
            for p in result.people
        )
        or "nobody named"
    )
    parts = [f"**Meeting of {result.meeting_date}** · people: {people}"]
    for key, items in item_labels(result).items():
        if items:
            # the numbers are for the checklists; the summary reads better without them
            parts.append(
                f"**{TITLES[key]}**\n" + "\n".join(f"- {i.split('. ', 1)[1]}" for i in items)
            )
    if result.openers:
        parts.append(
            "**Openers for next time**\n"
            + "\n".join(f"- {e(o.person)}: “{e(o.text)}”" for o in result.openers)
        )
    if result.cards:
        parts.append("_Guidance behind these: " + ", ".join(result.cards) + "_")
    return "\n\n".join(parts)


def meetings_tab(services: Services, demo: gr.Blocks) -> None:
    def run(text: str, file: str | None, when: str, request: gr.Request) -> tuple[Any, ...]:
        blank = (
            None,
            "",
            gr.update(choices=[], value=[]),
            *[gr.update(choices=[], value=[]) for _ in SECTIONS],
        )
        try:
            notes = read_notes(None, Path(file)) if file else read_notes(text)
            result = analyze(services, notes, parse_date(when), owner_of(request))
        except CoachError as exc:
            return (blank[0], error_text(str(exc)), *blank[2:])
        labels = item_labels(result)
        new = [p.name for p in result.people if p.is_new]
        return (
            (notes, result.model_dump(mode="json")),
            analysis_markdown(result),
            gr.update(choices=new, value=new),
            *[gr.update(choices=labels[k], value=labels[k]) for k in SECTIONS],
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

    def cancel() -> tuple[Any, ...]:
        return (
            None,
            "Cancelled: nothing was saved.",
            "",
            gr.update(choices=[], value=[]),
            *[gr.update(choices=[], value=[]) for _ in SECTIONS],
        )

    with gr.Tab("Meeting notes"):
        gr.Markdown(
            "Paste the raw notes of a meeting (bullets and half sentences are fine) or "
            "upload a .txt, .md, .docx or .pdf. You review every suggestion; nothing is "
            "saved until you press **Save selected**."
        )
        state = gr.State(None)
        with gr.Row():
            notes_box = gr.Textbox(label="Meeting notes", lines=10, max_lines=30)
            with gr.Column():
                upload = gr.File(label="…or upload", file_types=[".txt", ".md", ".docx", ".pdf"])
                when = gr.Textbox(label="Meeting date", value=lambda: date.today().isoformat())
                analyse_btn = gr.Button("Analyse", variant="primary")
        summary = gr.Markdown()
        new_people = gr.CheckboxGroup(label="Add these new people to my peer map", choices=[])
        groups = [gr.CheckboxGroup(label=TITLES[k], choices=[]) for k in SECTIONS]
        with gr.Row():
            save_btn = gr.Button("Save selected", variant="primary")
            cancel_btn = gr.Button("Cancel")
        status = gr.Markdown()

    analyse_btn.click(
        run,
        [notes_box, upload, when],
        [state, summary, new_people, *groups],
        api_name="analyze_notes",
    )
    save_btn.click(keep, [state, new_people, *groups], [state, status], api_name="save_notes")
    cancel_btn.click(
        cancel, None, [state, status, summary, new_people, *groups], api_name="cancel_notes"
    )
