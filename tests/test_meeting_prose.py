"""Action items written as prose, the way minutes-takers write them: each example is written in
the style of public minutes (not copied from any) and names the owner a user would see."""

from datetime import date

import pytest

from coach.domain.extract import extract

MEETING = date(2026, 3, 23)  # a Monday
HEADER = "# Infra sync\n\nAttendees: Tom Reed, Ana Lima, Sarah Cole\n\n"


def actions(body: str) -> list[tuple[str | None, str]]:
    result = extract(HEADER + body + "\n", MEETING, [])
    return [(c.who, c.as_written or c.what) for c in result.commitments]


def only(body: str):
    [action] = extract(HEADER + body + "\n", MEETING, []).commitments
    return action


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("Sarah has to renew the domain before it lapses.", "Sarah Cole"),
        ("Tom takes the action to update the FAQ.", "Tom Reed"),
        ("Tom took the action item to update the FAQ.", "Tom Reed"),
        ("Lin said she would send a summary to the list.", "Lin"),
        ("Ana mentioned that she will draft the charter.", "Ana Lima"),
        ("Carlos asked Mei to file an issue for the crash.", "Mei"),
        ("The chair invited Sarah to prepare the budget slides.", "Sarah Cole"),
        ("trackbot, action Tom to review the test plan", "Tom Reed"),
        ("action ana to bump the version", "Ana Lima"),
    ],
)
def test_prose_promises_are_credited_to_whoever_will_act(line, owner):
    assert only(line).who == owner


def test_she_or_he_in_a_promise_is_the_person_named_just_before():
    action = only("Ana looked at the docs, which are stale. She will rewrite the intro.")
    assert action.who == "Ana Lima"
    assert "rewrite the intro" in action.what


def test_a_pronoun_with_nobody_named_before_is_no_one_in_particular():
    assert actions("She will rewrite the intro.") == []


@pytest.mark.parametrize(
    "line",
    [
        "We will have him present the roadmap at the next meeting.",
        "Need to update the docs before the release.",
        "Someone needs to update the contributor guide.",
        "After the August call we will evaluate the meeting cadence.",
        "Let's publish the recording on the channel.",
        "TODO migrate the CI to the new runners",
        "TODO: migrate the CI to the new runners",
    ],
)
def test_group_and_subjectless_actions_stay_ownerless(line):
    assert only(line).who is None


@pytest.mark.parametrize(
    "body",
    [
        "## Homework\n\n- read the governance draft\n",
        "Action points:\n\n- read the governance draft\n",
        "### to do\n\n* read the governance draft\n",
    ],
)
def test_items_under_any_action_heading_are_actions(body):
    assert [w for _, w in actions(body)] == ["read the governance draft"]


def test_a_speaker_label_on_an_action_item_is_its_owner():
    body = "ACTIONS:\n- Tom - update the wiki\n- Ana: migrate the build\n"
    assert actions(body) == [
        ("Tom Reed", "Tom - update the wiki"),
        ("Ana Lima", "migrate the build"),
    ]


def test_a_checkbox_starting_with_a_handle_belongs_to_that_handle():
    assert only("- [ ] @sarah review the budget").who == "Sarah Cole"


def test_a_bold_name_on_a_checkbox_owns_it():
    assert only("- [ ] **Tom**: send the invite").who == "Tom Reed"


def test_a_trackbot_action_has_its_owner_and_due_date():
    action = only(
        "<trackbot> Created ACTION-45 - Review the a11y spec [on Ana Lima - due 2026-04-02]."
    )
    assert (action.who, action.what, action.due) == (
        "Ana Lima",
        "Review the a11y spec",
        date(2026, 4, 2),
    )


