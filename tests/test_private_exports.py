"""Downloads are made for the one user who asked: no one else can build their address."""

import hashlib
import os
import tempfile
from datetime import date
from pathlib import Path

import httpx
import pytest
from gradio_client import Client

from coach.services.accounts import add_user
from coach.ui.web.app import launch
from coach.ui.web.common import export_root, private_export
from tests.conftest import make_services

FORM = ["", "", [], 3, "weak", 30, False, "", ""]


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    """The page as shipped, sign-in on, with users whose names once shared an export file."""
    data = tmp_path_factory.mktemp("exports") / "data"
    svc = make_services(data, auth=True)
    for name in ("a.b", "ab", "bob"):
        add_user(svc, name, f"{name}-password")
    demo = launch(svc, host="127.0.0.1", port=0, block=False)

    def client(name, **kw):
        return Client(demo.local_url, auth=(name, f"{name}-password"), verbose=False, **kw)

    yield svc, demo.local_url, client
    demo.close()


def fetch(base, file_url_or_path, cookies=None):
    url = file_url_or_path
    if not url.startswith("http"):
        url = f"{base.rstrip('/')}/gradio_api/file={file_url_or_path}"
    return httpx.get(url, cookies=cookies, timeout=30)


def test_users_whose_names_differ_only_by_dots_never_share_an_export_file():
    dotted = Path(private_export("a.b", "peer-coach-export.json", "Priya"))
    plain = Path(private_export("ab", "peer-coach-export.json", "Marco"))
    assert dotted.parent.parent != plain.parent.parent, "one folder per user"
    assert (dotted.read_text(), plain.read_text()) == ("Priya", "Marco")


def test_another_user_cannot_build_the_address_of_an_export(page):
    svc, base, client = page
    alice = client("a.b", download_files=False)
    alice.predict("Zed", *FORM, api_name="/add_peer")
    served = alice.predict(api_name="/export_json")
    own = fetch(base, served["url"], alice.cookies)
    assert own.status_code == 200 and "Zed" in own.text, "the owner downloads it"

    bob = client("bob")
    today = date.today().isoformat()
    guesses = [
        # the old pattern, in the folder the page serves
        svc.settings.data_dir / "exports" / f"peer-coach-ab-{today}.json",
        svc.settings.data_dir / "exports" / f"peer-coach-a.b-{today}.json",
        svc.settings.data_dir / "exports" / f"peer-coach-export-{today}.json",
        # the private folder: its owner part is public (a hash of the name), the rest is not
        export_root() / hashlib.sha256(b"a.b").hexdigest()[:32],
        export_root(),
        Path(tempfile.gettempdir()),
        Path(served["path"]).parent,  # even the cache folder's name does not list it
    ]
    for guess in guesses:
        answer = fetch(base, str(guess), bob.cookies)
        assert answer.status_code in (403, 404) and "Zed" not in answer.text, guess
    assert fetch(base, served["url"]).status_code in (401, 403), "signed out: refused"


def test_each_download_is_a_new_private_file(page):
    _, _, client = page
    user = client("bob", download_files=False)
    first = user.predict(api_name="/export_csv")
    second = user.predict(api_name="/export_csv")
    assert (
        Path(first["path"]).name
        == Path(second["path"]).name
        == (f"peer-coach-peers-{date.today().isoformat()}.csv")
    )
    root = export_root() / hashlib.sha256(b"bob").hexdigest()[:32]
    made = [p for p in root.rglob("*.csv")]
    assert len(made) >= 2 and all(p.stat().st_mode & 0o077 == 0 for p in made)
    assert all(p.parent.stat().st_mode & 0o077 == 0 for p in made)


@pytest.mark.skipif(os.getuid() != 0, reason="making a folder owned by another user needs root")
def test_a_downloads_folder_taken_by_another_local_user_is_not_used(tmp_path, monkeypatch):
    import gradio as gr

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    taken = tmp_path / f"peer-coach-exports-{os.getuid()}"
    taken.mkdir(mode=0o777)
    os.chown(taken, 65534, 65534)
    with pytest.raises(gr.Error, match="belongs to someone else"):
        private_export("ana", "peer-coach-export.json", "secret")
    assert not any(taken.rglob("*"))
