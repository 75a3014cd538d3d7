"""The first run: a sample team to explore, removed in one step without touching your own data."""

from datetime import date

from coach.domain.peers import PeerIn
from coach.rag.retrieval import retrieve_notes
from coach.services.followups import list_follow_ups
from coach.services.notes import add_note, list_notes
from coach.services.peers import add_peer, list_peers
from coach.services.plans import make_plan
from coach.services.sample import (
    add_sample_team,
    has_sample_team,
    remove_sample_team,
    start_status,
)

TODAY = date(2026, 11, 24)


def test_the_sample_team_is_clearly_marked_and_complete_enough_to_explore(services):
    report = add_sample_team(services, today=TODAY)
    assert (report.peers, report.notes, report.follow_ups) == (5, 3, 3)
    sample = list_peers(services)
    assert len(sample) == 5 and all("sample" in p.tags for p in sample)
    assert {p.relationship for p in sample} == {"strong", "weak", "nonexistent"}
    assert any(f.due and f.due < TODAY for f in list_follow_ups(services)), "one is overdue"
    hits = retrieve_notes(services, "What is Nadia worried about?")
    assert hits and hits[0].person == "Nadia Okafor"


def test_adding_the_sample_twice_adds_nothing_more(services):
    add_sample_team(services, today=TODAY)
    again = add_sample_team(services, today=TODAY)
    assert (again.peers, again.notes, again.follow_ups) == (0, 0, 0)
    assert len(list_peers(services)) == 5


def test_removing_the_sample_keeps_everything_of_your_own(services):
    add_peer(services, PeerIn(name="Priya", team="Finance"))
    add_note(services, "Priya runs the budget review", "Priya")
    add_sample_team(services, today=TODAY)
    report = remove_sample_team(services)
    assert (report.peers, report.notes, report.follow_ups) == (5, 3, 3)
    assert [p.name for p in list_peers(services)] == ["Priya"]
    assert [n.text for n in list_notes(services)] == ["Priya runs the budget review"]
    assert list_follow_ups(services) == [] and not has_sample_team(services)
    assert all(n.person != "Nadia Okafor" for n in retrieve_notes(services, "Nadia budget"))


def test_the_first_run_checklist_counts_only_your_own_records(services):
    first = start_status(services, today=TODAY)
    assert not first.finished and (first.peers, first.notes, first.planned) == (0, 0, False)
    add_sample_team(services, today=TODAY)
    sampled = start_status(services, today=TODAY)
    assert sampled.sample and sampled.peers == 0 and sampled.notes == 0
    add_peer(services, PeerIn(name="Priya", team="Finance"))
    add_note(services, "Priya runs the budget review", "Priya")
    make_plan(services, "", "2026-W48", today=TODAY)
    assert start_status(services, today=TODAY).finished
