"""Commands for accounts in a shared deployment."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from coach.ui.cli.common import (
    _run,
    services,
    users_app,
)


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
def users_remove(
    username: Annotated[str, typer.Argument()],
    keep_data: Annotated[
        bool,
        typer.Option(
            "--keep-data", help="Keep their data under an archived id no one can sign in as."
        ),
    ] = False,
) -> None:
    """Remove a user and delete their peers, notes, plans, conversations and guidance files."""
    from coach.services.accounts import remove_user

    done = _run(remove_user, services(), username, keep_data)
    if done.archived_as:
        typer.echo(
            f"Removed user {username}; their {done.records} record(s) are kept under "
            f"{done.archived_as}, which no account can sign in as."
        )
    else:
        typer.echo(
            f"Removed user {username} and deleted their {done.records} record(s), notes index "
            "and guidance files. Restart a running `coach serve` to end their open sessions."
        )


@users_app.command("list")
def users_list() -> None:
    """List user names."""
    from coach.services.accounts import list_users

    for name in list_users(services()):
        typer.echo(name)