# --- not actions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Tom presented the roadmap.",
        "Tom merged the PR for the installer.",
        "Tom is working on the installer.",
        "It was decided that we will move to a monthly cadence.",
        "Resolved: adopt the new logo.",
        "The group agreed to move the meeting to Tuesdays.",
        "Let's move on to the next topic.",
        "Let's assume that is out of scope for now.",
        "Tom wants to hear everyone's thoughts on the bindists.",
        "Tom: So now I will share my screen.",
        "Ana: I will be asking people to volunteer as note takers.",
        "Ana: I will go through the slides quickly.",
    ],
)
def test_status_decisions_and_things_done_in_the_meeting_are_not_actions(line):
    assert actions(line) == []


# --- due dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "due"),
    [
        ("Ana to send the report within two weeks.", date(2026, 4, 6)),
        ("Ana will send the report next Tuesday.", date(2026, 3, 31)),
        ("Ana will send the report by 10 April.", date(2026, 4, 10)),
        ("Tom will circulate the notes by Friday 3/27.", date(2026, 3, 27)),
    ],
)
def test_due_dates_without_a_year_or_relative_to_the_meeting(line, due):
    assert only(line).due == due


def test_by_the_next_meeting_is_the_next_meetings_stated_date():
    body = (
        "Tom to present the load-test results by the next meeting.\n\n"
        "The next meeting will be on Thursday, April 9th.\n"
    )
    assert only(body).due == date(2026, 4, 9)


def test_by_the_next_meeting_with_no_date_stated_has_no_due_date():
    assert only("Tom to present the load-test results by the next meeting.").due is None


def test_a_next_meeting_date_written_before_the_words_gives_by_the_next_meeting_its_date():
    body = (
        "Tom to present the load-test results by the next meeting.\n\n"
        "- 9th of April is the next meeting.\n"
    )
    assert only(body).due == date(2026, 4, 9)


def test_an_item_wrapped_into_quoted_lines_is_one_action_with_its_due_date():
    body = (
        "-   Tom will draft the hiring plan with a focus on what\n"
        "    > the team needs, to be ready by Friday.\n"
    )
    action = only(body)
    assert (action.who, action.due) == ("Tom Reed", date(2026, 3, 27))


@pytest.mark.parametrize(
    ("line", "due"),
    [
        ("Tom will fix the flaky test by the end of next week.", date(2026, 4, 3)),
        ("Tom will fix the flaky test by the weekend.", date(2026, 3, 27)),
        ("Tom will fix the flaky test over the weekend.", date(2026, 3, 29)),
        ("Tom will fix the flaky test on the 30th.", date(2026, 3, 30)),
    ],
)
def test_week_ends_weekends_and_a_bare_day_of_the_month_are_due_dates(line, due):
    assert only(line).due == due


@pytest.mark.parametrize(
    "line",
    ["Tom will fix the flaky test ASAP.", "Tom will fix the flaky test by end of sprint."],
)
def test_a_deadline_with_no_date_in_it_sets_no_due_date(line):
    assert only(line).due is None


def test_a_deadline_with_no_date_in_it_is_kept_in_words_beside_the_task():
    action = only("Tom will fix the flaky test ASAP.")
    assert (action.what, action.due_text) == ("Fix the flaky test", "ASAP")


# --- how a commitment reads: the task, with owner and date shown apart ---------------------


@pytest.mark.parametrize(
    ("line", "task"),
    [
        ("Omar will send the revised deck by Friday.", "Send the revised deck"),
        ("Tom to redline the contract", "Redline the contract"),
        ("Ana Lima said she would write up the outage", "Write up the outage"),
        ("Sarah's going to follow up with the vendor", "Follow up with the vendor"),
        ("ACTION: Tom - rotate the staging keys", "Rotate the staging keys"),
        ("I'll book the room for the offsite", "Book the room for the offsite"),
    ],
)
def test_a_commitment_reads_as_the_task_without_its_owner_or_due_date(line, task):
    body = "Attendees: Omar Haddad\n\n" + line
    assert only(body).what == task


def test_the_notes_own_words_for_a_commitment_are_kept_beside_the_task():
    action = only("Omar will send the revised deck by Friday.")
    assert action.as_written == "Omar will send the revised deck by Friday."


