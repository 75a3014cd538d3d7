"""Openers use what the notes say about the peer, with or without a model."""

import json

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from coach.notes import add_note
from coach.openers import make_openers
from coach.peers import PeerIn, add_peer, log_interaction
from tests.conftest import make_services


def test_template_openers_use_the_peers_notes(services):
    add_peer(services, PeerIn(name="Priya", team="Finance"))
    add_note(
        services, "Priya (finance) is starting the vendor onboarding process next month", "Priya"
    )
    log_interaction(services, ["Priya"], "lunch/coffee", "She is blocked on the vendor data export")
    log_interaction(services, ["Priya"], "meeting", "Priya shipped the new budget dashboard")
    result = make_openers(services, "priya", "lunch")
    assert result.provider == "templates" and len(result.openers) == 3
    text = " ".join(o.text for o in result.openers)
    assert "vendor onboarding" in text or "budget dashboard" in text
    assert "Is the vendor data export still holding things up?" in text
    assert "Congratulations on the new budget dashboard!" in text
    assert '"' not in text, "note text is said in the opener's own words, not quoted"
    assert {o.card for o in result.openers} >= {
        "share-information-proactively",
        "celebrate-peer-successes",
    }


def test_without_notes_openers_still_fit_the_peer_and_context(services):
    add_peer(services, PeerIn(name="Aisha", team="Product"))
    result = make_openers(services, "Aisha", "message")
    assert all(o.text.startswith("Hi Aisha, ") for o in result.openers)
    assert "in Product" in result.openers[0].text


def test_a_capable_model_writes_the_openers_from_the_notes(data_dir):
    reply = json.dumps(
        {
            "openers": [
                {
                    "text": "How is vendor onboarding going?",
                    "why": "notes",
                    "card": "ask-open-questions",
                },
                {
                    "text": "Want our onboarding checklist?",
                    "why": "share",
                    "card": "share-information-proactively",
                },
                {"text": "What's exciting this month?", "why": "open", "card": "chance-encounters"},
            ]
        }
    )
    model = FakeListChatModel(responses=["not json at all", reply])
    svc = make_services(data_dir, model=model)
    add_peer(svc, PeerIn(name="Priya"))
    add_note(svc, "Priya is starting vendor onboarding", "Priya")
    result = make_openers(svc, "Priya")
    assert result.provider == "fake", "invalid output is retried once"
    assert result.openers[1].text == "Want our onboarding checklist?"


def test_a_model_that_keeps_failing_falls_back_to_templates(data_dir):
    svc = make_services(data_dir, model=FakeListChatModel(responses=["nope"]))
    add_peer(svc, PeerIn(name="Priya"))
    add_note(svc, "Priya is starting vendor onboarding", "Priya")
    result = make_openers(svc, "Priya")
    assert result.provider == "templates" and "vendor onboarding" in result.openers[0].text
