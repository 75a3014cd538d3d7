"""The real `coach` entry point: it answers exactly as the typer app does, and its everyday
commands load none of the heavy libraries (speed itself is measured in bench/bench_cli.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import coach

CHECKOUT = str(Path(coach.__file__).resolve().parents[1])  # the code under test, not an install
HEAVY = (
    "chromadb",
    "langchain_core",
    "langchain_chroma",
    "langchain_huggingface",
    "sentence_transformers",
    "torch",
    "gradio",
    "onnxruntime",
    "numpy",
    "rich",
    "bm25s",
)
PEERS_CSV = (
    "name,team,role,relates,importance,relationship,cadence_days,last_contact\n"
    "Priya Shah,Finance,FP&A analyst,helps me,5,weak,14,2026-10-01\n"
    "Marco Rossi,Sales,Account executive,shared goals,4,strong,14,2026-11-16\n"
)
ENTRY_POINT = "from coach.ui.cli.main import main; main()"
TYPER_APP = "from coach.ui.cli.main import app; app()"
REPORT_MODULES = """
import json, sys
from coach.ui.cli.main import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {heavy})), file=sys.stderr)
"""


@pytest.fixture
def run(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COACH_", "OPENAI_"))}
    env |= {"COACH_DATA_DIR": str(tmp_path / "data"), "COACH_PROVIDER": "none", "COLUMNS": "100"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [CHECKOUT, env.get("PYTHONPATH")]))

    def run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True
        )

    peers = tmp_path / "peers.csv"
    peers.write_text(PEERS_CSV)
    assert run(ENTRY_POINT, "peers", "import", str(peers)).returncode == 0
    return run


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        [],
        ["peers", "--help"],
        ["plan", "--help"],
        ["peers", "list", "--json"],
        ["pers"],
        ["peers", "lst"],
        ["peers", "list", "--jsn"],
        ["next", "--help"],
    ],
    ids=lambda args: " ".join(args) or "(nothing)",
)
def test_the_entry_point_answers_as_the_typer_app(run, args: list[str]) -> None:
    """Help, output, typo suggestions and exit codes are the same as typer building it all."""
    fast, full = run(ENTRY_POINT, *args), run(TYPER_APP, *args)
    assert fast.returncode == full.returncode
    assert (fast.stdout, fast.stderr) == (full.stdout, full.stderr)


@pytest.mark.parametrize(
    "args",
    [["peers", "list"], ["next"], ["follow-up", "list"], ["plan", "--json"]],
    ids=" ".join,
)
def test_everyday_commands_load_no_heavy_library(run, args: list[str]) -> None:
    result = run(REPORT_MODULES.format(heavy=set(HEAVY)), *args)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stderr.strip().splitlines()[-1])
    assert loaded == []
