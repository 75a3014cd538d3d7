"""The Meeting notes tab through the page's API: analyse, review, save once, cancel."""

from pathlib import Path

import pytest
from coach.services.followups import list_follow_ups
from coach.services.peer_io import import_csv
from coach.services.peers import list_peers
from coach.ui.web.app import launch
from gradio_client import Client, handle_file

from tests.conftest import make_services

DATA = Path(__file__).parent / "data" / "meetings"


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    svc = make_services(tmp_path_factory.mktemp("data"))
    import_csv(svc, (DATA / "peers.csv").read_bytes())
    demo = launch(svc, host="127.0.0.1", port=0, block=False)
    yield svc, demo.local_url
    demo.close()


def test_analyse_review_and_save_exactly_once(page):
    svc, url = page
    client = Client(url, verbose=False)
    summary, new_people, commitments, *_ = client.predict(
        (DATA / "03-cross-team-sync.md").read_text(), None, "2026-11-23", api_name="/analyze_notes"
    )
    assert "Jordan Lee" in summary and "Commitments" in summary
    assert list_follow_ups(svc) == [], "analysing saves nothing"
    status = client.predict(
        new_people["value"], commitments["value"][:1], [], [], [], [], api_name="/save_notes"
    )
    assert "Saved" in status and "Jordan Lee" in {p.name for p in list_peers(svc)}
    assert len(list_follow_ups(svc)) == 1
    again = client.predict(
        new_people["value"], commitments["value"][:1], [], [], [], [], api_name="/save_notes"
    )
    assert "already saved" in again and len(list_follow_ups(svc)) == 1


def test_cancel_saves_nothing(page):
    svc, url = page
    client = Client(url, verbose=False)
    before = len(list_follow_ups(svc))
    client.predict(
        (DATA / "01-standup.md").read_text(), None, "2026-11-23", api_name="/analyze_notes"
    )
    client.predict(api_name="/cancel_notes")
    status = client.predict([], [], [], [], [], [], api_name="/save_notes")
    assert "Analyse some notes first" in status and len(list_follow_ups(svc)) == before


def test_uploaded_files_and_bad_input_get_plain_messages(page, tmp_path):
    _, url = page
    client = Client(url, verbose=False)
    good = tmp_path / "sync.md"
    good.write_text("Sync with Marco\nMarco will send the renewal list by Thursday.")
    summary, *_ = client.predict(
        "", handle_file(str(good)), "2026-11-23", api_name="/analyze_notes"
    )
    assert "2026-11-26" in summary
    summary, *_ = client.predict("   ", None, "2026-11-23", api_name="/analyze_notes")
    assert "empty" in summary
    summary, *_ = client.predict("x" * 100_001, None, "2026-11-23", api_name="/analyze_notes")
    assert "limit is 100,000" in summary
    binary = tmp_path / "notes.txt"
    binary.write_bytes(b"\x00\x01\x02")
    summary, *_ = client.predict("", handle_file(str(binary)), "", api_name="/analyze_notes")
    assert "binary" in summary
    summary, *_ = client.predict("Met Sam", None, "tomorrow-ish", api_name="/analyze_notes")
    assert "YYYY-MM-DD" in summary
