"""End to end in headless Chromium: sign in, add a peer and a note, ask, analyse and save a
meeting, plan the week and download the calendar."""

import os
import shutil
from pathlib import Path

import pytest
from coach.services.accounts import add_user
from coach.ui.web.app import launch

from tests.conftest import make_services

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists() and not os.environ.get("CI"),
        reason="Debian's chromium is not installed (scripts/run-tests.sh installs it)",
    ),
]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    svc = make_services(tmp_path_factory.mktemp("browser"), auth=True)
    add_user(svc, "ana", "ana-password")
    demo = launch(svc, host="127.0.0.1", port=0, block=False)
    yield demo.local_url
    demo.close()


@pytest.fixture(scope="module")
def page(app_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        context = browser.new_context(
            accept_downloads=True, viewport={"width": 1300, "height": 1000}
        )
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(app_url)
        yield page
        browser.close()


def test_a_person_uses_every_part_of_the_page(page, tmp_path):
    # Sign in.
    page.get_by_label("username").fill("ana")
    page.get_by_label("password").fill("ana-password")
    page.get_by_role("button", name="Login").click()
    page.get_by_role("tab", name="Chat").wait_for()

    # Add a peer.
    page.get_by_role("tab", name="Peers").click()
    page.get_by_text("Add, edit or remove a peer").click()
    page.get_by_label("Name", exact=True).fill("Priya")
    page.get_by_label("Team / function").fill("Finance")
    page.get_by_role("button", name="Add peer").click()
    page.get_by_text("Added Priya (Finance).").wait_for()

    # Add a note from the chat tab, then ask about it.
    page.get_by_role("tab", name="Chat").click()
    page.get_by_text("Add a note about a colleague").click()
    page.get_by_label("Note", exact=True).fill(
        "Priya (finance) is starting the vendor onboarding process next month"
    )
    page.get_by_label("Person (optional)").fill("Priya")
    page.get_by_role("button", name="Save note").click()
    page.get_by_text("Saved your note about Priya").wait_for()
    page.get_by_label("Your question").fill("What could I offer Priya?")
    page.get_by_role("button", name="Send").click()
    page.get_by_text("Sources").first.wait_for()
    assert page.get_by_text("Your note about Priya").first.is_visible()

    # Paste meeting notes, review, save.
    page.get_by_role("tab", name="Meeting notes").click()
    page.get_by_label("Meeting notes").fill(
        "Sync with Priya\nI'll send Priya our vendor checklist by Friday\nPriya shipped the "
        "new budget dashboard"
    )
    page.get_by_role("button", name="Analyse").click()
    page.get_by_text("Commitments (follow-ups)").first.wait_for()
    page.get_by_role("button", name="Save selected").click()
    page.get_by_text("Saved").last.wait_for()

    # Plan the week and download the calendar.
    page.get_by_role("tab", name="Weekly plan").click()
    page.get_by_label("This week").fill("budget review Tuesday, new hire joins Monday")
    page.get_by_role("button", name="Plan my week").click()
    page.get_by_text("items for").wait_for()
    page.get_by_role("button", name="Download calendar (.ics)").click()
    link = page.locator('a[download$=".ics"]').first
    with page.expect_download() as download:
        link.click()
    target = tmp_path / "plan.ics"
    download.value.save_as(target)
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    page.screenshot(path=str(tmp_path / "final.png"), full_page=True)
