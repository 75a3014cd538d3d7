"""With a capable model, questions the rules leave open go to an agent whose tools are the
app's services; what an engine returns is shown as it is, and nothing is logged unasked."""

import json
from datetime import date, timedelta

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

from coach.domain.peers import PeerIn
from coach.services.chat import answer
from coach.services.indexing import index_guidance
from coach.services.peers import add_peer, interactions
from tests.conftest import make_services
from tests.fake_openai import FakeOpenAI


class ScriptedToolModel(GenericFakeChatModel):
    """Plays back tool calls and answers in order, and records what it was sent."""

    seen: list = []
    tools: list[str] = []

    def bind_tools(self, tools, **kwargs):  # type: ignore[no-untyped-def]
        self.tools = [getattr(t, "name", "") for t in tools]
        return self

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):  # type: ignore[no-untyped-def]
        self.seen.append(list(messages))
        return ChatResult(generations=[ChatGeneration(message=next(self.messages))])

    def _stream(self, messages, stop=None, run_manager=None, **kwargs):  # type: ignore[no-untyped-def]
        self.seen.append(list(messages))
        message = next(self.messages)
        calls = [
            {"name": c["name"], "args": json.dumps(c["args"]), "id": c["id"], "index": i}
            for i, c in enumerate(message.tool_calls)
        ]
        chunk = AIMessageChunk(content=message.content, tool_call_chunks=calls)
        if run_manager and message.content:
            run_manager.on_llm_new_token(
                str(message.content), chunk=ChatGenerationChunk(message=chunk)
            )
        yield ChatGenerationChunk(message=chunk)


def call(tool, **args):
    return AIMessage("", tool_calls=[{"name": tool, "args": args, "id": f"call-{tool}"}])


def scripted(*steps):
    return ScriptedToolModel(messages=iter(steps), seen=[])


def mapped(data_dir, model):
    svc = make_services(data_dir, model=model)
    index_guidance(svc)
    today = date.today()
    add_peer(svc, PeerIn(name="Marco Rossi", team="Sales", last_contact=today - timedelta(60)))
    add_peer(svc, PeerIn(name="Aisha Khan", team="Product", last_contact=today))
    return svc


QUESTION = "My project is running late. Who should I tell, and how?"


def test_the_agent_searches_the_guidance_and_cites_what_it_found(data_dir):
    model = scripted(
        call("search_guidance_and_notes", query="project running late"),
        AIMessage("Tell the peers who depend on you early [G1]."),
    )
    svc = mapped(data_dir, model)
    reply = answer(svc, QUESTION)
    assert (
        reply.route == "guidance" and reply.text == "Tell the peers who depend on you early [G1]."
    )
    assert "search_guidance_and_notes" in model.tools and "offer_to_log" in model.tools
    tool_result = [m for m in model.seen[-1] if isinstance(m, ToolMessage)][0]
    assert "[G1]" in tool_result.content and reply.sources[0].kind == "guidance"


def test_an_engine_the_agent_calls_is_shown_as_it_is_with_the_models_words_under_it(data_dir):
    model = scripted(call("who_next", filter="overdue"), AIMessage("Start with Marco."))
    svc = mapped(data_dir, model)
    reply = answer(svc, QUESTION)
    assert reply.route == "who_next"
    assert reply.text.index("**Marco Rossi**") < reply.text.index("Start with Marco.")
    assert "Aisha" not in reply.text, "the overdue filter ran in the service, not in the model"


def test_the_agent_can_only_offer_to_log_and_yes_does_the_writing(data_dir):
    model = scripted(
        call("offer_to_log", name="marco", what_happened="Talked pricing", kind="lunch/coffee"),
        AIMessage("Shall I log it?"),
    )
    svc = mapped(data_dir, model)
    told = "Noodles with Marco, pricing is the big worry for sales this quarter"
    offer = answer(svc, told)
    assert offer.route == "log" and "Log this?" in offer.text and "Marco Rossi" in offer.text
    assert interactions(svc, "Marco Rossi") == []
    done = answer(svc, "yes", [("user", told), ("assistant", offer.with_sources())])
    assert "Logged" in done.text
    [logged] = interactions(svc, "Marco Rossi")
    assert logged.kind == "lunch/coffee" and logged.summary == "Talked pricing"


def test_a_tool_asked_about_someone_outside_the_map_says_so_to_the_model(data_dir):
    model = scripted(call("openers", name="Zed"), AIMessage("Zed is not in your map yet."))
    svc = mapped(data_dir, model)
    reply = answer(svc, QUESTION)
    tool_result = [m for m in model.seen[-1] if isinstance(m, ToolMessage)][0]
    assert "not in the peer map" in tool_result.content
    assert reply.text == "Zed is not in your map yet." and reply.route == "guidance"


def test_the_agent_works_against_an_openai_compatible_server_on_loopback(data_dir):
    fake = FakeOpenAI(
        [{"tool": "who_next", "args": {"filter": "overdue"}}, "ok"], answer="Start with Marco."
    )
    try:
        svc = make_services(
            data_dir, provider="openai", openai_base_url=fake.url, openai_model="fake"
        )
        index_guidance(svc)
        add_peer(
            svc,
            PeerIn(name="Marco Rossi", last_contact=date.today() - timedelta(60)),
        )
        reply = answer(svc, QUESTION)
    finally:
        fake.close()
    assert reply.provider == "openai" and reply.route == "who_next"
    assert "**Marco Rossi**" in reply.text and reply.text.rstrip().endswith("Start with Marco.")
    assert {t["function"]["name"] for t in fake.requests[0]["tools"]} >= {"who_next", "openers"}
    assert fake.requests[1]["messages"][-1]["role"] == "tool"
