"""The meeting-notes extractor on the shapes real minutes take: each example is written in the
style of public minutes (not copied from any), and names what a user would see."""

from datetime import date, datetime

import pytest

from coach.domain.extract import extract
from coach.domain.peers import PeerView

MEETING = date(2026, 3, 23)  # a Monday


def analyse(text: str, peers: list[PeerView] | None = None, when: date = MEETING):
    return extract(text, when, peers or [])


def owners(text: str, **kw) -> dict[str, str | None]:
    """the notes' words (first 25) -> owner, for each action the notes hold."""
    return {(c.as_written or c.what)[:25]: c.who for c in analyse(text, **kw).commitments}


def people(text: str) -> set[str]:
    return {p.name for p in analyse(text).people}


def peer(name: str, team: str = "") -> PeerView:
    now = datetime(2026, 1, 1)
    return PeerView(id=name, name=name, team=team, created_at=now, updated_at=now)


# --- action items and their owners ---------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("ACTION: Sangwhan to go through the open issues before the next call", "Sangwhan"),
        ("Action Item for Michael: write up the release checklist", "Michael"),
        ("[ACTION] Dyck to draft the charter text", "Dyck"),
        ("**ACTION**: Pari to ask the infra team about quotas", "Pari"),
        ("AI(Jordan): book the room for the workshop", "Jordan"),
        ("AI for Bob: rerun the benchmark on the new hardware", "Bob"),
        ("Could we get the logs uploaded today! [ACTION] sam", "sam"),
        ("#action kim to send the agenda to the list", "kim"),
        ("- [ ] update the contributor guide (@erickzhao)", "erickzhao"),
        ("@MarshallOfSound will land the backport", "MarshallOfSound"),
    ],
)
def test_an_action_line_is_credited_to_the_person_it_names_never_to_me(line, owner):
    [action] = analyse(f"# Weekly call\n\n{line}\n").commitments
    assert action.who == owner


def test_initials_in_an_action_are_the_attendee_they_abbreviate():
    notes = "Attendees: Bob Wilson, Ana Lima\n\nACTION BW: review the migration PR\n"
    [action] = analyse(notes).commitments
    assert action.who == "Bob Wilson"


def test_an_action_with_no_owner_named_stays_ownerless():
    [action] = analyse(
        "## Action items\n\n* Update the wiki page with the new schedule\n"
    ).commitments
    assert action.who is None


def test_an_owner_column_in_a_table_owns_the_row():
    notes = (
        "| Action | Owner | Due |\n| --- | --- | --- |\n"
        "| Publish the minutes | Carla Mendes | Mar 27 |\n| Fix the CI badge | | |\n"
    )
    first, second = analyse(notes).commitments
    assert (first.who, first.due) == ("Carla Mendes", date(2026, 3, 27))
    assert second.who is None


def test_owner_lines_under_an_item_name_its_owner():
    notes = "- Reach out to the packaging maintainers\n    - Owner: Priscila\n"
    [action] = analyse(notes).commitments
    assert action.who == "Priscila" and "packaging maintainers" in action.what


def test_a_speaker_line_is_the_speakers_promise_even_with_a_curly_apostrophe():
    notes = "Yves: I’ll contact you about this after the call\nMarta: sounds good\n"
    [action] = analyse(notes).commitments
    assert action.who == "Yves"


def test_a_hard_wrapped_sentence_is_read_as_one_action():
    notes = (
        "Thomas will draft a response to Chris and the other reviewers of the spec and\n"
        "send it to the mailing list by Friday so that everyone can comment on it.\n"
    )
    [action] = analyse(notes).commitments
    assert action.who == "Thomas" and action.as_written.endswith("comment on it.")
    assert action.due == date(2026, 3, 27)


def test_minutes_that_repeat_an_action_in_a_summary_list_it_once():
    notes = (
        "* ACTION: lena to tag the release candidate  (chair, 16:43:08)\n\n"
        "Action Items\n------------\n* lena to tag the release candidate\n"
    )
    [action] = analyse(notes).commitments
    assert action.who == "lena" and action.as_written == "lena to tag the release candidate"


def test_face_to_face_is_not_a_person_with_a_commitment():
    result = analyse("Face to face meeting planned for June in Lisbon\n")
    assert result.people == [] and result.commitments == []


