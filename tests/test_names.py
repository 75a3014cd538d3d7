"""The one name matcher: peers, attendees, handles, initials; typed names resolved to peers."""

from datetime import datetime

from coach.domain.names import NameMatcher
from coach.domain.peers import PeerView


def peers(*names: str) -> list[PeerView]:
    now = datetime(2026, 1, 1)
    return [PeerView(id=n, name=n, created_at=now, updated_at=now) for n in names]


MAP = peers("Priya Shah", "Marco Rossi", "Marta Diaz", "Chen Wei", "Will Turner")


def found(text: str, matcher: NameMatcher | None = None) -> list[tuple[str, str]]:
    return [(m.text, m.name) for m in (matcher or NameMatcher(MAP)).find(text)]


def test_peers_are_found_by_full_name_first_name_and_in_lower_case():
    assert found("thanks chen, and Priya Shah will send it") == [
        ("chen", "Chen Wei"),
        ("Priya Shah", "Priya Shah"),
    ]


def test_a_first_name_that_is_an_everyday_word_needs_its_capital():
    assert found("we will see") == []
    assert found("Will Turner says yes") == [("Will Turner", "Will Turner")]


def test_names_learned_from_the_notes_match_later_mentions_and_initials():
    matcher = NameMatcher(MAP, ["Bob Wilson", "Łukasz Kowalczyk"])
    assert found("BW and Lukasz agreed", matcher) == [
        ("BW", "Bob Wilson"),
        ("Lukasz", "Łukasz Kowalczyk"),
    ]


def test_organisations_and_headings_are_not_people():
    assert found("The Steering Committee met the Open Source Foundation") == []


def test_resolve_takes_a_first_name_a_unique_prefix_or_a_small_typo():
    matcher = NameMatcher(MAP)
    assert matcher.resolve("priya").name == "Priya Shah"
    assert matcher.resolve("Chen W").name == "Chen Wei"
    assert matcher.resolve("Marco Rosi").name == "Marco Rossi"
    assert matcher.resolve("Mar") is None, "Marco or Marta: ambiguous"
    assert matcher.resolve("Zed") is None