def test_a_joint_promise_keeps_both_names_in_the_task():
    assert only("Tom and Ana will pair on the migration.").what.startswith("Tom and Ana")


def test_where_a_task_happens_stays_in_it():
    assert only("Tom to demo the dashboard at the next meeting.").what == (
        "Demo the dashboard at the next meeting"
    )


# --- action sections: what sits under an item, who a label names --------------------------


def test_progress_notes_under_an_action_item_are_not_new_actions():
    body = (
        "## Action items\n\n"
        "* Ana to set up the staging cluster\n"
        "    * Update 2026-02-12: request sent to the hosting team, no reply yet.\n"
        "    * Update 2026-03-02: cluster running, access still unclear.\n"
        "    * [Ana] Still pending, will come back to this soon.\n"
    )
    assert actions(body) == [("Ana Lima", "Ana to set up the staging cluster")]


def test_a_name_label_on_an_action_item_owns_it_even_when_the_text_names_someone_else():
    body = "## Action items\n\n* Tom: Priya to introduce Tom to the hosting provider\n"
    assert only(body).who == "Tom Reed"


@pytest.mark.parametrize("group", ["TC", "SC", "TSC", "WG"])
def test_a_committee_tagged_as_owner_is_nobody_in_particular(group):
    body = f"## Action items\n\n* Add all members to the mailing lists ({group})\n"
    assert only(body).who is None
    assert group not in {p.name for p in extract(HEADER + body, MEETING, []).people}


def test_a_short_action_nested_under_a_topic_says_what_it_is_about():
    body = "- (Tom) PR 1234: faster CSV parser\n    - Thomas will do benchmarks\n"
    action = only(body)
    assert action.who == "Thomas"
    assert "CSV parser" in action.what


def test_a_tables_next_committee_meeting_due_is_that_meetings_date():
    body = (
        "| Topic | Action | Owner | Due |\n| --- | --- | --- | --- |\n"
        "| Budget | Share the budget draft | Ana Lima | At next Steering Committee meeting |\n\n"
        "Next Steering Committee meeting: April 8, 2026\n"
    )
    assert only(body).due == date(2026, 4, 8)


def test_a_list_introduced_by_name_will_is_that_persons_actions():
    body = (
        "Tom will:\n\n- Remove the legacy exporter\n- Deprecate the old flags in the CLI\n"
        "- The exporter may live in a single class; still undecided.\n\n"
        "Additionally, he will bring a new iteration back for review.\n"
    )
    found = actions(body)
    assert [who for who, _ in found] == ["Tom Reed"] * 3
    assert [w.split()[0] for _, w in found] == ["Remove", "Deprecate", "Additionally,"]


def test_a_heading_that_mentions_ai_is_not_an_action_items_heading():
    body = "## AI workflows\n\n* Classify incoming issues\n* Summaries of build results\n"
    assert actions(body) == []


def test_an_ais_heading_is_an_action_items_heading():
    assert only("## AIs\n\n* Tom to rerun the nightly build\n").who == "Tom Reed"


def test_a_named_next_meeting_date_gives_to_the_next_meeting_its_date():
    body = (
        "* Tom to invite the packaging group to the next meeting.\n\n"
        "The April meeting will be held at 8AM PST on Monday, April 6, 2026.\n"
    )
    assert only(body).due == date(2026, 4, 6)


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("Discuss the release timeline with legal (Action: Tom)", "Tom Reed"),
        ("Update the governance doc -> Ana", "Ana Lima"),
        ("Tom is tasked with updating the FAQ.", "Tom Reed"),
        ("Tom is in charge of booking the venue.", "Tom Reed"),
        ("Assigned to Ana: migrate the wiki.", "Ana Lima"),
        ("☐ Tom to update the website", "Tom Reed"),
    ],
)
def test_more_ways_minutes_name_an_owner(line, owner):
    assert only(line).who == owner


