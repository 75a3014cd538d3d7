"""Precision and recall of the deterministic meeting-notes extractor on tests/data/meetings.

Run: .venv/bin/python bench/bench_extractor.py [-v]
Targets: people and commitments precision >= 0.9, recall >= 0.8.
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coach.domain.extract import extract
from coach.domain.peers import PeerView
from coach.services.peer_io import parse_csv

ROOT = Path(__file__).resolve().parent.parent / "tests" / "data"
DATA = ROOT / "meetings"  # written alongside the extractor
INDEPENDENT = ROOT / "meetings_independent"  # written by someone who never saw the rules


def known_peers() -> list[PeerView]:
    peers, _ = parse_csv((DATA / "peers.csv").read_bytes())
    now = datetime(2026, 1, 1)
    return [PeerView(id=p.name, created_at=now, updated_at=now, **p.model_dump()) for p in peers]


def same_person(a: str, b: str) -> bool:
    a, b = a.casefold(), b.casefold()
    return a == b or a.split()[0] == b.split()[0]


def score_file(path: Path, peers: list[PeerView]) -> dict[str, tuple[int, int, int]]:
    """(true positives, predicted, expected) for people and commitments."""
    expected = json.loads(path.with_suffix(".json").read_text())
    result = extract(path.read_text(), date.fromisoformat(expected["date"]), peers)
    got_people = [p.peer or p.name for p in result.people]
    tp_people = sum(any(same_person(g, e) for e in expected["people"]) for g in got_people)
    got_commit = [(c.who, c.due.isoformat() if c.due else None, c.what) for c in result.commitments]
    unmatched = list(expected["commitments"])
    tp_commit = 0
    for who, due, what in got_commit:
        hit = next(
            (
                e
                for e in unmatched
                if same_person(who, e["who"])
                and due == e["due"]
                and e["key"].casefold() in what.casefold()
            ),
            None,
        )
        if hit:
            unmatched.remove(hit)
            tp_commit += 1
    if "-v" in sys.argv:
        print(f"{path.name}: people {got_people} vs {expected['people']}")
        for c in got_commit:
            print(f"    commitment {c}")
        for e in unmatched:
            print(f"    MISSED {e}")
    return {
        "people": (tp_people, len(got_people), len(expected["people"])),
        "commitments": (tp_commit, len(got_commit), len(expected["commitments"])),
    }


def totals(folder: Path = DATA) -> dict[str, tuple[float, float]]:
    peers = known_peers()
    sums = {"people": [0, 0, 0], "commitments": [0, 0, 0]}
    for path in sorted(folder.glob("*.md")):
        for kind, counts in score_file(path, peers).items():
            sums[kind] = [a + b for a, b in zip(sums[kind], counts, strict=True)]
    return {k: (tp / max(pred, 1), tp / max(exp, 1)) for k, (tp, pred, exp) in sums.items()}


def main() -> None:
    print("| extractor | precision | recall |\n| --- | --- | --- |")
    for folder in (DATA, INDEPENDENT):
        for kind, (p, r) in totals(folder).items():
            print(
                f"| {kind} ({folder.name}, {len(list(folder.glob('*.md')))} notes) "
                f"| {p:.2f} | {r:.2f} |"
            )


if __name__ == "__main__":
    main()
