"""How the chat reads a request: route, person and slots, offline, with no model."""

from datetime import date, datetime

import pytest

from coach.domain.names import PeerFinder
from coach.domain.peers import PeerView
from coach.services.understand import looks_like_meeting_notes, understand

TODAY = date(2026, 11, 25)  # a Wednesday
MAP = [
    ("Dana Okafor", "Finance", "Finance business partner"),
    ("Kofi Mensah", "Legal", "Counsel"),
    ("Ines Duarte", "Product", "Product manager"),
    ("Bram Visser", "Sales", "Account executive"),
    ("Yuki Tanaka", "Design", "Designer"),
    ("Sofia Reyes", "Support", "Support lead"),
]


def peers():
    now = datetime(2026, 1, 1)
    return [
        PeerView(id=n, name=n, team=t, role=r, created_at=now, updated_at=now) for n, t, r in MAP
    ]


@pytest.fixture(scope="module")
def matcher():
    return PeerFinder(peers(), frozenset({"sofa", "then", "march"}))


def read(text, matcher, history=()):
    return understand(text, matcher, TODAY, None, history)


@pytest.mark.parametrize(
    "text, person",
    [
        ("give me an opener for Dana Okafor", "Dana Okafor"),
        ("give me an opener for dana", "Dana Okafor"),
        ("give me an opener for Okafor", "Dana Okafor"),
        ("give me an opener for Ine", "Ines Duarte"),
        ("give me an opener for Kofii", "Kofi Mensah"),
        ("give me an opener for our lawyer", "Kofi Mensah"),
        ("give me an opener for my finance partner", "Dana Okafor"),
        ("give me an opener for the PM", "Ines Duarte"),
        ("give me an opener for the sales rep", "Bram Visser"),
    ],
)
def test_one_name_matcher_knows_people_by_name_prefix_typo_and_role(matcher, text, person):
    u = read(text, matcher)
    assert (u.route, u.person) == ("opener", person)


def test_an_everyday_word_is_not_a_misspelt_name(matcher):
    assert matcher.find("we sat on the sofa and then left in march") == []


@pytest.mark.parametrize(
    "text, filter",
    [
        ("Who should I reach out to this week?", None),
        ("Which colleagues have I been neglecting lately?", "overdue"),
        ("Who am I overdue to contact?", "overdue"),
        ("who haven't I spoken to in ages", "overdue"),
        ("Who have I never met on my list?", "never_met"),
        ("anyone in finance I should connect with", "team:Finance"),
        ("which of the legal folks should I get to know", "team:Legal"),
        ("who on my focus list should I see", "focus"),
        ("which of my relationships are weakest, who first?", "weak"),
    ],
)
def test_who_next_requests_carry_their_filter(matcher, text, filter):
    u = read(text, matcher)
    assert (u.route, u.filter) == ("who_next", filter)


@pytest.mark.parametrize(
    "text, setting",
    [
        ("What can I talk about with Dana at lunch tomorrow?", "lunch"),
        ("How do I break the ice with Kofi?", None),
        ("Write a short Slack message to reconnect with Bram.", "message"),
        ("conversation starters for my 1:1 with Yuki", "meeting start"),
        ("what do I say if I bump into Ines in the hallway", "chance encounter"),
    ],
)
def test_opener_requests_carry_the_setting(matcher, text, setting):
    u = read(text, matcher)
    assert (u.route, u.setting) == ("opener", setting)


@pytest.mark.parametrize(
    "text, person, depth, topic",
    [
        (
            "I'd like Kofi's thoughts on my pricing proposal. How should I ask?",
            "Kofi Mensah",
            None,
            "my pricing proposal",
        ),
        (
            "quick gut check from Yuki on the checkout mockups",
            "Yuki Tanaka",
            "quick",
            "the checkout mockups",
        ),
        (
            "help me ask Ines for a detailed critique of my launch plan",
            "Ines Duarte",
            "deep",
            "my launch plan",
        ),
    ],
)
def test_feedback_requests_carry_person_depth_and_topic(matcher, text, person, depth, topic):
    u = read(text, matcher)
    assert (u.route, u.person, u.depth, u.topic) == ("feedback", person, depth, topic)


