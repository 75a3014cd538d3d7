"""Peer-map benchmark: `coach next` over 1,000 peers and 50,000 interactions (target < 200 ms).

Run: .venv/bin/python bench/bench_peers.py [--peers 1000] [--interactions 50000]
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
from coach.services.who_next import who_next
from coach.store.db import Favour, FollowUp, Interaction, Peer, interaction_peers, new_id
from sqlalchemy import insert  # noqa: E402

from coach.settings import load_settings  # noqa: E402


def fill(services, n_peers: int, n_interactions: int, seed: int = 3) -> None:
    rng = random.Random(seed)
    today = date(2026, 11, 23)
    peers = [
        {
            "id": new_id(),
            "owner": "local",
            "name": f"Peer {i}",
            "name_key": f"peer {i}",
            "team": f"Team {i % 25}",
            "team_key": f"team {i % 25}",
            "role": "",
            "relates": "",
            "importance": rng.randint(1, 5),
            "relationship": rng.choice(["strong", "weak", "nonexistent"]),
            "focus": i < 5,
            "cadence_days": rng.choice([7, 14, 30, 60]),
            "tags": "",
            "last_contact": today - timedelta(days=rng.randint(0, 200))
            if rng.random() < 0.8
            else None,
        }
        for i in range(n_peers)
    ]
    interactions, links = [], []
    for _ in range(n_interactions):
        iid = new_id()
        interactions.append(
            {
                "id": iid,
                "owner": "local",
                "day": today - timedelta(days=rng.randint(0, 365)),
                "kind": "meeting",
                "summary": "sync",
            }
        )
        links.append({"interaction_id": iid, "peer_id": rng.choice(peers)["id"]})
    favours = [
        {
            "id": new_id(),
            "owner": "local",
            "peer_id": rng.choice(peers)["id"],
            "direction": rng.choice(["given", "received"]),
            "day": today,
            "what": "help",
        }
        for _ in range(n_peers * 2)
    ]
    follow_ups = [
        {
            "id": new_id(),
            "owner": "local",
            "peer_id": rng.choice(peers)["id"],
            "direction": "i_owe",
            "what": "send the deck",
            "done": False,
            "due": today + timedelta(days=rng.randint(-10, 10)),
        }
        for _ in range(n_peers)
    ]
    with services.engine.begin() as conn:
        conn.execute(insert(Peer), peers)
        conn.execute(insert(Interaction), interactions)
        conn.execute(insert(interaction_peers), links)
        conn.execute(insert(Favour), favours)
        conn.execute(insert(FollowUp), follow_ups)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--peers", type=int, default=1000)
    parser.add_argument("--interactions", type=int, default=50000)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    services = build_services(load_settings(tempfile.mkdtemp(), provider="none"))
    fill(services, args.peers, args.interactions)
    who_next(services)  # warm-up
    times = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        ranked = who_next(services, n=10)
        times.append((time.perf_counter() - start) * 1000)
    q = statistics.quantiles(times, n=100)
    print("| measure | result |\n| --- | --- |")
    print(
        f"| coach next over {args.peers:,} peers, {args.interactions:,} interactions: p50 / p95 "
        f"| {q[49]:.1f} / {q[94]:.1f} ms (target < 200 ms) |"
    )
    print(f"| top suggestion | {ranked[0].name}: {ranked[0].reason} |")


if __name__ == "__main__":
    main()
