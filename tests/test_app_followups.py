"""The Follow-ups tab and the sample team through the page's API."""

import pytest
from gradio_client import Client

from coach.services.followups import list_follow_ups
from coach.services.peers import list_peers
from coach.ui.web.app import launch
from tests.conftest import make_services


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    svc = make_services(tmp_path_factory.mktemp("data"))
    demo = launch(svc, host="127.0.0.1", port=0, block=False)
    yield svc, Client(demo.local_url, verbose=False)
    demo.close()


def test_the_sample_team_comes_and_goes_in_one_click(page):
    svc, client = page
    assert "Added 5 sample peers" in client.predict(api_name="/add_sample_team")
    assert len(list_peers(svc)) == 5 and len(list_follow_ups(svc)) == 3
    assert "Removed 5 sample peers" in client.predict(api_name="/remove_sample_team")
    assert list_peers(svc) == [] and list_follow_ups(svc) == []


def test_follow_ups_are_listed_overdue_first_and_closed_snoozed_or_deleted(page):
    svc, client = page
    client.predict("", "Send the deck", "2026-01-05", "i_owe", api_name="/add_follow_up")
    counts, items, status, box = client.predict(
        "", "Ask for the numbers", "", "they_owe", api_name="/add_follow_up"
    )
    assert "1 overdue" in counts and box == "" and "Added" in status
    labels = [label for label, _ in items["choices"]]
    assert labels[0].startswith("Overdue by") and "Send the deck" in labels[0]
    late, undated = (fid for _, fid in items["choices"])
    counts, items, status = client.predict([undated], api_name="/follow_up_snooze_week")
    assert "Snoozed 1 follow-up by a week." in status
    counts, items, status = client.predict([late], api_name="/follow_up_done")
    assert "Marked 1 follow-up done." in status and "overdue" not in counts
    _, items, status = client.predict([undated], api_name="/follow_up_delete")
    assert "Deleted 1 follow-up." in status and items["choices"] == []
    _, _, status = client.predict([], api_name="/follow_up_done")
    assert "Tick one or more" in status and list_follow_ups(svc) == []
