"""Commands for meeting notes and the follow-ups they create."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from coach.ui.cli.common import (
    Opt,
    State,
    _print_json,
    _run,
    fail,
    followup_app,
    notes_app,
    services,
)


@notes_app.command("analyze")
def notes_analyze(
    file: Annotated[str, typer.Argument(help="A .txt/.md/.docx/.pdf file, or - for stdin.")],
    date: Annotated[str | None, Opt(help="Meeting date YYYY-MM-DD; default today.")] = None,
    as_json: Annotated[bool, Opt("--json", help="Print the analysis as JSON.")] = False,
    save_it: Annotated[bool, Opt("--save", help="Save the suggestions to your log.")] = False,
    skip: Annotated[
        list[str] | None,
        Opt(
            "--skip",
            help="With --save, drop a section or items by their numbers: "
            "commitments:2,3 · people:1 · share · celebrate · feedback · risks · note.",
        ),
    ] = None,
) -> None:
    """Analyse meeting notes; nothing is saved unless you add --save, which keeps every
    suggestion except those you --skip (as the page keeps what stays ticked)."""
    from coach.services.meetings import SaveChoice, analyze, read_notes, save
    from coach.services.notes import parse_date
    from coach.services.render import analysis_text

    svc = services()
    if file == "-":
        from coach.components.validate import decode_text, read_capped

        raw = _run(read_capped, sys.stdin.buffer, svc.settings.max_upload_bytes, "The input")

        text = _run(read_notes, _run(decode_text, raw, "The input"))
    else:
        path = Path(file)
        if not path.is_file():
            raise fail(f"No such file: {file}")
        text = _run(read_notes, None, path)
    result = _run(analyze, svc, text, _run(parse_date, date), State.owner)
    if as_json:
        _print_json(result.model_dump(mode="json"))
    else:
        typer.echo(analysis_text(result))
    if skip and not save_it:
        raise fail("--skip only applies with --save.")
    if save_it:
        choice = _run(SaveChoice.dropping, result, skip or [])
        report = _run(save, svc, text, result, choice, State.owner)
        typer.echo(report.summary(), err=as_json)
    elif not as_json:
        typer.echo("\nNothing saved. Run again with --save to add these to your log.")


@followup_app.command("add")
def follow_up_add(
    what: Annotated[str, typer.Argument(help="What is owed.")],
    person: Annotated[str | None, Opt(help="Which peer.")] = None,
    due: Annotated[str | None, Opt(help="YYYY-MM-DD")] = None,
    they_owe: Annotated[bool, Opt("--they-owe", help="They owe you (default: you owe).")] = False,
) -> None:
    """Record a follow-up."""
    from coach.services.followups import add_follow_up
    from coach.services.notes import parse_date

    when = _run(parse_date, due) if due else None
    view, _ = _run(
        add_follow_up,
        services(),
        person,
        what,
        when,
        "they_owe" if they_owe else "i_owe",
        State.owner,
    )
    typer.echo(f"[{view.id[:8]}] {view.line}")


@followup_app.command("list")
def follow_up_list(as_json: Annotated[bool, Opt("--json")] = False) -> None:
    """Open follow-ups, soonest due first."""
    from coach.services.followups import list_follow_ups

    items = list_follow_ups(services(), State.owner)
    if as_json:
        _print_json([f.model_dump(mode="json") for f in items])
        return
    if not items:
        typer.echo("No open follow-ups.")
    for f in items:
        typer.echo(f"[{f.id[:8]}] {f.line}")


@followup_app.command("done")
def follow_up_done(follow_up_id: Annotated[str, typer.Argument()]) -> None:
    """Mark a follow-up done."""
    from coach.services.followups import complete

    typer.echo(f"Done: {_run(complete, services(), follow_up_id, State.owner).line}")
