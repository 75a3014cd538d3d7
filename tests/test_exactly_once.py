"""Saves that happen at the same moment: each meeting, tick and keyed record lands exactly once."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from threading import Barrier

import pytest
from sqlalchemy import func, select

from coach.services.meetings import analyze, save
from coach.services.peer_io import import_csv
from coach.services.peers import add_favour, log_interaction
from coach.services.plans import load_plan, make_plan, mark_done
from coach.store.db import Favour, FeedbackRequest, FollowUp, Interaction, Note, Peer
from tests.conftest import make_services

PEERS = Path(__file__).parent / "data" / "meetings" / "peers.csv"
MONDAY = date(2026, 11, 23)
MEETING = """Cross-team sync: Sales x Product
Attendees: Marco Rossi, Aisha Khan, Jordan Lee (marketing), me
- Marco closed the Acme renewal 🎉
- I'll send Aisha the pricing copy by Friday
- Jordan Lee owes us the campaign calendar
- I want to ask Aisha for feedback on my launch plan
- Our data migration is running two weeks late; support depends on it
"""
THREADS = 8
WEEK = "budget review Tuesday, new hire Sam joins Monday, launching the pricing page Thursday"


@pytest.fixture
def svc(data_dir):
    services = make_services(data_dir)
    import_csv(services, PEERS.read_bytes())
    return services


def all_at_once(fn, n=THREADS):
    """Run fn(i) in n threads released together; returns results or the exceptions raised."""
    start = Barrier(n)

    def run(i):
        start.wait()
        try:
            return fn(i)
        except Exception as exc:  # collected so the test can say what reached the user
            return exc

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(run, range(n)))


def counts(services):
    with services.sessions() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model))
            for model in (Peer, Interaction, FollowUp, FeedbackRequest, Note, Favour)
        }


def test_eight_saves_of_the_same_meeting_at_once_store_it_exactly_once(svc, tmp_path):
    reference = make_services(tmp_path / "reference")
    import_csv(reference, PEERS.read_bytes())
    once = save(reference, MEETING, analyze(reference, MEETING, MONDAY))
    assert len(once.created) >= 7  # a new peer, the meeting, follow-ups, feedback, the note

    analysis = analyze(svc, MEETING, MONDAY)
    reports = all_at_once(lambda _: save(svc, MEETING, analysis))

    assert not [r for r in reports if isinstance(r, Exception)], reports
    assert counts(svc) == counts(reference)
    created = sorted(item for r in reports for item in r.created)
    assert created == sorted(once.created), "each item is reported created by one save only"
    again = save(svc, MEETING, analysis)
    assert again.created == [] and again.already_saved == len(once.created)


def test_the_same_logged_interaction_and_favour_at_once_are_recorded_once(svc):
    views = all_at_once(
        lambda _: log_interaction(
            svc, ["Marco Rossi"], "lunch/coffee", "Lunch", MONDAY, source_key="k1"
        )
    )
    favours = all_at_once(
        lambda _: add_favour(svc, "Marco", "given", "Intro to legal", MONDAY, source_key="f1")
    )
    assert sum(v.new for v in views) == 1 and len({v.id for v in views}) == 1
    assert sorted(favours).count("Already recorded.") == THREADS - 1
    assert counts(svc)["favours"] == 1


def test_eight_people_ticking_items_of_one_plan_at_once_keep_every_tick(svc):
    plan = make_plan(svc, WEEK, "2026-W48")
    ids = [item.id for item in plan.items][:THREADS]
    assert len(ids) >= 6

    results = all_at_once(lambda i: mark_done(svc, ids[i % len(ids)]))

    assert not [r for r in results if isinstance(r, Exception)], results
    stored = load_plan(svc, "2026-W48")
    assert {i.id for i in stored.items if i.done} == set(ids)


def test_eight_ticks_of_the_same_item_at_once_tick_it_once_without_errors(svc):
    plan = make_plan(svc, "", "2026-W48")
    results = all_at_once(lambda _: mark_done(svc, plan.items[0].id))
    assert not [r for r in results if isinstance(r, Exception)], results
    assert [i.done for i in load_plan(svc, "2026-W48").items].count(True) == 1


def test_replanning_while_ticking_keeps_the_ticks(svc):
    plan = make_plan(svc, WEEK, "2026-W48")
    ids = [item.id for item in plan.items[:4]]

    def work(i):
        return mark_done(svc, ids[i]) if i < 4 else make_plan(svc, WEEK, "2026-W48")

    results = all_at_once(work)
    assert not [r for r in results if isinstance(r, Exception)], results
    stored = load_plan(svc, "2026-W48")
    assert {i.id for i in stored.items if i.done} >= set(ids)