@pytest.mark.parametrize(
    "line",
    [
        "The chairs will schedule an interim meeting.",
        "The editors will publish a new draft.",
        "Staff was directed to prepare a cost estimate.",
        "Council directed staff to prepare a cost estimate.",
        "Volunteers needed to review the translations.",
    ],
)
def test_roles_and_staff_directions_are_actions_with_no_person_as_owner(line):
    assert only(line).who is None


@pytest.mark.parametrize(
    "line",
    ["The board will vote on the budget next month.", "The group will reconvene in two weeks."],
)
def test_a_body_meeting_or_voting_is_not_an_action(line):
    assert actions(line) == []


# --- transcripts and meeting bots ----------------------------------------------------------


def test_a_scribes_action_line_is_the_named_persons_action():
    assert only("<scribe> ACTION: ana to send the agenda").who == "Ana Lima"


def test_a_speaker_with_an_affiliation_is_still_the_speaker():
    action = only("Tom Reed (Acme): I'll send the proposal to the list tomorrow.")
    assert (action.who, action.due) == ("Tom Reed", date(2026, 3, 24))


def test_he_d_in_reported_speech_is_a_promise():
    assert only("Tom said he'd look into the flaky build.").who == "Tom Reed"


def test_several_owners_on_one_next_steps_line_are_several_actions():
    found = actions("Next steps: Tom to write a proposal; Ana to review it.")
    assert [who for who, _ in found] == ["Tom Reed", "Ana Lima"]


def test_a_parenthesised_name_leading_an_action_item_is_its_owner():
    assert only("## Actions\n\n- (Tom) - Summarize the feedback into an issue.\n").who == "Tom Reed"


def test_a_first_name_shared_by_two_attendees_is_one_mention_not_many_people():
    notes = (
        "Attendees: Matt Setter, Matt Oliver\n\n"
        "Matt asked about branch protection. Matt noted the default. Matt agreed.\n"
    )
    names = [p.name for p in extract(notes, MEETING, []).people]
    assert names.count("Matt") <= 1


@pytest.mark.parametrize(
    "line",
    [
        "As Executive Director, Sarah Cole summarized the year.",
        "An auditor from Trail of Bits presented the findings.",
    ],
)
def test_roles_and_the_end_of_an_organisations_name_are_not_people(line):
    names = {p.name for p in extract(HEADER + line, MEETING, []).people}
    assert names <= {"Tom Reed", "Ana Lima", "Sarah Cole"}


def test_a_subjectless_plan_under_a_persons_own_heading_is_theirs():
    notes = (
        "### Individual updates\n\n#### Keyan\n\n"
        "* Error code work is finished!\n* Will start working on a new codemod.\n"
    )
    [action] = extract(notes, MEETING, []).commitments
    assert (action.who, action.as_written) == ("Keyan", "Will start working on a new codemod.")


def test_a_topic_heading_is_not_a_person_with_plans():
    notes = "### Standard Library Reform\n\n* Will try to have more conversations about it.\n"
    assert all(c.who is None for c in extract(notes, MEETING, []).commitments)


def test_ticked_agenda_items_outside_an_action_list_are_not_open_actions():
    notes = "## Agenda\n\n* [x] MRB: governance changes\n* [x] Conda ticket triage changes\n"
    assert extract(notes, MEETING, []).commitments == []


def test_i_will_under_a_persons_labelled_item_is_that_persons_promise():
    notes = (
        "Attendees: Matt Becker (MRB), Cheng Lee\n\n## Agenda\n\n"
        "* [x] MRB: core team emeritus invites\n"
        "    * I will be making the PR today for folks who have not responded.\n"
    )
    [action] = extract(notes, MEETING, []).commitments
    assert (action.who, action.due) == ("Matt Becker", MEETING)


def test_commas_inside_an_attendees_brackets_do_not_split_the_person():
    notes = "### Attendees\n\n* Keyan (React, intern)\n* Dan (React)\n"
    assert {p.name for p in extract(notes, MEETING, []).people} == {"Keyan", "Dan"}


