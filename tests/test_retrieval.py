"""With the real MiniLM model, questions people ask find the card that answers them."""

import pytest

from coach.rag.retrieval import retrieve_guidance, retrieve_notes
from coach.services.indexing import index_guidance
from coach.services.notes import add_note
from tests.conftest import make_services


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    services = make_services(tmp_path_factory.mktemp("data"), real=True)
    index_guidance(services)
    return services


@pytest.mark.parametrize(
    ("question", "card"),
    [
        (
            "How do I start a conversation with someone in finance I barely know?",
            "chance-encounters",
        ),
        ("What questions can I ask to get past small talk?", "ask-open-questions"),
        ("My project is running late. Who should I tell, and how?", "tell-dependants-early"),
        ("A new hire is joining next week, how do I help them?", "onboard-new-hires"),
        (
            "Should I ask for a quick reaction or a detailed review of my plan?",
            "choose-feedback-depth",
        ),
        ("Which colleagues should I focus on first?", "pick-three-to-five"),
        ("A colleague just got promoted", "celebrate-peer-successes"),
        ("There is a problem between our teams that nobody owns", "gray-zone-problems"),
        ("How often should I have lunch with a peer from another department?", "one-on-one-meal"),
        ("They helped me last month, how do I return the favour?", "reciprocity"),
    ],
)
def test_known_question_finds_its_card(svc, question, card):
    ids = [s.id for s in retrieve_guidance(svc, question)]
    assert card in ids, f"{card} not in {ids}"


def test_notes_about_a_named_person_are_found_first(svc):
    add_note(svc, "Priya (finance) is starting the vendor onboarding process next month", "Priya")
    add_note(svc, "Marco shipped the new billing dashboard", "Marco")
    for i in range(20):
        add_note(svc, f"Team offsite logistics item {i}: rooms, food and travel")
    notes = retrieve_notes(svc, "What could I offer priya?")
    assert notes[0].person == "Priya" and "vendor onboarding" in notes[0].text


def test_unrelated_notes_are_not_cited(svc):
    add_note(svc, "Dentist appointment moved to Thursday")
    notes = retrieve_notes(svc, "How do I ask for feedback on my launch plan?")
    assert all("Dentist" not in n.text for n in notes)


@pytest.mark.parametrize(
    ("question", "card"),
    [
        ("I'm the newbie here and nobody talks to me. How do I fit in?", "new-among-peers"),
        (
            "Since I sent a snippy message my teammate barely says a word to me, even after I "
            "said sorry.",
            "repair-after-a-clash",
        ),
        (
            "I was off ill for a fortnight and my part of our joint report slipped. How do I "
            "face the others?",
            "tell-dependants-early",
        ),
    ],
)
def test_everyday_wording_reaches_the_card(svc, question, card):
    ids = [s.id for s in retrieve_guidance(svc, question)][:3]
    assert card in ids, f"{card} not in {ids}"


def test_workplace_politics_is_said_to_be_beyond_the_guidance(svc):
    sources = retrieve_guidance(
        svc, "Is it wise to debate elections and religion with my desk mate?"
    )
    assert sources[0].fits is False
    assert sources[0].uncovered == "politics, religion and current events"
