"""Notes and their vectors stay reconciled: saves are idempotent, what a crash left unindexed is
indexed at the next start, a damaged index never fails a question, and `coach doctor` rebuilds it.
"""

import pytest
from typer.testing import CliRunner

from coach.components.vectorstore import embedded
from coach.rag.retrieval import retrieve, retrieve_notes
from coach.services import doctor
from coach.services.chat import answer
from coach.services.notes import add_note, list_notes
from coach.services.start_up import reconcile
from coach.store.db import Note
from coach.ui.cli.main import app
from tests.conftest import make_services

PEOPLE = ["Priya", "Marco", "Aisha", "Tomas", "Lena", "Kofi", "Mei", "Omar", "Sara", "Yuki"]


def findable(svc, note) -> bool:
    """A question naming the person finds this very note."""
    return any(s.id == note.id for s in retrieve_notes(svc, f"What about {note.person}?", k=30))


def damage_like_two_writers(svc):
    """Leave the notes index as two unlocked writer processes did: the search index's files
    written at different moments, so search returns entries it cannot map ("Error finding id")."""
    folder = svc.settings.chroma_dir
    # Write the index to disk every 10 entries, so 20 notes give two versions of its files.
    svc.chroma.get_or_create_collection(
        "notes", metadata={"hnsw:space": "cosine", "hnsw:sync_threshold": 10}
    )
    for i, person in enumerate(PEOPLE):
        add_note(svc, f"{person} leads the vendor onboarding work, part {i}", person)
    (older,) = folder.glob("*/index_metadata.pickle")
    saved = older.read_bytes()
    for i, person in enumerate(PEOPLE):
        add_note(svc, f"{person} is hiring two analysts this quarter, part {i}", person)
    embedded(folder).close()  # as after a restart: the next call loads the mixed files
    older.write_bytes(saved)


@pytest.mark.local_only
def test_a_damaged_index_never_fails_a_question_and_the_answer_says_so(data_dir):
    svc = make_services(data_dir)
    damage_like_two_writers(svc)
    sources = retrieve(svc, "What do I know about Priya?")
    assert sources.notice and "coach doctor" in sources.notice
    assert any(s.kind == "note" and s.person == "Priya" for s in sources), "notes by name"
    reply = answer(svc, "What do I know about Priya?")
    assert "Priya" in reply.text and reply.done


@pytest.mark.local_only
def test_doctor_rebuilds_a_damaged_index_from_the_saved_notes(data_dir):
    svc = make_services(data_dir)
    damage_like_two_writers(svc)
    results = {h.name: h for h in doctor.run(svc)}
    notes = results["notes of local"]
    assert notes.error and "Error finding id" in notes.error
    assert notes.repair == "rebuilt from your data"
    saved = list_notes(svc)
    assert len(saved) == 20 and all(findable(svc, n) for n in saved)
    assert all(h.healthy for h in doctor.run(svc, repair=False)), "a second check finds nothing"


@pytest.mark.local_only
def test_the_next_start_repairs_an_index_that_a_question_found_damaged(data_dir):
    svc = make_services(data_dir)
    damage_like_two_writers(svc)
    assert retrieve(svc, "What about Marco?").notice
    restarted = make_services(data_dir)
    reconcile(restarted)  # what every command does when it starts
    sources = retrieve(restarted, "What about Marco?")
    assert sources.notice is None
    assert sum(s.person == "Marco" for s in sources) == 2


def test_doctor_reindexes_a_note_missing_from_the_index(services):
    kept = add_note(services, "Priya starts vendor onboarding next month", "Priya")
    lost = add_note(services, "Marco wants help with the budget review", "Marco")
    services.notes_store.delete(where={"doc_id": f"note:{lost.id}"})
    (health,) = [h for h in doctor.run(services) if h.name == "notes of local"]
    assert health.missing == [f"note:{lost.id}"]
    assert health.repair == "indexed 1 missing document(s)"
    assert all(findable(services, n) for n in list_notes(services) if n.id in {kept.id, lost.id})


def test_saving_the_same_note_twice_keeps_one(services):
    first = add_note(services, "Priya starts vendor onboarding", "Priya", "2026-11-02")
    again = add_note(services, "Priya starts vendor onboarding", "priya", "2026-11-02")
    assert again.id == first.id and not again.new
    assert "already saved" in again.message
    later = add_note(services, "Priya starts vendor onboarding", "Priya", "2026-11-09")
    assert later.new, "the same words on another day are another note"
    assert len(list_notes(services)) == 2
    assert len(services.notes_store.get(include=[])["ids"]) == 2, "indexed once each"


def test_a_note_whose_indexing_failed_is_indexed_at_the_next_start(data_dir, monkeypatch):
    svc = make_services(data_dir)

    def broken(owner):
        raise RuntimeError("the vector store is away")

    monkeypatch.setattr(svc, "notes_store_for", broken)
    saved = add_note(svc, "Aisha is moving to the platform team", "Aisha")
    assert not saved.indexed and "next start" in saved.message
    monkeypatch.undo()
    with svc.sessions() as session:
        assert session.get(Note, saved.id).indexed is False
    restarted = make_services(data_dir)
    reconcile(restarted)
    assert findable(restarted, saved)
    with restarted.sessions() as session:
        assert session.get(Note, saved.id).indexed is True


def test_cli_doctor_reports_a_healthy_store_and_exits_zero(data_dir):
    runner = CliRunner()
    added = runner.invoke(app, ["--data-dir", str(data_dir), "note", "add", "Mei runs QA"])
    assert added.exit_code == 0, added.output
    result = runner.invoke(app, ["--data-dir", str(data_dir), "doctor"])
    assert result.exit_code == 0, result.output
    assert "notes of local: 1 chunks, all findable." in result.output


@pytest.fixture(autouse=True)
def _fake_embeddings_for_the_cli(monkeypatch):
    monkeypatch.setenv("COACH_EMBEDDING_MODE", "fake")
    monkeypatch.setenv("COACH_PROVIDER", "none")
