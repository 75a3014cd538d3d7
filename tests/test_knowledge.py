"""The guidance cards: complete, well-formed, and written in our own words."""

import re

import pytest
from coach.rag.knowledge import load_cards

from coach.settings import REPO_ROOT

CARDS = load_cards(REPO_ROOT / "knowledge")
REFERENCE = REPO_ROOT.parent / "shared" / "reference"

REQUIRED = {
    "map-your-peers",
    "rate-relationship-strength",
    "pick-three-to-five",
    "build-before-you-need",
    "relevance-over-liking",
    "share-information-proactively",
    "tell-dependants-early",
    "onboard-new-hires",
    "chance-encounters",
    "ask-open-questions",
    "ask-feedback-when-you-mean-it",
    "choose-feedback-depth",
    "frame-feedback-benefit",
    "close-the-feedback-loop",
    "team-tone-no-us-vs-them",
    "internal-customer-measures",
    "cross-team-information-exchanges",
    "peer-feedback-survey",
    "gray-zone-problems",
    "celebrate-peer-successes",
    "reciprocity",
    "one-on-one-meal",
    "benefits-of-a-peer-network",
}


def words(text: str) -> list[str]:
    return re.sub(r"[^a-z0-9 ]+", " ", text.lower().replace("’", "'").replace("'", "")).split()


def test_every_practice_the_guidance_needs_has_a_card():
    assert REQUIRED <= CARDS.keys()


@pytest.mark.parametrize("card_id", sorted(CARDS))
def test_card_is_one_practice_with_steps_and_a_source(card_id):
    card = CARDS[card_id]
    assert card.title and card.source and card.tags
    assert card.summary, "a card opens with what the practice is and why"
    assert len(card.section("How")) >= 3
    assert 100 <= len(words(card.body)) <= 260


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="shared/reference is not beside the repo")
@pytest.mark.parametrize("card_id", sorted(CARDS))
def test_card_copies_no_sentence_from_the_articles(card_id):
    article_words = [words(p.read_text(encoding="utf-8")) for p in REFERENCE.glob("*.txt")]
    grams = {tuple(ws[i : i + 8]) for ws in article_words for i in range(len(ws) - 7)}
    card = CARDS[card_id]
    ws = words(f"{card.title}\n{card.body}")
    copied = [" ".join(ws[i : i + 8]) for i in range(len(ws) - 7) if tuple(ws[i : i + 8]) in grams]
    assert not copied, f"{card_id} repeats the article: {copied[:3]}"


def test_card_files_are_named_for_their_ids():
    for path in (REPO_ROOT / "knowledge").glob("*.md"):
        assert path.stem in CARDS, f"{path.name} has an id that differs from its file name"
