"""Faults: a model server that errors, hangs or rate-limits; work interrupted half-way."""

import time

import pytest
from coach.rag import ingest
from coach.services.chat import answer
from coach.services.indexing import index_guidance
from coach.services.meetings import analyze, save
from coach.services.notes import add_note, list_notes
from coach.services.peer_io import import_csv

from coach.services import conversations
from tests.conftest import make_services
from tests.fake_openai import FakeOpenAI


@pytest.fixture
def server():
    servers = []

    def start(*script, **kw):
        servers.append(FakeOpenAI(list(script), **kw))
        return servers[-1]

    yield start
    for s in servers:
        s.close()


def openai_services(data_dir, url, **settings):
    svc = make_services(
        data_dir, provider="openai", openai_base_url=url, openai_model="fake", **settings
    )
    index_guidance(svc)
    add_note(svc, "Priya is starting vendor onboarding next month", "Priya")
    return svc


def test_a_working_openai_compatible_server_answers(data_dir, server):
    fake = server("ok")
    svc = openai_services(data_dir, fake.url)
    reply = answer(svc, "What could I offer Priya?")
    assert reply.provider == "openai" and reply.text.strip() == "Ask Priya about onboarding."
    assert fake.requests[0]["model"] == "fake" and fake.requests[0]["stream"] is True


def test_server_errors_are_retried_then_fall_back_with_a_message(data_dir, server):
    fake = server("error")
    svc = openai_services(data_dir, fake.url, max_retries=2)
    reply = answer(svc, "What could I offer Priya?")
    assert len(fake.requests) == 3, "one try and two retries"
    assert reply.provider == "none" and "error (500)" in reply.notice
    assert "vendor onboarding" in reply.text, "the offline answer still uses the notes"


def test_rate_limits_are_retried_with_back_off_and_then_succeed(data_dir, server):
    fake = server("rate", "rate", "ok")
    svc = openai_services(data_dir, fake.url, max_retries=2)
    reply = answer(svc, "What could I offer Priya?")
    assert len(fake.requests) == 3 and reply.provider == "openai" and reply.notice is None


def test_a_rate_limit_that_lasts_says_so(data_dir, server):
    fake = server("rate")
    svc = openai_services(data_dir, fake.url, max_retries=1)
    assert "rate-limiting" in answer(svc, "What could I offer Priya?").notice


def test_a_hanging_server_times_out_within_the_configured_limit(data_dir, server):
    fake = server("hang", hang_seconds=20)
    svc = openai_services(
        data_dir, fake.url, first_token_timeout=1.5, request_timeout=3, max_retries=0
    )
    started = time.monotonic()
    reply = answer(svc, "What could I offer Priya?")
    assert time.monotonic() - started < 3.5
    assert "did not answer within" in reply.notice and "vendor onboarding" in reply.text


def test_the_page_shows_the_failure_and_keeps_the_question(data_dir, server):
    from coach.ui.web.app import launch
    from gradio_client import Client

    fake = server("error")
    svc = openai_services(data_dir, fake.url, max_retries=0)
    demo = launch(svc, host="127.0.0.1", port=0, block=False)
    try:
        chat, box, status, _ = Client(demo.local_url, verbose=False).predict(
            "What could I offer Priya?", [], api_name="/chat"
        )
    finally:
        demo.close()
    assert "failed" in status and "error (500)" in status and box == ""
    assert "vendor onboarding" in chat[-1]["content"][0]["text"]
    [(_, conv_id)] = conversations.listing(svc)
    assert [t.role for t in conversations.turns(svc, conv_id)] == ["user", "assistant"]


