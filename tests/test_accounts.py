"""Sign-in: hashed passwords, and two users who never see each other's data through the page."""

import json
from pathlib import Path

import pytest
from coach.services.accounts import add_user, list_users, remove_user, set_password, verify
from coach.store.db import User
from coach.ui.web.app import launch
from gradio_client import Client

from coach.errors import InputError
from tests.conftest import make_services


def test_passwords_are_stored_as_argon2_hashes_and_checked(services):
    add_user(services, "ana", "correct horse")
    with services.sessions() as session:
        stored = session.get(User, "ana").password_hash
    assert stored.startswith("$argon2") and "correct horse" not in stored
    assert verify(services, "ana", "correct horse")
    assert not verify(services, "ana", "wrong password") and not verify(services, "bob", "x" * 9)
    set_password(services, "ana", "battery staple")
    assert verify(services, "ana", "battery staple") and not verify(
        services, "ana", "correct horse"
    )
    remove_user(services, "ana")
    assert list_users(services) == [] and not verify(services, "ana", "battery staple")


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [
        ("", "longenough", "user name"),
        ("local", "longenough", "user name"),
        ("a b", "longenough", "user name"),
        ("ana", "short", "at least 8"),
    ],
)
def test_bad_user_names_and_short_passwords_are_refused(services, name, password, message):
    with pytest.raises(InputError, match=message):
        add_user(services, name, password)


def test_sign_in_on_with_no_users_refuses_to_start_with_a_hint(data_dir):
    from coach.errors import CoachError

    svc = make_services(data_dir, auth=True)
    with pytest.raises(CoachError, match="coach users add"):
        launch(svc, host="127.0.0.1", port=0, block=False)


@pytest.fixture(scope="module")
def team(tmp_path_factory):
    svc = make_services(tmp_path_factory.mktemp("team"), real=True, auth=True)
    add_user(svc, "ana", "ana-password")
    add_user(svc, "ben", "ben-password")
    demo = launch(svc, host="127.0.0.1", port=0, block=False)
    ana = Client(demo.local_url, auth=("ana", "ana-password"), verbose=False)
    ben = Client(demo.local_url, auth=("ben", "ben-password"), verbose=False)
    yield svc, ana, ben, demo.local_url
    demo.close()


def test_a_wrong_password_cannot_sign_in(team):
    _, _, _, url = team
    with pytest.raises(ValueError):
        Client(url, auth=("ana", "not-her-password"), verbose=False)


def test_two_users_never_see_each_others_peers_notes_or_exports(team):
    svc, ana, ben, _ = team
    form = ["Finance", "lead", [], 5, "weak", 14, True, "", ""]
    assert "Added Priya" in ana.predict("Priya", *form, api_name="/add_peer")
    assert (
        "Saved your note about Priya"
        in ana.predict(
            "Priya (finance) is starting the vendor onboarding process next month",
            "Priya",
            "",
            api_name="/add_note",
        )[0]
    )
    ana_next = ana.predict(10, api_name="/who_next")["data"]
    assert [row[0] for row in ana_next] == ["Priya"]
    # Ben sees none of it: not in his ranking, his answers, his exports or his opener list.
    assert all(row[0] != "Priya" for row in ben.predict(10, api_name="/who_next")["data"])
    reply = ben.predict("What could I offer Priya?", api_name="/ask")
    assert all(s["kind"] != "note" for s in reply["sources"])
    assert "vendor onboarding" not in reply["answer"]
    exported = json.loads(Path(ben.predict(api_name="/export_json")).read_text())
    assert exported["peers"] == [] and exported["notes"] == []
    assert "no longer in your map" in ben.predict("Priya (Finance)", "lunch", api_name="/openers")
    # And Ana still has hers.
    reply = ana.predict("What could I offer Priya?", api_name="/ask")
    assert any(s["kind"] == "note" and s["person"] == "Priya" for s in reply["sources"])


def test_guidance_files_a_user_adds_are_theirs_alone(team, tmp_path):
    from gradio_client import handle_file

    _, ana, ben, _ = team
    mine = tmp_path / "ana-playbook.md"
    mine.write_text(
        "# Ana's escalation playbook\n\nZebra-stripe escalations go to the triage "
        "rota before any manager hears of them."
    )
    assert "ana-playbook.md" in ana.predict([handle_file(str(mine))], api_name="/ingest")
    q = "How are zebra-stripe escalations handled by the triage rota?"
    assert "Ana's escalation playbook" in [
        s["title"] for s in ana.predict(q, api_name="/ask")["sources"]
    ]
    assert "Ana's escalation playbook" not in [
        s["title"] for s in ben.predict(q, api_name="/ask")["sources"]
    ]
