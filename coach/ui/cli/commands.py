"""The `coach` app: its options, the commands on its first level, and its command groups."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from coach.errors import CoachError
from coach.store.db import LOCAL_OWNER
from coach.ui.cli import meetings, peers, plan, users  # noqa: F401  (each registers its commands)
from coach.ui.cli.common import (
    State,
    _print_json,
    app,
    fail,
    followup_app,
    loading,
    note_app,
    notes_app,
    peers_app,
    plan_app,
    services,
    tqdm_progress,
    users_app,
)

app.add_typer(note_app, name="note")
app.add_typer(notes_app, name="notes")
app.add_typer(followup_app, name="follow-up")
app.add_typer(plan_app, name="plan")
app.add_typer(users_app, name="users")
app.add_typer(peers_app, name="peers")


@app.callback()
def main_options(
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help="Folder for all your data (COACH_DATA_DIR).")
    ] = None,
    user: Annotated[
        str | None, typer.Option("--user", help="Act as this signed-in user (team set-ups).")
    ] = None,
) -> None:
    State.data_dir = data_dir
    State.services = None
    State.owner = user or LOCAL_OWNER


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """Open the Peer Coach page in your browser."""
    with loading():
        from coach.ui.web.app import launch

    try:
        launch(services(), host=host, port=port)
    except CoachError as exc:
        raise fail(str(exc)) from exc


@app.command()
def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(help="Guidance files to add.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Index the guidance (and add your own .md/.txt/.pdf files); re-running adds nothing."""
    from coach.services.indexing import add_guidance_files, index_everything

    svc = services()
    added, problems = add_guidance_files(svc, paths or [], State.owner)
    for path in added:
        typer.echo(f"Added {path.name} to your guidance.", err=True)
    report = index_everything(
        svc, State.owner, progress=None if as_json else tqdm_progress("Indexing")
    )
    report.skipped.extend(problems)
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
    else:
        typer.echo(report.summary())
    if problems:
        raise typer.Exit(1)


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="What you want to ask the coach.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print answer and sources as JSON.")
    ] = False,
    full: Annotated[bool, typer.Option("--full", help="Print the cards it cites in full.")] = False,
) -> None:
    """Ask the coach a question; the answer lists its sources."""
    from coach.services.warm_up import start_warm_up

    svc = services()
    warming = start_warm_up(svc)  # the model loads while the answer's code is imported
    with loading():
        from coach.services.chat import answer
        from coach.services.start_up import ensure_indexed
    warming.join()
    try:
        ensure_indexed(svc)
        reply = answer(svc, question, owner=State.owner)
    except CoachError as exc:
        raise fail(str(exc)) from exc
    if as_json:
        typer.echo(json.dumps(reply.as_json(), indent=2, ensure_ascii=False))
    else:
        typer.echo(reply.with_sources(cards="full" if full else "none"))


@note_app.command("add")
def note_add(
    text: Annotated[str, typer.Argument(help="The note.")],
    person: Annotated[str | None, typer.Option(help="Who the note is about.")] = None,
    date: Annotated[str | None, typer.Option(help="YYYY-MM-DD; default today.")] = None,
) -> None:
    """Save a note about a colleague; the coach can use it in the next answer."""
    from coach.services.notes import add_note

    try:
        saved = add_note(services(), text, person=person, when=date, owner=State.owner)
    except CoachError as exc:
        raise fail(str(exc)) from exc
    typer.echo(saved.message)


@app.command()
def doctor(
    check_only: Annotated[
        bool, typer.Option("--check-only", help="Report problems without repairing them.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Check that every note and guidance card can be found by search; rebuild what cannot."""
    from dataclasses import asdict

    from coach.services import doctor as checkup

    progress = None if as_json or check_only else tqdm_progress("Rebuilding")
    results = checkup.run(services(), repair=not check_only, progress=progress)
    if as_json:
        _print_json([{**asdict(h), "healthy": h.healthy} for h in results])
    else:
        for health in results:
            typer.echo(health.line())
    if any(not h.healthy and not h.fixed for h in results):
        raise typer.Exit(1)


@note_app.command("list")
def note_list(person: Annotated[str | None, typer.Option(help="Only this person.")] = None) -> None:
    """List your notes, newest first."""
    from coach.services.notes import list_notes

    for note in list_notes(services(), State.owner, person=person):
        who = f" [{note.person}]" if note.person else ""
        typer.echo(f"{note.note_date}{who} {note.text}")