# --- people ----------------------------------------------------------------------------------


def test_an_attendee_list_under_a_heading_names_everyone_in_any_letters():
    notes = (
        "## Attendees\n\n* Łukasz Kowalczyk\n* Michaël Dubois (@mdubois)\n* Дмитрий Орлов\n"
        "* María José García\n* nikomatsakis\n\n## Notes\n\n* @mdubois shared the draft\n"
    )
    found = analyse(notes).people
    assert {p.name for p in found} == {
        "Łukasz Kowalczyk",
        "Michaël Dubois",
        "Дмитрий Орлов",
        "María José García",
        "nikomatsakis",
    }
    assert next(p for p in found if p.name == "Michaël Dubois").aliases == ["mdubois"]


def test_headings_organisations_and_title_case_phrases_are_not_people():
    notes = (
        "# Steering Committee\n\n## Upcoming Meetings\n\n## Term Limits\n\n"
        "The Open Tooling Foundation will sponsor the venue.\n"
        "Diagrams (David)\n"
    )
    assert people(notes) == {"David"}


def test_with_a_name_and_a_team_is_that_person_not_a_person_called_with():
    result = analyse("With Dana Kim (Finance) and Omar Haddad\nDana asked about the budget.\n")
    found = {p.name: p.team for p in result.people}
    assert found == {"Dana Kim": "Finance", "Omar Haddad": None}


def test_a_handle_and_a_full_name_of_the_same_person_are_one_person():
    notes = "Present: Jonas Weber, Priya Raman\n\njweber will add examples for the API.\n"
    result = analyse(notes)
    assert [p.name for p in result.people] == ["Jonas Weber", "Priya Raman"]
    assert result.commitments[0].who == "Jonas Weber"


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "due"),
    [
        ("Ravi will send the slides, deadline of Dec 7th", date(2026, 12, 7)),
        ("Ravi to file the report by Friday 3/27", date(2026, 3, 27)),
        ("Ravi will post the numbers EOD", MEETING),
        ("Ravi will write the summary this weekend", date(2026, 3, 29)),
    ],
)
def test_stated_due_dates_are_resolved_against_the_meeting(line, due):
    [action] = analyse(line).commitments
    assert action.due == due


def test_status_chatter_is_not_an_action_and_gets_no_due_date():
    notes = "## Action items\n\n* Nothing to talk about this week\n"
    assert analyse(notes).commitments == []


def test_the_date_at_the_top_of_the_notes_wins_over_the_forms_date():
    notes = "# Release WG — Tuesday, 4 March 2025\n\nMei will tag the release by Friday.\n"
    result = analyse(notes, when=date(2026, 11, 24))
    assert (result.meeting_date, result.date_text) == (date(2025, 3, 4), "Tuesday, 4 March 2025")
    assert result.commitments[0].due == date(2025, 3, 7)


def test_notes_with_no_date_use_the_forms_date():
    assert analyse("Mei will tag the release by Friday.").meeting_date == MEETING


# --- what is said about each person ---------------------------------------------------------


def test_each_person_keeps_the_sentences_that_mention_them_not_the_header():
    notes = "Sync with Ana Lima\nAna shipped the importer. The exporter is next.\nBudget is flat.\n"
    [ana] = analyse(notes).people
    assert ana.said == ["Ana shipped the importer."]


def test_a_worry_someone_voices_is_a_risk_to_pass_on():
    result = analyse("Dana Kim is worried the vendor contract slips to Q1.\n")
    [risk] = result.early_warnings
    assert risk.raised_by == "Dana Kim" and "slips to Q1" in risk.what


def test_a_team_mention_does_not_fan_out_to_every_member_of_a_big_team():
    support = [peer(f"Agent {i:03d}", "Support") for i in range(250)]
    notes = "Our data migration is running two weeks late; support depends on it"
    [warning] = analyse(notes, peers=support).early_warnings
    assert warning.who_depends == ["Support team"]


def test_a_title_and_a_surname_in_board_minutes_name_a_person():
    notes = "Motion by Councilmember Ortiz, seconded by Mayor Jones. Carried 5-0.\n"
    assert people(notes) == {"Ortiz", "Jones"}