@pytest.mark.parametrize(
    "line",
    [
        "We should consider the system as a whole before choosing.",
        "We need to think through all of the details.",
        "We should keep in mind that neutrality matters.",
        "If these are insufficient, we should reconsider the approach.",
        "Please feel free to discuss these notes in the pull request.",
        "Please fill out the sign-in form.",
        "Please do not edit the notes on GitHub directly.",
    ],
)
def test_deliberation_conditions_and_housekeeping_are_not_actions(line):
    assert actions(line) == []


def test_a_group_promise_with_a_concrete_verb_is_still_an_action():
    assert only("We should update the install page before the release.").who is None


@pytest.mark.parametrize(
    "line",
    [
        "We'll reach out shortly to the sponsor members for quotes.",
        "Next steps are to migrate the other repos and disable the old CI.",
        "Steering team please provide your marketing contact by Friday.",
        "Since there is time before the release, please plan a webinar.",
    ],
)
def test_more_group_actions_stay_ownerless(line):
    assert only(line).who is None


def test_please_speak_up_is_housekeeping():
    assert actions("Remote attendees: Please speak up if you cannot hear.") == []


# --- meeting bots and civic minutes --------------------------------------------------------


def test_a_meetbot_action_naming_a_nick_then_a_verb_is_the_nicks():
    assert only("[16:03] <chair> #action pbrobinson send patch to infra list").who == ("pbrobinson")


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("Action on Tom to update the FAQ.", "Tom Reed"),
        ("Tom has an action to update the FAQ.", "Tom Reed"),
        ("Tom: Action on me to update the FAQ.", "Tom Reed"),
    ],
)
def test_action_on_someone(line, owner):
    assert only(line).who == owner


@pytest.mark.parametrize(
    "line",
    [
        "Commissioner Smith requested that staff provide a cost breakdown.",
        "Councilmember Ortiz asked staff to look into the streetlight outage.",
        "The City Manager will report back on the parking study in May.",
    ],
)
def test_directions_to_staff_and_officers_are_ownerless_actions(line):
    assert only(line).who is None


def test_a_motion_is_not_an_action():
    assert actions("Motion by Smith, seconded by Jones, to approve the minutes. Carried.") == []


def test_an_owner_line_after_the_attendees_does_not_make_them_an_action():
    assert actions("Owner: Tom") == []


@pytest.mark.parametrize(
    "line", ["Ana will draft the RFC by next month.", "Ana will draft it by month end."]
)
def test_month_is_not_monday(line):
    assert only(line).due is None


def test_a_misspelt_weekday_is_still_that_day():
    assert only("Ana will send the draft by Fridat.").due == date(2026, 3, 27)


@pytest.mark.parametrize(
    ("line", "due"),
    [
        ("Ana will have the fix ready for review in ~24h.", date(2026, 3, 24)),
        ("Ana will revisit the pricing in two months.", date(2026, 5, 23)),
        ("Ana to publish the survey results within 10 days.", date(2026, 4, 2)),
    ],
)
def test_due_in_hours_days_and_months(line, due):
    assert only(line).due == due


def test_a_running_document_takes_the_meeting_date_from_its_dated_heading():
    notes = (
        "# Technical Committee Meetings 2023\n\n## Logistics\n\n* When: every other Thursday\n\n"
        "## Agenda and notes\n\n### January 11, 2023\n\n* Ana to update the invite\n"
    )
    assert extract(notes, MEETING, []).meeting_date == date(2023, 1, 11)


def test_an_action_table_numbering_its_rows_reads_the_description_and_its_owner():
    body = (
        "## Action Items\n\n| Action Item | Description |\n|---|---|\n"
        "| **12.1** | Tom to share the testnet schedule on the forum |\n"
        "| **12.2** | Client teams to prepare releases by March 30 |\n"
    )
    first, second = extract(HEADER + body, MEETING, []).commitments
    assert (first.who, first.as_written) == (
        "Tom Reed",
        "Tom to share the testnet schedule on the forum",
    )
    assert (second.who, second.due) == (None, date(2026, 3, 30))


