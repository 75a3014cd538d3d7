"""The peer map store: validation, name matching, the focus cap, the ledger, restarts."""

from datetime import date

import pytest
from coach.domain.peers import PeerIn
from coach.services.peers import (
    add_favour,
    add_peer,
    edit_peer,
    get_peer,
    interactions,
    list_peers,
    log_interaction,
    notes_about,
    parse_peer,
    remove_peer,
    set_focus,
    signals,
)

from coach.errors import InputError
from tests.conftest import make_services


def peer(name, **kw):
    return PeerIn(name=name, **kw)


def test_names_match_case_insensitively_and_teams_tell_namesakes_apart(services):
    add_peer(services, peer("Alex Kim", team="Sales"))
    add_peer(services, peer("alex kim", team="Data"))
    with pytest.raises(InputError, match="2 peers called 'ALEX KIM' \\(teams: Data, Sales\\)"):
        get_peer(services, "ALEX KIM")
    assert get_peer(services, "alex KIM", team="sales").team == "Sales"
    with pytest.raises(InputError, match="already in your map"):
        add_peer(services, peer("ALEX KIM", team="sales"))


def test_a_first_name_finds_the_peer_when_it_is_unambiguous(services):
    add_peer(services, peer("Aisha Khan", team="Product"))
    assert get_peer(services, "aisha").name == "Aisha Khan"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "name"),
        ({"name": "Ana", "importance": 9}, "importance"),
        ({"name": "Ana", "relationship": "frenemies"}, "relationship: must be one of"),
        ({"name": "Ana", "relates": "pays me"}, "relates"),
        ({"name": "<script>x</script>"}, "plain text"),
        ({"name": "Ana", "cadence_days": 0}, "cadence_days"),
    ],
)
def test_invalid_peers_are_refused_with_the_field_named(data, message):
    with pytest.raises(InputError, match=message):
        parse_peer(data)


def test_relates_and_strength_accept_what_people_type():
    p = parse_peer(
        {"name": "Ana", "relates": "Helps me; shared_goals, big picture", "relationship": "WEAK"}
    )
    assert p.relates == ["helps me", "shared goals", "big-picture insight"]
    assert p.relationship == "weak"


def test_the_focus_list_is_capped_at_five_with_a_warning(services):
    for i in range(5):
        add_peer(services, peer(f"Peer {i}", focus=True))
    add_peer(services, peer("Sixth"))
    with pytest.raises(InputError, match="already focus on 5 peers .* 3–5 at a time"):
        set_focus(services, "Sixth", True)
    with pytest.raises(InputError, match="already focus on 5"):
        add_peer(services, peer("Seventh", focus=True))
    set_focus(services, "Peer 0", False)
    assert set_focus(services, "Sixth", True).focus
    assert sum(p.focus for p in list_peers(services)) == 5


def test_logging_an_interaction_restarts_the_clock_and_becomes_a_note(services):
    add_peer(services, peer("Priya", team="Finance", last_contact=date(2026, 9, 1)))
    add_peer(services, peer("Marco", team="Sales"))
    log_interaction(
        services, ["priya", "marco"], "meeting", "Vendor onboarding kickoff", date(2026, 11, 20)
    )
    log_interaction(services, ["Priya"], "message", "Older message", date(2026, 10, 1))
    assert get_peer(services, "Priya").last_contact == date(2026, 11, 20), (
        "an older log keeps the newest date"
    )
    assert get_peer(services, "Marco").last_contact == date(2026, 11, 20)
    assert "meeting with Priya, Marco: Vendor onboarding kickoff" in notes_about(services, "Marco")
    assert [i.summary for i in interactions(services, "Priya")] == [
        "Vendor onboarding kickoff",
        "Older message",
    ]
    with pytest.raises(InputError, match="Unknown kind"):
        log_interaction(services, ["Priya"], "telepathy", "hm")


def test_favours_feed_the_reciprocity_balance(services):
    add_peer(services, peer("Marco"))
    add_favour(services, "Marco", "received", "Intro to the EMEA lead")
    add_favour(services, "Marco", "received", "Covered my on-call")
    add_favour(services, "Marco", "given", "Reviewed his deck")
    [sig] = signals(services)
    assert (sig.favours_given, sig.favours_received) == (1, 2)
    with pytest.raises(InputError, match="given' or 'received"):
        add_favour(services, "Marco", "lent", "a pen")


def test_editing_validates_the_whole_peer_and_keeps_other_fields(services):
    add_peer(services, peer("Priya", team="Finance", importance=5, relates=["helps me"]))
    edited = edit_peer(services, "Priya", {"relationship": "strong", "role": "FP&A lead"})
    assert (edited.relationship, edited.importance, edited.relates) == ("strong", 5, ["helps me"])
    with pytest.raises(InputError, match="importance"):
        edit_peer(services, "Priya", {"importance": 0})


def test_removing_a_peer_keeps_your_notes(services):
    add_peer(services, peer("Priya"))
    log_interaction(services, ["Priya"], "meeting", "Budget sync")
    remove_peer(services, "priya")
    assert list_peers(services) == []
    assert notes_about(services, "Priya"), "notes are the user's and stay"


def test_the_peer_map_survives_a_restart(data_dir):
    svc = make_services(data_dir)
    add_peer(svc, peer("Priya", team="Finance", importance=5, focus=True))
    add_favour(svc, "Priya", "given", "Shared our vendor checklist")
    restarted = make_services(data_dir)
    [p] = list_peers(restarted)
    assert (p.name, p.team, p.importance, p.focus) == ("Priya", "Finance", 5, True)
    assert signals(restarted)[0].favours_given == 1


def test_one_owner_never_sees_another_owners_peers(services):
    add_peer(services, peer("Priya"), owner="ana")
    assert list_peers(services, owner="ben") == []
    with pytest.raises(InputError):
        get_peer(services, "Priya", owner="ben")
