"""Who next: the ordering rules of the score, and reasons that name their factors."""

from datetime import date, datetime, timedelta

from coach.domain.peers import PeerSignals, PeerView
from coach.domain.scoring import rank, rank_filtered, score

TODAY = date(2026, 11, 23)


def sig(name, importance=3, relationship="weak", last=None, cadence=30, focus=False, **kw):
    now = datetime(2026, 1, 1)
    peer = PeerView(
        id=name,
        name=name,
        importance=importance,
        relationship=relationship,
        last_contact=last,
        cadence_days=cadence,
        focus=focus,
        created_at=now,
        updated_at=now,
    )
    return PeerSignals(peer=peer, **kw)


def test_important_stale_weak_peer_outranks_a_strong_recent_one():
    stale = sig(
        "Priya", importance=5, relationship="weak", last=TODAY - timedelta(days=60), cadence=14
    )
    recent = sig("Marco", importance=5, relationship="strong", last=TODAY - timedelta(days=1))
    top, bottom = rank([recent, stale], TODAY)
    assert (top.name, bottom.name) == ("Priya", "Marco")
    assert "weak relationship" in top.reason and "60 days since last contact" in top.reason
    assert "met 1 day ago" in bottom.reason


def test_a_nonexistent_relationship_ranks_above_a_weak_one_all_else_equal():
    last = TODAY - timedelta(days=10)
    ranked = rank(
        [sig("Weak", last=last), sig("None", relationship="nonexistent", last=last)], TODAY
    )
    assert ranked[0].name == "None"


def test_importance_orders_otherwise_equal_peers():
    ranked = rank([sig("Low", importance=1), sig("High", importance=5)], TODAY)
    assert [s.name for s in ranked] == ["High", "Low"]


def test_overdue_contact_grows_with_time_but_is_capped():
    def overdue(days):
        return score(sig("X", last=TODAY - timedelta(days=days), cadence=10), TODAY).factors.get(
            "overdue", 0
        )

    assert overdue(5) == 0 < overdue(15) < overdue(25) < overdue(30) == overdue(300)


def test_focus_debt_follow_ups_and_open_loops_each_add_points_and_a_reason():
    base = score(sig("A", last=TODAY), TODAY)
    for extra, phrase in [
        ({"focus": True}, "on your focus list"),
        ({"favours_received": 2, "favours_given": 1}, "you owe 1 favour"),
        ({"open_follow_ups": 2, "next_follow_up": "send the deck"}, "2 open follow-ups"),
        ({"loops_to_close": 1}, "feedback loop to close"),
    ]:
        s = score(sig("A", last=TODAY, **extra), TODAY)
        assert s.score > base.score and phrase in s.reason


def test_build_before_you_need_it_for_important_peers_never_met():
    s = score(sig("New", importance=5, relationship="nonexistent"), TODAY)
    assert "build it before you need it" in s.reason and s.card == "build-before-you-need"
    assert "Introduce yourself" in s.suggested_action


def test_suggested_action_follows_the_most_pressing_factor():
    assert score(sig("A", last=TODAY, loops_to_close=1), TODAY).card == "close-the-feedback-loop"
    s = score(
        sig("A", last=TODAY, open_follow_ups=1, next_follow_up="send the pricing deck"), TODAY
    )
    assert "send the pricing deck" in s.suggested_action
    assert score(sig("A", last=TODAY, favours_received=1), TODAY).card == "reciprocity"


def test_ties_are_broken_by_name_so_the_order_is_stable():
    ranked = rank([sig("bea"), sig("Al"), sig("Cy")], TODAY)
    assert [s.name for s in ranked] == ["Al", "bea", "Cy"]


def test_filters_keep_only_the_peers_they_name_and_overdue_sorts_by_how_overdue():
    never = sig("Nadia", importance=5, relationship="nonexistent")
    late = sig("Omar", last=TODAY - timedelta(days=30), cadence=14)
    later = sig("Pia", importance=1, last=TODAY - timedelta(days=90), cadence=14)
    fresh = sig("Quinn", relationship="strong", last=TODAY - timedelta(days=2), focus=True)
    everyone = [never, late, later, fresh]
    assert [s.name for s in rank_filtered(everyone, "overdue", TODAY)] == ["Pia", "Omar"]
    assert [s.name for s in rank_filtered(everyone, "never_met", TODAY)] == ["Nadia"]
    assert [s.name for s in rank_filtered(everyone, "focus", TODAY)] == ["Quinn"]
    assert "Quinn" not in [s.name for s in rank_filtered(everyone, "weak", TODAY)]
    assert rank(everyone, TODAY)[0].name == "Nadia", "the plain ranking is unchanged"
