"""Several processes on one data folder: the page and command-line writers at once, and
commands killed half-way. Every saved note is found by search, exactly once.

Real processes (`python -m coach.cli`) on loopback; fake embeddings except where noted.
"""

import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from gradio_client import Client

from coach.rag.retrieval import retrieve_notes
from coach.services.notes import list_notes, note_documents
from coach.store.db import Note
from tests.conftest import make_services

pytestmark = pytest.mark.local_only  # the embedded stores of one folder, shared by processes

ROOT = Path(__file__).resolve().parent.parent
MEETING = """Weekly sync, 2026-11-23
Attendees: Priya (Finance), Marco (Platform)
- Priya will send the vendor list by Friday.
- I will share the onboarding checklist with Marco.
"""


def coach_env(**extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),  # this checkout's code, whatever is installed
        "COACH_PROVIDER": "none",
        "COACH_EMBEDDING_MODE": "fake",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


def coach(data: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "coach.ui.cli.main", "--data-dir", str(data), *args]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chunks_per_note(svc) -> dict[str, int]:
    got = svc.notes_store.get(include=["metadatas"])
    counts: dict[str, int] = {}
    for meta in got["metadatas"]:
        counts[meta["note_id"]] = counts.get(meta["note_id"], 0) + 1
    return counts


def found_by_search(svc, note) -> bool:
    """A search with the note's own words returns it (a plain nearest-neighbour search)."""
    return any(s.id == note.id for s in retrieve_notes(svc, note.text, k=20))


def test_the_page_and_two_command_line_writers_keep_every_note_once(tmp_path):
    data = tmp_path / "data"
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        coach(data, "serve", "--port", str(port)), env=coach_env(), stdout=log, stderr=log
    )
    try:
        client = None
        for _ in range(120):  # bounded: up to two minutes to start
            try:
                client = Client(f"http://127.0.0.1:{port}/", verbose=False)
                break
            except Exception:
                assert server.poll() is None, (tmp_path / "serve.log").read_text()
                time.sleep(1)
        assert client is not None, "the page never came up"

        def page_writer() -> None:
            for i in range(24):
                client.predict(
                    f"Page note {i}: asks about budgets", f"Pager{i}", "", api_name="/add_note"
                )

        def cli_writer(w: int) -> None:
            for i in range(5):
                subprocess.run(
                    coach(
                        data,
                        "note",
                        "add",
                        f"CLI {w} note {i}: owns a migration",
                        "--person",
                        f"Shell{w}x{i}",
                    ),
                    env=coach_env(),
                    check=True,
                    capture_output=True,
                    timeout=180,
                )

        threads = [threading.Thread(target=page_writer)]
        threads += [threading.Thread(target=cli_writer, args=(w,)) for w in (1, 2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=600)

        texts = [f"Page note {i}: asks about budgets" for i in range(24)]
        texts += [f"CLI {w} note {i}: owns a migration" for w in (1, 2) for i in range(5)]
        for text in texts:  # the running page finds notes the other processes wrote, by meaning
            reply = client.predict(text, api_name="/ask")
            assert any(s["text"] == text for s in reply["sources"]), text
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()

    svc = make_services(data)
    notes = list_notes(svc)
    assert len(notes) == 34 and len({n.text for n in notes}) == 34
    assert chunks_per_note(svc) == {n.id: 1 for n in notes}, "each note indexed exactly once"
    assert all(found_by_search(svc, n) for n in notes)


def saved_notes(data: Path) -> int:
    with sqlite3.connect(data / "coach.db", timeout=30) as db:
        return db.execute("SELECT count(*) FROM notes").fetchone()[0]


def kill_after_the_save(cmd: list[str], data: Path, rng: random.Random) -> None:
    """Start a command, wait until its note is in the database, then SIGKILL it a random
    0-2 s later: before, during or after the vectors are written."""
    before = saved_notes(data)
    proc = subprocess.Popen(
        cmd,
        env=coach_env(COACH_EMBEDDING_MODE="minilm"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(1200):  # bounded: two minutes in steps of 0.1 s
        if proc.poll() is not None or saved_notes(data) > before:
            break
        time.sleep(0.1)
    time.sleep(rng.uniform(0, 2))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)


def test_commands_killed_at_random_points_leave_every_saved_note_findable(tmp_path):
    """Real MiniLM, so the model loads between saving a note and writing its vector."""
    data = tmp_path / "data"
    meeting = tmp_path / "sync.txt"
    meeting.write_text(MEETING)
    env = coach_env(COACH_EMBEDDING_MODE="minilm")
    subprocess.run(
        coach(data, "note", "add", "Lena owns the release calendar", "--person", "Lena"),
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    rng = random.Random(7)
    for i in range(6):  # bounded: six kills
        if i % 2:
            cmd = coach(
                data, "notes", "analyze", str(meeting), "--date", f"2026-11-{20 + i}", "--save"
            )
        else:
            cmd = coach(
                data, "note", "add", f"Kofi note {i}: leads the audit", "--person", f"Kofi{i}"
            )
        kill_after_the_save(cmd, data, rng)

    with make_services(data, real=True).sessions() as session:
        unindexed = session.query(Note).filter(Note.indexed.is_(False)).count()
    # Any command indexes what the kills left behind when it starts.
    subprocess.run(
        coach(data, "note", "list"), env=env, check=True, capture_output=True, timeout=300
    )
    svc = make_services(data, real=True)
    notes = list_notes(svc)
    assert all(n.indexed for n in notes), f"{unindexed} left unindexed by the kills"
    assert chunks_per_note(svc) == {n.id: len(note_documents(n)) for n in notes}
    assert all(found_by_search(svc, n) for n in notes)
    print(f"{len(notes)} notes; {unindexed} were left unindexed by the kills")
    # Re-running a killed command does not save its note twice.
    again = coach(data, "note", "add", "Kofi note 0: leads the audit", "--person", "Kofi0")
    subprocess.run(again, env=env, check=True, capture_output=True, timeout=300)
    subprocess.run(again, env=env, check=True, capture_output=True, timeout=300)
    assert sum(n.text == "Kofi note 0: leads the audit" for n in list_notes(svc)) == 1
