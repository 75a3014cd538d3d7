"""Commands for this week's plan."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coach.ui.cli.common import (
    Opt,
    State,
    _print_json,
    _run,
    plan_app,
    services,
)


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
