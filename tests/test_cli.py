"""The `coach` command: JSON shapes, notes that the next answer cites, plain errors."""

import json

import pytest
from typer.testing import CliRunner

from coach.ui.cli.main import app

runner = CliRunner()


@pytest.fixture
def coach(data_dir, monkeypatch):
    monkeypatch.setenv("COACH_PROVIDER", "none")

    def run(*args: str):
        return runner.invoke(app, ["--data-dir", str(data_dir), *args])

    return run


def test_ask_json_has_answer_sources_and_provider(coach):
    result = coach(
        "ask", "How do I start a conversation with someone in finance I barely know?", "--json"
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert isinstance(payload["answer"], str) and payload["answer"]
    assert payload["provider"] == "none" and payload["route"] == "guidance"
    assert {s["kind"] for s in payload["sources"]} <= {"guidance", "note"}
    assert all(isinstance(s["title"], str) for s in payload["sources"])
    ids = {s["id"] for s in payload["sources"]}
    assert ids & {"chance-encounters", "ask-open-questions"}


def test_a_note_added_from_the_cli_is_cited_by_the_next_answer(coach):
    added = coach(
        "note",
        "add",
        "Priya (finance) is starting the vendor onboarding process next month",
        "--person",
        "Priya",
    )
    assert added.exit_code == 0 and "Saved your note about Priya" in added.stdout
    payload = json.loads(coach("ask", "What could I offer Priya?", "--json").stdout)
    notes = [s for s in payload["sources"] if s["kind"] == "note"]
    assert notes and notes[0]["person"] == "Priya"
    assert "vendor onboarding" in payload["answer"]


def test_bad_note_date_is_refused_plainly(coach):
    result = coach("note", "add", "Met Sam", "--date", "next tuesday")
    assert result.exit_code == 2
    assert "use YYYY-MM-DD" in result.stderr and "Traceback" not in result.output


def test_empty_question_is_refused_plainly(coach):
    result = coach("ask", "  ")
    assert result.exit_code == 2 and "empty" in result.stderr


def test_ingest_reports_and_is_idempotent(coach, tmp_path):
    extra = tmp_path / "our-escalation-rules.md"
    extra.write_text("# Escalation rules\n\nTalk to the peer before you escalate to their manager.")
    first = json.loads(coach("ingest", str(extra), "--json").stdout)
    assert "user:our-escalation-rules.md" in first["indexed"] and first["chunks_added"] > 20
    again = json.loads(coach("ingest", "--json").stdout)
    assert again["indexed"] == [] and again["chunks_added"] == 0 and again["removed"] == []


def test_ingest_names_a_file_it_cannot_use(coach, tmp_path):
    bad = tmp_path / "notes.pdf"
    bad.write_bytes(b"%PDF-1.4 this is not really a pdf")
    result = coach("ingest", str(bad))
    assert result.exit_code == 1
    assert "notes.pdf" in result.stdout and "not a readable PDF" in result.stdout


def test_ask_json_says_which_engine_answered(coach):
    assert coach("peers", "add", "Marco Rossi", "--importance", "4").exit_code == 0
    payload = json.loads(coach("ask", "Who am I overdue to contact?", "--json").stdout)
    assert payload["route"] == "who_next" and payload["provider"] == "peer map"
    offer = json.loads(
        coach("ask", "had lunch with Marco today, he's moving to Berlin", "--json").stdout
    )
    assert offer["route"] == "log" and 'coach log "Marco Rossi"' in offer["answer"]


NOTES = (
    "Pricing sync\nAttendees: Dana Kim, Omar Haddad\n"
    "- Omar will send the revised deck by Friday.\n"
    "- Dana to book the customer calls.\n"
)


def test_save_keeps_every_suggestion_except_those_skipped(coach, tmp_path):
    """One meaning of save: what the page keeps ticked, the CLI keeps unless told to skip it."""
    notes = tmp_path / "sync.md"
    notes.write_text(NOTES)
    shown = coach("notes", "analyze", str(notes), "--date", "2026-11-23")
    assert "1. Dana Kim (new)" in shown.stdout and "2. Dana Kim → me" in shown.stdout
    saved = coach(
        "notes", "analyze", str(notes), "--date", "2026-11-23",
        "--save", "--skip", "commitments:2", "--skip", "people:1",
    )  # fmt: skip
    assert saved.exit_code == 0, saved.output
    peers = coach("peers", "list", "--json").stdout
    assert "Omar Haddad" in peers and "Dana Kim" not in peers
    follow_ups = coach("follow-up", "list").stdout
    assert "revised deck" in follow_ups and "customer calls" not in follow_ups


def test_a_skip_that_names_nothing_shown_is_refused_plainly(coach, tmp_path):
    notes = tmp_path / "sync.md"
    notes.write_text(NOTES)
    bad = coach("notes", "analyze", str(notes), "--save", "--skip", "commitments:9")
    assert bad.exit_code == 2 and "numbers run from 1 to 2" in bad.output
    assert "Dana Kim" not in coach("peers", "list", "--json").stdout
