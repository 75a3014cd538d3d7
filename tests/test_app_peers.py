"""The Peers tab through the page's API: map, log, rank, openers, feedback, import/export."""

import json
from pathlib import Path

import pytest
from coach.ui.web.app import launch
from gradio_client import Client, handle_file

from tests.conftest import make_services


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    svc = make_services(tmp_path_factory.mktemp("data"))
    demo = launch(svc, host="127.0.0.1", port=0, block=False)
    yield Client(demo.local_url, verbose=False)
    demo.close()


FORM = dict(
    role="",
    relates=[],
    importance=3,
    relationship="nonexistent",
    cadence=30,
    focus=False,
    tags="",
    last="",
)


def add(client, name, team, **kw):
    f = {**FORM, **kw}
    return client.predict(
        name,
        team,
        f["role"],
        f["relates"],
        f["importance"],
        f["relationship"],
        f["cadence"],
        f["focus"],
        f["tags"],
        f["last"],
        api_name="/add_peer",
    )


def test_adding_peers_validates_and_caps_the_focus_list(client):
    assert "Added Priya (Finance)" in add(
        client, "Priya", "Finance", importance=5, relationship="weak", last="2026-09-01", cadence=14
    )
    assert "Added Marco (Sales)" in add(client, "Marco", "Sales", relationship="strong")
    assert "use YYYY-MM-DD" in add(client, "Bad", "X", last="yesterday")
    assert "already in your map" in add(client, "priya", "finance")
    for i in range(5):
        add(client, f"Focus {i}", "Ops", focus=True)
    assert "already focus on 5 peers" in add(client, "Sixth", "Ops", focus=True)


def test_log_and_rank_from_the_page(client):
    status, box = client.predict(
        ["Marco (Sales)"],
        "lunch/coffee",
        "Marco closed the Acme renewal",
        "",
        api_name="/log_interaction",
    )
    assert "Logged lunch/coffee with Marco" in status and box == ""
    status, box = client.predict([], "meeting", "kept text", "", api_name="/log_interaction")
    assert "Pick who" in status and box == "kept text"
    table = client.predict(20, api_name="/who_next")
    names = [row[0] for row in table["data"]]
    assert names.index("Priya") < names.index("Marco"), "important, weak and stale comes first"
    assert len(client.predict(3, api_name="/who_next")["data"]) == 3


def test_openers_and_feedback_from_the_page(client):
    text = client.predict("Marco (Sales)", "lunch", api_name="/openers")
    assert "Acme renewal" in text
    draft, table = client.predict(
        "Priya (Finance)", "the Q1 budget proposal", "auto", api_name="/feedback_request"
    )
    assert "in-depth critique of the Q1 budget proposal" in draft
    req_id = table["data"][0][0]
    status, _ = client.predict(req_id, "received", "", api_name="/feedback_status")
    assert "next step is asked" in status
    status, _ = client.predict(req_id, "asked", "", api_name="/feedback_status")
    assert "now asked" in status


def test_csv_import_is_all_or_nothing_and_export_downloads(client, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,team,importance\nNew One,Legal,3\nNew Two,Legal,12\n")
    assert "row 3: importance" in client.predict(handle_file(str(bad)), api_name="/import_peers")
    good = tmp_path / "good.csv"
    good.write_text("NAME,Team,Importance\nNew One,Legal,3\n")
    assert "Imported 1 new" in client.predict(handle_file(str(good)), api_name="/import_peers")
    exported = Path(client.predict(api_name="/export_json"))
    data = json.loads(exported.read_text())
    assert "New One" in {p["name"] for p in data["peers"]} and "Two" not in exported.read_text()
    csv_text = Path(client.predict(api_name="/export_csv")).read_text()
    assert csv_text.startswith(
        "name,role,team,relates,importance,relationship,cadence_days,last_contact"
    )
