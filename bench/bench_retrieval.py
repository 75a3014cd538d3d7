"""Retrieval benchmark on real questions: does the right card come first, and is "nothing fits"
said when it should be? Ours (hybrid) next to today's dense-only path, on the same set.

Run: .venv/bin/python bench/bench_retrieval.py [--set tune|frozen|FILE.jsonl] [--details]
     [--answers N] [--sweep] [--latency [--notes 10000]]

Each line of the set is {"id", "question", "cards": [ids, most useful first] or [], "source"}.
Scores use the real MiniLM and real embedded Chroma. On the frozen half only aggregate figures
are printed (never a question, a ranking or an answer); --details, --answers and --sweep are
refused there. --latency adds retrieval p95 at N notes next to a raw Chroma query plus one
query embedding (slow to set up: it embeds N notes).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coach.components.container import Services, build_services
from coach.rag.compose import compose_answer
from coach.rag.hybrid import FIT_THRESHOLD, fit_score, fuse
from coach.rag.knowledge import load_cards
from coach.rag.retrieval import match_guidance, retrieve
from coach.services.indexing import index_guidance
from coach.settings import load_settings  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "corpora" / "questions"
K = 4  # sources an answer lists (settings.guidance_k)


@dataclass
class Scored:
    ranking: list[str]
    flagged: bool | None  # None: the system has no "nothing fits" signal
    fit: float | None = None
    scope: str | None = None


def load_set(name: str) -> list[dict]:
    path = Path(name) if name.endswith(".jsonl") else CORPUS / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def today_store(services: Services):
    """Main's guidance index: one document per card from the two articles, dense search."""
    from langchain_core.documents import Document

    from coach.components.vectorstore import make_store

    store = make_store(services.chroma, "today-guidance", services.embeddings)
    cards = load_cards(services.settings.knowledge_dir)
    docs = [
        Document(f"{c.title}\n\n{c.body.strip()}", metadata={"card_id": c.id})
        for c in cards.values()
        if c.origin != "beyond-articles"
    ]
    store.add_documents(docs, ids=[d.metadata["card_id"] for d in docs])
    return store


def score_today(store, question: str) -> Scored:
    ranking: list[str] = []
    for doc, _ in store.similarity_search_with_score(question, k=K * 2):
        if doc.metadata["card_id"] not in ranking:
            ranking.append(doc.metadata["card_id"])
    return Scored(ranking[:K], None)


def score_ours(services: Services, question: str) -> Scored:
    match = match_guidance(services, question)
    scope = match.scope.label if match.scope else None
    return Scored([h.card_id for h in match.hits[:K]], not match.fits, match.fit, scope)


def metrics(items: list[dict], scored: list[Scored]) -> dict[str, float | None]:
    fitting = [(q, s) for q, s in zip(items, scored, strict=True) if q["cards"]]
    nofit = [(q, s) for q, s in zip(items, scored, strict=True) if not q["cards"]]

    def rr(q: dict, s: Scored) -> float:
        ranks = [s.ranking.index(c) + 1 for c in q["cards"] if c in s.ranking]
        return 1 / min(ranks) if ranks else 0.0

    top3 = [any(c in s.ranking[:3] for c in q["cards"]) for q, s in fitting]
    has_signal = all(s.flagged is not None for s in scored)
    return {
        "fitting": len(fitting),
        "no-fit": len(nofit),
        "top3": sum(top3) / len(fitting) if fitting else None,
        "mrr": sum(rr(q, s) for q, s in fitting) / len(fitting) if fitting else None,
        "nofit_flagged": (
            sum(bool(s.flagged) for _, s in nofit) / len(nofit) if nofit and has_signal else None
        ),
        "fitting_flagged": (
            sum(bool(s.flagged) for _, s in fitting) / len(fitting) if has_signal else None
        ),
    }


def words(text: str) -> int:
    return len(re.findall(r"[\w'’-]+", text))


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def bench_latency(size: int, rounds: int = 60) -> tuple[float, float]:
    """p95 of our whole retrieval vs p95 of (one query embedding + raw Chroma notes query)."""
    from bench_foundation import QUESTIONS, fill_store, synthetic_notes

    from coach.rag.retrieval import retrieve

    services = build_services(load_settings(tempfile.mkdtemp(), provider="none"))
    index_guidance(services)
    fill_store(services, synthetic_notes(size))
    collection = services.notes_store._collection
    for q in QUESTIONS:  # warm caches: the model, the lexical index, SQLite pages
        retrieve(services, q)
    ours, raw = [], []
    for i in range(rounds):
        q = QUESTIONS[i % len(QUESTIONS)]
        start = time.perf_counter()
        retrieve(services, q)
        ours.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        vector = services.embeddings.embed_query(q)
        collection.query(query_embeddings=[vector], n_results=4)
        raw.append((time.perf_counter() - start) * 1000)
    return pct(ours, 95), pct(raw, 95)


