"""Follow-ups as their tab shows them: overdue first, snoozed, deleted, closed by the plan."""

from datetime import date, timedelta

import pytest

from coach.domain.peers import PeerIn
from coach.errors import InputError
from coach.services.followups import (
    add_follow_up,
    board,
    list_follow_ups,
    remove_follow_up,
    snooze,
)
from coach.services.peers import add_peer
from coach.services.plans import load_plan, make_plan, mark_done

TODAY = date(2026, 11, 24)  # a Tuesday in 2026-W48
WEEK = "2026-W48"


@pytest.fixture
def svc(services):
    add_peer(services, PeerIn(name="Priya Shah", team="Finance", importance=5))
    add_peer(services, PeerIn(name="Marco Rossi", team="Sales"))
    return services


def test_the_board_lists_overdue_first_and_celebrations_last(svc):
    add_follow_up(svc, "Marco", "Send Marco the deck", TODAY + timedelta(days=3))
    add_follow_up(svc, "Priya", "Congratulate Priya: the budget shipped")
    add_follow_up(svc, "Priya", "Send Priya the vendor list", TODAY - timedelta(days=2))
    add_follow_up(svc, "Marco", "Marco sends the renewal dates", None, "they_owe")
    order = [f.what for f in board(svc, today=TODAY)]
    assert order == [
        "Send Priya the vendor list",
        "Send Marco the deck",
        "Marco sends the renewal dates",
        "Congratulate Priya: the budget shipped",
    ]
    kinds = {f.what: f.kind for f in board(svc, today=TODAY)}
    assert kinds["Congratulate Priya: the budget shipped"] == "celebrate", "not a debt"
    assert kinds["Marco sends the renewal dates"] == "they_owe"
    late = board(svc, today=TODAY)[0]
    assert late.when(TODAY) == "overdue by 2 days" and late.is_overdue(TODAY)


def test_snoozing_moves_the_due_date_from_today_when_late(svc):
    late, _ = add_follow_up(svc, "Priya", "Send the list", TODAY - timedelta(days=5))
    ahead, _ = add_follow_up(svc, "Marco", "Send the deck", TODAY + timedelta(days=2))
    undated, _ = add_follow_up(svc, "Marco", "Ask about Q1")
    assert snooze(svc, late.id, 7, today=TODAY).due == TODAY + timedelta(days=7)
    assert snooze(svc, ahead.id, 1, today=TODAY).due == TODAY + timedelta(days=3)
    assert snooze(svc, undated.id, 1, today=TODAY).due == TODAY + timedelta(days=1)
    with pytest.raises(InputError, match="1 to 365"):
        snooze(svc, late.id, 0, today=TODAY)


def test_deleting_removes_only_that_follow_up(svc):
    gone, _ = add_follow_up(svc, "Priya", "Obsolete")
    add_follow_up(svc, "Priya", "Still needed")
    assert remove_follow_up(svc, gone.id[:8]) == "Obsolete"
    assert [f.what for f in list_follow_ups(svc)] == ["Still needed"]
    with pytest.raises(InputError, match="No single follow-up"):
        remove_follow_up(svc, gone.id)


def test_ticking_a_plan_item_closes_its_follow_up_and_unticking_reopens_it(svc):
    fu, _ = add_follow_up(svc, "Priya", "Send Priya the vendor list", TODAY)
    plan = make_plan(svc, "", WEEK, today=TODAY)
    item = next(i for i in plan.items if i.follow_up_id == fu.id)
    mark_done(svc, item.id)
    assert list_follow_ups(svc) == [], "done in the plan is done in Follow-ups"
    mark_done(svc, item.id, False)
    assert [f.id for f in list_follow_ups(svc)] == [fu.id]


def test_a_follow_up_closed_elsewhere_shows_as_done_in_the_plan(svc):
    fu, _ = add_follow_up(svc, "Priya", "Send Priya the vendor list", TODAY)
    plan = make_plan(svc, "", WEEK, today=TODAY)
    item_id = next(i.id for i in plan.items if i.follow_up_id == fu.id)
    from coach.services.followups import complete

    complete(svc, fu.id)
    reopened = load_plan(svc, WEEK)
    assert next(i for i in reopened.items if i.id == item_id).done
