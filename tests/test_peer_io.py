"""CSV import is all-or-nothing with per-row errors; exports round-trip and are safe to open."""

import csv
import io
import json

import pytest
from coach.domain.peers import PeerIn
from coach.services.peer_io import export_csv, export_json, import_csv
from coach.services.peers import add_peer, list_peers, log_interaction

from coach.errors import InputError
from tests.conftest import make_services

GOOD = """Name,Role,TEAM,relates,importance,relationship,cadence_days,last_contact,Favourite Food
Priya Shah,FP&A lead,Finance,helps me;future need,5,weak,14,2026-10-01,dosa
Marco,AE,Sales,shared goals,2,strong,30,,pasta
"""


def test_a_good_csv_imports_with_case_insensitive_headers_and_reports_unknown_columns(services):
    report = import_csv(services, GOOD.encode())
    assert report.added == ["Priya Shah", "Marco"] and report.unknown_columns == ["favourite food"]
    priya = {p.name: p for p in list_peers(services)}["Priya Shah"]
    assert priya.relates == ["helps me", "future need"] and str(priya.last_contact) == "2026-10-01"
    assert {p.name: p for p in list_peers(services)}["Marco"].last_contact is None


def test_a_bad_row_imports_nothing_and_names_the_row(services):
    bad = GOOD.replace("2,strong,30", "7,strong,30").replace("2026-10-01", "01/10/2026")
    with pytest.raises(InputError) as err:
        import_csv(services, bad)
    message = str(err.value)
    assert message.startswith("Nothing was imported")
    assert "row 2: last_contact" in message and "row 3: importance" in message
    assert list_peers(services) == []


def test_duplicate_rows_and_missing_name_column_are_refused(services):
    with pytest.raises(InputError, match="row 3: priya appears twice \\(also row 2\\)"):
        import_csv(services, "name,team\nPriya,Finance\npriya,finance\n")
    with pytest.raises(InputError, match="needs a 'name' column"):
        import_csv(services, "who,team\nPriya,Finance\n")
    with pytest.raises(InputError, match="empty"):
        import_csv(services, b"")
    with pytest.raises(InputError, match="binary"):
        import_csv(services, b"\x00\x01PK")


def test_importing_again_updates_instead_of_duplicating(services):
    import_csv(services, GOOD)
    report = import_csv(services, "name,team,importance\nPriya Shah,finance,3\n")
    assert report.updated == ["Priya Shah"] and len(list_peers(services)) == 2
    priya = {p.name: p for p in list_peers(services)}["Priya Shah"]
    assert priya.importance == 3 and priya.relationship == "weak", "columns left out are kept"


def test_csv_export_round_trips_into_a_fresh_data_dir(services, tmp_path):
    import_csv(services, GOOD)
    add_peer(services, PeerIn(name="Aisha", team="Product", focus=True, tags=["launch"]))
    exported = export_csv(services)
    fresh = make_services(tmp_path / "fresh")
    import_csv(fresh, exported)
    strip = lambda ps: [p.model_dump(exclude={"id", "created_at", "updated_at"}) for p in ps]  # noqa: E731
    assert strip(list_peers(fresh)) == strip(list_peers(services))


def test_exports_neutralise_spreadsheet_formulas(services):
    add_peer(services, PeerIn(name="=HYPERLINK(1)", role="+cmd|' /C calc'!A0", team="@evil"))
    rows = list(csv.reader(io.StringIO(export_csv(services))))
    assert rows[1][:3] == ["'=HYPERLINK(1)", "'+cmd|' /C calc'!A0", "'@evil"]


def test_json_export_holds_everything(services):
    import_csv(services, GOOD)
    log_interaction(services, ["Marco"], "lunch/coffee", "Talked about Q1 targets")
    data = json.loads(export_json(services))
    assert {p["name"] for p in data["peers"]} == {"Priya Shah", "Marco"}
    assert data["interactions"][0]["summary"] == "Talked about Q1 targets"
    assert data["notes"] and data["interaction_peers"][0]["peer_ids"]


def test_a_json_export_moves_a_users_data_into_a_team_account(services, tmp_path):
    from coach.services.feedback import request_feedback
    from coach.services.notes import add_note, list_notes
    from coach.services.peer_io import import_json
    from coach.services.peers import interactions

    import_csv(services, GOOD)
    log_interaction(services, ["Marco"], "lunch/coffee", "Talked about Q1 targets")
    add_note(services, "Priya is starting vendor onboarding", "Priya Shah")
    request_feedback(services, "Marco", "my launch plan")
    exported = export_json(services)
    team = make_services(tmp_path / "team")
    message = import_json(team, exported, owner="ana")
    assert "2 peers" in message and "1 interactions" in message
    assert {p.name for p in list_peers(team, "ana")} == {"Priya Shah", "Marco"}
    assert list_peers(team) == [], "nothing lands in another account"
    assert interactions(team, "Marco", owner="ana")[0].summary == "Talked about Q1 targets"
    assert len(list_notes(team, "ana")) == len(list_notes(services))
    assert import_json(team, exported, owner="ana") == "Imported nothing new."
    assert len(interactions(team, "Marco", owner="ana")) == 1


def test_a_json_file_that_is_not_an_export_is_refused(services):
    from coach.services.peer_io import import_json

    with pytest.raises(InputError, match="not a Peer Coach export"):
        import_json(services, '{"peers": []}')
    with pytest.raises(InputError, match="not valid JSON"):
        import_json(services, "{oops")
