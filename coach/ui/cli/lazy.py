"""The command tree built on demand: typer reads a command's parameters only when it is used.

`typer.main.get_command` turns every registered function into a click command up front (some
30, each signature and annotation read); a run uses one. Here each group holds its
sub-commands as recipes and builds one the first time click asks for it, so `coach peers list`
builds the root, the `peers` group and `list`. Help and "did you mean" still list every name,
in the same order, and build what they show.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, MutableMapping
from functools import partial
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup
from typer.main import (
    get_command_from_info,
    get_command_name,
    get_group_from_info,
    solve_typer_info_defaults,
)
from typer.models import TyperInfo

if TYPE_CHECKING:
    from typer import _click

Maker = Callable[[], "_click.Command"]


class CommandTable(MutableMapping[str, "_click.Command"]):
    """Sub-commands by name, in registration order; each is built on first access."""

    def __init__(self, makers: dict[str, Maker]) -> None:
        self._makers = makers
        self._built: dict[str, _click.Command] = {}

    def __getitem__(self, name: str) -> _click.Command:
        if name not in self._built:
            self._built[name] = self._makers[name]()
        return self._built[name]

    def __setitem__(self, name: str, command: _click.Command) -> None:
        self._makers[name] = partial(lambda c: c, command)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._makers[name]
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)


class LazyGroup(TyperGroup):
    """A typer group that lists its sub-commands by name without building them."""

    def list_commands(self, ctx: _click.Context) -> list[str]:
        return list(self.commands)


def lazy_command(app: typer.Typer) -> _click.Command:
    """The same command as `typer.main.get_command(app)`, with sub-commands built on demand.

    Falls back to typer's own (eager) build for shapes this does not cover: an app without a
    group callback, a custom group class, or a sub-app added without a name."""
    flags = _flags(app)
    makers = _makers(app, flags)
    if makers is None or not _lazy_class_allowed(TyperInfo(app)):
        return typer.main.get_command(app)
    shell = _without_commands(app)
    if not (shell.registered_callback or shell.info.callback):
        return typer.main.get_command(app)
    shell.info = copy.copy(app.info)
    shell.info.cls = LazyGroup
    group = typer.main.get_command(shell)
    if not isinstance(group, LazyGroup):  # a class set on the callback wins over ours
        return typer.main.get_command(app)
    group.commands = CommandTable(makers)
    return group


def _flags(app: typer.Typer) -> dict[str, Any]:
    return {
        "pretty_exceptions_short": app.pretty_exceptions_short,
        "rich_markup_mode": app.rich_markup_mode,
        "suggest_commands": app.suggest_commands,
    }


def _makers(app: typer.Typer, flags: dict[str, Any]) -> dict[str, Maker] | None:
    """How to build each sub-command, keyed and ordered as typer would (commands, then groups);
    None when a sub-app has no name (typer merges its commands into this group)."""
    command_flags = {k: flags[k] for k in ("pretty_exceptions_short", "rich_markup_mode")}
    makers: dict[str, Maker] = {}
    for info in app.registered_commands:
        assert info.callback, "A command must have a callback function"
        name = info.name or get_command_name(info.callback.__name__)
        makers[name] = partial(get_command_from_info, info, **command_flags)
    for group_info in app.registered_groups:
        group_name = solve_typer_info_defaults(group_info).name
        if not group_name:
            return None
        makers[group_name] = partial(_group, group_info, flags)
    return makers


def _group(info: TyperInfo, flags: dict[str, Any]) -> _click.Command:
    """A sub-app as a lazy group, or built eagerly when its shape asks for that."""
    assert info.typer_instance is not None
    makers = _makers(info.typer_instance, flags)
    if makers is None or not _lazy_class_allowed(info):
        return get_group_from_info(info, **flags)
    shell = copy.copy(info)
    shell.typer_instance = _without_commands(info.typer_instance)
    shell.cls = LazyGroup
    group = get_group_from_info(shell, **flags)
    group.commands = CommandTable(makers)
    return group


def _lazy_class_allowed(info: TyperInfo) -> bool:
    """Only groups that would be plain TyperGroups: a custom class keeps its own behaviour."""
    cls = solve_typer_info_defaults(info).cls
    return cls is None or cls is TyperGroup


def _without_commands(app: typer.Typer) -> typer.Typer:
    shell = copy.copy(app)
    shell.registered_commands = []
    shell.registered_groups = []
    return shell
