"""The Peers tab's import (CSV) and export (CSV, JSON)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import gradio as gr

from coach.components.container import Services
from coach.errors import CoachError
from coach.services import peer_io
from coach.ui.web.common import error_text, ok_text, owner_of, private_export


def files_section(services: Services, after: Callable[[Any], Any]) -> None:
    """Build the import/export accordion inside the current tab."""

    def import_file(file: str | None, request: gr.Request) -> str:
        if not file:
            return error_text("Choose a CSV file first.")
        try:
            path = Path(file)
            if path.stat().st_size > services.settings.max_upload_bytes:
                raise CoachError("That CSV is too large; split it into smaller files.")
            report = peer_io.import_csv(services, path.read_bytes(), owner_of(request))
        except CoachError as exc:
            return error_text(str(exc))
        return ok_text(report.summary())

    def export(kind: str, request: gr.Request) -> str:
        """A private download made for this request only (see `private_export`)."""
        owner = owner_of(request)
        text = (
            peer_io.export_csv(services, owner)
            if kind == "csv"
            else peer_io.export_json(services, owner)
        )
        return private_export(owner, peer_io.export_filename(kind, date.today()), text)

    def export_csv(request: gr.Request) -> str:
        return export("csv", request)

    def export_json(request: gr.Request) -> str:
        return export("json", request)

    with gr.Accordion("Import and export", open=False):
        gr.Markdown(
            "CSV columns (any case): `name, role, team, relates, importance, "
            "relationship, cadence_days, last_contact` (YYYY-MM-DD, empty if never "
            "met). A bad row imports nothing and is named."
        )
        csv_in = gr.UploadButton("Import peers from a CSV file…", file_types=[".csv"])
        import_out = gr.Markdown()
        with gr.Row():
            csv_btn = gr.Button("Export peers (CSV)")
            json_btn = gr.Button("Export everything (JSON)")
        export_file = gr.File(label="Download", interactive=False)

    after(csv_in.upload(import_file, [csv_in], import_out, api_name="import_peers"))
    csv_btn.click(export_csv, None, export_file, api_name="export_csv")
    json_btn.click(export_json, None, export_file, api_name="export_json")
