"""Meeting notes: every section of the analysis, the merge rule, bad files, saving, the chat."""

import importlib.util
import json
from datetime import date
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import (
    FakeListChatModel,
    GenericFakeChatModel,
)
from langchain_core.messages import AIMessage

from coach.components.llm import ProviderInfo
from coach.errors import InputError
from coach.services.chat import answer
from coach.services.followups import list_follow_ups
from coach.services.meetings import SaveChoice, analyze, read_notes, save
from coach.services.notes import list_notes
from coach.services.peer_io import import_csv
from coach.services.peers import interactions, list_peers
from tests.conftest import make_services
from tests.fake_openai import FakeOpenAI

DATA = Path(__file__).parent / "data" / "meetings"
MONDAY = date(2026, 11, 23)


def notes(name: str) -> str:
    return (DATA / name).read_text()


@pytest.fixture
def svc(data_dir):
    services = make_services(data_dir)
    import_csv(services, (DATA / "peers.csv").read_bytes())
    return services


def test_people_are_matched_to_the_map_or_marked_new_with_their_team(svc):
    result = analyze(svc, notes("03-cross-team-sync.md"), MONDAY)
    by_name = {p.name: p for p in result.people}
    assert by_name["Marco Rossi"].peer == "Marco Rossi"
    assert by_name["Jordan Lee"].is_new and by_name["Jordan Lee"].team == "marketing"


def test_lower_case_names_and_mentions_are_matched(svc):
    result = analyze(svc, notes("04-messy-bullets.md"), MONDAY)
    assert {p.peer for p in result.people} == {"Chen Wei", "Tom Becker", "Lena Park"}


def test_by_friday_on_a_monday_is_that_friday(svc):
    result = analyze(svc, "Sync with Lena\nI'll send Lena the pricing copy by Friday", MONDAY)
    [c] = result.commitments
    assert (c.who, c.to_whom, c.due, c.due_text) == (
        "me",
        "Lena Park",
        date(2026, 11, 27),
        "by Friday",
    )


def test_commitments_know_who_owes_whom_and_when(svc):
    result = analyze(svc, notes("02-one-on-one.md"), MONDAY)
    ownerless, theirs = result.commitments  # "Action: send Priya …" names no owner
    assert (ownerless.who, ownerless.to_whom, ownerless.due) == (
        None,
        "Priya Shah",
        date(2026, 11, 25),
    )
    assert (theirs.who, theirs.to_whom, theirs.due) == ("Priya Shah", "me", date(2026, 11, 30))


def test_notes_with_no_promises_have_no_commitments(svc):
    assert analyze(svc, notes("05-no-commitments.md"), MONDAY).commitments == []


def test_information_worth_sharing_wins_feedback_and_warnings(svc):
    one = analyze(svc, notes("02-one-on-one.md"), MONDAY)
    assert one.info_to_share[0].with_whom == "Priya Shah"
    assert "vendor onboarding" in one.info_to_share[0].what
    assert one.celebrate[0].who == "Priya Shah" and "promoted" in one.celebrate[0].what
    sync = analyze(svc, notes("03-cross-team-sync.md"), MONDAY)
    [warning] = sync.early_warnings
    assert "two weeks late" in warning.what and warning.who_depends == ["Sofia Alvarez"]
    skip = analyze(svc, notes("09-skip-level.md"), MONDAY)
    assert skip.feedback_to_ask[0].on_what == "my growth plan"
    assert skip.feedback_to_ask[0].depth == "deep"


def test_openers_are_written_for_each_person_from_what_was_said(svc):
    result = analyze(svc, notes("01-standup.md"), MONDAY)
    openers = {o.person: o.text for o in result.openers}
    assert "churn dashboard" in openers["Chen Wei"] and "Congratulations" in openers["Chen Wei"]
    assert "the copy for the pricing page" in openers["Lena Park"]
    assert not any(mark in text for text in openers.values() for mark in '"“”')
    assert {"celebrate-peer-successes", "reciprocity"} <= set(result.cards)


def test_instructions_inside_notes_are_analysed_as_text(svc):
    result = analyze(svc, notes("11-injection.md"), MONDAY)
    assert [p.peer for p in result.people] == ["Marco Rossi"]
    assert "PWNED" not in json.dumps([o.text for o in result.openers])
    assert result.commitments[0].who == "Marco Rossi"


def test_extractor_meets_its_precision_and_recall_targets():
    spec = importlib.util.spec_from_file_location(
        "bench_extractor", Path(__file__).parents[1] / "bench" / "bench_extractor.py"
    )
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    for folder in (bench.DATA, bench.INDEPENDENT):
        scores = bench.totals(folder)
        for kind in ("people", "commitments"):
            precision, recall = scores[kind]
            assert precision >= 0.9 and recall >= 0.8, (folder.name, kind, scores[kind])


# --- the model and the merge rule --------------------------------------------------------