def test_plan_requests_go_to_the_weekly_plan(matcher):
    assert (
        read("Plan my week: budget review Tuesday, new hire joins Monday", matcher).route == "plan"
    )
    assert read("what's my game plan for the week", matcher).route == "plan"


def test_telling_what_happened_with_a_peer_offers_a_log(matcher):
    u = read("had coffee with Dana yesterday, she's worried about pricing", matcher)
    assert (u.route, u.person, u.kind, u.day) == (
        "log",
        "Dana Okafor",
        "lunch/coffee",
        date(2026, 11, 24),
    )
    ran = read("ran into Bram by the lifts on Monday, he closed the Acme deal", matcher)
    assert (ran.route, ran.kind, ran.day) == ("log", "chance encounter", date(2026, 11, 23))


@pytest.mark.parametrize(
    "text",
    [
        "a colleague who doesn't want to talk to me",
        "My teammate Rob keeps interrupting me, who should I talk to about it?",
        "How do I ask a peer for feedback on my launch plan?",
        "How do I start a conversation with someone in finance I barely know?",
        "is it weird to invite someone I barely know to lunch?",
    ],
)
def test_questions_about_people_outside_the_map_are_guidance(matcher, text):
    assert read(text, matcher).route == "guidance"


@pytest.mark.parametrize("peers_known", [True, False])
@pytest.mark.parametrize(
    "text",
    [
        "The new hire on my team keeps booking meetings over my focus time. I said something "
        "once and he laughed it off. Our lead likes him a lot. Who do I talk to first, him or "
        "the lead?",
        "I came back from a long secondment and the team has changed a lot. Half the people are "
        "new and the old group chat is dead. I used to know everyone and now I feel like a "
        "visitor in my own department. How can I rebuild connections without seeming needy?",
        "A peer in another office asked for my slides, then presented them at the all-hands "
        "under her name. Everyone congratulated her. Should I message her about it or let it go?",
    ],
)
def test_a_long_story_ending_in_a_question_is_guidance(matcher, text, peers_known):
    """Even with who-words inside and an empty map: a story asks for judgement, not a name."""
    reader = matcher if peers_known else PeerFinder([])
    assert read(text, reader).route == "guidance"


@pytest.mark.parametrize(
    "text, route",
    [
        ("could you help me with Yuki", "clarify"),
        ("thoughts on Bram", "clarify"),
        ("I'd like a quick read from Kofi on my vendor terms", "feedback"),
        ("hoping Dana will give me feedback on the forecast. how do I ask her", "feedback"),
        ("I've got about three hours free for people stuff this week, how should I use it", "plan"),
        ("I want to firm up the ties I only barely know. where do I start?", "who_next"),
        ("can you help me with someone at work", "clarify"),
        ("it's about Sofia, no idea what I need honestly", "clarify"),
        ("I want to ask Kofi how I handled the vendor escalation", "feedback"),
        ("draft me an outreach plan for the next three days", "plan"),
        ("which of my ties are worth investing in", "who_next"),
        ("a few relationships have gone lukewarm, which ones should I warm up", "who_next"),
        (
            "quick recap from the vendor call\nYuki said the mockups are ready for review\n"
            "we need legal to sign off before launch\nI'll send the summary to Bram\n"
            "launch pushed to March 3",
            "meeting",
        ),
    ],
)
def test_short_or_indirect_requests_reach_the_right_engine(matcher, text, route):
    assert read(text, matcher).route == route


def test_a_story_that_names_a_mapped_peer_is_about_that_peer(matcher):
    u = read(
        "a colleague who works with Ines asked me for an intro, what do I say to Ines?", matcher
    )
    assert (u.route, u.person) == ("opener", "Ines Duarte")


@pytest.mark.parametrize("text", ["Dana?", "help with Kofi", "feedback?"])
def test_a_request_that_could_mean_several_things_gets_a_clarifying_question(matcher, text):
    assert read(text, matcher).route == "clarify"


