"""Ingestion is idempotent, follows edits and deletions, batches, and reports what it did."""

import shutil
from pathlib import Path

import pytest
from coach.rag import ingest
from coach.services.indexing import add_guidance_files, index_guidance

from coach.settings import REPO_ROOT
from tests.conftest import make_services


@pytest.fixture
def kdir(tmp_path: Path) -> Path:
    """A private copy of the shipped cards, so tests may edit and delete them."""
    target = tmp_path / "knowledge"
    shutil.copytree(REPO_ROOT / "knowledge", target)
    return target


@pytest.fixture
def svc(data_dir, kdir, monkeypatch):
    from coach.settings import Settings

    monkeypatch.setattr(Settings, "knowledge_dir", property(lambda self: kdir))
    return make_services(data_dir, real=True)


def stored_ids(store):
    return set(store.get(include=[])["ids"])


def test_first_run_indexes_every_card_and_a_rerun_adds_nothing(svc, kdir):
    first = index_guidance(svc)
    assert len(first.indexed) == len(list(kdir.glob("*.md")))
    before = stored_ids(svc.guidance_store)
    second = index_guidance(svc)
    assert second.indexed == [] and second.chunks_added == 0 and second.removed == []
    assert len(second.unchanged) == len(first.indexed)
    assert stored_ids(svc.guidance_store) == before


def test_an_edited_card_replaces_its_old_chunks(svc, kdir):
    index_guidance(svc)
    card = kdir / "one-on-one-meal.md"
    card.write_text(
        card.read_text().replace("## How", "Bring a question about their budget cycle.\n\n## How")
    )
    report = index_guidance(svc)
    assert report.indexed == ["card:one-on-one-meal"]
    assert report.chunks_removed == report.chunks_added == 1
    texts = svc.guidance_store.get(where={"card_id": "one-on-one-meal"})["documents"]
    assert len(texts) == 1 and "budget cycle" in texts[0]


def test_a_deleted_card_disappears_from_answers(svc, kdir):
    index_guidance(svc)
    (kdir / "gray-zone-problems.md").unlink()
    report = index_guidance(svc)
    assert report.removed == ["card:gray-zone-problems"]
    assert svc.guidance_store.get(where={"card_id": "gray-zone-problems"})["ids"] == []


def test_user_guidance_files_are_added_and_bad_ones_skipped_with_a_reason(svc, tmp_path):
    good = tmp_path / "escalations.txt"
    good.write_text(
        "Escalation etiquette\n\nWhen a peer's team blocks yours, talk to the peer first."
    )
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\x00\x00binary")
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ")
    added, problems = add_guidance_files(svc, [good, binary, exe])
    assert [p.name for p in added] == ["escalations.txt"]
    assert {name for name, _ in problems} == {"photo.txt", "tool.exe"}
    assert any("binary" in why for _, why in problems)
    assert any("unsupported file type" in why for _, why in problems)
    report = index_guidance(svc)
    assert "user:escalations.txt" in report.indexed
    (svc.settings.guidance_dir / "escalations.txt").unlink()
    assert index_guidance(svc).removed == ["user:escalations.txt"]


def test_large_inputs_are_written_in_batches(data_dir, monkeypatch):
    from langchain_core.documents import Document

    svc = make_services(data_dir)  # fake embeddings: this is about batching, not meaning
    monkeypatch.setattr(ingest, "BATCH_SIZE", 40)
    calls = []
    original = svc.notes_store.add_documents
    monkeypatch.setattr(
        svc.notes_store,
        "add_documents",
        lambda docs, ids: calls.append(len(ids)) or original(docs, ids=ids),
    )
    progress = []
    docs = {f"d{i}": [Document(f"text {i}", metadata={"owner": "x"})] for i in range(100)}
    report = ingest.sync(svc.notes_store, docs, progress=lambda d, t, w: progress.append((d, t)))
    assert calls == [40, 40, 20]
    assert report.chunks_added == 100 and progress[-1] == (100, 100)