def sweep(services: Services, items: list[dict]) -> None:
    """Fit signal on tune: each (dense weight, threshold) pair's flag rates."""
    import coach.rag.hybrid as hybrid
    from coach.rag.knowledge import owner_slug
    from coach.rag.library import library_for

    library = library_for(services.settings, owner_slug("local"))
    matches = [match_guidance(services, q["question"]) for q in items]
    for weight in (0.5, 0.6, 0.7, 0.8, 0.9, 1.0):
        hybrid.FIT_DENSE_WEIGHT = weight
        fits = [
            -1 if m.scope else fit_score(library, m.hits[0], q["question"])
            for m, q in zip(matches, items, strict=True)
        ]
        for threshold in [x / 100 for x in range(20, 50, 2)]:
            nofit = [f < threshold for f, q in zip(fits, items, strict=True) if not q["cards"]]
            wrong = [f < threshold for f, q in zip(fits, items, strict=True) if q["cards"]]
            print(
                f"w={weight:.1f} t={threshold:.2f} no-fit flagged "
                f"{sum(nofit)}/{len(nofit)}  fitting flagged {sum(wrong)}/{len(wrong)}"
            )
    _ = fuse  # the same fusion the app uses


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default="tune")
    parser.add_argument("--details", action="store_true")
    parser.add_argument("--answers", type=int, default=0)
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--latency", action="store_true")
    parser.add_argument("--notes", type=int, default=10000)
    args = parser.parse_args()
    frozen = "frozen" in args.set
    if frozen and (args.details or args.answers or args.sweep):
        sys.exit("The frozen half is scored in aggregate only.")

    items = load_set(args.set)
    services = build_services(load_settings(tempfile.mkdtemp(), provider="none"))
    index_guidance(services)
    store = today_store(services)
    today = [score_today(store, q["question"]) for q in items]
    ours = [score_ours(services, q["question"]) for q in items]
    # The offline answer as the chat composes it (the chat's router is left out: it is about
    # the peer map, and the set's questions are all for the guidance).
    replies = [compose_answer(q["question"], retrieve(services, q["question"])) for q in items]

    rows = [
        (
            "questions (fitting / no fit)",
            f"{sum(1 for q in items if q['cards'])} / {sum(1 for q in items if not q['cards'])}",
            "",
        )
    ]
    m_today, m_ours = metrics(items, today), metrics(items, ours)

    def fmt(value: float | None, percent: bool = True) -> str:
        if value is None:
            return "n/a"
        return f"{value:.0%}" if percent else f"{value:.2f}"

    rows += [
        ("right card in top 3 (fitting)", fmt(m_ours["top3"]), fmt(m_today["top3"])),
        ("MRR (fitting, first 4 sources)", fmt(m_ours["mrr"], False), fmt(m_today["mrr"], False)),
        ("no-fit questions flagged", fmt(m_ours["nofit_flagged"]), "0% (no signal)"),
        ("fitting questions wrongly flagged", fmt(m_ours["fitting_flagged"]), "0% (no signal)"),
        (
            "offline answer words: mean / max",
            f"{statistics.mean(map(words, replies)):.0f} / {max(map(words, replies))}",
            "",
        ),
    ]
    if args.latency:
        p95_ours, p95_raw = bench_latency(args.notes)
        rows.append(
            (
                f"retrieval p95 @ {args.notes:,} notes (raw query + 1 embedding)",
                f"{p95_ours:.1f} ms ({p95_raw:.1f} ms, {p95_ours / p95_raw:.2f}x)",
                "",
            )
        )
    print(f"set: {args.set}, threshold {FIT_THRESHOLD}")
    print("| measure | hybrid (ours) | today (dense only) |\n| --- | --- | --- |")
    for name, ours_value, today_value in rows:
        print(f"| {name} | {ours_value} | {today_value} |")

    if args.details:
        for q, t, o in zip(items, today, ours, strict=True):
            mark = (
                "ok "
                if (not q["cards"] and o.flagged)
                or (q["cards"] and any(c in o.ranking[:3] for c in q["cards"]) and not o.flagged)
                else "XX "
            )
            print(f"\n{mark}{q['id']}: {q['question'][:150]}")
            print(
                f"   want {q['cards']}  fit {o.fit:.3f}",
                "FLAG" if o.flagged else "",
                o.scope or "",
            )
            print(f"   ours  {o.ranking}\n   today {t.ranking}")
    if args.sweep:
        sweep(services, items)
    for q, text in list(zip(items, replies, strict=True))[: args.answers]:
        print(f"\n---- {q['id']}: {q['question']}\n{text}\n({words(text)} words)")


if __name__ == "__main__":
    main()
