"""The Peers tab: the map, who next, openers, feedback requests, import and export."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from coach.components.container import Services
from coach.components.validate import neutralize
from coach.errors import CoachError
from coach.services import feedback, openers, peer_io, peers
from coach.services.notes import parse_date
from coach.services.who_next import who_next
from coach.ui.web.common import error_text, export_path, ok_text, owner_of
from coach.ui.web.network_plot import network_figure

TABLE_COLUMNS = [
    "Focus",
    "Name",
    "Team",
    "Role",
    "Strength",
    "Importance",
    "Last contact",
    "Days since",
    "Cadence",
    "Relates",
    "Tags",
]


def peer_table(services: Services, owner: str) -> pd.DataFrame:
    today = date.today()
    rows = [
        [
            "★" if p.focus else "",
            p.name,
            p.team,
            p.role,
            peers.STRENGTH_MARK[p.relationship],
            p.importance,
            p.last_contact.isoformat() if p.last_contact else "never",
            (today - p.last_contact).days if p.last_contact else None,
            p.cadence_days,
            ", ".join(p.relates),
            ", ".join(p.tags),
        ]
        for p in peers.list_peers(services, owner)
    ]
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)


def labels(services: Services, owner: str) -> list[str]:
    return [p.label for p in peers.list_peers(services, owner)]


def resolve(services: Services, label: str | None, owner: str) -> peers.PeerView:
    """The peer behind a dropdown label such as 'Priya (Finance)'."""
    if not label:
        raise CoachError("Pick a peer first.")
    for p in peers.list_peers(services, owner):
        if p.label == label:
            return p
    raise CoachError(f"{label} is no longer in your map.")


def focus_summary(services: Services, owner: str) -> str:
    focused = [p.name for p in peers.list_peers(services, owner) if p.focus]
    if not focused:
        return "**Focus list:** empty. Pick 3–5 important peers whose relationship needs building."
    hint = "" if 3 <= len(focused) <= 5 else " (the guidance suggests 3–5)"
    return f"**Focus list ({len(focused)}/{peers.FOCUS_CAP}):** {', '.join(focused)}{hint}"


def peers_tab(services: Services, demo: gr.Blocks) -> None:
    """Build the tab inside `demo` (the page being built)."""

    def refresh(request: gr.Request) -> tuple[Any, ...]:
        owner = owner_of(request)
        choices = labels(services, owner)
        return (
            peer_table(services, owner),
            network_figure(peers.list_peers(services, owner)),
            focus_summary(services, owner),
            gr.update(choices=choices),
            gr.update(choices=choices),
            gr.update(choices=choices),
            gr.update(choices=choices),
        )

    def form_values(
        name: str,
        team: str,
        role: str,
        relates: list[str],
        importance: float,
        relationship: str,
        cadence: float | None,
        focus: bool,
        tags: str,
        last: str,
    ) -> dict[str, Any]:
        return {
            "name": name,
            "team": team,
            "role": role,
            "relates": relates,
            "importance": int(importance),
            "relationship": relationship,
            "cadence_days": int(cadence or 30),
            "focus": focus,
            "tags": tags,
            "last_contact": parse_date(last) if last and last.strip() else None,
        }

    def add(
        name: str,
        team: str,
        role: str,
        relates: list[str],
        importance: float,
        relationship: str,
        cadence: float | None,
        focus: bool,
        tags: str,
        last: str,
        request: gr.Request,
    ) -> str:
        try:
            values = form_values(
                name, team, role, relates, importance, relationship, cadence, focus, tags, last
            )
            peer = peers.add_peer(services, peers.parse_peer(values), owner_of(request))
        except CoachError as exc:
            return error_text(str(exc))
        return ok_text(f"Added {peer.label}.")

    def save(
        label: str,
        name: str,
        team: str,
        role: str,
        relates: list[str],
        importance: float,
        relationship: str,
        cadence: float | None,
        focus: bool,
        tags: str,
        last: str,
        request: gr.Request,
    ) -> str:
        owner = owner_of(request)
        try:
            current = resolve(services, label, owner)
            values = form_values(
                name, team, role, relates, importance, relationship, cadence, focus, tags, last
            )
            # an empty date box keeps the recorded last contact (None means "unchanged")
            peer = peers.edit_peer(services, current.name, values, current.team, owner)
        except CoachError as exc:
            return error_text(str(exc))
        return ok_text(f"Saved {peer.label}.")

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
            return tuple(gr.update() for _ in range(10))
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

    def log(
        label_list: list[str] | str | None, kind: str, summary: str, when: str, request: gr.Request
    ) -> tuple[str, str]:
        owner = owner_of(request)
        chosen = [label_list] if isinstance(label_list, str) else list(label_list or [])
        try:
            names = [resolve(services, label, owner).name for label in chosen]
            if not names:
                raise CoachError("Pick who the interaction was with.")
            view = peers.log_interaction(services, names, kind, summary, parse_date(when), owner)
        except CoachError as exc:
            return error_text(str(exc)), summary
        return ok_text(f"Logged {view.kind} with {', '.join(view.peers)} on {view.day}."), ""

    def favour(
        label_list: list[str] | str | None,
        direction: str,
        what: str,
        when: str,
        request: gr.Request,
    ) -> tuple[str, str]:
        owner = owner_of(request)
        chosen = [label_list] if isinstance(label_list, str) else list(label_list or [])
        try:
            if len(chosen) != 1:
                raise CoachError("Pick exactly one peer for a favour.")
            p = resolve(services, chosen[0], owner)
            message = peers.add_favour(
                services, p.name, direction, what, parse_date(when), owner, team=p.team
            )
        except CoachError as exc:
            return error_text(str(exc)), what
        return ok_text(message), ""

    def rank(n: float, request: gr.Request) -> pd.DataFrame:
        ranked = who_next(services, owner_of(request), n=int(n))
        return pd.DataFrame(
            [[s.name, s.team, s.score, s.reason, s.suggested_action, s.card] for s in ranked],
            columns=["Name", "Team", "Score", "Why", "Suggested action", "Guidance"],
        )

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

    def feedback_table(owner: str) -> pd.DataFrame:
        return pd.DataFrame(
            [
                [r.id[:8], r.peer, r.topic, r.depth, r.status, r.next_step]
                for r in feedback.list_requests(services, owner)
            ],
            columns=["Id", "Peer", "Topic", "Depth", "Status", "Next step"],
        )

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
            return error_text(str(exc)), feedback_table(owner)
        kind = "a quick bounce" if req.depth == "quick" else "an in-depth critique"
        return neutralize(
            f"**{kind.capitalize()}** — draft `{req.id[:8]}`:\n\n> {req.draft}\n\n"
            f"Next: {req.next_step}"
        ), feedback_table(owner)

    def move(request_id: str, status: str, outcome: str, request: gr.Request) -> tuple[str, Any]:
        owner = owner_of(request)
        try:
            req = feedback.advance(services, request_id or "", status, outcome, owner)
        except CoachError as exc:
            return error_text(str(exc)), feedback_table(owner)
        return ok_text(
            f"{req.peer}: {req.topic} is now {req.status}. {req.next_step}"
        ), feedback_table(owner)

    def show_feedback(request: gr.Request) -> Any:
        return feedback_table(owner_of(request))

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
        owner = owner_of(request)
        path = export_path(
            services.settings, owner, f"peer-coach-{{owner}}-{date.today().isoformat()}", kind
        )
        text = (
            peer_io.export_csv(services, owner)
            if kind == "csv"
            else peer_io.export_json(services, owner)
        )
        path.write_text(text, encoding="utf-8")
        return str(path)

    with gr.Tab("Peers"):
        gr.Markdown(
            "Map the peers whose work affects yours: who helps you, who depends on you, "
            "who shares your goals. Rate each relationship and focus on 3–5."
        )
        focus_md = gr.Markdown()
        table = gr.Dataframe(
            headers=TABLE_COLUMNS,
            interactive=False,
            wrap=True,
            label="Your peers (click a column to sort)",
        )
        with gr.Row():
            with gr.Column(scale=1):
                plot = gr.Plot(label="Network")
            with gr.Column(scale=1):
                gr.Markdown("**Who should I reach out to next?**")
                with gr.Row():
                    n_next = gr.Slider(1, 20, value=5, step=1, label="How many")
                    next_btn = gr.Button("Rank my peers", variant="primary")
                next_table = gr.Dataframe(
                    headers=["Name", "Team", "Score", "Why", "Suggested action", "Guidance"],
                    interactive=False,
                    wrap=True,
                )
        with gr.Accordion("Add, edit or remove a peer", open=False):
            pick = gr.Dropdown(
                label="Edit an existing peer", choices=[], interactive=True, allow_custom_value=True
            )
            with gr.Row():
                f_name = gr.Textbox(label="Name")
                f_team = gr.Textbox(label="Team / function")
                f_role = gr.Textbox(label="Role")
            f_relates = gr.CheckboxGroup(
                list(peers.RELATES), label="How their work relates to yours"
            )
            with gr.Row():
                f_importance = gr.Slider(1, 5, value=3, step=1, label="Importance")
                f_strength = gr.Radio(
                    list(peers.STRENGTHS), value="nonexistent", label="Relationship"
                )
                f_cadence = gr.Number(value=30, precision=0, label="Keep in touch every (days)")
            with gr.Row():
                f_focus = gr.Checkbox(label="On my focus list (3–5)")
                f_tags = gr.Textbox(label="Tags (separate with ;)")
                f_last = gr.Textbox(label="Last contact (YYYY-MM-DD, optional)")
            with gr.Row():
                add_btn = gr.Button("Add peer", variant="primary")
                save_btn = gr.Button("Save changes")
                del_btn = gr.Button("Remove peer", variant="stop")
            form_status = gr.Markdown()
        with gr.Accordion("Log an interaction or a favour", open=True):
            with gr.Row():
                who = gr.Dropdown(
                    label="With", choices=[], multiselect=True, allow_custom_value=True
                )
                kind = gr.Dropdown(list(peers.KINDS), value="meeting", label="Kind")
                when = gr.Textbox(label="Date (default today)", placeholder="YYYY-MM-DD")
            what = gr.Textbox(label="What happened / the favour", lines=2)
            with gr.Row():
                log_btn = gr.Button("Log interaction", variant="primary")
                direction = gr.Radio(["given", "received"], value="given", label="Favour")
                favour_btn = gr.Button("Record favour")
            log_status = gr.Markdown()
        with gr.Accordion("Conversation openers", open=False):
            with gr.Row():
                op_peer = gr.Dropdown(label="Peer", choices=[], allow_custom_value=True)
                op_ctx = gr.Radio(list(openers.CONTEXTS), value="chance encounter", label="Where")
                op_btn = gr.Button("Suggest openers", variant="primary")
            op_out = gr.Markdown()
        with gr.Accordion("Ask for feedback", open=False):
            with gr.Row():
                fb_peer = gr.Dropdown(label="Peer", choices=[], allow_custom_value=True)
                fb_topic = gr.Textbox(label="On what?", placeholder="my launch plan")
                fb_depth = gr.Radio(["auto", "quick", "deep"], value="auto", label="Depth")
                fb_btn = gr.Button("Draft the ask", variant="primary")
            fb_out = gr.Markdown()
            fb_table = gr.Dataframe(interactive=False, wrap=True, label="Your requests")
            with gr.Row():
                fb_id = gr.Textbox(label="Request id")
                fb_status = gr.Dropdown(
                    ["asked", "received", "closed"], value="asked", label="Move to"
                )
                fb_outcome = gr.Textbox(label="When closing: what you changed, or why not")
                fb_move = gr.Button("Update")
            fb_move_out = gr.Markdown()
        with gr.Accordion("Import and export", open=False):
            gr.Markdown(
                "CSV columns (any case): `name, role, team, relates, importance, "
                "relationship, cadence_days, last_contact` (YYYY-MM-DD, empty if never "
                "met). A bad row imports nothing and is named."
            )
            with gr.Row():
                csv_in = gr.File(label="Import peers from CSV", file_types=[".csv"])
                import_btn = gr.Button("Import")
            import_out = gr.Markdown()
            with gr.Row():
                csv_btn = gr.Button("Export peers (CSV)")
                json_btn = gr.Button("Export everything (JSON)")
            export_file = gr.File(label="Download", interactive=False)

    outputs = [table, plot, focus_md, pick, who, op_peer, fb_peer]
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
    add_btn.click(add, form, form_status, api_name="add_peer").then(refresh, None, outputs)
    save_btn.click(save, [pick, *form], form_status, api_name="edit_peer").then(
        refresh, None, outputs
    )
    del_btn.click(delete, [pick], form_status, api_name="remove_peer").then(refresh, None, outputs)
    pick.change(load, [pick], form, api_visibility="private")
    log_btn.click(
        log, [who, kind, what, when], [log_status, what], api_name="log_interaction"
    ).then(refresh, None, outputs)
    favour_btn.click(
        favour, [who, direction, what, when], [log_status, what], api_name="add_favour"
    ).then(refresh, None, outputs)
    next_btn.click(rank, [n_next], next_table, api_name="who_next")
    op_btn.click(make_openers, [op_peer, op_ctx], op_out, api_name="openers")
    fb_btn.click(
        draft, [fb_peer, fb_topic, fb_depth], [fb_out, fb_table], api_name="feedback_request"
    )
    fb_move.click(
        move, [fb_id, fb_status, fb_outcome], [fb_move_out, fb_table], api_name="feedback_status"
    ).then(refresh, None, outputs)
    import_btn.click(import_file, [csv_in], import_out, api_name="import_peers").then(
        refresh, None, outputs
    )

    def export_csv(request: gr.Request) -> str:
        return export("csv", request)

    def export_json(request: gr.Request) -> str:
        return export("json", request)

    csv_btn.click(export_csv, None, export_file, api_name="export_csv")
    json_btn.click(export_json, None, export_file, api_name="export_json")
    demo.load(refresh, None, outputs, api_visibility="private")
    demo.load(show_feedback, None, fb_table, api_visibility="private")