def model_reply(**sections) -> str:
    return json.dumps(
        {
            "people": [],
            "commitments": [],
            "info_to_share": [],
            "celebrate": [],
            "feedback_to_ask": [],
            "early_warnings": [],
            **sections,
        }
    )


def test_a_model_adds_grounded_findings_but_cannot_invent_people_or_dates(data_dir):
    reply = model_reply(
        people=[{"name": "Bob Phantom"}, {"name": "Dana Fox", "team": "recruiting"}],
        commitments=[
            {"who": "Bob Phantom", "to_whom": "me", "what": "Bob will call", "due": "2026-12-01"},
            {
                "who": "Dana Fox",
                "to_whom": "me",
                "what": "Dana will schedule the final round",
                "due": "2027-01-01",
            },
            {
                "who": "me",
                "to_whom": "Chen",
                "what": "Candidate strong on systems design",
                "due": "2027-02-02",
            },
        ],
        celebrate=[{"who": "Bob Phantom", "what": "won"}],
    )
    svc = make_services(data_dir, model=FakeListChatModel(responses=["{broken", reply]))
    import_csv(svc, (DATA / "peers.csv").read_bytes())
    result = analyze(svc, notes("07-interview-debrief.md"), date(2026, 11, 20))
    assert result.extractor == "rules+model", "invalid output is retried once"
    assert "Bob Phantom" not in {p.name for p in result.people}
    assert all(c.who != "Bob Phantom" for c in result.commitments) and result.celebrate == []
    dana = [c for c in result.commitments if c.who.startswith("Dana")]
    assert [c.due for c in dana] == [date(2026, 11, 24)], "the notes' own date wins"
    added = [c for c in result.commitments if c.what.startswith("Candidate")]
    assert added and added[0].due is None, "a model's date with no words behind it is dropped"


def test_a_small_local_model_is_not_asked_so_results_never_get_worse(data_dir):
    model = FakeListChatModel(responses=[model_reply(people=[{"name": "Zed"}])])
    svc = make_services(data_dir, model=model, provider_info=ProviderInfo("local", "tiny"))
    import_csv(svc, (DATA / "peers.csv").read_bytes())
    text = notes("01-standup.md")
    assert analyze(svc, text, MONDAY) == analyze(make_services(data_dir), text, MONDAY)


