"""Do real questions reach the guidance, or get hijacked by an engine?

Real questions people asked about their peers (bench/corpora/questions) are routed by the chat's
understanding, once with an empty peer map (a new user) and once with the phrasing set's sample
map. Every one of them asks for guidance, so any route other than guidance or a clarifying
question is a hijack: the user asked for advice and got a ranking, an opener or a plan.
Frozen: aggregates only.

Run: .venv/bin/python bench/bench_hijack.py [tune|frozen|PATH.jsonl] [-v]
Target: no question hijacked.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_routing import TODAY, corpus_dir, peers  # noqa: E402

from coach.domain.names import PeerFinder  # noqa: E402
from coach.services.intents import index_for, known_words  # noqa: E402
from coach.services.understand import understand  # noqa: E402
from coach.settings import load_settings  # noqa: E402

QUESTIONS = Path(__file__).resolve().parent / "corpora" / "questions"


def main() -> None:
    split = next((a for a in sys.argv[1:] if not a.startswith("-")), "tune")
    verbose = "-v" in sys.argv and "frozen" not in split
    path = Path(split) if split.endswith(".jsonl") else QUESTIONS / f"{split}.jsonl"
    items = [json.loads(x) for x in path.read_text().splitlines() if x]
    settings = load_settings(Path("/tmp/peer-coach-bench-routing"))
    from coach.components.embeddings import make_embeddings

    index = index_for(make_embeddings(settings))
    maps = {
        "empty map": PeerFinder([], known_words(settings)),
        "sample map": PeerFinder(peers(corpus_dir()), known_words(settings)),
    }
    print(f"| {split} ({len(items)} real questions) | guidance | clarify | hijacked |")
    print("| --- | --- | --- | --- |")
    for label, matcher in maps.items():
        routes: Counter[str] = Counter()
        for item in items:
            got = understand(item["question"], matcher, TODAY, index.scores).route
            routes[got] += 1
            if verbose and got not in {"guidance", "clarify"}:
                print(f"  {label}: {item['id']} -> {got}: {item['question'][:100]!r}")
        hijacked = len(items) - routes["guidance"] - routes["clarify"]
        print(f"| {label} | {routes['guidance']} | {routes['clarify']} | {hijacked} |")


if __name__ == "__main__":
    main()
