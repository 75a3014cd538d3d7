"""Upgrading a data folder made by an older version keeps everything in it."""

import sqlite3

from coach.store.db import SCHEMA_VERSION, make_engine
from sqlalchemy import inspect, text


def test_a_version_1_database_is_upgraded_without_losing_notes(tmp_path):
    path = tmp_path / "coach.db"
    con = sqlite3.connect(path)
    con.executescript("""
        CREATE TABLE schema_version (id INTEGER PRIMARY KEY, version INTEGER);
        INSERT INTO schema_version VALUES (1, 1);
        CREATE TABLE notes (id VARCHAR(32) PRIMARY KEY, owner VARCHAR(100), text TEXT,
            person VARCHAR(200), note_date DATE, source VARCHAR(40), created_at DATETIME);
        INSERT INTO notes VALUES ('n1', 'local', 'Priya starts onboarding', 'Priya',
            '2026-11-01', 'note', '2026-11-01 09:00:00');
    """)
    con.commit()
    con.close()
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT text FROM notes")).scalar() == "Priya starts onboarding"
        assert conn.execute(text("SELECT version FROM schema_version")).scalar() == SCHEMA_VERSION
        assert conn.execute(text("SELECT source_key FROM notes")).scalar() is None
    assert {"peers", "interactions", "favours", "feedback_requests", "follow_ups"} <= set(
        inspect(engine).get_table_names()
    )


def test_opening_a_current_database_twice_changes_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    make_engine(url)
    with make_engine(url).connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM schema_version")).scalar() == 1