def test_an_em_dash_after_a_name_in_an_action_list_names_the_owner():
    assert only("### Action items\n\n* Ana — circulate the survey\n").who == "Ana Lima"


def test_lower_case_handles_taking_turns_are_speakers_whose_promises_are_theirs():
    notes = (
        "scottmcm: I think this is fine.\nnikomatsakis: agreed, mostly.\n"
        "pnkfelix: what about the lint?\nscottmcm: I can write up the summary.\n"
        "nikomatsakis: sounds good, I'll review the draft tomorrow.\npnkfelix: ok.\n"
    )
    found = {c.who for c in extract(notes, MEETING, []).commitments}
    assert found == {"scottmcm", "nikomatsakis"}


def test_every_name_colon_line_under_an_action_label_is_an_action():
    body = "Action Items (owner):\n  Tom: send the budget\n  Ana: review the lease\n"
    assert actions(body) == [("Tom Reed", "send the budget"), ("Ana Lima", "review the lease")]


def test_word_processor_o_bullets_are_list_items():
    assert only("Follow up items\no Tom to send the budget\n").who == "Tom Reed"


@pytest.mark.parametrize(
    "line",
    [
        "**Tom Reed** (00:12:30): I'll send the deck after the call.",
        "Tom Reed [00:12]: I'll send the deck after the call.",
        "[00:12:30] Tom Reed: I'll send the deck after the call.",
    ],
)
def test_a_speaker_with_a_timestamp_is_still_the_speaker(line):
    assert only(line).who == "Tom Reed"


@pytest.mark.parametrize(
    "line",
    [
        "Tom will update the FAQ and Ana will review it by Friday.",
        "Tom will update the FAQ, and Ana will schedule the review.",
    ],
)
def test_two_owners_promising_in_one_sentence_are_two_actions(line):
    assert [who for who, _ in actions(line)] == ["Tom Reed", "Ana Lima"]


def test_two_owners_sharing_one_task_are_one_action():
    assert [who for who, _ in actions("Tom and Ana will pair on the migration.")] == ["Tom Reed"]


@pytest.mark.parametrize("line", ["AI on Tom to update the FAQ.", "➡️ Tom to update the FAQ"])
def test_ai_on_someone_and_arrow_bullets(line):
    assert only(line).who == "Tom Reed"


@pytest.mark.parametrize(
    ("notes", "owner"),
    [
        ("Zhang will benchmark the new allocator.", "Zhang"),
        ("In Firefox we use JSON schemas.\nFirefox will deprecate the old namespace.", None),
        ("Aim to make the project financially independent.", None),
    ],
)
def test_an_unknown_capitalised_word_owns_a_task_only_when_it_is_not_a_thing(notes, owner):
    found = extract(notes, MEETING, []).commitments
    assert [c.who for c in found if c.who] == ([owner] if owner else [])


def test_lettered_items_under_a_numbered_action_heading_with_wrapped_lines():
    body = (
        "3. Action items\n\n   a) Tom to send the report to the board\n      by next Friday.\n"
        "   b) Ana will update the wiki page with the\n      new schedule.\n"
    )
    found = extract(body, MEETING, []).commitments
    assert [(c.who, c.due) for c in found] == [("Tom", date(2026, 3, 27)), ("Ana", None)]
    assert found[1].as_written.endswith("new schedule.")


def test_parenthesised_numbers_are_list_items():
    assert [
        w for w, _ in actions("ACTION ITEMS:\n(1) Tom to send it.\n(2) Ana to check it.\n")
    ] == [
        "Tom Reed",
        "Ana Lima",
    ]


def test_a_conditional_request_to_everyone_is_an_action():
    assert only("If you know of any talks, please send them to Tom.").who is None


