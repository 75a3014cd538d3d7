"""The shared name rules, stated once: the chat, retrieval, the store, meeting notes and the
planner read a person's name the same way."""

from datetime import datetime

import pytest

from coach.domain.names import NameMatcher, PeerFinder, Roster, people_in
from coach.domain.peers import PeerIn, PeerView
from coach.domain.planner import related_peers
from coach.errors import InputError
from coach.services.notes import add_note
from coach.services.peers import add_peer, get_peer, notes_about

NAMES = ["Priya Shah", "Marco Rossi", "Marta Diaz", "Łukasz Kowalczyk", "Will Turner"]


def views(*names: str, team: str = "") -> list[PeerView]:
    now = datetime(2026, 1, 1)
    return [PeerView(id=n, name=n, team=team, created_at=now, updated_at=now) for n in names]


def chat(text: str, names: list[str] = NAMES) -> list[tuple[str, str]]:
    return [(r.name, r.how) for r in PeerFinder(views(*names)).find(text)]


def test_a_typed_first_name_resolves_when_one_peer_has_it():
    roster = Roster(views(*NAMES))
    assert roster.resolve("priya").name == "Priya Shah"
    assert roster.resolve("Chen") is None
    assert Roster(views("Sam Lee", "Sam Green")).resolve("Sam") is None, "two Sams: ask"


def test_a_small_typo_or_a_unique_prefix_resolves_and_an_ambiguous_one_does_not():
    roster = Roster(views(*NAMES))
    assert roster.resolve("Priay").name == "Priya Shah"
    assert roster.resolve("Marco Rosi").name == "Marco Rossi"
    assert roster.resolve("Pri").name == "Priya Shah"
    assert roster.resolve("Mar") is None, "Marco or Marta"
    assert roster.resolve("Priay", typo=False) is None


def test_meeting_notes_and_chat_use_the_same_typo_rule():
    assert NameMatcher(views(*NAMES)).resolve("Priay").name == "Priya Shah"
    assert chat("ask Priay about it") == [("Priya Shah", "typo")]


def test_chat_and_retrieval_agree_on_who_a_question_names():
    for text, who in [
        ("What could I offer priya?", ["Priya Shah"]),
        ("lunch with Lukasz", ["Łukasz Kowalczyk"]),
        ("will you help me?", []),
        ("How do I thank Will?", ["Will Turner"]),
    ]:
        assert [name for name, _ in chat(text)] == who, text
        assert people_in(text, NAMES) == who, text


def test_a_first_name_two_people_share_names_both_and_resolves_to_neither():
    names = ["Sam Lee", "Sam Green"]
    assert [r.candidates for r in PeerFinder(views(*names)).find("coffee with Sam")] == [
        ("Sam Lee", "Sam Green")
    ]
    assert people_in("coffee with Sam", names) == names


def test_the_store_finds_the_peer_the_chat_finds(services):
    for name in NAMES:
        add_peer(services, PeerIn(name=name))
    assert get_peer(services, "priya").name == chat("priya")[0][0] == "Priya Shah"
    assert get_peer(services, "Lukasz").name == chat("Lukasz")[0][0] == "Łukasz Kowalczyk"
    with pytest.raises(InputError, match="No peer called 'Priay'"):
        get_peer(services, "Priay")  # the store writes: it never guesses at a typo


def test_a_note_under_a_first_name_is_the_peers_only_when_no_other_peer_shares_it(services):
    for name in ["Priya Shah", "Sam Lee", "Sam Green"]:
        add_peer(services, PeerIn(name=name))
    add_note(services, "Priya is moving to the Berlin office", "Priya")
    add_note(services, "Sam asked about the offsite", "Sam")
    assert notes_about(services, "Priya Shah") == ["Priya is moving to the Berlin office"]
    assert notes_about(services, "Sam Lee") == []
    assert people_in("news from Priya Shah", ["Priya", "Priya Shah"]) == ["Priya", "Priya Shah"]


def test_an_event_title_that_names_a_team_relates_its_peers_and_no_one_else():
    finance, loose = views("Priya Shah", team="Finance"), views("Tom Becker")
    assert related_peers("Finance sync", finance + loose) == finance
    assert related_peers("Quarterly offsite", finance + loose) == []


def test_every_public_name_loads_from_the_package():
    import coach.domain.names as names

    assert all(getattr(names, name) is not None for name in names.__all__)


def test_a_name_that_is_not_plain_words_is_still_found_as_written():
    names = ["Jean-Luc", "[Bob](x)"]
    assert people_in("What do I know about [Bob](x)? And Jean-Luc?", names) == names


def test_a_name_that_is_also_a_word_counts_in_lower_case_where_a_person_goes():
    people = ["Hope Adeyemi", "Priya Shah"]
    assert chat("ran into hope at the cafeteria", people) == [("Hope Adeyemi", "first")]
    assert chat("lunch w hope on friday?", people) == [("Hope Adeyemi", "first")]
    assert chat("I hope the launch goes well", people) == []
    assert chat("how do I turn it down with hope intact", people) == []


def test_the_team_says_which_of_two_peers_sharing_a_first_name_is_meant():
    now = datetime(2026, 1, 1)
    twins = [
        PeerView(id=n, name=n, team=t, created_at=now, updated_at=now)
        for n, t in (("Omar Haddad", "Facilities"), ("Omar Nasser", "Audit"))
    ]
    finder = PeerFinder(twins)
    assert [r.name for r in finder.find("spoke to the facilities omar about the leak")] == [
        "Omar Haddad"
    ]
    assert [r.name for r in finder.find("Omar from audit wants the files")] == ["Omar Nasser"]
    assert finder.find("ask Omar")[0].candidates == ("Omar Haddad", "Omar Nasser")


def test_a_role_is_recognised_however_the_map_wrote_it():
    now = datetime(2026, 1, 1)
    peers = [
        PeerView(id=n, name=n, role=r, team=t, created_at=now, updated_at=now)
        for n, r, t in (
            ("Ada Obi", "the comms lead", "Communications"),
            ("Lars Berg", "my IT contact (clinical apps analyst)", "IT"),
            ("Mei Chen", "charge nurse on 5 North", "Nursing"),
        )
    ]
    finder = PeerFinder(peers)
    assert [r.name for r in finder.find("what do I say to our comms lead")] == ["Ada Obi"]
    assert [r.name for r in finder.find("bumped into the apps analyst")] == ["Lars Berg"]
    assert [r.name for r in finder.find("coffee with the charge nurse")] == ["Mei Chen"]