@pytest.mark.parametrize(
    "notes",
    [
        "- \nafter an empty item\n- | t |\n| a | b |\n",
        "Present: , ,\n- Owner:\nACTION BW:\n* ACTION:\n",
        "Jean-  Luc will\nDate: 99/99/9999\nby Friday 13/13\ndue 2026-02-30\n",
    ],
)
def test_odd_fragments_are_analysed_without_failing(notes):
    assert analyse(notes).meeting_date == MEETING


# --- due dates said the way people say them --------------------------------------------------


@pytest.mark.parametrize(
    ("line", "due"),
    [
        ("Ravi will send the deck (EOD Wednesday)", date(2026, 3, 25)),
        ("Ravi will send the deck by Wednesday EOD", date(2026, 3, 25)),
        ("Ravi will send the deck by COB Thursday", date(2026, 3, 26)),
        ("Ravi will send the deck by tomorrow EOD", date(2026, 3, 24)),
    ],
)
def test_end_of_a_named_day_is_due_on_that_day_not_the_meeting_day(line, due):
    [action] = analyse(line).commitments
    assert action.due == due


@pytest.mark.parametrize(
    ("line", "due"),
    [
        ("Ravi will renew the certificate by Friday", date(2026, 3, 27)),
        ("Ravi will renew the certificate next Tuesday", date(2026, 3, 31)),
        ("Ravi will renew the certificate by end of month", date(2026, 3, 31)),
        ("Ravi will renew the certificate before the 15th", date(2026, 4, 15)),
        ("Ravi will renew the certificate by 2026-05-01", date(2026, 5, 1)),
        ("Ravi will renew the certificate in two weeks", date(2026, 4, 6)),
    ],
)
def test_common_due_phrases_resolve_against_the_meeting_date(line, due):
    [action] = analyse(line).commitments
    assert action.due == due


@pytest.mark.parametrize(
    ("line", "due"),
    [
        ("Ravi will close the books by the end of next month", date(2026, 4, 30)),
        ("Ravi will close the books by the end of June", date(2026, 6, 30)),
        ("Ravi will close the books by mid-May", date(2026, 5, 15)),
        ("Ravi will close the books by end of Q3", date(2026, 9, 30)),
        ("Ravi will close the books by the end of January", date(2027, 1, 31)),
    ],
)
def test_month_ends_and_middles_are_due_on_that_day(line, due):
    [action] = analyse(line).commitments
    assert action.due == due


def test_a_due_date_after_the_owner_tag_keeps_the_owner():
    notes = "## Action items\n- [ ] Pull the churn numbers (@ravi) by Friday\n"
    [action] = analyse(notes).commitments
    assert (action.who, action.due) == ("ravi", date(2026, 3, 27))


# --- owners named by handles and initials ---------------------------------------------------


def test_a_handle_of_first_and_last_name_is_that_peer():
    notes = "## Next steps\n- @chenwei to pull the churn numbers\n"
    result = analyse(notes, peers=[peer("Chen Wei", "Data"), peer("Marco Rossi")])
    [action] = result.commitments
    assert action.who == "Chen Wei"
    assert [(p.name, p.peer) for p in result.people] == [("Chen Wei", "Chen Wei")]


def test_a_handle_two_peers_could_share_is_left_as_written():
    notes = "## Next steps\n- @jlee to pull the churn numbers\n"
    [action] = analyse(notes, peers=[peer("Jo Lee"), peer("Jin Lee")]).commitments
    assert action.who == "jlee"


def test_a_speaker_label_of_initials_is_the_attendee_listed_with_them():
    notes = (
        "Attendees:\n- Ines Alvarez - Acme (IA)\n- Anna Page - Initech (APP)\n\n"
        "APP: I will chase the reviewer so we can merge it.\n"
    )
    [action] = analyse(notes).commitments
    assert action.who == "Anna Page"


@pytest.mark.parametrize("name", ["Olivier", "Xavier", "Didier"])
def test_given_names_ending_like_adjectives_can_own_actions(name):
    [action] = analyse(f"{name} will look at the flaky test.").commitments
    assert action.who == name


