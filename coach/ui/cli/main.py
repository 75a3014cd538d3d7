"""The `coach` command line's entry point: load what the command needs, build only it, run it.

Start-up is mostly imports, which create many objects and no garbage, so the garbage collector
is paused while they load (it would otherwise scan them over and over) and the survivors are
frozen out of later collections. It runs as usual while the command itself runs.
"""

from __future__ import annotations

import gc


def __getattr__(name: str) -> object:
    """`app`, the typer app (for tests and `typer.testing`), is imported on first use."""
    if name == "app":
        from coach.ui.cli.commands import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    from coach.privacy import restrict_new_files

    restrict_new_files()  # before anything is written: data, logs, exports, download copies
    gc.disable()
    try:
        from coach.ui.cli.commands import app
        from coach.ui.cli.lazy import lazy_command

        command = lazy_command(app)
    finally:
        gc.freeze()
        gc.enable()
    command()


if __name__ == "__main__":
    main()
