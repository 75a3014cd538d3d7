"""Alembic brings a database to the newest schema: new ones are made and stamped, old ones
(Alembic's or the earlier schema_version runner's) are upgraded one revision at a time.

Imported only when the one cheap version check in coach.store.db finds work to do."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from filelock import FileLock
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from coach.errors import CoachError
from coach.store.tables import Base

HERE = Path(__file__).resolve().parent
# Any constant: PostgreSQL's advisory lock that lets one process at a time migrate.
PG_LOCK_KEY = 7_350_021
LEGACY_TABLE = "schema_version"


class NewerSchema(CoachError):
    """The database was made by a newer Peer Coach than this one."""


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """Alembic's configuration without an alembic.ini: the scripts here, the caller's
    connection (or a URL, for developers making a new revision)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    cfg.attributes["connection"] = connection
    return cfg


def script_head() -> str:
    """The newest revision among the scripts."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


@contextmanager
def _one_process_at_a_time(engine: Engine) -> Iterator[None]:
    """Two first starts at once: for SQLite a file lock beside the database file (PostgreSQL
    takes an advisory lock inside the migrating transaction)."""
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    if not path or path == ":memory:" or path.startswith("file:"):
        yield
        return
    with FileLock(f"{path}-migrate.lock", timeout=120, mode=0o600):
        yield


def _revision(conn: Connection, tables: set[str]) -> str | None:
    if "alembic_version" not in tables:
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _bring_to_head(conn: Connection, head: str) -> None:
    tables = set(inspect(conn).get_table_names())
    current = _revision(conn, tables)
    if current == head:  # another process did it while we waited for the lock
        return
    cfg = alembic_config(conn)
    if current is not None:
        command.upgrade(cfg, "head")
    elif LEGACY_TABLE in tables:
        # The earlier runner's version N is revision 000N: mark it so, then upgrade. As that
        # runner did, first make whichever tables are missing (its databases may lack some).
        old = conn.execute(text(f"SELECT version FROM {LEGACY_TABLE}")).scalar() or 1
        Base.metadata.create_all(conn)
        command.stamp(cfg, f"{old:04d}")
        command.upgrade(cfg, "head")
        conn.execute(text(f"DROP TABLE {LEGACY_TABLE}"))
    else:
        # A new data folder: Alembic's recipe is to create every table, then stamp head.
        Base.metadata.create_all(conn)
        command.stamp(cfg, "head")


def upgrade(engine: Engine, head: str) -> str:
    """Bring the database to `head` in one transaction; returns the revision it is at."""
    try:
        with _one_process_at_a_time(engine), engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY})
            _bring_to_head(conn, head)
    except CommandError as exc:  # e.g. a revision this version does not know
        raise NewerSchema(
            f"This data folder's database is at a schema this Peer Coach does not know "
            f"({exc}). Update Peer Coach to open it."
        ) from exc
    return head
