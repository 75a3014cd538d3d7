"""Hybrid guidance search: dense (MiniLM) and lexical (BM25) rankings of card sections, fused by
reciprocal rank, with a calibrated signal for "nothing here fits the question well"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from coach.rag.library import Chunk, Library, ScopeTopic

# Reciprocal rank fusion: a list's item at rank r (from 1) adds 1 / (RRF_K + r). A small K
# suits short lists (a few dozen cards): the first places count clearly more than the tenth.
RRF_K = 10
# How many sections the dense search asks Chroma for (a card has ~10).
DENSE_K = 60
# The fit signal: a blend of the best dense similarity and the share of the question's words
# that the best card covers; below FIT_THRESHOLD the answer says the guidance does not fit.
# Both weights and the threshold were tuned on the tune half of the real-questions set.
FIT_DENSE_WEIGHT = 0.7
FIT_THRESHOLD = 0.28
# A question is about an uncovered matter (pay, harassment, health, ...) when one of those
# topics is nearer in meaning than every card section by at least this much.
SCOPE_MARGIN = 0.0


@dataclass(frozen=True)
class DenseHit:
    """A section the vector store found, with its cosine similarity to the question."""

    card_id: str
    section: str
    part: int
    similarity: float

    @property
    def key(self) -> str:
        return f"{self.section}:{self.part}"


@dataclass
class CardHit:
    """One card's place in the fused ranking, with its sections best first."""

    card_id: str
    fused: float
    dense: float = 0.0  # best cosine similarity of its sections
    lexical: float = 0.0  # best BM25 score of its sections
    sections: list[tuple[Chunk, float]] = field(default_factory=list)


@dataclass
class GuidanceMatch:
    """The fused ranking and whether its best card fits the question well; `scope` is the
    topic the guidance does not cover when that ranks above every card."""

    hits: list[CardHit]
    fit: float
    fits: bool
    scope: ScopeTopic | None = None


def _rrf(rank: int) -> float:
    return 1.0 / (RRF_K + rank)


def _card_order(scored: Sequence[tuple[str, float]]) -> dict[str, tuple[int, float]]:
    """(card id, section score) pairs, best first -> each card's rank and best score."""
    order: dict[str, tuple[int, float]] = {}
    for card_id, score in scored:
        if card_id not in order:
            order[card_id] = (len(order) + 1, score)
    return order


def fuse(library: Library, dense: Sequence[DenseHit], query: str, question: str) -> GuidanceMatch:
    """Rank the cards of `library` for a question by both searches; pure and testable.

    `query` is what was searched (the question, perhaps with a note about the person it
    names); `question` alone decides how much of what was asked the best card covers.
    """
    known = [d for d in dense if d.card_id in library.cards or d.card_id in library.scope]
    known.sort(key=lambda d: -d.similarity)
    lex_scores = library.lexical.scores(query)
    lex_ranked = sorted(
        ((i, s) for i, s in enumerate(lex_scores) if s > 0), key=lambda pair: -pair[1]
    )
    dense_cards = _card_order([(d.card_id, d.similarity) for d in known])
    lex_cards = _card_order([(library.chunks[i].card_id, s) for i, s in lex_ranked])

    # Section scores: the same fusion one level down, so the composer can pick steps.
    section_score: dict[tuple[str, str], float] = {}
    for rank, d in enumerate(known, 1):
        section_score[(d.card_id, d.key)] = section_score.get((d.card_id, d.key), 0) + _rrf(rank)
    for rank, (i, _) in enumerate(lex_ranked, 1):
        chunk = library.chunks[i]
        key = (chunk.card_id, chunk.key)
        section_score[key] = section_score.get(key, 0) + _rrf(rank)

    hits = []
    for card_id in dense_cards.keys() | lex_cards.keys():
        d_rank, d_sim = dense_cards.get(card_id, (0, 0.0))
        l_rank, l_score = lex_cards.get(card_id, (0, 0.0))
        fused = (_rrf(d_rank) if d_rank else 0.0) + (_rrf(l_rank) if l_rank else 0.0)
        sections = [
            (c, section_score.get((card_id, c.key), 0.0))
            for c in library.chunks
            if c.card_id == card_id
        ]
        sections.sort(key=lambda pair: -pair[1])
        hits.append(CardHit(card_id, fused, d_sim, l_score, sections))
    hits.sort(key=lambda h: (-h.fused, -h.dense))
    hits = [h for h in hits if h.card_id in library.cards]
    scope = _nearest_scope(library, known, hits)
    fit = fit_score(library, hits[0] if hits else None, question)
    return GuidanceMatch(hits, fit, fit >= FIT_THRESHOLD and scope is None, scope)


def _nearest_scope(
    library: Library, dense: Sequence[DenseHit], hits: Sequence[CardHit]
) -> ScopeTopic | None:
    scoped = [d for d in dense if d.card_id in library.scope]
    if not scoped:
        return None
    best = max(scoped, key=lambda d: d.similarity)
    best_card = max((h.dense for h in hits), default=0.0)
    return library.scope[best.card_id] if best.similarity >= best_card + SCOPE_MARGIN else None


def fit_score(library: Library, best: CardHit | None, question: str) -> float:
    """How well the best card fits, 0..1: mostly how close in meaning its nearest section is,
    partly how much of the question's own words it covers."""
    if best is None:
        return 0.0
    coverage = library.lexical.coverage(question, library.chunk_indices(best.card_id))
    return round(FIT_DENSE_WEIGHT * best.dense + (1 - FIT_DENSE_WEIGHT) * coverage, 4)
