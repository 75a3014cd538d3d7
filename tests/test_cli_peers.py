"""`coach peers`, `log`, `favour`, `next`, `opener`, `feedback` as a person would use them."""

import json
from datetime import date, timedelta

import pytest
from coach.ui.cli.main import app
from typer.testing import CliRunner

runner = CliRunner()
TODAY = date.today()


@pytest.fixture
def coach(data_dir, monkeypatch):
    monkeypatch.setenv("COACH_PROVIDER", "none")
    monkeypatch.setenv("COACH_EMBEDDING_MODE", "fake")

    def run(*args: str, ok: bool = True):
        result = runner.invoke(app, ["--data-dir", str(data_dir), *args])
        if ok:
            assert result.exit_code == 0, result.output
        return result

    return run


def ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def test_next_ranks_eight_peers_in_mixed_states(coach):
    people = [
        (
            "Priya",
            "--importance",
            "5",
            "--relationship",
            "weak",
            "--cadence",
            "14",
            "--last-contact",
            ago(60),
        ),
        ("Omar", "--importance", "5", "--relationship", "nonexistent"),
        ("Marco", "--importance", "5", "--relationship", "strong", "--last-contact", ago(1)),
        ("Lena", "--importance", "2", "--relationship", "strong", "--last-contact", ago(3)),
        ("Chen", "--importance", "3", "--relationship", "weak", "--last-contact", ago(40)),
        (
            "Sofia",
            "--importance",
            "4",
            "--relationship",
            "weak",
            "--focus",
            "--last-contact",
            ago(10),
        ),
        ("Ravi", "--importance", "1", "--relationship", "nonexistent"),
        ("Maya", "--importance", "3", "--relationship", "strong", "--last-contact", ago(90)),
    ]
    for name, *opts in people:
        coach("peers", "add", name, "--team", "T", *opts)
    coach("favour", "Chen", "received", "Covered my release review")
    ranked = json.loads(coach("next", "--n", "8", "--json").stdout)
    assert [set(r) >= {"name", "score", "reason", "suggested_action"} for r in ranked] == [True] * 8
    order = [r["name"] for r in ranked]
    assert order.index("Priya") < order.index("Marco") and order.index("Omar") < order.index(
        "Marco"
    )
    assert order[-1] in {"Lena", "Marco"}
    by_name = {r["name"]: r for r in ranked}
    assert "60 days since last contact (cadence 14)" in by_name["Priya"]["reason"]
    assert "build it before you need it" in by_name["Omar"]["reason"]
    assert "on your focus list" in by_name["Sofia"]["reason"]
    assert "you owe 1 favour" in by_name["Chen"]["reason"]
    assert "met 1 day ago" in by_name["Marco"]["reason"]
    text = coach("next").stdout
    assert text.startswith("1. ") and "→" in text


def test_peer_commands_round_trip_through_export_and_import(coach, tmp_path):
    coach(
        "peers", "add", "Priya", "--team", "Finance", "--relates", "helps me", "--importance", "5"
    )
    coach("peers", "edit", "priya", "--relationship", "strong", "--focus")
    listing = coach("peers", "list").stdout
    assert "★ Priya (Finance)" in listing and "strong" in listing
    out = tmp_path / "peers.csv"
    coach("peers", "export", str(out))
    coach("peers", "remove", "Priya")
    assert "No peers yet" in coach("peers", "list").stdout
    assert "Imported 1 new" in coach("peers", "import", str(out)).stdout
    [peer] = json.loads(coach("peers", "list", "--json").stdout)
    assert (peer["name"], peer["relationship"], peer["focus"]) == ("Priya", "strong", True)
    coach("peers", "export", str(tmp_path / "all.json"))
    assert json.loads((tmp_path / "all.json").read_text())["peers"][0]["name"] == "Priya"


def test_log_opener_and_feedback_loop_from_the_cli(coach):
    coach("peers", "add", "Aisha Khan", "--team", "Product", "--relates", "depends on me")
    coach("log", "Aisha", "Aisha launched the beta signup flow", "--kind", "meeting")
    openers = json.loads(coach("opener", "aisha", "--context", "message", "--json").stdout)
    assert len(openers["openers"]) == 3 and any(
        "beta signup" in o["text"] for o in openers["openers"]
    )
    req = json.loads(coach("feedback", "Aisha", "--topic", "my launch plan", "--json").stdout)
    assert req["depth"] == "deep" and req["status"] == "drafted"
    coach("feedback-status", req["id"][:8], "asked")
    coach("feedback-status", req["id"][:8], "received")
    bad = coach("feedback-status", req["id"][:8], "closed", ok=False)
    assert bad.exit_code == 2 and "empty" in bad.stderr
    done = coach("feedback-status", req["id"][:8], "closed", "--outcome", "Cut the waitlist step")
    assert "now closed" in done.stdout


def test_bad_peer_input_gets_a_plain_message(coach):
    result = coach("peers", "add", "Ana", "--importance", "9", ok=False)
    assert (
        result.exit_code == 2 and "importance" in result.stderr and "Traceback" not in result.output
    )
    result = coach("log", "Nobody", "hello", ok=False)
    assert "No peer called 'Nobody'" in result.stderr
    result = coach("peers", "import", "/no/such.csv", ok=False)
    assert "No such file" in result.stderr
