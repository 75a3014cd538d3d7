"""One row per (owner, source key): the clean-up that lets the database enforce it."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

# Tables whose saves are idempotent through a source key, and their unique index.
KEYED_TABLES = ("notes", "interactions", "favours", "feedback_requests", "follow_ups")
FEEDBACK_ORDER = {"drafted": 0, "asked": 1, "received": 2, "closed": 3}


def index_name(table: str) -> str:
    return f"uq_{table}_source"


def _keeper(table: str, rows: list[Any]) -> Any:
    """Which duplicate to keep: the first saved, or for feedback the one furthest along."""
    first = min(rows, key=lambda r: (str(r.created_at or ""), r.id))
    if table == "feedback_requests":
        return max(rows, key=lambda r: (FEEDBACK_ORDER.get(r.status, 0), r is first))
    return first


def dedupe(conn: Connection, table: str) -> int:
    """Delete repeated (owner, source_key) rows made by concurrent saves before the unique
    index existed; what a user did to any copy (done, feedback status, peers) is kept."""
    extra = {"follow_ups": ", done", "feedback_requests": ", status"}.get(table, "")
    groups: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for row in conn.execute(
        text(
            f"SELECT id, owner, source_key, created_at{extra} FROM {table} "
            "WHERE source_key IS NOT NULL"
        )
    ):
        groups[(row.owner, row.source_key)].append(row)
    doomed: list[str] = []
    for rows in groups.values():
        if len(rows) < 2:
            continue
        keep = _keeper(table, rows)
        others = [r.id for r in rows if r.id != keep.id]
        if table == "follow_ups" and any(r.done for r in rows):
            conn.execute(
                text("UPDATE follow_ups SET done = :t WHERE id = :id"), {"t": True, "id": keep.id}
            )
        if table == "interactions":
            _move_interaction_peers(conn, keep.id, others)
        doomed += others
    ids: Any = bindparam("ids", expanding=True)
    for start in range(0, len(doomed), 500):
        chunk = {"ids": doomed[start : start + 500]}
        if table == "interactions":
            stmt = text("DELETE FROM interaction_peers WHERE interaction_id IN :ids")
            conn.execute(stmt.bindparams(ids), chunk)
        conn.execute(text(f"DELETE FROM {table} WHERE id IN :ids").bindparams(ids), chunk)
    return len(doomed)


def _move_interaction_peers(conn: Connection, keep: str, others: list[str]) -> None:
    """The kept interaction gets every peer any copy was linked to."""
    have = {
        r.peer_id
        for r in conn.execute(
            text("SELECT peer_id FROM interaction_peers WHERE interaction_id = :k"), {"k": keep}
        )
    }
    stmt = text("SELECT DISTINCT peer_id FROM interaction_peers WHERE interaction_id IN :ids")
    for r in conn.execute(stmt.bindparams(bindparam("ids", expanding=True)), {"ids": others}):
        if r.peer_id not in have:
            conn.execute(
                text("INSERT INTO interaction_peers (interaction_id, peer_id) VALUES (:i, :p)"),
                {"i": keep, "p": r.peer_id},
            )
            have.add(r.peer_id)


def enforce_unique_source_keys(conn: Connection) -> None:
    """De-duplicate each keyed table, then let a unique index keep it that way."""
    for table in KEYED_TABLES:
        dedupe(conn, table)
        conn.execute(
            text(
                f"CREATE UNIQUE INDEX IF NOT EXISTS {index_name(table)} "
                f"ON {table} (owner, source_key)"
            )
        )
