"""The Peers tab: the map, who next, logging, the form, openers, feedback, import and export."""

from __future__ import annotations

from datetime import date
from typing import Any

import gradio as gr

from coach.components.container import Services
from coach.domain import peers as peer_rules
from coach.domain.peers import PeerView
from coach.domain.scoring import Suggestion
from coach.errors import CoachError
from coach.services import peers
from coach.services.notes import parse_date
from coach.services.who_next import who_next
from coach.ui.web.common import TabParts, error_text, ok_text, owner_of
from coach.ui.web.network_plot import network_figure
from coach.ui.web.peer_asks import asks_section, feedback_table, request_choices
from coach.ui.web.peer_files import files_section
from coach.ui.web.peer_form import form_section, resolve
from coach.ui.web.peer_views import SORTS, peer_table, who_next_cards


def focus_summary(all_peers: list[PeerView]) -> str:
    focused = [p.name for p in all_peers if p.focus]
    if not focused:
        return "**Focus list:** empty. Pick 3–5 important peers whose relationship needs building."
    hint = "" if 3 <= len(focused) <= 5 else " (the guidance suggests 3–5)"
    return f"**Focus list ({len(focused)}/{peer_rules.FOCUS_CAP}):** {', '.join(focused)}{hint}"


def suggestion_dict(s: Suggestion) -> dict[str, Any]:
    return {
        "name": s.name,
        "team": s.team,
        "score": s.score,
        "reason": s.reason,
        "suggested_action": s.suggested_action,
        "card": s.card,
    }


def peers_tab(services: Services, demo: gr.Blocks) -> TabParts:
    """Build the tab inside `demo` (the page being built)."""

    def refresh(sort: str, n: float, request: gr.Request) -> tuple[Any, ...]:
        owner = owner_of(request)
        all_peers = peers.list_peers(services, owner)
        choices = [p.label for p in all_peers]
        return (
            peer_table(all_peers, date.today(), sort),
            network_figure(all_peers),
            focus_summary(all_peers),
            who_next_cards(who_next(services, owner, n=int(n or 5))),
            gr.update(choices=choices),
            gr.update(choices=choices),
            gr.update(choices=choices),
            gr.update(choices=choices),
            gr.Accordion(open=True) if not all_peers else gr.update(),
            feedback_table(services, owner),
            gr.update(choices=request_choices(services, owner)),
        )

    def resort(sort: str, request: gr.Request) -> str:
        return peer_table(peers.list_peers(services, owner_of(request)), date.today(), sort)

    def rank(n: float, request: gr.Request) -> str:
        return who_next_cards(who_next(services, owner_of(request), n=int(n or 5)))

    def who_next_api(n: int, request: gr.Request) -> list[dict[str, Any]]:
        """The ranking as data: name, team, score, reason, suggested_action, card."""
        return [suggestion_dict(s) for s in who_next(services, owner_of(request), n=int(n))]

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

    pending: list[Any] = []  # events that change the map; each gets the refresh chained

    def after(event: Any) -> Any:
        pending.append(event)
        return event

    with gr.Tab("Peers", id="peers") as tab:
        gr.Markdown(
            "Map the peers whose work affects yours: who helps you, who depends on you, "
            "who shares your goals. Rate each relationship and focus on 3–5."
        )
        focus_md = gr.Markdown()
        form = form_section(services, after)
        sort = gr.Radio(list(SORTS), value="Name", label="Sort your peers by")
        table = gr.HTML(label="Your peers")
        gr.Markdown("### Who should I reach out to next?")
        n_next = gr.Slider(1, 20, value=5, step=1, label="How many suggestions")
        next_cards = gr.HTML()
        plot = gr.Plot(label="Your network by team")
        with gr.Accordion("Log an interaction or a favour", open=False):
            with gr.Row():
                who = gr.Dropdown(
                    label="With", choices=[], multiselect=True, allow_custom_value=True
                )
                kind = gr.Dropdown(list(peer_rules.KINDS), value="meeting", label="Kind")
                when = gr.Textbox(label="Date (default today)", placeholder="YYYY-MM-DD")
            what = gr.Textbox(label="What happened / the favour", lines=2)
            with gr.Row():
                log_btn = gr.Button("Log interaction", variant="primary")
                direction = gr.Radio(["given", "received"], value="given", label="Favour")
                favour_btn = gr.Button("Record favour")
            log_status = gr.Markdown()
        asks = asks_section(services, after)
        files_section(services, after)

    outputs = [
        table,
        plot,
        focus_md,
        next_cards,
        form.pick,
        who,
        asks.op_peer,
        asks.fb_peer,
        form.accordion,
        asks.fb_table,
        asks.fb_pick,
    ]
    inputs = [sort, n_next]
    after(
        log_btn.click(log, [who, kind, what, when], [log_status, what], api_name="log_interaction")
    )
    after(
        favour_btn.click(
            favour, [who, direction, what, when], [log_status, what], api_name="add_favour"
        )
    )
    for event in pending:
        event.then(refresh, inputs, outputs, api_visibility="private")
    sort.input(resort, [sort], table, api_visibility="private")
    n_next.release(rank, [n_next], next_cards, api_visibility="private")
    demo.load(refresh, inputs, outputs, api_visibility="private")
    return TabParts(
        tab=tab,
        refresh=refresh,
        inputs=inputs,
        outputs=outputs,
        apis={"who_next": who_next_api},  # registered by app.py, outside the tabs
    )