def test_a_capitalised_noun_before_to_verb_is_a_purpose_not_a_person():
    notes = "### Standing items\n\n* Outreach to invite more organizations to join\n"
    result = extract(notes, MEETING, [])
    assert [c.who for c in result.commitments] == [] and result.people == []


def test_notes_typed_all_in_lower_case_stay_one_line_each():
    notes = (
        "weekly sync w/ marco and ravi\nmarco shipped the new quoting tool yesterday\n"
        "i will pair with ravi on the upgrade plan next week\n"
    )
    [action] = extract(notes, MEETING, []).commitments
    assert action.as_written.startswith("i will pair with ravi")


# --- commitments with no action marker ---------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Sarah, would you be willing to write up the proposal?",
        "Sarah, could you send the slides to the list?",
        "Sarah, please update the wiki page.",
    ],
)
def test_a_request_to_a_named_person_is_their_action(line):
    assert only(line).who == "Sarah Cole"


def test_an_owner_in_brackets_owns_the_item():
    body = "- New maintainers\n    - Priya (Tom will invite)\n"
    assert only(body).who == "Tom Reed"


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("Ana volunteered, and plans on rewriting the intro next week.", "Ana Lima"),
        ("Tom is taking the lead on the migration plan.", "Tom Reed"),
    ],
)
def test_volunteering_and_taking_the_lead_are_promises(line, owner):
    assert only(line).who == owner


def test_work_that_needs_to_be_done_is_an_ownerless_action():
    action = only("- The export is slow on big files, and this needs to be fixed.")
    assert action.who is None


def test_a_remark_about_what_sometimes_has_to_be_done_is_not_an_action():
    assert actions("Matthew noted that there is nothing that needs to be migrated.") == []


def test_an_imperative_bullet_under_a_discussion_topic_is_an_ownerless_task():
    body = "## Caching\n\n- Cold starts\n    - Investigate warming the cache on deploy\n"
    [(who, what)] = actions(body)
    assert who is None and what.startswith("Investigate warming the cache")


@pytest.mark.parametrize(
    "body",
    [
        "## Agenda\n\n- Review the quarterly numbers\n- Review the hiring plan\n",
        "## Caching\n\n- Update on the cache rollout\n",
        "## Caching\n\n- Open source code will not include the vendor SDK\n",
        "## Caching\n\n- Review the rollout plan\n    - Looks fine to everyone\n",
    ],
)
def test_agenda_topics_and_noun_phrases_are_not_imperative_tasks(body):
    assert actions(body) == []


@pytest.mark.parametrize(
    "line",
    [
        "Decision: we will use Postgres for the event store.",
        "Resolved: we should adopt the new template.",
        "Concern: the team will miss the deadline.",
        "Sarah is worried we need to hire before the launch.",
    ],
)
def test_decisions_and_worries_are_not_listed_as_ownerless_promises(line):
    assert actions(line) == []


def test_a_named_task_under_a_decision_label_is_still_theirs():
    assert only("Decision: Tom to adjust the rollout plan.").who == "Tom Reed"


@pytest.mark.parametrize(
    "line",
    [
        "Sarah would circulate the draft before the next meeting.",
        "Sarah undertook to contact the auditors.",
        "Sarah was asked to contact the auditors.",
        "Sarah kindly agreed to contact the auditors.",
        "Sarah committed to contacting the auditors.",
    ],
)
def test_minutes_in_the_past_tense_still_credit_the_promise(line):
    assert only(line).who == "Sarah Cole"


def test_would_like_is_a_wish_not_a_promise():
    assert actions("Sarah would like the team to be more careful.") == []


@pytest.mark.parametrize(
    "line",
    ["Sarah: Happy to take that.", "Sarah: let me check with the vendor.", "Sarah: Will do."],
)
def test_a_speaker_taking_something_on_is_their_promise(line):
    assert only(line).who == "Sarah Cole"


