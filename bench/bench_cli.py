"""How fast the command line starts: CPU seconds per command against a bare interpreter.

Target (issue: a fast command line): `coach peers list`, `coach next`, `coach follow-up list`
and `coach plan --json` use at most 2x the CPU time of a bare interpreter importing SQLAlchemy,
pydantic and typer; `coach ask` answers in under 3 s wall (offline provider, index built).

Last run (median of 5, 2 cores shared with other work, load about 1): bare 0.32 s CPU;
peers list 0.48 s (1.5x), next 0.49 s (1.5x), follow-up list 0.49 s (1.5x), plan --json
0.52 s (1.6x); ask 2.38 s wall, 2.88 s CPU. Before (same run, the previous commit): 0.63 s
(2.1x) each; ask 3.32 s wall, 4.06 s CPU.

The package is byte-compiled first, as an install does. Run with PYTHONPATH pointing at the
checkout to measure it rather than whatever `coach` the venv has installed (the first line says
which it measures).

Run: .venv/bin/python bench/bench_cli.py [--runs 5]
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COACH = str(Path(sys.executable).parent / "coach")
BARE = [sys.executable, "-c", "import sqlalchemy, pydantic, typer"]
COMMANDS = {
    "peers list": ["peers", "list"],
    "next": ["next"],
    "follow-up list": ["follow-up", "list"],
    "plan --json": ["plan", "--json"],
}
PEERS_CSV = (
    "name,team,role,relates,importance,relationship,cadence_days,last_contact\n"
    "Priya Shah,Finance,FP&A analyst,helps me,5,weak,14,2026-10-01\n"
    "Marco Rossi,Sales,Account executive,shared goals,4,strong,14,2026-11-16\n"
    "Aisha Khan,Product,Product manager,depends on me,5,weak,14,2026-11-02\n"
)


def cpu_and_wall(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """CPU seconds (user + system) and wall seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def median_of(cmd: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    results = [cpu_and_wall(cmd, env) for _ in range(runs)]
    return statistics.median(c for c, _ in results), statistics.median(w for _, w in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    # An installed package is byte-compiled; an editable one only once it has run (and never
    # under PYTHONDONTWRITEBYTECODE), so compile it here: every command then starts as installed.
    import coach

    compileall.compile_dir(Path(coach.__file__).parent, quiet=1)
    print(f"coach from {Path(coach.__file__).parent}")
    with tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("COACH_", "OPENAI_"))}
        env |= {"COACH_DATA_DIR": folder, "COACH_PROVIDER": "none"}
        peers = Path(folder) / "peers.csv"
        peers.write_text(PEERS_CSV)
        subprocess.run([COACH, "peers", "import", str(peers)], env=env, check=True)
        bare_cpu, _ = median_of(BARE, env, args.runs)
        print(f"bare interpreter (sqlalchemy, pydantic, typer): {bare_cpu:.2f} s CPU")
        for name, argv in COMMANDS.items():
            cpu, wall = median_of([COACH, *argv], env, args.runs)
            print(f"coach {name:<15} {cpu:.2f} s CPU = {cpu / bare_cpu:.1f}x bare ({wall:.2f} s)")
        subprocess.run([COACH, "ingest"], env=env, check=True, capture_output=True)
        question = ["ask", "How do I start a conversation with someone in finance?"]
        cpu, wall = median_of([COACH, *question], env, args.runs)
        print(f"coach ask (offline, index built): {wall:.2f} s wall, {cpu:.2f} s CPU")


if __name__ == "__main__":
    main()