def test_meeting_notes_are_recognised_by_their_shape_not_an_intro(matcher):
    notes = "Sync w Bram 11/20\nBram: demo slips a week\nme: tell Yuki\n- next: recap Friday"
    assert read(notes, matcher).route == "meeting"
    questions = "Two questions:\n- how do I ask for feedback?\n- how do I say no?"
    assert not looks_like_meeting_notes(questions)
    assert not looks_like_meeting_notes("How do I run a good retro with my team?")
    laid_out = (
        "Context: I lead QA, two years in.\nIssue: my counterpart in ops keeps skipping our "
        "syncs.\nTried: moving the time, a shorter agenda.\nWhat would you do in my place?"
    )
    assert read(laid_out, matcher).route == "guidance"


def test_follow_ups_resolve_against_the_last_turn(matcher):
    first = "give me an opener for Dana"
    history = [("user", first), ("assistant", "**Openers for Dana Okafor** …")]
    other = read("and Kofi?", matcher, history)
    assert (other.route, other.person, other.follow_up) == ("opener", "Kofi Mensah", True)
    lunch = read("what about at lunch?", matcher, history)
    assert (lunch.route, lunch.person, lunch.setting) == ("opener", "Dana Okafor", "lunch")
    shorter = read("make it shorter", matcher, history)
    assert (shorter.route, shorter.shorter) == ("opener", True)
    unknown = read("and Kenji?", matcher, history)
    assert (unknown.route, unknown.unknown_name) == ("opener", "Kenji")


def test_a_follow_up_about_a_team_changes_the_who_next_filter(matcher):
    history = [("user", "who should I reach out to?"), ("assistant", "1. **Dana Okafor** …")]
    u = read("what about legal?", matcher, history)
    assert (u.route, u.filter) == ("who_next", "team:Legal")


def test_without_an_earlier_turn_a_bare_name_is_a_clarifying_question(matcher):
    assert read("what about Kofi", matcher).route == "clarify"


def test_yes_after_an_offer_is_a_confirmation(matcher):
    assert read("yes please", matcher).route == "confirm"


def test_the_semantic_router_reads_phrasings_no_rule_names(matcher, data_dir):
    from coach.components.embeddings import make_embeddings
    from coach.services.intents import index_for
    from coach.settings import load_settings

    scores = index_for(make_embeddings(load_settings(data_dir, embedding_mode="minilm"))).scores
    assert (
        understand(
            "what relationship stuff should I get done this week", matcher, TODAY, scores
        ).route
        == "plan"
    )
    assert (
        understand("which relationships have I let slide", matcher, TODAY, scores).route
        == "who_next"
    )
    assert (
        understand("What could I offer a new colleague?", matcher, TODAY, scores).route
        == "guidance"
    )


def test_two_close_intents_get_a_clarifying_question(matcher):
    def torn(_text):  # as near to openers as to a feedback request
        return {"opener": 0.61, "feedback": 0.60, "log": 0.3, "who_next": 0.2, "plan": 0.1}

    u = understand("Dana, my deck and the offsite next week in Lisbon", matcher, TODAY, torn)
    assert (u.route, u.options, u.person) == ("clarify", ["opener", "feedback"], "Dana Okafor")


def test_a_first_name_two_peers_share_is_asked_about():
    now = datetime(2026, 1, 1)
    twins = [
        PeerView(id=n, name=n, created_at=now, updated_at=now) for n in ("Sam Lee", "Sam Ortiz")
    ]
    u = understand("give me an opener for Sam", PeerFinder(twins), TODAY)
    assert (u.route, u.candidates) == ("clarify", ["Sam Lee", "Sam Ortiz"])


def test_an_answer_to_the_clarifying_question_keeps_the_person(matcher):
    history = [("user", "help with Kofi"), ("assistant", "What would you like for Kofi Mensah: …?")]
    u = read("openers please", matcher, history)
    assert (u.route, u.person) == ("opener", "Kofi Mensah")