# --- duties stated loosely: a closing name tag, "needs review" ------------------------------


def test_a_duty_with_a_closing_name_tag_is_that_persons_action():
    action = only("- The release checklist should be updated before the freeze. (Sarah)\n")
    assert (action.who, action.what) == (
        "Sarah Cole",
        "The release checklist should be updated before the freeze",
    )


def test_a_closing_tag_naming_a_place_makes_no_owner():
    assert actions("- The offsite will be held downtown. (Lisbon)\n") == []


def test_a_fact_with_a_closing_name_tag_is_not_an_action():
    assert actions("- The dashboard was slow last week. (Sarah)\n") == []


def test_needs_review_under_a_topic_is_an_ownerless_review_of_that_topic():
    body = "- Pull request 42: faster CSV import\n    - Needs review\n"
    [(who, what)] = actions(body)
    assert who is None and "faster CSV import" in what


def test_a_promise_after_a_condition_belongs_to_the_person_named_before():
    body = "Tom could not reach the bank. Once the balance is known, he will send the totals.\n"
    assert only(body).who == "Tom Reed"


def test_she_in_a_promise_can_mean_the_person_two_sentences_back():
    body = (
        "Further, Sarah heard back from the venue. They asked for a deposit. "
        "She will confirm the booking.\n"
    )
    assert only(body).who == "Sarah Cole"


def test_all_agreeing_to_investigate_is_an_ownerless_task():
    [(who, what)] = actions("- All agreed to investigate the cost of a shared runner.\n")
    assert who is None and "shared runner" in what


def test_agreeing_to_use_a_tool_is_a_decision_not_a_task():
    assert actions("- We agreed to use the hosted runner from now on.\n") == []


def test_an_html_comment_in_the_notes_is_not_an_action():
    assert actions("## Action items\n\n<!-- Links: labels -->\n") == []


def test_a_bare_link_under_action_items_is_not_an_action():
    assert actions("## Action items\n\n- https://example.org/board/42\n") == []


def test_a_promise_that_only_says_do_that_names_the_topic_it_sits_under():
    body = "### Retry logic for uploads\n\nTom: I can do that this week.\n"
    [(who, what)] = [(c.who, c.what) for c in extract(HEADER + body, MEETING, []).commitments]
    assert who == "Tom Reed" and what.endswith("(re: Retry logic for uploads)")


def test_a_known_name_then_a_bare_verb_is_that_persons_task():
    assert actions("- Sarah contact the landlord about the lease\n") == [
        ("Sarah Cole", "Sarah contact the landlord about the lease")
    ]


def test_a_known_name_then_a_past_tense_verb_is_a_report():
    assert actions("- Sarah contacted the landlord about the lease\n") == []


def test_a_name_label_over_a_lower_case_verb_in_a_list_is_an_assignment():
    [(who, _)] = actions("- Sarah: ping the landlord about the lease\n")
    assert who == "Sarah Cole"


def test_this_evening_is_due_on_the_meeting_day():
    assert only("Tom to send the cash projection this evening.").due == MEETING


def test_a_table_with_an_assignee_and_a_deadline_reads_its_first_column_as_the_task():
    body = (
        "| Name | Assigned To | Deadline |\n| --- | --- | --- |\n"
        "| Load-test report | Sarah | Friday, 3/27 |\n"
    )
    action = only(body)
    assert (action.who, action.what, action.due) == (
        "Sarah Cole",
        "Load-test report",
        date(2026, 3, 27),
    )


def test_a_promise_after_a_double_dash_that_says_set_this_up_keeps_the_task_before_it():
    action = only("Share the slides on the wiki -- Sarah will set this up\n")
    assert action.who == "Sarah Cole" and "slides on the wiki" in action.what


def test_items_under_initial_steps_are_actions():
    assert actions("Initial steps:\n\n+ Write a tutorial on the scheduler\n") == [
        (None, "Write a tutorial on the scheduler")
    ]
