"""Conversations are kept across restarts and can be reopened or deleted."""

from coach.services import conversations
from tests.conftest import make_services


def test_history_survives_a_restart(data_dir):
    svc = make_services(data_dir)
    conv = conversations.start(svc, "How do I meet Priya?")
    conversations.append(svc, conv, "user", "How do I meet Priya?")
    conversations.append(
        svc, conv, "assistant", "Invite her to coffee.", [{"kind": "guidance"}], "none"
    )

    restarted = make_services(data_dir)
    [(title, conv_id)] = conversations.listing(restarted)
    assert conv_id == conv and title.startswith("How do I meet Priya?")
    turns = conversations.turns(restarted, conv)
    assert [(t.role, t.content) for t in turns] == [
        ("user", "How do I meet Priya?"),
        ("assistant", "Invite her to coffee."),
    ]
    assert turns[1].sources == [{"kind": "guidance"}]


def test_deleting_a_conversation_removes_it_and_its_messages(data_dir):
    svc = make_services(data_dir)
    keep = conversations.start(svc, "keep me")
    drop = conversations.start(svc, "drop me")
    conversations.append(svc, drop, "user", "drop me")
    assert conversations.remove(svc, drop)
    assert [cid for _, cid in conversations.listing(svc)] == [keep]
    assert conversations.turns(svc, drop) == []


def test_one_owner_cannot_read_another_owners_conversation(data_dir):
    svc = make_services(data_dir)
    conv = conversations.start(svc, "private", owner="ana")
    conversations.append(svc, conv, "user", "private", owner="ana")
    assert conversations.turns(svc, conv, owner="ben") == []
    assert not conversations.remove(svc, conv, owner="ben")
