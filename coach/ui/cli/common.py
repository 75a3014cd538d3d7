"""What every command shares: the typer apps, the services, plain errors and JSON output."""

from __future__ import annotations

import gc
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from coach.components.container import Services, build_services
from coach.errors import CoachError
from coach.settings import load_settings
from coach.store.db import LOCAL_OWNER

Opt = typer.Option
app = typer.Typer(
    help="Peer Coach: build strong working relationships with your peers.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


note_app = typer.Typer(help="Notes about colleagues.", no_args_is_help=True)


notes_app = typer.Typer(help="Meeting notes: analyse, review, save.", no_args_is_help=True)


followup_app = typer.Typer(help="Follow-ups you owe and are owed.", no_args_is_help=True)


plan_app = typer.Typer(help="This week's networking plan.", invoke_without_command=True)


users_app = typer.Typer(
    help="Accounts for a shared deployment (COACH_AUTH=true).", no_args_is_help=True
)


peers_app = typer.Typer(help="Your peer map: who matters to your work.", no_args_is_help=True)


class State:
    data_dir: Path | None = None
    services: Services | None = None
    owner: str = LOCAL_OWNER


def services() -> Services:
    if State.services is None:
        from coach.services.start_up import reconcile_if_needed

        State.services = build_services(load_settings(State.data_dir))
        reconcile_if_needed(State.services)  # notes a killed command left unindexed, indexed now
    return State.services


@contextmanager
def loading() -> Iterator[None]:
    """Import a command's heavy modules with the garbage collector paused, as at start-up
    (see main.py): they make many objects and no garbage, and collecting mid-way costs ~5%."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code)


def tqdm_progress(desc: str) -> Callable[[int, int, str], None]:
    """A progress bar on stderr for ingest's batches."""
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def update(done: int, total: int, what: str) -> None:
        bar = bars.setdefault("bar", tqdm(total=total, desc=desc, unit="chunk", file=sys.stderr))
        bar.set_postfix_str(what, refresh=False)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update


def _run(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    """Call a service, turning a CoachError into a plain message and exit code 2."""
    try:
        return fn(*args, **kwargs)
    except CoachError as exc:
        raise fail(str(exc)) from exc


def _print_json(data: object) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
