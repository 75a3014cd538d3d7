"""The page as people use it, in headless Chromium at desktop (1400 px) and phone (390 px) width.

One app server and one browser for the module. Each width is a new user who signs in and walks
the whole journey: the first-run view, the sample team, the chat (Enter sends, a streamed answer,
a source opened to its passage, an example that sends, stop, delete with a confirmation), a peer
added, meeting notes saved and seen at once in Peers and Follow-ups, a follow-up closed, a plan
ticked, the calendar downloaded and parsed. Screenshots go to tests/artifacts/; axe-core checks
every tab for serious or critical accessibility problems. A second server answers offline (no
model, the default): its answers grow a few words at a time, and Stop works before any word.
"""

from __future__ import annotations

import itertools
import os
import shutil
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from coach.services.accounts import add_user
from coach.ui.web.app import launch
from tests.conftest import make_services

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE_PLACES = [
    os.environ.get("PEERCOACH_AXE", ""),
    str(ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"),
    str(ROOT / "node_modules" / "axe-core" / "axe.min.js"),
]
AXE = next((Path(p) for p in AXE_PLACES if p and Path(p).is_file()), None)
TABS = ["Chat", "Peers", "Follow-ups", "Meeting notes", "Weekly plan", "Guidance"]
WIDTHS = {"desktop": 1400, "phone": 390}
ANSWER = (
    "Start with what Nadia is working on: ask how the budget model is going [N1], then offer "
    "the invoice list you promised, and keep the ask small and specific [G1]."
)
EXAMPLE = "How do I start a conversation with someone in finance I barely know?"
NOTES = (
    "Sync with Dana Cole and Nadia Okafor\n"
    "I'll send Dana the data dictionary by Friday.\n"
    "Nadia shipped the new budget dashboard."
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists() and not os.environ.get("CI"),
        reason="Debian's chromium is not installed (scripts/run-tests.sh installs it)",
    ),
]


SLOW_START = "Take your time:"  # a question starting so waits 3 s for the model's first word


class SlowModel(GenericFakeChatModel):
    """A scripted model that streams word by word, slowly enough to watch (and to stop)."""

    def _stream(self, messages, *args, **kwargs):  # type: ignore[no-untyped-def]
        if SLOW_START in str(messages[-1].content):
            time.sleep(3)
        for chunk in super()._stream(messages, *args, **kwargs):
            time.sleep(0.06)
            yield chunk


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    model = SlowModel(messages=itertools.cycle([AIMessage(ANSWER)]))
    svc = make_services(tmp_path_factory.mktemp("browser"), model=model, auth=True)
    for name in WIDTHS:
        add_user(svc, name, f"{name}-password")
    demo = launch(svc, host="127.0.0.1", port=0, block=False)
    yield demo.local_url
    demo.close()


@pytest.fixture(scope="module")
def offline_url(tmp_path_factory):
    """The page as a user without an API key sees it: offline answers, real MiniLM search."""
    svc = make_services(tmp_path_factory.mktemp("offline"), real=True, auth=True)
    add_user(svc, "desktop", "desktop-password")
    demo = launch(svc, host="127.0.0.1", port=0, block=False)
    yield demo.local_url
    demo.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
        )
        yield browser
        browser.close()


