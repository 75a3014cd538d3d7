"""Feedback requests: depth, a specific ask framed for them, and the loop to close."""

import pytest
from coach.domain.feedback import choose_depth
from coach.domain.peers import PeerIn
from coach.services.feedback import advance, list_requests, loops_to_close, request_feedback
from coach.services.peers import add_peer, signals

from coach.errors import InputError


@pytest.fixture
def svc(services):
    add_peer(services, PeerIn(name="Aisha Khan", team="Product", relates=["depends on me"]))
    return services


def test_depth_is_a_quick_bounce_for_ideas_and_a_critique_for_invested_work():
    assert choose_depth("a quick idea for the team offsite") == "quick"
    assert choose_depth("my launch plan") == "deep"
    assert choose_depth("the Q3 budget proposal") == "deep"


def test_the_draft_is_specific_and_framed_with_their_benefit(svc):
    req = request_feedback(svc, "aisha", "my launch plan")
    assert req.depth == "deep" and req.status == "drafted"
    assert "in-depth critique of my launch plan" in req.draft
    assert "your team in Product builds on this" in req.draft
    assert "what's missing" in req.draft
    quick = request_feedback(svc, "Aisha", "a name for the beta", depth="quick")
    assert "bounce a quick idea" in quick.draft


def test_the_loop_goes_drafted_asked_received_closed_and_closing_needs_an_outcome(svc):
    req = request_feedback(svc, "Aisha", "my launch plan")
    with pytest.raises(InputError, match="next step is asked, not received"):
        advance(svc, req.id, "received")
    advance(svc, req.id[:8], "asked")
    received = advance(svc, req.id, "received")
    assert "Close the loop" in received.next_step
    assert [r.id for r in loops_to_close(svc)] == [req.id]
    assert signals(svc)[0].loops_to_close == 1
    with pytest.raises(InputError, match="empty"):
        advance(svc, req.id, "closed")
    closed = advance(svc, req.id, "closed", outcome="Moved the beta a week, as she suggested")
    assert closed.status == "closed" and loops_to_close(svc) == []
    with pytest.raises(InputError, match="loop is closed"):
        advance(svc, req.id, "asked")


def test_asking_again_about_the_same_topic_continues_the_open_request(svc):
    first = request_feedback(svc, "Aisha", "my launch plan")
    again = request_feedback(svc, "Aisha Khan", "My launch plan")
    assert again.id == first.id and len(list_requests(svc)) == 1


def test_unknown_people_and_depths_get_a_plain_message(svc):
    with pytest.raises(InputError, match="No peer called 'Zed'"):
        request_feedback(svc, "Zed", "my plan")
    with pytest.raises(InputError, match="quick"):
        request_feedback(svc, "Aisha", "my plan", depth="medium")
