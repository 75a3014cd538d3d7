"""How well the chat understands requests: route, person and slots on a phrasing set.

The set (bench/corpora/phrasings/, or PHRASINGS_DIR) was written by someone who saw only the
intent list and a sample peer map. `tune` may be inspected while changing the router; `frozen`
is held out: this script prints only aggregate figures for it.

Run: .venv/bin/python bench/bench_routing.py [tune|frozen] [-v]
Targets (frozen): >= 90% right route, no guidance question sent to an engine.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coach.domain.names import PeerFinder
from coach.domain.peers import PeerView
from coach.services.intents import index_for, known_words
from coach.services.peer_io import parse_csv
from coach.services.understand import understand
from coach.settings import load_settings  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_DIRS = [HERE / "corpora" / "phrasings"]
TODAY = date(2026, 11, 24)
SETTING = {"meeting start": "meeting", "chance encounter": "chance"}
STOP = {"my", "the", "a", "an", "our", "on", "of", "in", "how", "i", "to", "for", "about"}


def corpus_dir() -> Path:
    if os.environ.get("PHRASINGS_DIR"):
        return Path(os.environ["PHRASINGS_DIR"])
    return next(d for d in DEFAULT_DIRS if (d / "tune.jsonl").exists())


def peers(folder: Path) -> list[PeerView]:
    rows, problems = parse_csv((folder / "peers.csv").read_bytes())
    assert not problems, problems
    focus = (
        set((folder / "focus.txt").read_text().split("\n"))
        if (folder / "focus.txt").exists()
        else set()
    )
    now = datetime(2026, 1, 1)
    return [
        PeerView(
            id=p.name,
            created_at=now,
            updated_at=now,
            **{**p.model_dump(), "focus": p.name in focus},
        )
        for p in rows
    ]


def topic_ok(expected: str | None, got: str | None) -> bool:
    if not expected:
        return True
    want = {w for w in expected.casefold().split() if w not in STOP}
    have = {w for w in (got or "").casefold().replace("'", " ").split() if w not in STOP}
    return bool(want) and len(want & have) * 2 >= len(want)


def main() -> None:
    split = next((a for a in sys.argv[1:] if not a.startswith("-")), "tune")
    verbose = "-v" in sys.argv and split != "frozen"
    folder = corpus_dir()
    items = [
        json.loads(line)
        for line in (folder / f"{split}.jsonl").read_text().splitlines()
        if line.strip()
    ]
    settings = load_settings(Path(os.environ.get("TMPDIR", "/tmp")) / "peer-coach-bench-routing")
    from coach.components.embeddings import make_embeddings

    index = index_for(make_embeddings(settings))
    matcher = PeerFinder(peers(folder), known_words(settings))
    counts: Counter[str] = Counter()
    per_route: Counter[str] = Counter()
    per_route_ok: Counter[str] = Counter()
    started = time.perf_counter()
    for item in items:
        got = understand(item["text"], matcher, TODAY, index.scores)
        route_ok = got.route == item["route"]
        per_route[item["route"]] += 1
        per_route_ok[item["route"]] += route_ok
        counts["route"] += route_ok
        if item["route"] == "guidance" and got.route not in {"guidance", "clarify"}:
            counts["hijacked"] += 1
        if item["route"] == "guidance" and got.route == "clarify":
            counts["guidance_clarified"] += 1
        checks = []
        if item.get("person"):
            checks.append(("person", got.person == item["person"]))
        if item["route"] == "opener" and route_ok:
            checks.append(
                ("setting", SETTING.get(got.setting or "", got.setting) == item.get("setting"))
            )
        if item["route"] == "who_next" and route_ok:
            checks.append(("filter", got.filter == item.get("filter")))
        if item["route"] == "feedback" and route_ok:
            checks.append(("depth", got.depth == item.get("depth")))
            checks.append(("topic", topic_ok(item.get("topic"), got.topic)))
        for name, ok in checks:
            counts[f"{name}_n"] += 1
            counts[f"{name}_ok"] += ok
        if verbose and (not route_ok or not all(ok for _, ok in checks)):
            bad = [n for n, ok in checks if not ok]
            print(
                f"{item['id']} want {item['route']} got {got.route} {bad} "
                f"| {got.model_dump(exclude={'text', 'confidence'}, exclude_defaults=True)} "
                f"| {item['text'][:90]!r}"
            )
    elapsed = (time.perf_counter() - started) / len(items) * 1000
    n = len(items)
    print(f"\n| {split} ({n} requests) | result |\n| --- | --- |")
    print(f"| right route | {counts['route']}/{n} = {counts['route'] / n:.0%} |")
    guidance = per_route["guidance"]
    print(f"| guidance questions sent to an engine | {counts['hijacked']} of {guidance} |")
    asked = counts["guidance_clarified"]
    print(f"| guidance questions answered with a clarifying question | {asked} |")
    for name in ("person", "setting", "filter", "depth", "topic"):
        if counts[f"{name}_n"]:
            print(f"| {name} right | {counts[f'{name}_ok']}/{counts[f'{name}_n']} |")
    print(
        "| per route | "
        + ", ".join(f"{r} {per_route_ok[r]}/{per_route[r]}" for r in sorted(per_route))
        + " |"
    )
    print(f"| time per request | {elapsed:.1f} ms |")


if __name__ == "__main__":
    main()
