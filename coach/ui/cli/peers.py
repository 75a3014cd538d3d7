"""Commands for the peer map: peers, interactions, favours, who next, openers, feedback."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coach.ui.cli.common import (
    Opt,
    State,
    _print_json,
    _run,
    app,
    fail,
    peers_app,
    services,
)


def _peer_fields(role, team, relates, importance, relationship, cadence, focus, tags, last):  # type: ignore[no-untyped-def]
    return {
        "role": role,
        "team": team,
        "relates": relates,
        "importance": importance,
        "relationship": relationship,
        "cadence_days": cadence,
        "focus": focus,
        "tags": tags,
        "last_contact": last,
    }


@peers_app.command("add")
def peers_add(
    name: Annotated[str, typer.Argument(help="The peer's name.")],
    role: Annotated[str, Opt(help="Their role.")] = "",
    team: Annotated[str, Opt(help="Team or function.")] = "",
    relates: Annotated[
        str,
        Opt(
            help="helps me; depends on me; shared goals; future need; "
            "big-picture insight (separate with ;)"
        ),
    ] = "",
    importance: Annotated[int, Opt(help="1-5.")] = 3,
    relationship: Annotated[str, Opt(help="strong, weak or nonexistent.")] = "nonexistent",
    cadence: Annotated[int, Opt(help="Desired days between contacts.")] = 30,
    focus: Annotated[bool, Opt("--focus/--no-focus", help="On your 3-5 focus list.")] = False,
    tags: Annotated[str, Opt(help="Tags, separated with ;")] = "",
    last_contact: Annotated[str | None, Opt(help="YYYY-MM-DD of your last contact.")] = None,
) -> None:
    """Add a peer to your map."""
    from coach.services.peers import add_peer, parse_peer

    data = {
        "name": name,
        **_peer_fields(
            role, team, relates, importance, relationship, cadence, focus, tags, last_contact
        ),
    }
    peer = _run(add_peer, services(), _run(parse_peer, data), State.owner)
    typer.echo(f"Added {peer.label} ({peer.relationship}, importance {peer.importance}).")


@peers_app.command("edit")
def peers_edit(
    name: Annotated[str, typer.Argument(help="The peer to change.")],
    in_team: Annotated[
        str | None, Opt("--in-team", help="Which team, if two share a name.")
    ] = None,
    new_name: Annotated[str | None, Opt("--name", help="New name.")] = None,
    role: Annotated[str | None, Opt()] = None,
    team: Annotated[str | None, Opt()] = None,
    relates: Annotated[str | None, Opt()] = None,
    importance: Annotated[int | None, Opt()] = None,
    relationship: Annotated[str | None, Opt()] = None,
    cadence: Annotated[int | None, Opt()] = None,
    focus: Annotated[bool | None, Opt("--focus/--no-focus")] = None,
    tags: Annotated[str | None, Opt()] = None,
    last_contact: Annotated[str | None, Opt()] = None,
) -> None:
    """Change a peer's details; only the options you give change."""
    from coach.services.peers import edit_peer

    changes = {
        "name": new_name,
        **_peer_fields(
            role, team, relates, importance, relationship, cadence, focus, tags, last_contact
        ),
    }
    peer = _run(edit_peer, services(), name, changes, in_team, State.owner)
    typer.echo(f"Updated {peer.label}.")


@peers_app.command("remove")
def peers_remove(
    name: Annotated[str, typer.Argument()],
    team: Annotated[str | None, Opt(help="Which team, if two share a name.")] = None,
) -> None:
    """Remove a peer and their ledger (your notes stay)."""
    from coach.services.peers import remove_peer

    typer.echo(f"Removed {_run(remove_peer, services(), name, team, State.owner)}.")


@peers_app.command("list")
def peers_list(as_json: Annotated[bool, Opt("--json")] = False) -> None:
    """Your peers, with relationship strength and focus."""
    from coach.domain.peers import STRENGTH_MARK
    from coach.services.peers import list_peers

    peers = list_peers(services(), State.owner)
    if as_json:
        _print_json([p.model_dump(mode="json") for p in peers])
        return
    if not peers:
        typer.echo("No peers yet: add one with `coach peers add NAME --team TEAM`.")
    for p in peers:
        star = "★" if p.focus else " "
        last = p.last_contact.isoformat() if p.last_contact else "never"
        typer.echo(
            f"{star} {p.label:<30} {STRENGTH_MARK[p.relationship]:<16} "
            f"importance {p.importance}  last contact {last}"
        )


@peers_app.command("import")
def peers_import(
    file: Annotated[Path, typer.Argument(help="A .csv of peers, or a .json export.")],
) -> None:
    """Import peers from CSV (a bad row imports nothing), or restore a full JSON export."""
    from coach.components.validate import read_capped
    from coach.services.peer_io import import_csv, import_json

    if not file.is_file():
        raise fail(f"No such file: {file}")
    svc = services()
    with file.open("rb") as stream:
        data = _run(read_capped, stream, svc.settings.max_upload_bytes, file.name)
    if file.suffix.lower() == ".json":
        typer.echo(_run(import_json, svc, data, State.owner))
        return
    typer.echo(_run(import_csv, svc, data, State.owner).summary())