def test_an_action_point_for_someone_is_theirs():
    notes = "Attendees: Tom Reed (TR)\n\n**Action point for TR - draft the wording.**\n"
    [action] = analyse(notes).commitments
    assert (action.who, action.as_written) == ("Tom Reed", "draft the wording.")


# --- owners in action lists, however they are written --------------------------------------

TEAM = "Attendees: Lucia Gomez, Ravi Shah\n\n"


@pytest.mark.parametrize(
    "item",
    [
        "Lucia prepare the launch slides",
        "Prepare the launch slides. Owner: Lucia",
        "Prepare the launch slides (Lucia, 3/27)",
        "Lucia (Acme) to prepare the launch slides",
    ],
)
def test_an_action_list_item_names_its_owner_in_any_common_position(item):
    [action] = analyse(f"{TEAM}## Action items\n- {item}\n").commitments
    assert action.who == "Lucia Gomez"


def test_a_name_over_a_list_in_an_action_section_owns_each_item():
    notes = f"{TEAM}## Action items\n\n**Lucia**\n- prepare the slides\n\n**Ravi**\n- book a room\n"
    assert owners(notes) == {"prepare the slides": "Lucia Gomez", "book a room": "Ravi Shah"}


def test_a_role_before_an_attendee_is_not_part_of_the_name_and_the_company_is_no_person():
    notes = (
        "## Attendees\n\n- Chair: Ana Ruiz (Globex)\n- WG Tooling: Ben Ode (Initech)\n"
        "- WG Docs:\n\nAna Ruiz will send the agenda.\n"
    )
    assert people(notes) == {"Ana Ruiz", "Ben Ode"}


def test_a_struck_through_action_keeps_its_owner():
    notes = f"{TEAM}## Action items\n* ~~Ravi: Update the invite with the topic.~~\n"
    [action] = analyse(notes).commitments
    assert (action.who, action.as_written) == ("Ravi Shah", "Update the invite with the topic.")


# --- the meeting's own date ---------------------------------------------------------------


def test_a_date_line_in_the_notes_beats_the_pages_posting_date():
    notes = "---\ntitle: Board summary\ndate: 2026-03-30\n---\n\n# Notes\n\nDate: 2026-03-16\n"
    assert analyse(notes).meeting_date == date(2026, 3, 16)


def test_a_held_on_line_beats_the_pages_posting_date():
    notes = (
        '---\ndate: "2026-04-02"\n---\n\nMinutes of the Annual Meeting held in the Village Hall '
        "on Wednesday 18 March 2026\n\nPresent: Ana Lima, Tom Reed\n"
    )
    assert analyse(notes).meeting_date == date(2026, 3, 18)


def test_a_title_date_with_a_two_digit_year_is_the_meeting_date():
    notes = "#3/18/25 Kickoff call\n\nAttending: Ana, Tom\n"
    assert analyse(notes).meeting_date == date(2025, 3, 18)


# --- informal notes: emoji markers, sloppy headings, tasks under a person -------------------


def test_an_emoji_before_a_promise_does_not_hide_its_owner():
    [action] = analyse(f"{TEAM}* 👷 Ravi volunteered to triage the wood shop.\n").commitments
    assert action.who == "Ravi Shah"


def test_linking_words_before_a_name_are_not_part_of_it():
    [action] = analyse(
        f"{TEAM}Additionally Ravi will add the access info to the site.\n"
    ).commitments
    assert action.who == "Ravi Shah"


def test_tasks_under_a_todo_under_a_person_are_that_persons():
    notes = (
        f"{TEAM}## Updates\n\n- Lucia:\n    - Busy this week.\n    - Todo:\n"
        "        - Add a sketch of the bench.\n- Ravi:\n    - Todo:\n        - Fix the reward.\n"
    )
    assert owners(notes) == {
        "Add a sketch of the bench": "Lucia Gomez",
        "Fix the reward.": "Ravi Shah",
    }


def test_a_heading_naming_a_team_gives_its_actions_to_the_first_named():
    notes = f"{TEAM}##Budget team - Lucia, Ravi\n\n- ACTION: Set up the expense sheet\n"
    [action] = analyse(notes).commitments
    assert action.who == "Lucia Gomez"


