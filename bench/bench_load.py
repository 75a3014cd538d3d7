"""Load: 20 simulated users (gradio_client) against a local server with the fake model.

Run: .venv/bin/python bench/bench_load.py [--users 20] [--seconds 30]
Prints requests served, errors and p50/p95 latency. Target: zero errors, p95 under 2 s.
Traffic goes only to 127.0.0.1; every loop is bounded in time and stops by itself.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [
    "How do I start a conversation with someone in finance I barely know?",
    "Who should I talk to this week?",
    "How do I ask a peer for feedback on my launch plan?",
    "What could I offer Priya?",
    "My project is running late. Who should I tell, and how?",
]


def wait_for(url: str, seconds: float = 120) -> None:
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "config", timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server at {url} did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--port", type=int, default=7877)
    args = parser.parse_args()

    data = tempfile.mkdtemp(prefix="coach-load-")
    env = {**os.environ, "COACH_PROVIDER": "fake", "COACH_DATA_DIR": data}
    coach = str(Path(sys.executable).parent / "coach")
    subprocess.run(
        [
            coach,
            "note",
            "add",
            "Priya (finance) is starting vendor onboarding",
            "--person",
            "Priya",
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [coach, "peers", "add", "Priya", "--team", "Finance", "--importance", "5"],
        env=env,
        check=True,
        capture_output=True,
    )
    server = subprocess.Popen(
        [coach, "serve", "--port", str(args.port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{args.port}/"
    try:
        wait_for(url)
        from gradio_client import Client

        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        stop_at = time.monotonic() + args.seconds

        def user(n: int) -> None:
            client = Client(url, verbose=False)
            i = n
            while time.monotonic() < stop_at:
                question = QUESTIONS[i % len(QUESTIONS)]
                i += 1
                start = time.perf_counter()
                try:
                    reply = client.predict(question, api_name="/ask")
                    ok = bool(reply.get("answer"))
                except Exception as exc:  # counted, not raised: this is a measurement
                    ok, reply = False, repr(exc)
                elapsed = time.perf_counter() - start
                with lock:
                    (latencies.append(elapsed) if ok else errors.append(str(reply)[:200]))

        threads = [threading.Thread(target=user, args=(n,)) for n in range(args.users)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=args.seconds + 60)
    finally:
        server.terminate()
        server.wait(timeout=30)
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    print("| load (fake model) | result |\n| --- | --- |")
    print(f"| simulated users / duration | {args.users} / {args.seconds:.0f} s |")
    print(f"| requests served | {len(latencies)} ({len(latencies) / args.seconds:.1f}/s) |")
    print(f"| errors | {len(errors)} |")
    print(f"| latency p50 / p95 | {q[49]:.2f} / {q[94]:.2f} s (target p95 < 2 s) |")
    if errors:
        print("first error:", errors[0])


if __name__ == "__main__":
    main()
