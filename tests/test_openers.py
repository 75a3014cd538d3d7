"""Openers use what the notes say about the peer, with or without a model."""

import json
import re

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from coach.domain.openers import CONTEXTS, sayable_problems, template_openers
from coach.domain.peers import PeerIn, PeerView
from coach.services.notes import add_note
from coach.services.openers import make_openers
from coach.services.peer_io import parse_csv
from coach.services.peers import add_peer, log_interaction
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


def fixture_notes() -> dict[str, list[str]]:
    """Every line of the meeting-note fixtures that mentions a peer, per peer."""
    from pathlib import Path

    root = Path(__file__).parent / "data"
    peers, _ = parse_csv((root / "meetings" / "peers.csv").read_bytes())
    lines = [
        line.strip(" -*•\t")
        for folder in ("meetings", "meetings_independent")
        for path in sorted((root / folder).glob("*.md"))
        for line in path.read_text().splitlines()
        if len(line.split()) >= 3
    ]
    return {
        p.name: [line for line in lines if re.search(rf"\b{p.name.split()[0]}\b", line, re.I)]
        for p in peers
    }


def test_every_template_opener_over_the_fixture_notes_is_sayable():
    from datetime import datetime

    checked = 0
    now = datetime(2026, 1, 1)
    for name, notes in fixture_notes().items():
        peer = PeerView(id=name, name=name, team="Data", created_at=now, updated_at=now)
        note_sets = [notes, *([n] for n in notes), []]
        for note_set in note_sets:
            for context in CONTEXTS:
                for opener in template_openers(peer, note_set, context):
                    problems = sayable_problems(opener.text, name, note_set)
                    assert not problems, f"{opener.text!r}: {problems}"
                    checked += 1
    assert checked > 500


def test_the_sayability_checks_catch_what_people_would_stumble_over():
    notes = ["Coffee with Dana: she is rebuilding the partner onboarding flow, slips to Q1. Offer"]
    raw = 'Last time you mentioned "Coffee with Dana: she is rebuilding the partner": how is it?'
    assert "quotes note text" in sayable_problems(raw, "Dana Kim", notes)
    assert any(
        "cut word" in p
        for p in sayable_problems("How is the partner onboard going?", "Dana Kim", notes)
    )
    assert sayable_problems("Hi Dana, how is it going?.", "Dana Kim") == [
        "doubled or loose punctuation"
    ]
    assert "uses the full name" in sayable_problems("Hi Dana Kim, how are you?", "Dana Kim")
    long = "So " + "very " * 30 + "long."
    assert any("sentence of" in p for p in sayable_problems(long, "Dana Kim"))
    copied = "Is she rebuilding the partner onboarding flow slips to Q1 now?"
    assert "copies a long stretch of a note" in sayable_problems(copied, "Dana Kim", notes)


def test_openers_name_a_short_topic_drawn_from_the_notes():
    from datetime import datetime

    now = datetime(2026, 1, 1)
    peer = PeerView(id="d", name="Dana Kim", created_at=now, updated_at=now)
    notes = ["Coffee with Dana: she is rebuilding the partner onboarding flow, slips to Q1. Offer"]
    [first, *_] = template_openers(peer, notes, "lunch")
    assert first.text.startswith("So, Dana, how is the partner onboarding flow going?")


def test_a_bare_topic_gets_its_article_but_plurals_and_activities_do_not():
    from datetime import datetime

    now = datetime(2026, 1, 1)
    peer = PeerView(id="m", name="Marco Rossi", created_at=now, updated_at=now)
    singular = template_openers(peer, ["Marco is worried about vendor contract."], "lunch")
    assert "how is the vendor contract going?" in singular[0].text
    plural = template_openers(peer, ["Marco is negotiating vendor contracts."], "lunch")
    assert "how are vendor contracts going?" in plural[0].text
    activity = template_openers(peer, ["Marco has been busy hiring."], "lunch")
    assert "how is hiring going?" in activity[0].text


def test_a_note_saved_under_the_first_name_feeds_the_openers(services):
    from coach.domain.peers import PeerIn
    from coach.services.notes import add_note
    from coach.services.openers import make_openers
    from coach.services.peers import add_peer

    add_peer(services, PeerIn(name="Priya Shah", team="Finance"))
    add_note(services, "Priya is rebuilding the vendor onboarding flow.", "Priya", "2026-11-20")
    result = make_openers(services, "Priya Shah", "lunch")
    assert result.notes_used and any("vendor onboarding" in o.text for o in result.openers)


def test_a_worry_names_what_worries_them_not_the_worrying():
    from datetime import datetime

    now = datetime(2026, 1, 1)
    peer = PeerView(id="n", name="Nadia Okafor", created_at=now, updated_at=now)
    note = "Nadia is rebuilding the budget model and worries that late invoices will skew it."
    texts = [o.text for o in template_openers(peer, [note], "lunch")]
    assert any(t.startswith("Are late invoices still holding things up?") for t in texts)
    assert not any("worries" in t for t in texts)
