"""Upgrading a data folder made by an older version keeps everything in it."""

import sqlite3

import pytest
from sqlalchemy import inspect, text

from coach.store.db import HEAD, make_engine
from tests.conftest import make_services


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
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
        assert conn.execute(text("SELECT source_key FROM notes")).scalar() is None
    assert {"peers", "interactions", "favours", "feedback_requests", "follow_ups"} <= set(
        inspect(engine).get_table_names()
    )


def test_opening_a_current_database_twice_changes_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    make_engine(url)
    with make_engine(url).connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1


def _v4_database_with_duplicates(url: str) -> None:
    """A v4 database as concurrent saves left it: repeated source keys, no unique index."""
    engine = make_engine(url)
    with engine.begin() as conn:
        for table in ("notes", "interactions", "favours", "feedback_requests", "follow_ups"):
            conn.execute(text(f"DROP INDEX uq_{table}_source"))
        # As the earlier runner left a version 4 database: its own version table, no Alembic.
        conn.execute(text("DROP TABLE alembic_version"))
        conn.execute(text("CREATE TABLE schema_version (id INTEGER PRIMARY KEY, version INTEGER)"))
        conn.execute(text("INSERT INTO schema_version VALUES (1, 4)"))
        conn.execute(
            text(
                "INSERT INTO peers (id, owner, name, name_key, role, team, team_key, relates,"
                " importance, relationship, focus, cadence_days, tags, created_at, updated_at)"
                " VALUES (:id, 'local', :n, :k, '', '', '', '', 3, 'weak', false, 30, '',"
                " '2026-11-01 09:00:00', '2026-11-01 09:00:00')"
            ),
            [{"id": "p1", "n": "Aisha", "k": "aisha"}, {"id": "p2", "n": "Marco", "k": "marco"}],
        )
        note = (
            "INSERT INTO notes (id, owner, text, person, note_date, source, source_key,"
            " created_at) VALUES (:id, 'local', :t, NULL, '2026-11-23', 'meeting', :k, :c)"
        )
        conn.execute(
            text(note),
            [
                {"id": "n1", "t": "sync", "k": "m:note", "c": "2026-11-23 09:00:00"},
                {"id": "n2", "t": "sync", "k": "m:note", "c": "2026-11-23 09:00:01"},
                {"id": "n3", "t": "own words", "k": None, "c": "2026-11-23 09:00:02"},
                {"id": "n4", "t": "own words", "k": None, "c": "2026-11-23 09:00:03"},
            ],
        )
        conn.execute(
            text(
                "INSERT INTO follow_ups (id, owner, peer_id, direction, what, done, source_key,"
                " created_at) VALUES (:id, 'local', 'p1', 'i_owe', 'send deck', :d, 'm:c0', :c)"
            ),
            [
                {"id": "f1", "d": False, "c": "2026-11-23 09:00:00"},
                {"id": "f2", "d": True, "c": "2026-11-23 09:00:01"},
            ],
        )
        conn.execute(
            text(
                "INSERT INTO feedback_requests (id, owner, peer_id, topic, depth, status, draft,"
                " outcome, source_key, created_at, updated_at) VALUES (:id, 'local', 'p1',"
                " 'launch plan', 'deep', :s, '', '', 'm:f0', :c, :c)"
            ),
            [
                {"id": "r1", "s": "drafted", "c": "2026-11-23 09:00:00"},
                {"id": "r2", "s": "asked", "c": "2026-11-23 09:00:01"},
            ],
        )
        conn.execute(
            text(
                "INSERT INTO interactions (id, owner, day, kind, summary, source_key, created_at)"
                " VALUES (:id, 'local', '2026-11-23', 'meeting', 'sync', 'm:meeting', :c)"
            ),
            [{"id": "i1", "c": "2026-11-23 09:00:00"}, {"id": "i2", "c": "2026-11-23 09:00:01"}],
        )
        conn.execute(
            text("INSERT INTO interaction_peers (interaction_id, peer_id) VALUES (:i, :p)"),
            [{"i": "i1", "p": "p1"}, {"i": "i2", "p": "p1"}, {"i": "i2", "p": "p2"}],
        )
    engine.dispose()


def test_upgrading_to_v5_merges_repeated_saves_and_keeps_everything_else(tmp_path):
    from sqlalchemy.exc import IntegrityError

    url = make_services(tmp_path / "data").settings.sqlalchemy_url  # SQLite, or PostgreSQL
    _v4_database_with_duplicates(url)
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = lambda sql: [tuple(r) for r in conn.execute(text(sql))]  # noqa: E731
        assert rows("SELECT version_num FROM alembic_version") == [(HEAD,)]
        assert rows("SELECT id FROM notes ORDER BY id") == [("n1",), ("n3",), ("n4",)]
        assert rows("SELECT id, done FROM follow_ups") == [("f1", 1)], "a tick on a copy stays"
        assert rows("SELECT id, status FROM feedback_requests") == [("r2", "asked")]
        assert rows("SELECT id FROM interactions") == [("i1",)]
        assert rows("SELECT peer_id FROM interaction_peers ORDER BY peer_id") == [
            ("p1",),
            ("p2",),
        ]
        assert rows("SELECT count(*) FROM peers") == [(2,)]
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO notes (id, owner, text, note_date, source, source_key, created_at)"
                " VALUES ('n9', 'local', 'x', '2026-11-23', 'meeting', 'm:note', '2026-11-24')"
            )
        )


