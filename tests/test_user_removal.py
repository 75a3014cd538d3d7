"""Removing a user deletes (or archives) all they own; their name, given again, starts empty."""

from datetime import date

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from coach.components.vectorstore import notes_collection
from coach.domain.peers import PeerIn
from coach.errors import InputError
from coach.rag.knowledge import owner_slug
from coach.rag.retrieval import retrieve
from coach.services import conversations
from coach.services.accounts import add_user, list_users, remove_user
from coach.services.followups import add_follow_up
from coach.services.indexing import add_guidance_files, index_everything
from coach.services.meetings import save
from coach.services.notes import add_note, list_notes
from coach.services.peers import add_peer, list_peers, log_interaction
from coach.services.plans import load_plan, make_plan
from coach.services.user_data import ARCHIVE_PREFIX, count_records
from coach.store.db import Message, interaction_peers
from coach.ui.cli.main import app

WEEK = "2026-W48"
SECRET = "Ana's zebra-stripe escalation playbook goes to the triage rota"


@pytest.fixture
def ana(services, tmp_path):
    """Ana, with something in every kind of record, a note in the index and a guidance file."""
    add_user(services, "ana", "ana-password")
    add_user(services, "ben", "ben-password")
    add_peer(services, PeerIn(name="Priya Shah", team="Finance"), "ana")
    log_interaction(
        services, ["Priya"], "lunch/coffee", "Lunch with Priya", date(2026, 11, 20), "ana"
    )
    add_note(services, "Priya starts the vendor onboarding next month", "Priya", None, "ana")
    add_follow_up(services, "Priya", "Send Priya the deck", None, "i_owe", "ana")
    make_plan(services, "budget review Tuesday", WEEK, owner="ana")
    conv = conversations.start(services, "What could I offer Priya?", "ana")
    conversations.append(services, conv, "user", "What could I offer Priya?", owner="ana")
    playbook = tmp_path / "ana-playbook.md"
    playbook.write_text(f"# Ana's playbook\n\n{SECRET}.")
    add_guidance_files(services, [playbook], "ana")
    index_everything(services, "ana")
    add_peer(services, PeerIn(name="Ben's peer"), "ben")
    return services


def note_titles(services, owner, question="vendor onboarding Priya"):
    return [s.text for s in retrieve(services, question, owner) if s.kind == "note"]


def guidance_texts(services, owner):
    """Every guidance chunk in the index that belongs to `owner` (their own files)."""
    got = services.guidance_store.get(where={"owner": owner_slug(owner)}, include=["documents"])
    return " ".join(got["documents"])


def collections(services):
    return {getattr(c, "name", c) for c in services.chroma.list_collections()}


def test_removing_a_user_deletes_their_records_notes_index_and_guidance(ana):
    svc = ana
    assert note_titles(svc, "ana") and "zebra-stripe" in guidance_texts(svc, "ana")

    done = remove_user(svc, "ana")

    assert done.records == 7 and done.archived_as is None  # peer, meeting, 2 notes, …
    assert list_users(svc) == ["ben"]
    with svc.sessions() as session:
        assert count_records(session, "ana") == 0
        assert count_records(session, "ben") == 1, "other users keep theirs"
        assert session.scalar(select(func.count()).select_from(Message)) == 0
        assert session.scalar(select(func.count()).select_from(interaction_peers)) == 0
    prefix = svc.settings.chroma_prefix
    assert f"{prefix}{notes_collection('ana')}" not in collections(svc)
    assert "zebra-stripe" not in guidance_texts(svc, "ben")
    assert not any(svc.settings.guidance_dir.glob("ana-*"))


def test_a_name_given_again_after_removal_starts_empty(ana):
    svc = ana
    remove_user(svc, "ana")
    add_user(svc, "ana", "new-ana-password")
    assert list_peers(svc, "ana") == [] and list_notes(svc, "ana") == []
    assert load_plan(svc, WEEK, "ana") is None
    assert conversations.listing(svc, "ana") == []
    assert note_titles(svc, "ana") == []
    assert "zebra-stripe" not in guidance_texts(svc, "ana")


def test_keep_data_moves_everything_to_an_archive_no_account_can_take(ana):
    svc = ana
    before = {p.name for p in list_peers(svc, "ana")}

    done = remove_user(svc, "ana", keep_data=True)

    archived = done.archived_as
    assert archived and archived.startswith(ARCHIVE_PREFIX)
    assert {p.name for p in list_peers(svc, archived)} == before
    assert len(list_notes(svc, archived)) == 2 and load_plan(svc, WEEK, archived)
    assert note_titles(svc, archived), "the archived notes are still indexed"
    with pytest.raises(InputError, match="user name"):
        add_user(svc, archived, "a-good-password")
    add_user(svc, "ana", "new-ana-password")
    assert list_peers(svc, "ana") == [] and note_titles(svc, "ana") == []
    assert "zebra-stripe" not in guidance_texts(svc, "ana")


def test_removing_cleans_up_data_left_by_an_account_removed_earlier(services):
    add_note(services, "A note from an old account", None, None, "old")
    assert remove_user(services, "old").records == 1
    with pytest.raises(InputError, match="No user"):
        remove_user(services, "old")


def test_saving_the_same_meeting_again_after_removal_is_not_blocked_by_old_keys(services):
    from coach.services.meetings import analyze

    add_user(services, "ana", "ana-password")
    text = "Sync with Priya\nI'll send Priya the deck by Friday"
    add_peer(services, PeerIn(name="Priya"), "ana")
    first = save(services, text, analyze(services, text, date(2026, 11, 23), "ana"), owner="ana")
    remove_user(services, "ana")
    add_user(services, "ana", "ana-password")
    add_peer(services, PeerIn(name="Priya"), "ana")
    again = save(services, text, analyze(services, text, date(2026, 11, 23), "ana"), owner="ana")
    assert again.created == first.created


def test_cli_users_remove_says_what_happened_to_the_data(data_dir, monkeypatch):
    monkeypatch.setenv("COACH_EMBEDDING_MODE", "fake")
    monkeypatch.setenv("COACH_NEW_PASSWORD", "ana-password")
    runner = CliRunner()

    def coach(*args):
        result = runner.invoke(app, ["--data-dir", str(data_dir), *args])
        assert result.exit_code == 0, result.output
        return result.output

    coach("users", "add", "ana")
    coach("--user", "ana", "note", "add", "Priya starts onboarding", "--person", "Priya")
    assert "deleted their 1 record(s)" in coach("users", "remove", "ana")
    coach("users", "add", "ana")
    coach("--user", "ana", "note", "add", "Priya starts onboarding", "--person", "Priya")
    kept = coach("users", "remove", "ana", "--keep-data")
    assert "kept under archived:ana:" in kept and "no account can sign in as" in kept
    assert "Priya" not in coach("--user", "ana", "note", "list")
