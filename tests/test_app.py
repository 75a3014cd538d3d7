"""The page, driven in-process through gradio_client as a browser would call it."""

import httpx
import pytest
from gradio_client import Client

from coach.services import conversations
from coach.ui.web.app import launch
from tests.conftest import make_services, recording_model


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    svc = make_services(
        tmp_path_factory.mktemp("data"),
        real=True,
        model=recording_model(*["Ask about their vendor onboarding [G1]."] * 10),
    )
    demo = launch(svc, host="127.0.0.1", port=0, block=False)
    client = Client(demo.local_url, verbose=False)
    yield svc, client, demo.local_url
    demo.close()


def test_badge_names_the_active_model(page):
    svc, _, url = page
    config = httpx.get(f"{url}config").text
    assert f"Model: {svc.provider.label}" in config


def test_a_note_added_on_the_page_is_cited_by_the_next_answer(page):
    svc, client, _ = page
    status, text_box, person_box = client.predict(
        "Priya (finance) is starting the vendor onboarding process next month",
        "Priya",
        "",
        api_name="/add_note",
    )
    assert "Saved your note about Priya" in status and text_box == "" and person_box == ""
    reply = client.predict("What could I offer Priya?", api_name="/ask")
    assert reply["answer"] == "Ask about their vendor onboarding [G1]."
    notes = [s for s in reply["sources"] if s["kind"] == "note"]
    assert notes and notes[0]["person"] == "Priya" and "vendor onboarding" in notes[0]["text"]


def test_chat_streams_an_answer_with_sources_and_keeps_the_conversation(page):
    svc, client, _ = page
    before = len(conversations.listing(svc))
    chat, box, status, _ = client.predict(
        "How do I get to know Priya in finance?", [], api_name="/chat"
    )
    assert box == "" and status == ""
    answer_text = chat[-1]["content"][0]["text"]
    assert "Ask about their vendor onboarding" in answer_text and "**Sources**" in answer_text
    assert len(conversations.listing(svc)) == before + 1


def test_bad_input_gets_a_message_and_the_text_is_kept(page):
    _, client, _ = page
    chat, box, status, _ = client.predict("x" * 5000, [], api_name="/chat")
    assert "limit is 4,000" in status and box == "x" * 5000 and chat == []
    status, text_box, _ = client.predict("", "Priya", "", api_name="/add_note")
    assert "empty" in status
    status, text_box, _ = client.predict("Met Sam", "Sam", "31/12/2026", api_name="/add_note")
    assert "YYYY-MM-DD" in status and text_box == "Met Sam"
    assert client.predict("still there?", api_name="/ask")["answer"]


def test_guidance_upload_reports_what_was_indexed_and_skipped(page, tmp_path):
    from gradio_client import handle_file

    _, client, _ = page
    good = tmp_path / "handoffs.md"
    good.write_text("# Handoffs\n\nWhen you hand work to a peer, write down what done means.")
    bad = tmp_path / "blob.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    report = client.predict([handle_file(str(good)), handle_file(str(bad))], api_name="/ingest")
    assert "Added handoffs.md" in report and "user:handoffs.md" in report
    assert "blob.txt" in report and "binary" in report


def test_the_chat_passes_earlier_turns_to_the_model(page):
    svc, client, _ = page
    chat, *_ = client.predict("How do I meet someone in finance?", [], api_name="/chat")
    client.predict("And what if they work remotely?", chat, api_name="/chat")
    sent = [m.content for m in svc.chat_model.seen[-1]]
    assert "How do I meet someone in finance?" in sent, "the earlier question"
    assert any(t.startswith("Ask about their vendor onboarding") for t in sent[:-1])
    assert not any("**Sources**" in t for t in sent), "sources are not replayed as turns"


def test_pasted_meeting_notes_longer_than_a_question_are_analysed_in_the_chat(page):
    _, client, _ = page
    items = [f"- Marco will send the pricing sheet v{i} by Friday" for i in range(120)]
    notes = "Pricing sync 11/20\n" + "\n".join(items)
    assert len(notes) > 4000
    chat, box, status, _ = client.predict(notes, [], api_name="/chat")
    assert status == "" and box == ""
    assert "Nothing is saved yet" in chat[-1]["content"][0]["text"]


def test_the_api_says_which_engine_answered(page):
    _, client, _ = page
    assert client.predict("How do I meet people in sales?", api_name="/ask")["route"] == "guidance"
