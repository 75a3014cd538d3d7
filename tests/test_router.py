"""The chat hands peer-map questions to the same engines as the CLI, with sources."""

from coach.domain.peers import PeerIn
from coach.services.chat import answer
from coach.services.feedback import list_requests
from coach.services.notes import add_note
from coach.services.peers import add_peer

from tests.conftest import make_services, recording_model


def mapped(data_dir, **kw):
    svc = make_services(data_dir, **kw)
    add_peer(svc, PeerIn(name="Marco", team="Sales", importance=2, relationship="strong"))
    add_peer(svc, PeerIn(name="Aisha", team="Product", importance=5, relationship="weak"))
    add_note(svc, "Marco just closed the Acme renewal", "Marco")
    return svc


def test_who_should_i_talk_to_uses_the_ranking_not_the_model(data_dir):
    model = recording_model("model answer")
    svc = mapped(data_dir, model=model)
    reply = answer(svc, "Who should I talk to this week?")
    assert reply.provider == "peer map" and model.seen == []
    assert reply.text.index("Aisha") < reply.text.index("Marco")
    assert "importance 5/5, weak relationship" in reply.text
    assert any(s.kind == "guidance" for s in reply.sources)


def test_give_me_an_opener_for_a_named_peer_uses_their_notes(data_dir):
    svc = mapped(data_dir)
    reply = answer(svc, "give me an opener for marco at lunch")
    assert "Openers for Marco" in reply.text and "(lunch)" in reply.text
    assert "Acme renewal" in reply.text
    assert any(s.kind == "note" and s.person == "Marco" for s in reply.sources)


def test_help_me_ask_for_feedback_drafts_and_tracks_a_request(data_dir):
    svc = mapped(data_dir)
    reply = answer(svc, "help me ask Aisha for feedback on my launch plan")
    assert (
        "Feedback request for Aisha" in reply.text
        and "in-depth critique of my launch plan" in reply.text
    )
    [req] = list_requests(svc)
    assert (req.peer, req.topic, req.status) == ("Aisha", "my launch plan", "drafted")
    assert {s.id for s in reply.sources} >= {"choose-feedback-depth", "close-the-feedback-loop"}


def test_an_empty_map_asks_you_to_start_mapping(data_dir):
    reply = answer(make_services(data_dir), "who should I reach out to?")
    assert "peer map is empty" in reply.text and reply.sources[0].id == "map-your-peers"


def test_other_questions_still_go_to_the_coach(data_dir):
    model = recording_model("Use open questions.")
    svc = mapped(data_dir, model=model)
    from coach.services.indexing import index_guidance

    index_guidance(svc)
    assert answer(svc, "How do I give a good first impression?").text == "Use open questions."