def test_a_month_among_attendee_names_is_a_person():
    notes = "Attending the meeting: Adam, April, Bill\n\nApril to poke at the API.\n"
    [action] = analyse(notes).commitments
    assert action.who == "April"


def test_a_qualified_attendance_heading_lists_the_attendees():
    notes = "### Members in Attendance in Official Capacity\n- Dana Kim, Chair\n- Omar Haddad\n"
    assert people(notes) == {"Dana Kim", "Omar Haddad"}


def test_an_html_tag_at_the_start_of_a_line_is_no_speaker():
    notes = "<sup>[template] | [calendar]</sup>\n\nDana Kim will send the agenda.\n"
    assert people(notes) == {"Dana Kim"}


def test_a_status_tag_in_brackets_is_no_speaker():
    notes = "Attendees: Dana Kim\n\n- [WIP] Opening statements for the panel\n"
    assert people(notes) == {"Dana Kim"}


def test_a_list_ending_in_etc_names_things_not_people():
    notes = (
        "Attendees: Dana Kim\n\n- align with the other repos (docs, permissions, archive, etc)\n"
    )
    assert people(notes) == {"Dana Kim"}


STANDUP = "# Standup\n\nPresent: Dana Kim, Omar Haddad\n\n**Dana**\n"


def test_a_standup_plan_under_a_persons_name_is_their_commitment():
    [action] = analyse(STANDUP + "- Today: wire up the billing client\n").commitments
    assert (action.who, action.what) == ("Dana Kim", "Wire up the billing client")


def test_what_a_person_did_yesterday_in_a_standup_is_not_an_action():
    assert analyse(STANDUP + "- Yesterday: wired up the billing client\n").commitments == []


def test_a_standup_plan_of_none_is_not_an_action():
    assert analyse(STANDUP + "- Today: none\n").commitments == []


def test_items_under_a_this_week_label_in_a_persons_section_are_theirs():
    notes = (
        "# Weekly check-in\n\n## Priya\n\nLast week:\n\n- Profiled the importer\n\n"
        "This week:\n\n- Cache the parsed headers\n"
    )
    assert owners(notes) == {"Cache the parsed headers": "Priya"}


def test_items_under_a_today_item_belong_to_the_person_heading_them():
    notes = (
        "# Standup\n\n## Dana Kim\n- today:\n  - fix the login redirect\n"
        "## Omar Haddad\n- today:\n  - pair with Dana on the redirect\n"
    )
    assert owners(notes) == {
        "fix the login redirect": "Dana Kim",
        "pair with Dana on the red": "Omar Haddad",
    }


def test_a_next_week_plan_reads_the_owner_tag_before_an_effort_estimate():
    notes = (
        "# Sprint\n\nPresent: Dana Kim\n\n## Next week\n- add the export button (Dana) ~ 3 days\n"
    )
    assert owners(notes) == {"add the export button (Da": "Dana Kim"}


@pytest.mark.parametrize(
    ("title", "day"), [("# 2-26-2020", date(2020, 2, 26)), ("# 08-03-2022", date(2022, 3, 8))]
)
def test_a_dashed_date_in_the_title_is_the_meeting_date(title, day):
    assert analyse(f"{title}\n\nDana Kim will send the agenda.\n").meeting_date == day


def test_a_discourse_label_is_not_a_person():
    notes = "Attendees: Dana Kim\n\n- Idea: ask the landlord for the empty room\n"
    assert people(notes) == {"Dana Kim"}


def test_a_question_word_before_to_is_not_an_owner():
    notes = "Attendees: Dana Kim\n\n## Action items\n- Where to go next with the budget\n"
    assert people(notes) == {"Dana Kim"}


def test_an_imperative_verb_and_a_product_name_are_not_an_owner():
    notes = "# Sync\n\n## Omar\n\nThis week:\n\n- Modify Chromium to log draw calls\n"
    assert owners(notes) == {"Modify Chromium to log dr": "Omar"}


def test_a_standup_plan_listed_under_today_is_due_on_the_meeting_day():
    notes = "# Standup 2026-03-23\n\n## Dana Kim\n- today:\n  - fix the login redirect\n"
    [action] = analyse(notes).commitments
    assert action.due == date(2026, 3, 23)
