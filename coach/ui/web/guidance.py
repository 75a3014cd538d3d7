"""The Guidance tab: add your own guidance files and re-index."""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from coach.components.container import Services
from coach.services.indexing import add_guidance_files, index_everything
from coach.ui.web.common import owner_of


def guidance_tab(services: Services) -> None:
    """Build the tab inside the page's tabs."""

    def upload_guidance(
        files: list[str] | None, request: gr.Request, progress: gr.Progress = gr.Progress()
    ) -> str:
        paths = [Path(f) for f in (files or [])]
        added, problems = add_guidance_files(services, paths, owner_of(request))

        def step(done: int, total: int, what: str) -> None:
            progress(done / max(total, 1), desc=f"{what} {done}/{total}")

        report = index_everything(services, owner_of(request), progress=step)
        report.skipped.extend(problems)
        lines = [f"Added {p.name}." for p in added]
        return "\n\n".join(lines + ["```\n" + report.summary() + "\n```"])

    def reindex(request: gr.Request, progress: gr.Progress = gr.Progress()) -> str:
        return upload_guidance(None, request, progress)

    with gr.Tab("Guidance", id="guidance"):
        gr.Markdown(
            "The coach answers from the guidance cards that ship with Peer Coach and "
            "from files you add here (.md, .txt, .pdf). Re-indexing only adds what "
            "changed."
        )
        with gr.Row():
            upload = gr.UploadButton(
                "Add guidance files (.md, .txt, .pdf)…",
                file_count="multiple",
                file_types=[".md", ".txt", ".pdf"],
                variant="primary",
            )
            ingest_btn = gr.Button("Re-index")
        ingest_report = gr.Markdown()

    upload.upload(upload_guidance, [upload], [ingest_report], api_name="ingest")
    ingest_btn.click(reindex, None, [ingest_report], api_visibility="private")
