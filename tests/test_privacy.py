"""The data folder, everything in it, and the copies the page hands out for download are
private to the user who runs Peer Coach: folders 0700, files 0600."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from gradio_client import Client

from coach.settings import load_settings
from coach.ui.web.app import launch
from tests.conftest import make_services

ROOT = Path(__file__).resolve().parent.parent


def shared_with_others(folder: Path) -> list[str]:
    """Everything under `folder` that a group or other user could read, write or enter."""
    loose = []
    for path in [folder, *folder.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if path.is_symlink():
            continue
        expected = 0o700 if path.is_dir() else 0o600
        if mode & 0o077 or (path.is_dir() and mode != expected):
            loose.append(f"{path.relative_to(folder)} {oct(mode)}")
    return loose


@pytest.mark.local_only  # the SQLite and Chroma files live in the data folder
def test_the_command_line_writes_nothing_others_can_read(tmp_path):
    data = tmp_path / "data"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "COACH_PROVIDER": "none",
        "COACH_EMBEDDING_MODE": "fake",
    }
    coach = [sys.executable, "-m", "coach.ui.cli.main", "--data-dir", str(data)]
    for args in (
        ["note", "add", "Priya starts vendor onboarding", "--person", "Priya"],
        ["peers", "add", "Priya", "--team", "Finance"],
        ["ingest"],
        ["peers", "export", str(tmp_path / "everything.json")],
    ):
        done = subprocess.run([*coach, *args], env=env, capture_output=True, timeout=300)
        assert done.returncode == 0, done.stderr.decode()
    assert (data / "coach.db").exists() and any((data / "chroma").iterdir())
    assert shared_with_others(data) == []
    assert stat.S_IMODE((tmp_path / "everything.json").stat().st_mode) == 0o600


def test_an_existing_folder_is_made_private_when_the_app_starts(tmp_path):
    data = tmp_path / "data"
    (data / "guidance").mkdir(parents=True)
    old = data / "guidance" / "team.md"
    old.write_text("# Team guide\n")
    for path, mode in ((data, 0o755), (data / "guidance", 0o775), (old, 0o644)):
        os.chmod(path, mode)
    load_settings(data)
    assert shared_with_others(data) == []
    assert old.read_text() == "# Team guide\n"


def test_exports_and_their_download_copies_are_private(tmp_path, monkeypatch):
    downloads = tmp_path / "gradio-cache"
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(downloads))
    svc = make_services(tmp_path / "data")
    demo = launch(svc, host="127.0.0.1", port=0, block=False)
    try:
        client = Client(demo.local_url, verbose=False)
        client.predict(
            "Priya", "Finance", "", [], 4, "weak", 14, False, "", "", api_name="/add_peer"
        )
        for api in ("/export_json", "/export_csv"):
            client.predict(api_name=api)
    finally:
        demo.close()
    assert shared_with_others(tmp_path / "data") == []
    copies = [p for p in downloads.rglob("*") if p.is_file()]
    assert copies, "the page handed out download copies"
    assert shared_with_others(downloads) == []