# --- inputs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("huge.txt", b"a" * 100_001, "limit is 100,000"),
        ("bin.md", b"\x00\xff\x00", "binary"),
        ("broken.docx", b"not a zip", "not a readable Word document"),
        ("broken.pdf", b"%PDF-garbage", "not a readable PDF"),
        ("notes.exe", b"MZ", "unsupported file type"),
    ],
)
def test_bad_files_get_a_plain_message(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        read_notes(None, path)


def test_a_word_document_is_read(tmp_path, svc):
    from docx import Document

    doc = Document()
    doc.add_paragraph("Sync with Marco")
    doc.add_paragraph("Marco will send the renewal list by Thursday.")
    path = tmp_path / "notes.docx"
    doc.save(path)
    result = analyze(svc, read_notes(None, path), MONDAY)
    assert result.commitments[0].due == date(2026, 11, 26)


# --- saving ---------------------------------------------------------------------------------


def test_saving_creates_the_log_and_saving_twice_creates_nothing_more(svc):
    text = notes("03-cross-team-sync.md")
    result = analyze(svc, text, MONDAY)
    first = save(svc, text, result)
    assert "peer Jordan Lee" in first.created
    assert "Jordan Lee" in {p.name for p in list_peers(svc)}
    assert interactions(svc, "Marco")[0].summary == "Marco closed the Acme renewal 🎉"
    follow = {f.what for f in list_follow_ups(svc)}
    assert "Jordan Lee owes us the campaign calendar" in follow
    assert any(f.startswith("Congratulate Marco Rossi") for f in follow)
    assert any(n.source == "meeting" for n in list_notes(svc))
    counts = (len(list_follow_ups(svc)), len(list_notes(svc)), len(interactions(svc)))
    second = save(svc, text, result)
    assert second.created == [] and second.already_saved > 0
    assert (len(list_follow_ups(svc)), len(list_notes(svc)), len(interactions(svc))) == counts


def test_only_ticked_suggestions_are_saved(svc):
    text = notes("03-cross-team-sync.md")
    result = analyze(svc, text, MONDAY)
    save(
        svc,
        text,
        result,
        SaveChoice(
            new_people=[],
            commitments=[0],
            info_to_share=[],
            celebrate=[],
            feedback_to_ask=[],
            early_warnings=[],
            save_note=False,
        ),
    )
    assert "Jordan Lee" not in {p.name for p in list_peers(svc)}
    assert [f.what for f in list_follow_ups(svc)] == [
        "Jordan Lee owes us the campaign calendar"
    ] or len(list_follow_ups(svc)) == 1
    assert all(n.source != "meeting" for n in list_notes(svc))


# --- the chat -------------------------------------------------------------------------------


def test_pasting_notes_in_the_chat_analyses_them_and_save_saves_them(svc):
    reply = answer(svc, "Here are my notes from today's sync:\n" + notes("01-standup.md"))
    assert reply.provider == "peer map"
    assert "Nothing is saved yet" in reply.text and "pricing copy" in reply.text
    assert list_follow_ups(svc) == []
    saved = answer(svc, "save")
    assert saved.text.startswith("Saved") and len(list_follow_ups(svc)) >= 2


# --- what is saved about each person ---------------------------------------------------------


def test_each_person_gets_one_note_of_what_was_said_about_them_not_the_header(svc):
    text = notes("03-cross-team-sync.md")
    result = analyze(svc, text, MONDAY)
    save(svc, text, result)
    marco = [n.text for n in list_notes(svc) if n.person == "Marco Rossi"]
    assert marco == ["meeting with Marco Rossi: Marco closed the Acme renewal 🎉"]
    save(svc, text, result)
    assert len([n for n in list_notes(svc) if n.person == "Marco Rossi"]) == 1


def test_unticked_new_people_get_no_peer_and_no_note(svc):
    text = "With Dana Kim (Finance) and Omar Haddad\nOmar will send the draft by Friday."
    result = analyze(svc, text, MONDAY)
    assert {p.name for p in result.people} == {"Dana Kim", "Omar Haddad"}
    save(svc, text, result, SaveChoice(new_people=["Omar Haddad"], commitments=[]))
    assert {p.name for p in list_peers(svc)} >= {"Omar Haddad"}
    assert "Dana Kim" not in {p.name for p in list_peers(svc)}
    assert {n.person for n in list_notes(svc)} == {None, "Omar Haddad"}


# --- a capable model, through with_structured_output ---------------------------------------

GROUNDING_NOTES = (
    "Design sync\nAttendees: Ana Lima, Bruno Costa\n"
    "Ana will send the mockups by Friday.\n"
    "The flaky login test is Bruno's to look at next week.\n"
)


def suggestions() -> dict:
    return {
        "people": [{"name": "Bruno Costa"}, {"name": "Zoe Ghost"}],
        "commitments": [
            {
                "who": "Bruno Costa",
                "to_whom": "me",
                "what": "The flaky login test is Bruno's to look at next week",
                "due": "2099-01-01",
            },
            {"who": "Zoe Ghost", "to_whom": "me", "what": "Zoe will call", "due": None},
        ],
        "celebrate": [{"who": "Zoe Ghost", "what": "won an award"}],
    }


class ToolCallingFake(GenericFakeChatModel):
    """A fake chat model with tool calling, so with_structured_output goes through tools."""

    def bind_tools(self, tools, **kwargs):  # type: ignore[no-untyped-def]
        return self


def test_a_model_with_structured_output_adds_only_what_the_notes_back(data_dir):
    call = {"name": "ModelSuggestions", "args": suggestions(), "id": "1"}
    model = ToolCallingFake(messages=iter([AIMessage(content="", tool_calls=[call])]))
    svc = make_services(data_dir, model=model)
    result = analyze(svc, GROUNDING_NOTES, MONDAY)
    assert result.extractor == "rules+model"
    assert "Zoe Ghost" not in {p.name for p in result.people}
    added = [c for c in result.commitments if c.who == "Bruno Costa"]
    assert [c.due for c in added] == [date(2026, 11, 30)], "the notes' 'next week', not 2099"
    assert result.celebrate == []


def test_an_openai_compatible_server_on_loopback_is_asked_for_the_schema(data_dir):
    fake = FakeOpenAI(["ok"], answer=json.dumps(suggestions()))
    try:
        svc = make_services(
            data_dir, provider="openai", openai_base_url=fake.url, openai_model="fake"
        )
        result = analyze(svc, GROUNDING_NOTES, MONDAY)
    finally:
        fake.close()
    assert "response_format" in fake.requests[0] or "tools" in fake.requests[0]
    assert result.extractor == "rules+model"
    assert {c.who for c in result.commitments} == {"Ana Lima", "Bruno Costa"}


def test_the_save_message_says_what_was_saved_where(svc):
    text = notes("03-cross-team-sync.md")
    report = save(svc, text, analyze(svc, text, MONDAY))
    message = report.summary()
    cheers = sum(c.startswith("follow-up: Congratulate") for c in report.created)
    follow_ups = sum(c.startswith("follow-up") for c in report.created) - cheers
    assert f"Saved {follow_ups} follow-ups and {cheers} success" in message
    assert "to celebrate (Follow-ups tab)" in message
    assert "1 new peer: Jordan Lee (Peers tab)" in message
    assert "so the chat can cite them" in message and "item(s)" not in message


def test_a_commitment_label_shows_the_task_its_owner_and_its_deadline(svc):
    from coach.services.render import item_labels

    result = analyze(svc, "Sync with Lena\n\nLena will send the pricing copy ASAP.", MONDAY)
    assert item_labels(result)["commitments"] == ["1. Lena Park → me: Send the pricing copy (ASAP)"]
