"""The `coach` command line: the same services as the page, printed for a terminal."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from tqdm import tqdm

from coach.errors import CoachError
from coach.services import Services, build_services
from coach.settings import load_settings

app = typer.Typer(help="Peer Coach: build strong working relationships with your peers.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
note_app = typer.Typer(help="Notes about colleagues.", no_args_is_help=True)
app.add_typer(note_app, name="note")


class State:
    data_dir: Path | None = None
    services: Services | None = None


def services() -> Services:
    if State.services is None:
        State.services = build_services(load_settings(State.data_dir))
    return State.services


def fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code)


def tqdm_progress(desc: str):  # type: ignore[no-untyped-def]
    bar: dict[str, tqdm] = {}

    def update(done: int, total: int, what: str) -> None:
        if "bar" not in bar:
            bar["bar"] = tqdm(total=total, desc=desc, unit="chunk", file=sys.stderr)
        bar["bar"].n = done
        bar["bar"].set_postfix_str(what)
        bar["bar"].refresh()
        if done >= total:
            bar["bar"].close()

    return update


@app.callback()
def main_options(
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help="Folder for all your data (COACH_DATA_DIR).")
    ] = None,
) -> None:
    State.data_dir = data_dir
    State.services = None


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """Open the Peer Coach page in your browser."""
    from coach.web import launch

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
    from coach.indexing import add_guidance_files, index_everything

    svc = services()
    added, problems = add_guidance_files(svc, paths or [])
    for path in added:
        typer.echo(f"Added {path.name} to your guidance.", err=True)
    report = index_everything(svc, progress=None if as_json else tqdm_progress("Indexing"))
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
    as_json: Annotated[bool, typer.Option("--json", help="Print answer and sources as JSON.")] = False,
) -> None:
    """Ask the coach a question; the answer lists its sources."""
    from coach.chat import answer, numbered
    from coach.indexing import ensure_indexed

    svc = services()
    try:
        ensure_indexed(svc)
        reply = answer(svc, question)
    except CoachError as exc:
        raise fail(str(exc)) from exc
    if as_json:
        payload = {
            "answer": reply.text,
            "sources": [
                {"tag": tag, **s.model_dump(include={"kind", "title", "id", "person", "date",
                                                     "score", "source"})}
                for tag, s in numbered(reply.sources)
            ],
            "provider": reply.provider,
            "notice": reply.notice,
        }
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        typer.echo(reply.with_sources())


@note_app.command("add")
def note_add(
    text: Annotated[str, typer.Argument(help="The note.")],
    person: Annotated[str | None, typer.Option(help="Who the note is about.")] = None,
    date: Annotated[str | None, typer.Option(help="YYYY-MM-DD; default today.")] = None,
) -> None:
    """Save a note about a colleague; the coach can use it in the next answer."""
    from coach.notes import add_note

    try:
        saved = add_note(services(), text, person=person, when=date)
    except CoachError as exc:
        raise fail(str(exc)) from exc
    typer.echo(saved.message)


@note_app.command("list")
def note_list(person: Annotated[str | None, typer.Option(help="Only this person.")] = None) -> None:
    """List your notes, newest first."""
    from coach.notes import list_notes

    for note in list_notes(services(), person=person):
        who = f" [{note.person}]" if note.person else ""
        typer.echo(f"{note.note_date}{who} {note.text}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
