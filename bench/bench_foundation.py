"""Foundation benchmark: ingestion vs raw encoding, retrieval latency, local time-to-first-token.

Run: .venv/bin/python bench/bench_foundation.py [--sizes 1000 10000] [--skip-local]
Prints a markdown table; figures go in the README.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coach.components.container import build_services
from coach.components.embeddings import minilm_path
from coach.rag.retrieval import retrieve_notes
from coach.services.chat import answer
from coach.services.indexing import index_guidance
from coach.services.notes import sync_notes
from coach.settings import load_settings  # noqa: E402
from coach.store.db import Note, new_id

PEOPLE = ["Priya", "Marco", "Aisha", "Chen", "Lena", "Tom", "Sofia", "Ravi", "Maya", "Jonas"]
TEAMS = ["finance", "sales", "support", "legal", "design", "data", "ops", "marketing"]
TOPICS = [
    "is starting the vendor onboarding process",
    "shipped the new billing dashboard",
    "worries about the Q3 hiring plan",
    "asked for feedback on the pricing page",
    "owes me a review of the migration plan",
    "was promoted to lead the platform team",
    "is blocked on the data export",
    "wants to pair on the onboarding flow",
]
QUESTIONS = [
    "What could I offer Priya?",
    "Who is blocked on something I know about?",
    "Whom should I congratulate this week?",
    "Who asked me for feedback recently?",
    "What is Marco working on?",
    "Who cares about hiring?",
]


def synthetic_notes(n: int, seed: int = 7) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    notes = []
    for i in range(n):
        person = rng.choice(PEOPLE)
        text = (
            f"{person} ({rng.choice(TEAMS)}) {rng.choice(TOPICS)}; "
            f"follow up about item {i} before the {rng.choice(['review', 'launch', 'sync'])}."
        )
        notes.append((person, text))
    return notes


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def bench_encode(notes: list[tuple[str, str]]) -> float:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(minilm_path(load_settings(tempfile.mkdtemp()))), device="cpu")
    texts = [t for _, t in notes]
    model.encode(texts[:64])  # warm-up
    start = time.perf_counter()
    model.encode(texts, batch_size=64, normalize_embeddings=True)
    return len(texts) / (time.perf_counter() - start)


def fill_store(services, notes: list[tuple[str, str]]) -> float:
    """Insert notes in the relational store, then time indexing them (the real sync path)."""
    day = date(2026, 11, 23)
    with services.sessions.begin() as session:
        session.add_all(
            Note(id=new_id(), text=t, person=p, note_date=day - timedelta(days=i % 90))
            for i, (p, t) in enumerate(notes)
        )
    start = time.perf_counter()
    sync_notes(services)
    return len(notes) / (time.perf_counter() - start)


def bench_retrieval(services, rounds: int = 60) -> tuple[list[float], list[float]]:
    """Our retrieval (embed + filtered Chroma queries + name lookup) vs a raw Chroma query."""
    collection = services.notes_store._collection
    vectors = [services.embeddings.embed_query(q) for q in QUESTIONS]
    ours, raw = [], []
    for i in range(rounds):
        q = QUESTIONS[i % len(QUESTIONS)]
        start = time.perf_counter()
        retrieve_notes(services, q)
        ours.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        collection.query(query_embeddings=[vectors[i % len(vectors)]], n_results=4)
        raw.append((time.perf_counter() - start) * 1000)
    return ours, raw


def bench_local() -> tuple[float, float, float]:
    """Load time, time to first token, and a whole grounded answer with the local model."""
    from langchain_core.messages import HumanMessage

    from coach.components.llm import make_chat_model

    data = Path(tempfile.mkdtemp())
    settings = load_settings(data, provider="local")
    start = time.perf_counter()
    model, _ = make_chat_model(settings)
    assert model is not None
    list(model.stream([HumanMessage("Hi")]))  # loads the weights
    load = time.perf_counter() - start
    start = time.perf_counter()
    ttft = None
    for _chunk in model.stream([HumanMessage("How do I start a conversation with a peer?")]):
        ttft = ttft or time.perf_counter() - start
    services = build_services(
        settings, chat_model_override=model, provider_override=make_chat_model(settings)[1]
    )
    index_guidance(services)
    answer(services, "warm up the embedding model")
    start = time.perf_counter()
    answer(services, "How do I start a conversation with someone in finance I barely know?")
    whole = time.perf_counter() - start
    return load, ttft, whole


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--skip-local", action="store_true")
    args = parser.parse_args()

    rows = []
    notes = synthetic_notes(max(args.sizes))
    encode_rate = bench_encode(notes[:2000])
    rows.append(("raw sentence-transformers encode", f"{encode_rate:,.0f} texts/s"))
    for size in args.sizes:
        services = build_services(load_settings(tempfile.mkdtemp(), provider="none"))
        rate = fill_store(services, notes[:size])
        rows.append((f"ingest {size:,} notes (embed + Chroma, batched)", f"{rate:,.0f} texts/s"))
        ours, raw = bench_retrieval(services)
        rows.append(
            (
                f"retrieve notes @ {size:,}: p50 / p95",
                f"{pct(ours, 50):.1f} / {pct(ours, 95):.1f} ms",
            )
        )
        rows.append(
            (
                f"raw Chroma query @ {size:,}: p50 / p95",
                f"{pct(raw, 50):.1f} / {pct(raw, 95):.1f} ms",
            )
        )
    import importlib.util

    if not args.skip_local and importlib.util.find_spec("llama_cpp") is None:
        print("(the optional `local` extra is not installed: local model rows skipped)")
    elif not args.skip_local:
        load, ttft, whole = bench_local()
        rows.append(("local model load (SmolLM2-135M)", f"{load:.2f} s"))
        rows.append(("local time to first token", f"{ttft:.2f} s"))
        rows.append(("local whole grounded answer (coach ask)", f"{whole:.2f} s"))
    print("| measure | result |\n| --- | --- |")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