def signed_in(browser, app_url, user: str):
    context = browser.new_context(
        accept_downloads=True, viewport={"width": WIDTHS[user], "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.console_errors = []  # type: ignore[attr-defined]
    page.on(
        "console",
        lambda m: m.type == "error" and page.console_errors.append(m.text),  # type: ignore[attr-defined]
    )
    page.goto(app_url)
    page.get_by_label("username").fill(user)
    page.get_by_label("password").fill(f"{user}-password")
    page.get_by_role("button", name="Login").click()
    page.get_by_role("tab", name="Chat").wait_for()
    page.wait_for_timeout(800)  # the page's load events fill the lists
    return page


def open_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    page.wait_for_timeout(600)  # the tab refreshes its data when shown


def shot(page, user: str, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{user}-{name}.png"), full_page=True)


def fits_the_screen(page) -> None:
    width, inner = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert width <= inner, f"the page scrolls sideways: {width} px content in {inner} px"


def bot_text(page) -> str:
    return page.locator("#chatbot .bot").last.inner_text()


@pytest.mark.parametrize("user", list(WIDTHS))
def test_a_new_user_walks_the_whole_journey(browser, app_url, user, tmp_path):
    from playwright.sync_api import expect

    page = signed_in(browser, app_url, user)
    today = date.today()

    # First run: every tab reachable, the chat first, three steps to start.
    for name in TABS:
        expect(page.get_by_role("tab", name=name)).to_be_visible()
    expect(page.get_by_role("tab", name="Chat")).to_have_attribute("aria-selected", "true")
    for step in ["Add or import your peers", "Paste meeting notes", "Plan your week"]:
        expect(page.get_by_role("button", name=step)).to_be_visible()
    expect(page.get_by_role("button", name="Delete this conversation…")).to_be_hidden()
    box = page.get_by_label("Your question")
    conversations = page.get_by_text("Conversations", exact=True)
    new_conversation = page.get_by_role("button", name="New conversation")
    if user == "phone":  # the chat first; the conversation list after it, collapsed
        assert box.bounding_box()["y"] < conversations.bounding_box()["y"]
        expect(new_conversation).to_be_hidden()
        conversations.click()
    expect(new_conversation).to_be_visible()
    fits_the_screen(page)
    shot(page, user, "1-first-run")

    # A sample team, in one click.
    page.get_by_role("button", name="Explore with a sample team").click()
    expect(page.get_by_text("Added 5 sample peers, 3 notes and 3 follow-ups")).to_be_visible()
    expect(page.get_by_role("button", name="Remove the sample team")).to_be_visible()

    # Enter sends, Shift+Enter makes a new line; the answer streams in with its sources.
    box.fill("What is Nadia worried about?")
    box.press("Shift+Enter")
    box.type("What could I offer her?")
    assert box.input_value() == "What is Nadia worried about?\nWhat could I offer her?"
    box.press("Enter")
    expect(page.get_by_role("button", name="Stop")).to_be_visible()
    expect(page.locator("#chatbot .bot").last).to_contain_text("Start with")
    early = len(bot_text(page))
    page.wait_for_timeout(500)
    assert len(bot_text(page)) > early, "the answer grows while it streams"
    expect(page.get_by_role("button", name="Send")).to_be_visible(timeout=20_000)
    assert ANSWER.split(" [")[0] in bot_text(page)
    note = page.locator("#chatbot details.source", has_text="Your note about Nadia Okafor")
    expect(note.locator(".passage")).to_be_hidden()
    note.locator("summary").click()
    expect(note.locator(".passage")).to_contain_text("late vendor invoices")
    expect(page.get_by_role("button", name="Copy message").first).to_be_attached()
    expect(page.get_by_role("button", name="Delete this conversation…")).to_be_attached()
    shot(page, user, "2-chat")

    # An example prompt sends itself; Stop ends a streaming answer.
    new_conversation.click()
    page.get_by_role("button", name=EXAMPLE).click()
    expect(page.locator("#chatbot .user").last).to_contain_text(EXAMPLE)
    expect(page.locator("#chatbot .bot").last).to_contain_text("Start with")  # streaming
    page.get_by_role("button", name="Stop").click()
    expect(page.get_by_role("button", name="Send")).to_be_visible()
    expect(page.locator("#chatbot .bot").last).to_contain_text("Stopped: this answer is incomplete")
    stopped = bot_text(page)
    page.wait_for_timeout(1500)
    assert bot_text(page) == stopped, "nothing streams in after Stop"
    assert "specific" not in stopped, "the answer stopped part way"

    # Deleting a conversation asks first.
    page.get_by_role("button", name="Delete this conversation…").click()
    expect(page.get_by_text("Delete this conversation for good?")).to_be_visible()
    page.get_by_role("button", name="Yes, delete").click()
    expect(page.get_by_text("Conversation deleted.")).to_be_visible()
    expect(page.get_by_role("button", name="Delete this conversation…")).to_be_hidden()

    # A peer added: plain errors naming the field, then a cleared form.
    open_tab(page, "Peers")
    expect(page.locator(".peer-table")).to_contain_text("Nadia Okafor")
    name = page.get_by_label("Name", exact=True).and_(page.locator("textarea"))
    if not name.is_visible():  # open from the start while the map was empty
        page.get_by_text("Add, edit or remove a peer").click()
    name.fill("Dana Cole")
    page.get_by_label("Team / function").fill("Data")
    cadence = page.get_by_label("Keep in touch every (days)")
    cadence.fill("0")
    page.get_by_role("button", name="Add peer").click()
    expect(page.get_by_text("Keep in touch every (days) must be between 1 and 365")).to_be_visible()
    expect(name).to_have_value("Dana Cole")
    cadence.fill("14")
    page.get_by_role("button", name="Add peer").click()
    expect(page.get_by_text("Added Dana Cole (Data).")).to_be_visible()
    expect(name).to_have_value("")
    expect(page.locator(".peer-table")).to_contain_text("Dana Cole")
    expect(page.locator(".cards .card").first).to_contain_text("Why:")
    pick = page.get_by_label("Edit an existing peer (leave empty to add a new one)")
    pick.click()
    page.get_by_role("option", name="Tom Reyes (Legal)").click()
    expect(name).to_have_value("Tom Reyes")
    page.get_by_role("button", name="Remove peer…").click()
    expect(page.get_by_text("Remove Tom Reyes (Legal) from your map?")).to_be_visible()
    page.get_by_role("button", name="Keep", exact=True).click()
    expect(page.get_by_text("Remove Tom Reyes (Legal) from your map?")).to_be_hidden()
    expect(page.locator(".peer-table")).to_contain_text("Tom Reyes")
    fits_the_screen(page)
    page.get_by_text("Add, edit or remove a peer").click()  # folded away again
    shot(page, user, "3-peers")

    # Meeting notes: only sections with something in them; the message says what went where.
    open_tab(page, "Meeting notes")
    page.get_by_label("Meeting notes").fill(NOTES)
    page.get_by_role("button", name="Analyse").click()
    expect(page.get_by_text("Commitments (follow-ups)").first).to_be_visible()
    expect(page.get_by_text("Bad news to pass on early")).to_be_hidden()
    page.get_by_role("button", name="Save selected").click()
    expect(page.get_by_text("(Follow-ups tab)")).to_be_visible()
    fits_the_screen(page)
    shot(page, user, "4-meeting-notes")

    # ...seen at once in Peers (the meeting is Dana's last contact) and in Follow-ups.
    open_tab(page, "Peers")
    dana = page.locator(".peer-table tr", has_text="Dana Cole")
    expect(dana).to_contain_text(today.isoformat())
    open_tab(page, "Follow-ups")
    follow_list = page.locator("#follow-list")
    expect(follow_list).to_contain_text("Send Dana the data dictionary")
    expect(follow_list).to_contain_text("To celebrate · Congratulate Nadia")
    first_line = follow_list.locator("label").first
    expect(first_line).to_contain_text("Overdue by 2 days")

    # A follow-up closed.
    first_line.click()
    page.get_by_role("button", name="Done", exact=True).click()
    expect(page.get_by_text("Marked 1 follow-up done.")).to_be_visible()
    expect(follow_list).not_to_contain_text("late vendor invoices")
    fits_the_screen(page)
    shot(page, user, "5-follow-ups")

    # The week planned (from today), a follow-up item ticked, the calendar in one click.
    open_tab(page, "Weekly plan")
    page.get_by_label("This week").fill("budget review Thursday")
    page.get_by_role("button", name="Plan my week").click()
    expect(page.get_by_text("items for")).to_be_visible()
    items = page.locator("#plan-items label")
    labels = items.all_inner_texts()
    days = [planned_day(label, today.year) for label in labels]
    assert days and min(days) >= today, "nothing is planned for a day already gone"
    item = items.filter(has_text="data dictionary")
    item.click()
    expect(page.get_by_text("Closed 1 follow-up.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download calendar (.ics)").click()
    target = tmp_path / "plan.ics"
    download.value.save_as(target)
    from icalendar import Calendar

    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert len(events) == len(labels)
    assert min(e.decoded("dtstart") for e in events) >= today
    with page.expect_download() as markdown:
        page.get_by_role("button", name="Download Markdown").click()
    assert markdown.value.suggested_filename.endswith(".md")
    fits_the_screen(page)
    shot(page, user, "6-weekly-plan")
    open_tab(page, "Follow-ups")
    expect(follow_list).not_to_contain_text("data dictionary")

    # The sample team goes in one click; your own peer stays.
    open_tab(page, "Chat")
    page.get_by_role("button", name="Remove the sample team").click()
    expect(page.get_by_text("Removed 5 sample peers")).to_be_visible()
    open_tab(page, "Peers")
    expect(page.locator(".peer-table")).not_to_contain_text("Nadia Okafor")
    expect(page.locator(".peer-table")).to_contain_text("Dana Cole")
    assert page.console_errors == [], "the console stays clean"  # type: ignore[attr-defined]
    page.context.close()


def test_stop_works_before_the_first_word_and_the_next_question_is_answered(browser, app_url):
    from playwright.sync_api import expect

    page = signed_in(browser, app_url, "desktop")
    box = page.get_by_label("Your question")
    box.fill(f"{SLOW_START} how do I thank a peer who covered for me?")
    box.press("Enter")
    page.get_by_role("button", name="Stop").click()  # the model has not said a word yet
    expect(page.get_by_role("button", name="Send")).to_be_visible(timeout=2_000)
    expect(page.locator("#chatbot .bot").last).to_have_text(
        "Stopped before the answer began.", timeout=2_000
    )
    page.wait_for_timeout(3_500)  # past the moment the model would have started
    assert bot_text(page) == "Stopped before the answer began.", "no answer arrives after Stop"

    box.fill("How do I thank a peer who covered for me?")
    box.press("Enter")
    expect(page.locator("#chatbot .bot").last).to_contain_text("Start with")
    expect(page.get_by_role("button", name="Send")).to_be_visible(timeout=20_000)
    answers = page.locator("#chatbot .bot")
    expect(answers).to_have_count(2)
    expect(answers.last).to_contain_text("Sources")
    page.get_by_role("button", name="New conversation").click()  # it was saved as shown
    page.locator("label", has_text=SLOW_START).click()
    expect(answers.first).to_have_text("Stopped before the answer began.")
    expect(answers.last).to_contain_text("Sources")
    page.context.close()


# Every change to the last answer's text, as the user's screen saw it.
WATCH_ANSWER = """() => {
  window.answerLengths = [];
  const chat = document.querySelector('#chatbot');
  new MutationObserver(() => {
    // the longest bot message: the answer, whatever small element Gradio renders after it
    const lengths = [...chat.querySelectorAll('.bot')].map(b => b.innerText.length);
    if (lengths.length) window.answerLengths.push(Math.max(...lengths));
  }).observe(chat, {subtree: true, childList: true, characterData: true});
}"""


def test_an_offline_answer_arrives_a_few_words_at_a_time(browser, offline_url):
    from playwright.sync_api import expect

    page = signed_in(browser, offline_url, "desktop")
    expect(page.locator(".badge")).to_contain_text("Model: Offline answers")
    page.get_by_role("button", name="Explore with a sample team").click()
    expect(page.get_by_text("Added 5 sample peers")).to_be_visible()
    page.evaluate(WATCH_ANSWER)
    page.get_by_role("button", name=EXAMPLE).click()
    expect(page.get_by_role("button", name="Send")).to_be_visible(timeout=20_000)
    expect(page.locator("#chatbot .bot").last).to_contain_text("You could say:")
    expect(page.locator("#chatbot details.source").first).to_be_visible()
    answer = page.locator("#chatbot .bot", has_text="You could say:").last
    final = len(answer.inner_text())
    seen = page.evaluate("window.answerLengths")
    growing = sorted({n for n in seen if 1 < n < final})
    assert len(growing) >= 2, f"the answer grew over several renders, not at once: {seen}"
    assert seen[-1] == final
    expect(answer).to_be_visible()  # the whole answer stays on the page once it is done
    page.get_by_text("Add a note about a colleague").scroll_into_view_if_needed()
    shot(page, "desktop", "offline-chat")  # the README's chat screenshot (docs/screenshot.png)
    page.context.close()


def planned_day(label: str, year: int) -> date:
    """'Tue 24 Nov · Welcome: …' -> date(year, 11, 24)."""
    return datetime.strptime(f"{label[:10]} {year}", "%a %d %b %Y").date()


@pytest.mark.skipif(AXE is None and not os.environ.get("CI"), reason="axe-core not installed")
@pytest.mark.parametrize("user", list(WIDTHS))
def test_no_tab_has_serious_accessibility_problems(browser, app_url, user):
    assert AXE is not None, "axe-core is missing: scripts/run-tests.sh installs it"
    page = signed_in(browser, app_url, user)
    problems = []
    for name in TABS:
        open_tab(page, name)
        fits_the_screen(page)
        shot(page, user, f"tab-{name.lower().replace(' ', '-')}")
        page.add_script_tag(path=str(AXE))
        found = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".filter(v => ['serious', 'critical'].includes(v.impact))"
            ".map(v => `${v.id} (${v.impact}): ${v.help} — ` +"
            " v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))"
        )
        problems += [f"{name}: {p}" for p in found]
    page.context.close()
    assert not problems, "\n".join(problems)
