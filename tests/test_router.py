"""The chat hands peer-map questions to the same engines as the CLI, with sources."""

from datetime import date, timedelta

from coach.domain.peers import PeerIn
from coach.services.chat import answer
from coach.services.feedback import list_requests
from coach.services.notes import add_note, list_notes
from coach.services.peers import add_peer, interactions
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
    assert reply.provider == "peer map" and reply.route == "who_next" and model.seen == []
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
        "Feedback request for Aisha** on your launch plan" in reply.text
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


def test_who_am_i_overdue_lists_overdue_peers_not_the_general_ranking(data_dir):
    svc = make_services(data_dir)
    today = date.today()
    add_peer(svc, PeerIn(name="Nadia Berg", importance=5, relationship="nonexistent"))
    add_peer(
        svc,
        PeerIn(name="Omar Haddad", cadence_days=14, last_contact=today - timedelta(days=60)),
    )
    add_peer(svc, PeerIn(name="Pia Lund", cadence_days=14, last_contact=today - timedelta(days=2)))
    reply = answer(svc, "Who am I overdue to contact?")
    assert reply.route == "who_next" and "overdue against your keep-in-touch cadence" in reply.text
    assert "Omar Haddad" in reply.text
    assert "Nadia Berg" not in reply.text and "Pia Lund" not in reply.text


def test_overdue_peers_come_most_overdue_first_without_scores_out_of_order(data_dir):
    svc = make_services(data_dir)
    today = date.today()
    add_peer(  # a higher score (importance) but less overdue
        svc,
        PeerIn(name="Ida Moe", importance=5, cadence_days=30, last_contact=today - timedelta(35)),
    )
    add_peer(
        svc,
        PeerIn(name="Jon Ek", importance=2, cadence_days=7, last_contact=today - timedelta(40)),
    )
    text = answer(svc, "who have I been neglecting?").text
    assert text.index("Jon Ek") < text.index("Ida Moe") and "most overdue first" in text
    assert "score" not in text


def test_a_team_filter_ranks_only_that_team(data_dir):
    svc = mapped(data_dir)
    reply = answer(svc, "anyone in sales I should catch up with?")
    assert "Marco" in reply.text and "Aisha" not in reply.text


def test_telling_what_happened_offers_a_log_and_writes_only_after_yes(data_dir):
    svc = mapped(data_dir)
    told = "had coffee with Marco today, he's worried about the pricing changes"
    offer = answer(svc, told)
    assert offer.route == "log" and "Log this?" in offer.text and "Reply **yes**" in offer.text
    assert interactions(svc) == [], "nothing is written before the user confirms"
    history = [("user", told), ("assistant", offer.with_sources())]
    done = answer(svc, "yes", history)
    assert done.route == "log" and "Logged" in done.text
    [logged] = interactions(svc)
    assert (logged.kind, logged.peers, logged.day) == ("lunch/coffee", ["Marco"], date.today())
    assert any("worried about the pricing changes" in n.text for n in list_notes(svc))


def test_yes_with_nothing_offered_writes_nothing(data_dir):
    svc = mapped(data_dir)
    reply = answer(svc, "yes", [("user", "hello"), ("assistant", "Hi! How can I help?")])
    assert reply.route == "clarify" and interactions(svc) == []


def test_follow_ups_resolve_against_the_last_turn(data_dir):
    svc = mapped(data_dir)
    first = answer(svc, "give me an opener for marco at lunch")
    history = [("user", "give me an opener for marco at lunch"), ("assistant", first.text)]
    other = answer(svc, "and Aisha?", history)
    assert "Openers for Aisha" in other.text and "(lunch)" in other.text
    shorter = answer(svc, "make it shorter", history)
    assert "Openers for Marco" in shorter.text and "2." not in shorter.text
    assert "isn't in your peer map" in answer(svc, "and Kenji?", history).text


def test_a_request_that_could_mean_several_things_gets_one_question(data_dir):
    svc = mapped(data_dir)
    reply = answer(svc, "help with Aisha")
    assert reply.route == "clarify" and reply.text.count("?") == 1 and "Aisha" in reply.text
    assert list_requests(svc) == [] and interactions(svc) == []


def test_guidance_answers_say_so_in_their_route(data_dir):
    svc = mapped(data_dir)
    assert answer(svc, "a colleague who doesn't want to talk to me").route == "guidance"


def test_a_question_about_a_peer_the_notes_answer_leads_with_the_notes(data_dir):
    svc = mapped(data_dir)
    add_note(svc, "Aisha is worried the beta slips past the offsite.", "Aisha")
    reply = answer(svc, "What is Aisha worried about?")
    assert reply.route == "guidance"
    assert reply.text.startswith("**From your notes on Aisha:**") and "beta slips" in reply.text
    assert "Not a close fit" not in reply.text
