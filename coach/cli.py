"""The `coach` command line: the same services as the page, printed for a terminal."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from tqdm import tqdm

from coach.components.container import Services, build_services
from coach.errors import CoachError
from coach.settings import load_settings
from coach.store.db import LOCAL_OWNER

app = typer.Typer(
    help="Peer Coach: build strong working relationships with your peers.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
note_app = typer.Typer(help="Notes about colleagues.", no_args_is_help=True)
app.add_typer(note_app, name="note")
notes_app = typer.Typer(help="Meeting notes: analyse, review, save.", no_args_is_help=True)
app.add_typer(notes_app, name="notes")
followup_app = typer.Typer(help="Follow-ups you owe and are owed.", no_args_is_help=True)
app.add_typer(followup_app, name="follow-up")
plan_app = typer.Typer(help="This week's networking plan.", invoke_without_command=True)
app.add_typer(plan_app, name="plan")
users_app = typer.Typer(
    help="Accounts for a shared deployment (COACH_AUTH=true).", no_args_is_help=True
)
app.add_typer(users_app, name="users")
peers_app = typer.Typer(help="Your peer map: who matters to your work.", no_args_is_help=True)
app.add_typer(peers_app, name="peers")


class State:
    data_dir: Path | None = None
    services: Services | None = None
    owner: str = LOCAL_OWNER


def services() -> Services:
    if State.services is None:
        State.services = build_services(load_settings(State.data_dir))
    return State.services


def fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code)


def tqdm_progress(desc: str) -> Callable[[int, int, str], None]:
    """A progress bar on stderr for ingest's batches."""
    bars: dict[str, tqdm] = {}

    def update(done: int, total: int, what: str) -> None:
        bar = bars.setdefault("bar", tqdm(total=total, desc=desc, unit="chunk", file=sys.stderr))
        bar.set_postfix_str(what, refresh=False)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update


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
) -> None:
    """Ask the coach a question; the answer lists its sources."""
    from coach.services.chat import answer, numbered
    from coach.services.indexing import ensure_indexed

    svc = services()
    try:
        ensure_indexed(svc)
        reply = answer(svc, question, owner=State.owner)
    except CoachError as exc:
        raise fail(str(exc)) from exc
    if as_json:
        payload = {
            "answer": reply.text,
            "sources": [
                {
                    "tag": tag,
                    **s.model_dump(
                        include={"kind", "title", "id", "person", "date", "score", "source"}
                    ),
                }
                for tag, s in numbered(reply.sources)
            ],
            "provider": reply.provider,
            "notice": reply.notice,
            "route": reply.route,
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
    from coach.services.notes import add_note

    try:
        saved = add_note(services(), text, person=person, when=date, owner=State.owner)
    except CoachError as exc:
        raise fail(str(exc)) from exc
    typer.echo(saved.message)


@note_app.command("list")
def note_list(person: Annotated[str | None, typer.Option(help="Only this person.")] = None) -> None:
    """List your notes, newest first."""
    from coach.services.notes import list_notes

    for note in list_notes(services(), State.owner, person=person):
        who = f" [{note.person}]" if note.person else ""
        typer.echo(f"{note.note_date}{who} {note.text}")


# --- peer map -------------------------------------------------------------------------------

Opt = typer.Option


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


def _run(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    """Call a service, turning a CoachError into a plain message and exit code 2."""
    try:
        return fn(*args, **kwargs)
    except CoachError as exc:
        raise fail(str(exc)) from exc


def _print_json(data: object) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


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
    from coach.services.peer_io import import_csv, import_json

    if not file.is_file():
        raise fail(f"No such file: {file}")
    if file.suffix.lower() == ".json":
        typer.echo(_run(import_json, services(), file.read_bytes(), State.owner))
        return
    typer.echo(_run(import_csv, services(), file.read_bytes(), State.owner).summary())


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


# --- meeting notes and follow-ups --------------------------------------------------------


def analysis_text(analysis) -> str:  # type: ignore[no-untyped-def]
    """The analysis as a person reads it in a terminal."""
    lines = [f"Meeting of {analysis.meeting_date} ({analysis.extractor})"]

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.append(f"\n{title}")
            lines.extend(f"  {i}. {item}" for i, item in enumerate(items, 1))

    section(
        "People",
        [
            f"{p.name}"
            + (f" → {p.peer}" if p.peer else " (new)")
            + (f", {p.team}" if p.team else "")
            for p in analysis.people
        ],
    )
    section(
        "Commitments",
        [
            f"{c.who} → {c.to_whom or '—'}: {c.what}" + (f" (due {c.due})" if c.due else "")
            for c in analysis.commitments
        ],
    )
    section(
        "Information to share",
        [f"with {i.with_whom}: {i.what} ({i.why})" for i in analysis.info_to_share],
    )
    section("Successes to celebrate", [f"{c.who}: {c.what}" for c in analysis.celebrate])
    section(
        "Feedback to ask for",
        [f"{f.whom} on {f.on_what} ({f.depth})" for f in analysis.feedback_to_ask],
    )
    section(
        "Bad news to pass on early",
        [
            f"{w.what} → tell {', '.join(w.who_depends) or 'those who depend on it'}"
            for w in analysis.early_warnings
        ],
    )
    section("Openers for next time", [f"{o.person}: {o.text}" for o in analysis.openers])
    if analysis.cards:
        lines.append("\nGuidance: " + ", ".join(analysis.cards))
    return "\n".join(lines)


@notes_app.command("analyze")
def notes_analyze(
    file: Annotated[str, typer.Argument(help="A .txt/.md/.docx/.pdf file, or - for stdin.")],
    date: Annotated[str | None, Opt(help="Meeting date YYYY-MM-DD; default today.")] = None,
    as_json: Annotated[bool, Opt("--json", help="Print the analysis as JSON.")] = False,
    save_it: Annotated[bool, Opt("--save", help="Save every suggestion to your log.")] = False,
) -> None:
    """Analyse meeting notes; nothing is saved unless you add --save."""
    from coach.services.meetings import analyze, read_notes, save
    from coach.services.notes import parse_date

    svc = services()
    if file == "-":
        raw = sys.stdin.buffer.read()
        from coach.components.validate import decode_text

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
    if save_it:
        report = _run(save, svc, text, result, None, State.owner)
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


# --- weekly plan ----------------------------------------------------------------------------


@plan_app.callback()
def plan_cmd(
    ctx: typer.Context,
    week: Annotated[str | None, Opt(help="ISO week, e.g. 2026-W48; default this week.")] = None,
    prompt: Annotated[str | None, Opt(help="What your week holds, in a sentence or two.")] = None,
    as_json: Annotated[bool, Opt("--json", help="Print the plan as JSON.")] = False,
    ics: Annotated[Path | None, Opt(help="Write a calendar file (.ics).")] = None,
    md: Annotated[Path | None, Opt(help="Write the plan as Markdown.")] = None,
    no_carry: Annotated[
        bool, Opt("--no-carry", help="Don't carry over last week's undone items.")
    ] = False,
) -> None:
    """Make (or show) the plan for a week: who to see and what to do, day by day."""
    from coach.services.plans import check_week, load_plan, make_plan, to_ics, to_markdown

    if ctx.invoked_subcommand:
        return
    svc = services()
    existing = None if prompt is not None else load_plan(svc, _run(check_week, week), State.owner)
    plan = existing or _run(make_plan, svc, prompt or "", week, not no_carry, State.owner)
    if ics:
        ics.write_bytes(to_ics(plan))
        typer.echo(f"Wrote {ics} ({len(plan.items)} events).", err=True)
    if md:
        md.write_text(to_markdown(plan), encoding="utf-8")
        typer.echo(f"Wrote {md}.", err=True)
    if as_json:
        _print_json(plan.model_dump(mode="json"))
    elif not (ics or md):
        typer.echo(to_markdown(plan))


@plan_app.command("done")
def plan_done(
    item_id: Annotated[str, typer.Argument(help="Item id, e.g. 2026-W48-03 (or 03 this week).")],
    undo: Annotated[bool, Opt("--undo", help="Untick it.")] = False,
) -> None:
    """Tick off a plan item."""
    from coach.services.plans import mark_done

    plan = _run(mark_done, services(), item_id, not undo, State.owner)
    done = sum(i.done for i in plan.items)
    typer.echo(
        f"{'Unticked' if undo else 'Done'}: {item_id}. {done}/{len(plan.items)} done this week."
    )


# --- accounts -------------------------------------------------------------------------------


def _password(confirm: bool = True) -> str:
    return typer.prompt("Password", hide_input=True, confirmation_prompt=confirm)


@users_app.command("add")
def users_add(username: Annotated[str, typer.Argument()]) -> None:
    """Add a user (asks for the password, or reads COACH_NEW_PASSWORD)."""
    from coach.services.accounts import add_user

    password = os.environ.get("COACH_NEW_PASSWORD") or _password()
    typer.echo(f"Added user {_run(add_user, services(), username, password)}.")


@users_app.command("passwd")
def users_passwd(username: Annotated[str, typer.Argument()]) -> None:
    """Set a user's password."""
    from coach.services.accounts import set_password

    password = os.environ.get("COACH_NEW_PASSWORD") or _password()
    _run(set_password, services(), username, password)
    typer.echo(f"Password changed for {username}.")


@users_app.command("remove")
def users_remove(username: Annotated[str, typer.Argument()]) -> None:
    """Remove a user's account (their records stay in the data folder)."""
    from coach.services.accounts import remove_user

    _run(remove_user, services(), username)
    typer.echo(f"Removed user {username}; their records stay in the data folder.")


@users_app.command("list")
def users_list() -> None:
    """List user names."""
    from coach.services.accounts import list_users

    for name in list_users(services()):
        typer.echo(name)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
