"""Exactly-once inserts and locked read-modify-writes that hold on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

SOURCE_KEY = ("owner", "source_key")


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def insert_once(
    session: Session, model: Any, values: dict[str, Any], unique: Sequence[str] = SOURCE_KEY
) -> tuple[Any, bool]:
    """Insert a row unless one with the same `unique` columns exists; returns (row, created).

    The database's unique index decides, so two requests saving the same thing at once make
    one row and neither fails: the loser waits for the winner's commit, then reads its row.
    """
    from sqlalchemy.dialects import postgresql, sqlite

    name = _dialect(session)
    if name not in ("postgresql", "sqlite"):  # pragma: no cover - the two back-ends we ship
        raise RuntimeError(f"No insert-or-ignore for the {name} database.")
    insert = postgresql.insert if name == "postgresql" else sqlite.insert
    table = model.__table__
    stmt = insert(table).values(**values).on_conflict_do_nothing(index_elements=unique)
    # RETURNING says whether a row went in (psycopg reports no rowcount for this statement).
    created = session.execute(stmt.returning(*table.primary_key.columns)).first() is not None
    row = session.scalar(
        select(model)
        .where(*(getattr(model, col) == values[col] for col in unique))
        .execution_options(populate_existing=True)
    )
    return row, created


def locked(session: Session, query: Select[Any]) -> Any:
    """The one row `query` selects, locked for this transaction so no other writer interleaves.

    PostgreSQL locks the row (SELECT … FOR UPDATE). SQLite has one writer per database, so a
    no-op UPDATE first makes this a write transaction (it waits for other writers, and nobody
    else can write until we commit); only then is the row read.
    """
    if _dialect(session) == "sqlite":
        entity = query.column_descriptions[0]["entity"]
        table = entity.__table__
        key = table.primary_key.columns[0]
        session.execute(update(table).where(key.is_(None)).values({key.name: key}))
        return session.scalar(query.execution_options(populate_existing=True))
    return session.scalar(query.with_for_update().execution_options(populate_existing=True))