def test_an_interrupted_ingestion_finishes_on_rerun_without_duplicates(data_dir, monkeypatch):
    svc = make_services(data_dir)
    monkeypatch.setattr(ingest, "BATCH_SIZE", 5)
    store = svc.guidance_store
    real_add, calls = store.add_documents, []

    def crash_on_third_batch(docs, ids):
        calls.append(len(ids))
        if len(calls) == 3:
            raise KeyboardInterrupt("killed")
        return real_add(docs, ids=ids)

    monkeypatch.setattr(store, "add_documents", crash_on_third_batch)
    with pytest.raises(KeyboardInterrupt):
        index_guidance(svc)
    monkeypatch.setattr(store, "add_documents", real_add)
    report = index_guidance(svc)
    ids = store.get(include=[])["ids"]
    assert len(ids) == len(set(ids)) == 24 and report.chunks_added > 0
    assert index_guidance(svc).chunks_added == 0


def test_an_interrupted_meeting_save_finishes_on_rerun_without_duplicates(data_dir, monkeypatch):
    from pathlib import Path

    import coach.services.meetings as meetings
    from coach.services.followups import list_follow_ups

    data = Path(__file__).parent / "data" / "meetings"
    svc = make_services(data_dir)
    import_csv(svc, (data / "peers.csv").read_bytes())
    text = (data / "03-cross-team-sync.md").read_text()
    result = analyze(svc, text)
    real, calls = meetings.add_follow_up, []

    def crash_on_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt("killed")
        return real(*args, **kwargs)

    monkeypatch.setattr(meetings, "add_follow_up", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        save(svc, text, result)
    monkeypatch.setattr(meetings, "add_follow_up", real)
    save(svc, text, result)
    once = (len(list_follow_ups(svc)), len(list_notes(svc)))
    save(svc, text, result)
    assert (len(list_follow_ups(svc)), len(list_notes(svc))) == once
    whats = [f.what for f in list_follow_ups(svc)]
    assert len(whats) == len(set(whats))


@pytest.mark.local_only  # the CLI subprocess uses the embedded stores of its data folder
def test_killing_the_process_mid_ingestion_leaves_a_store_that_a_rerun_completes(tmp_path):
    """A real SIGKILL between batches of a real ingestion (real MiniLM, real Chroma)."""
    import json
    import os
    import signal
    import subprocess
    import sys

    from coach.rag import ingest as ingest_module

    data = tmp_path / "data"
    docs = tmp_path / "docs"
    docs.mkdir()
    paragraph = "Share what you learned with peers who start the same process. " * 14
    for i in range(70):  # ~10 chunks each: more than one batch of 500
        (docs / f"guide-{i:02d}.txt").write_text(
            f"Guide {i}\n\n"
            + "\n\n".join(f"Section {j} of guide {i}. {paragraph}" for j in range(10))
        )
    env = {**os.environ, "COACH_PROVIDER": "none", "PYTHONUNBUFFERED": "1"}
    coach = [sys.executable, "-m", "coach.cli", "--data-dir", str(data)]
    proc = subprocess.Popen(
        [*coach, "ingest", *map(str, sorted(docs.iterdir()))],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    seen = b""
    while proc.poll() is None:
        seen += proc.stderr.read1(4096)
        if f"{ingest_module.BATCH_SIZE}/".encode() in seen:  # the first batch is written
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the ingestion finished before it could be killed"

    rerun = subprocess.run(
        [*coach, "ingest", "--json"], env=env, capture_output=True, text=True, timeout=300
    )
    report = json.loads(rerun.stdout)
    assert rerun.returncode == 0 and report["chunks_added"] > 0
    again = json.loads(
        subprocess.run(
            [*coach, "ingest", "--json"], env=env, capture_output=True, text=True, timeout=300
        ).stdout
    )
    assert again["chunks_added"] == 0 and again["chunks_removed"] == 0
    from coach.rag.knowledge import guidance_sources

    svc = make_services(data, real=True)
    expected, _ = guidance_sources(svc.settings)
    ids = svc.guidance_store.get(include=[])["ids"]
    assert len(ids) == len(set(ids)) == sum(len(chunks) for chunks in expected.values())