def test_a_version_4_database_keeps_its_notes_and_marks_them_for_indexing(tmp_path):
    """v6 records whether each note is in the vector store; older notes are checked once."""
    path = tmp_path / "coach.db"
    con = sqlite3.connect(path)
    con.executescript("""
        CREATE TABLE schema_version (id INTEGER PRIMARY KEY, version INTEGER);
        INSERT INTO schema_version VALUES (1, 4);
        CREATE TABLE notes (id VARCHAR(32) PRIMARY KEY, owner VARCHAR(100), text TEXT,
            person VARCHAR(200), note_date DATE, source VARCHAR(40), source_key VARCHAR(64),
            created_at DATETIME);
        INSERT INTO notes VALUES ('n1', 'local', 'Marco runs the budget review', 'Marco',
            '2026-11-01', 'note', NULL, '2026-11-01 09:00:00');
    """)
    con.commit()
    con.close()
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        row = conn.execute(text("SELECT text, indexed FROM notes")).one()
        assert tuple(row) == ("Marco runs the budget review", 0)
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD


def _old_runner_database(url: str, version: int) -> None:
    """A database as the earlier runner left it at `version`: that version's tables, its
    schema_version table and a row in each table the version had."""
    from alembic import command
    from sqlalchemy import create_engine

    from coach.store.migrations import alembic_config

    engine = create_engine(url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), f"{version:04d}")
        conn.execute(text("DROP TABLE alembic_version"))
        conn.execute(text("CREATE TABLE schema_version (id INTEGER PRIMARY KEY, version INTEGER)"))
        conn.execute(text("INSERT INTO schema_version VALUES (1, :v)"), {"v": version})
        conn.execute(
            text(
                "INSERT INTO notes (id, owner, text, person, note_date, source, created_at)"
                " VALUES ('n1', 'local', 'Priya starts onboarding', 'Priya', '2026-11-01',"
                " 'note', '2026-11-01 09:00:00')"
            )
        )
        if version >= 2:
            conn.execute(
                text(
                    "INSERT INTO peers (id, owner, name, name_key, role, team, team_key, relates,"
                    " importance, relationship, focus, cadence_days, tags, created_at,"
                    " updated_at) VALUES ('p1', 'local', 'Aisha', 'aisha', '', '', '', '', 3,"
                    " 'weak', :f, 30, '', '2026-11-01 09:00:00', '2026-11-01 09:00:00')"
                ),
                {"f": False},
            )
            conn.execute(
                text(
                    "INSERT INTO follow_ups (id, owner, peer_id, direction, what, done,"
                    " created_at) VALUES ('f1', 'local', 'p1', 'i_owe', 'send deck', :d,"
                    " '2026-11-01 09:00:00')"
                ),
                {"d": False},
            )
        if version >= 4:
            conn.execute(
                text(
                    "INSERT INTO plans (id, owner, week, prompt, data, created_at, updated_at)"
                    " VALUES ('w1', 'local', '2026-W48', '', '[]', '2026-11-23 09:00:00',"
                    " '2026-11-23 09:00:00')"
                )
            )
    engine.dispose()


@pytest.mark.parametrize("version", [1, 2, 3, 4, 5, 6])
def test_a_database_from_each_earlier_version_reaches_the_newest_with_its_rows(tmp_path, version):
    url = make_services(tmp_path / "data").settings.sqlalchemy_url  # SQLite, or PostgreSQL
    _old_runner_database(url, version)
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = lambda sql: [tuple(r) for r in conn.execute(text(sql))]  # noqa: E731
        assert rows("SELECT version_num FROM alembic_version") == [(HEAD,)]
        assert rows("SELECT text, source_key, indexed FROM notes") == [
            ("Priya starts onboarding", None, False)
        ]
        assert rows("SELECT count(*) FROM peers") == [(1 if version >= 2 else 0,)]
        assert rows("SELECT what FROM follow_ups") == ([("send deck",)] if version >= 2 else [])
        assert rows("SELECT week FROM plans") == ([("2026-W48",)] if version >= 4 else [])
    names = set(inspect(engine).get_table_names())
    assert "schema_version" not in names, "the earlier runner's table is dropped"
    assert {"plans", "relationship_changes", "users"} <= names
    engine.dispose()


def test_a_new_data_folder_is_made_whole_and_stamped_at_the_newest_revision(tmp_path):
    from coach.store.migrations import script_head

    engine = make_engine(make_services(tmp_path / "data").settings.sqlalchemy_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
    assert HEAD == script_head(), "HEAD in coach/store/db.py names the newest revision"
    names = set(inspect(engine).get_table_names())
    assert "schema_version" not in names
    assert {"notes", "peers", "plans", "users", "interaction_peers"} <= names


def test_the_revisions_build_the_same_schema_the_tables_describe(tmp_path):
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from coach.store.migrations import alembic_config
    from coach.store.tables import Base

    engine = create_engine(make_services(tmp_path / "data").settings.sqlalchemy_url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    engine.dispose()


def test_two_first_starts_at_once_make_one_schema(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    url = make_services(tmp_path / "data").settings.sqlalchemy_url
    with ThreadPoolExecutor(4) as pool:
        engines = list(pool.map(lambda _: make_engine(url), range(4)))
    with engines[0].connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).all() == [(HEAD,)]
    for engine in engines:
        engine.dispose()


def test_a_database_from_a_newer_peer_coach_is_refused_with_a_plain_message(tmp_path):
    from coach.errors import CoachError

    url = make_services(tmp_path / "data").settings.sqlalchemy_url
    make_engine(url).dispose()
    with make_engine(url).begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    with pytest.raises(CoachError, match="Update Peer Coach"):
        make_engine(url)


@pytest.mark.local_only
def test_the_usual_start_loads_no_alembic(tmp_path):
    """Opening a current database is one query: the CLI does not pay for importing Alembic."""
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'coach.db'}"
    make_engine(url).dispose()
    code = (
        "import sys; from coach.store.db import make_engine; "
        f"make_engine({url!r}); print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