@peers_app.command("export")
def peers_export(
    file: Annotated[Path, typer.Argument(help="A .csv (peers) or .json (everything) file.")],
) -> None:
    """Export peers to CSV, or everything to JSON."""
    from coach.services.peer_io import export_csv, export_json

    suffix = file.suffix.lower()
    if suffix not in {".csv", ".json"}:
        raise fail("Export to a .csv or .json file.")
    svc = services()
    text = export_csv(svc, State.owner) if suffix == ".csv" else export_json(svc, State.owner)
    file.write_text(text, encoding="utf-8")
    typer.echo(f"Wrote {file}.")


@app.command("log")
def log_cmd(
    person: Annotated[str, typer.Argument(help="Who (several: separate with ,).")],
    summary: Annotated[str, typer.Argument(help="What happened.")],
    kind: Annotated[
        str,
        Opt(
            help="meeting, lunch/coffee, chance encounter, message, feedback, "
            "favour, celebration, info shared"
        ),
    ] = "meeting",
    date: Annotated[str | None, Opt(help="YYYY-MM-DD; default today.")] = None,
) -> None:
    """Log an interaction; it restarts the keep-in-touch clock and becomes a searchable note."""
    from coach.services.notes import parse_date
    from coach.services.peers import log_interaction

    names = [n.strip() for n in person.split(",") if n.strip()]
    view = _run(
        log_interaction, services(), names, kind, summary, _run(parse_date, date), State.owner
    )
    typer.echo(f"Logged {view.kind} with {', '.join(view.peers)} on {view.day}.")


@app.command("favour")
def favour_cmd(
    person: Annotated[str, typer.Argument()],
    direction: Annotated[str, typer.Argument(help="given or received")],
    what: Annotated[str, typer.Argument(help="The favour.")],
    date: Annotated[str | None, Opt(help="YYYY-MM-DD; default today.")] = None,
) -> None:
    """Record a favour given or received (the reciprocity ledger)."""
    from coach.services.notes import parse_date
    from coach.services.peers import add_favour

    typer.echo(
        _run(add_favour, services(), person, direction, what, _run(parse_date, date), State.owner)
    )


@app.command("next")
def next_cmd(
    n: Annotated[int, Opt("--n", help="How many.")] = 5,
    as_json: Annotated[bool, Opt("--json")] = False,
) -> None:
    """Who to reach out to next, with the reason and a suggested action."""
    from coach.services.who_next import who_next

    ranked = who_next(services(), State.owner, n=n)
    if as_json:
        _print_json(
            [
                s.model_dump(
                    include={
                        "name",
                        "score",
                        "reason",
                        "suggested_action",
                        "card",
                        "team",
                        "factors",
                    }
                )
                for s in ranked
            ]
        )
        return
    if not ranked:
        typer.echo("No peers yet: map the peers whose work affects yours with `coach peers add`.")
    for i, s in enumerate(ranked, 1):
        typer.echo(f"{i}. {s.name} ({s.score:g}): {s.reason}\n   → {s.suggested_action}")


@app.command("opener")
def opener_cmd(
    person: Annotated[str, typer.Argument()],
    context: Annotated[
        str, Opt(help="chance encounter, meeting start, lunch, message")
    ] = "chance encounter",
    as_json: Annotated[bool, Opt("--json")] = False,
) -> None:
    """Three conversation openers that use your notes about the person."""
    from coach.services.openers import make_openers

    result = _run(make_openers, services(), person, context, None, State.owner)
    if as_json:
        _print_json(result.model_dump())
        return
    typer.echo(f"Openers for {result.peer} ({result.context}):")
    for o in result.openers:
        typer.echo(f"- {o.text}\n  ({o.why} [{o.card}])")


@app.command("feedback")
def feedback_cmd(
    person: Annotated[str, typer.Argument(help="Whom to ask.")],
    topic: Annotated[str, Opt(help="What you want feedback on.")],
    depth: Annotated[str | None, Opt(help="quick (a bounce) or deep (a critique).")] = None,
    as_json: Annotated[bool, Opt("--json")] = False,
) -> None:
    """Draft and track a feedback request, framed with what is in it for them."""
    from coach.services.feedback import request_feedback

    req = _run(request_feedback, services(), person, topic, depth, None, State.owner)
    if as_json:
        _print_json(req.model_dump(mode="json"))
        return
    typer.echo(
        f"[{req.id[:8]}] {req.depth} feedback from {req.peer} on {req.topic}:\n\n"
        f"{req.draft}\n\nNext: {req.next_step}"
    )


@app.command("feedback-list")
def feedback_list(as_json: Annotated[bool, Opt("--json")] = False) -> None:
    """Feedback requests, newest first, with the next step of each."""
    from coach.services.feedback import list_requests

    reqs = list_requests(services(), State.owner)
    if as_json:
        _print_json([r.model_dump(mode="json") for r in reqs])
        return
    for r in reqs:
        typer.echo(f"[{r.id[:8]}] {r.status:<9} {r.peer}: {r.topic} → {r.next_step}")


@app.command("feedback-status")
def feedback_status(
    request_id: Annotated[str, typer.Argument(help="The id (its first 8 characters will do).")],
    status: Annotated[str, typer.Argument(help="asked, received or closed")],
    outcome: Annotated[str, Opt(help="When closing: what you changed, or why not.")] = "",
) -> None:
    """Move a feedback request along: drafted → asked → received → closed."""
    from coach.services.feedback import advance

    req = _run(advance, services(), request_id, status, outcome, State.owner)
    typer.echo(f"{req.peer}: {req.topic} is now {req.status}. {req.next_step}")
