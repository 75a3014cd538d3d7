"""The weekly plan: complete without a model, rotating meals, carry-over, exports, no peers."""

import json
from datetime import date
from pathlib import Path

import pytest
from coach.domain.peers import PeerIn
from coach.services.chat import answer
from coach.services.peer_io import import_csv
from coach.services.peers import add_peer, edit_peer, log_interaction, set_focus
from coach.services.plans import history, load_plan, make_plan, mark_done, to_ics, to_markdown
from icalendar import Calendar
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from sqlalchemy import text

from coach.errors import InputError
from tests.conftest import make_services

PEERS = Path(__file__).parent / "data" / "meetings" / "peers.csv"
WEEK, NEXT = "2026-W48", "2026-W49"  # Monday 2026-11-23, Monday 2026-11-30
PROMPT = "budget review Tuesday, new hire Sam joins Monday, launching the pricing page Thursday"


@pytest.fixture
def svc(data_dir):
    services = make_services(data_dir)
    import_csv(services, PEERS.read_bytes())
    return services


def test_a_plan_for_eight_peers_covers_the_week_the_prompt_describes(svc):
    plan = make_plan(svc, PROMPT, WEEK)
    assert 3 <= len(plan.focus_peers) <= 5 and all(f.reason for f in plan.focus_peers)
    kinds = {i.kind: i for i in plan.items}
    welcome = kinds["welcome"]
    assert (welcome.day, welcome.date, welcome.peer) == ("Monday", date(2026, 11, 23), "Sam")
    prep = [i for i in plan.items if i.kind == "prepare meeting"]
    assert prep and prep[0].date < date(2026, 11, 24) and "budget review" in prep[0].text
    assert prep[0].peer == "Priya Shah", "a budget review touches Finance"
    assert [i.kind for i in plan.items].count("meal") == 1
    assert {"share info", "ask feedback", "celebrate"} <= set(kinds)
    assert all(
        i.day in {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"} for i in plan.items
    )
    assert all(i.cards for i in plan.items), "every item names the guidance behind it"
    assert len({i.id for i in plan.items}) == len(plan.items)


def test_the_meal_is_never_with_the_same_peer_two_weeks_running(svc):
    first = make_plan(svc, "", WEEK).meal_partner
    second = make_plan(svc, "", NEXT).meal_partner
    assert first and second and first != second


def test_with_a_single_peer_the_meal_can_repeat(data_dir):
    svc = make_services(data_dir)
    add_peer(svc, PeerIn(name="Only One"))
    assert (
        make_plan(svc, "", WEEK).meal_partner == make_plan(svc, "", NEXT).meal_partner == "Only One"
    )


def test_undone_items_are_carried_over_and_done_ones_reviewed(svc):
    plan = make_plan(svc, PROMPT, WEEK)
    reach = [i for i in plan.items if i.kind == "reach out"]
    mark_done(svc, plan.items[0].id)
    nxt = make_plan(svc, "", NEXT)
    assert nxt.review.week == WEEK and plan.items[0].text in nxt.review.done
    assert all(r.text in nxt.review.carried_over for r in reach if r.id != plan.items[0].id)
    assert not any(i.carried_over and i.event for i in nxt.items), "last week's events stay there"
    fresh = make_plan(svc, "", NEXT, carry_over=False)
    assert not any(i.carried_over for i in fresh.items) and fresh.review.carried_over == []


def test_focus_peers_respect_the_cap_and_the_focus_list(svc):
    for name in ["Tom", "Lena", "Chen", "Sofia", "Ravi"]:
        set_focus(svc, name, True)
    plan = make_plan(svc, "", WEEK)
    assert len(plan.focus_peers) == 5
    assert all("on your focus list" in f.reason for f in plan.focus_peers)


def test_a_week_with_no_peers_starts_by_mapping_them(data_dir):
    plan = make_plan(make_services(data_dir), "new hire joins Monday", WEEK)
    assert plan.focus_peers == []
    cards = [c for i in plan.items for c in i.cards]
    assert "map-your-peers" in cards and "pick-three-to-five" in cards
    assert any(i.kind == "welcome" for i in plan.items)


def test_ticking_items_and_replanning_keeps_the_ticks(svc):
    plan = make_plan(svc, PROMPT, WEEK)
    mark_done(svc, plan.items[1].id)
    again = make_plan(svc, PROMPT, WEEK)
    assert again.items[1].done and not again.items[0].done
    with pytest.raises(InputError, match="No item"):
        mark_done(svc, f"{WEEK}-99")
    with pytest.raises(InputError, match="ISO form"):
        make_plan(svc, "", "week 48")


def test_ics_export_has_one_event_per_dated_item(svc):
    plan = make_plan(svc, PROMPT, WEEK)
    cal = Calendar.from_ical(to_ics(plan))
    events = cal.walk("VEVENT")
    assert len(events) == len(plan.items)
    assert {e.decoded("dtstart") for e in events} == {i.date for i in plan.items}
    assert all(e.get("uid").endswith("@peer-coach") and e.get("dtstamp") for e in events)
    assert cal.get("version") == "2.0"


def test_markdown_export_lists_every_item_by_day(svc):
    plan = make_plan(svc, PROMPT, WEEK)
    md = to_markdown(plan)
    assert md.startswith(f"# Networking plan for {WEEK}") and "## Monday" in md
    assert all(i.id in md for i in plan.items)


def test_history_counts_done_items_contacts_and_strengthened_relationships(svc):
    plan = make_plan(svc, "", WEEK)
    mark_done(svc, plan.items[0].id)
    log_interaction(svc, ["Priya", "Marco"], "meeting", "sync", date(2026, 11, 24))
    edit_peer(svc, "Chen", {"relationship": "strong"})
    edit_peer(svc, "Tom", {"relationship": "weak"})  # nonexistent -> weak does not count
    with svc.engine.begin() as conn:  # pin the change inside the week, whatever today is
        conn.execute(text("UPDATE relationship_changes SET changed_at = '2026-11-25 10:00:00'"))
    stats = {w.week: w for w in history(svc, 3, until=date(2026, 11, 25))}
    assert stats[WEEK].done == 1 and stats[WEEK].peers_contacted == 2
    assert stats[WEEK].weak_to_strong == 1 and stats["2026-W47"].weak_to_strong == 0


def test_a_capable_model_rewords_items_but_cannot_change_who(data_dir):
    plan_rules = make_plan(make_services(data_dir / "a"), "", WEEK)
    first = plan_rules.items[0]
    wording = {"items": [{"id": first.id, "text": "Grab a coffee with someone new!"}]}
    svc = make_services(
        data_dir / "b",
        model=FakeListChatModel(responses=[json.dumps({"events": []}), json.dumps(wording)]),
    )
    add_peer(svc, PeerIn(name="Priya Shah", team="Finance", importance=5))
    plan = make_plan(svc, "quiet week", WEEK)
    assert all("someone new" not in i.text for i in plan.items if i.peer), (
        "wording that drops the person is rejected"
    )


def test_plan_my_week_in_the_chat_makes_the_same_plan(svc):
    reply = answer(svc, "Plan my week: " + PROMPT)
    assert reply.provider == "peer map" and "Welcome Sam" in reply.text
    from coach.domain.week import iso_week

    assert load_plan(svc, iso_week(date.today())).prompt == PROMPT
