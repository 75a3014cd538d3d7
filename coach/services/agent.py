"""With a capable model: a LangChain tool-calling agent whose tools are the app's own services.

The tools are the same functions the offline router calls (who next with filters, openers,
feedback requests, the weekly plan, meeting-note analysis, search of guidance and notes, and an
offer to log an interaction). Nothing is logged by the agent: `offer_to_log` only proposes,
and the write happens when the user answers yes (coach/router.py). What an engine returns is
shown as it is; the model's own words come under it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage
from langchain_core.tools import BaseTool, StructuredTool
from langchain_core.tools.base import create_schema_from_function

from coach.components.container import Services
from coach.errors import CoachError
from coach.rag.prompts import render
from coach.rag.retrieval import Source
from coach.store.db import LOCAL_OWNER

MAX_STEPS = 8  # model and tool turns per answer; a loop that goes on longer is cut off


@dataclass
class Collector:
    """What the tools produced during one answer: engine output, sources, routes."""

    engine_text: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    routes: list[str] = field(default_factory=list)
    cancelled: threading.Event = field(default_factory=threading.Event)

    def add(self, route: str, text: str | None, sources: list[Source]) -> None:
        if self.cancelled.is_set():
            raise CoachError("the answer was cancelled")
        self.routes.append(route)
        if text:
            self.engine_text.append(text)
        known = {(s.kind, s.id) for s in self.sources}
        self.sources += [s for s in sources if (s.kind, s.id) not in known]

    @property
    def route(self) -> str:
        engines = [r for r in self.routes if r != "guidance"]
        return engines[-1] if engines else "guidance"


def supports_tools(model: BaseChatModel) -> bool:
    """Whether the model can be given tools (fakes and some local wrappers cannot)."""
    try:
        model.bind_tools([])
    except (NotImplementedError, AttributeError, TypeError, ValueError):
        return False
    return True


def make_tools(services: Services, owner: str, today: date, collector: Collector) -> list[BaseTool]:
    """The services as tools; each returns text the model reads and records what it showed."""
    from coach.errors import InputError
    from coach.rag.compose import tag_sources as numbered
    from coach.rag.retrieval import retrieve
    from coach.rag.sources import fence_note
    from coach.services import replies
    from coach.services.router import matcher_for
    from coach.services.understand import Understanding

    def person(name: str) -> str:
        refs = matcher_for(services, owner).find(name)
        if not refs:
            raise InputError(f"{name} is not in the peer map.")
        return refs[0].name

    def guarded(route: str, fn: Any) -> StructuredTool:
        def run(**kwargs: Any) -> str:
            try:
                text, sources = fn(**kwargs)
            except CoachError as exc:
                return f"Could not do that: {exc}"
            collector.add(route, text if route != "guidance" else None, sources)
            return text

        return StructuredTool.from_function(
            run,
            name=fn.__name__,
            description=" ".join((fn.__doc__ or "").split()),
            args_schema=create_schema_from_function(fn.__name__, fn),
        )

    def who_next(filter: str | None = None) -> tuple[str, list[Source]]:
        """Rank the user's peers by who to reach out to next. filter: overdue, never_met,
        focus, weak, or team:<Team>; omit it for the general ranking."""
        return replies.who_next_reply(services, owner, filter or None, None, today)

    def openers(name: str, setting: str = "chance encounter") -> tuple[str, list[Source]]:
        """Three conversation openers for a peer, from the user's notes. setting: chance
        encounter, meeting start, lunch, or message (a message to send them)."""
        return replies.opener_reply(services, person(name), setting, owner)

    def feedback_request(
        name: str, topic: str, depth: str | None = None
    ) -> tuple[str, list[Source]]:
        """Draft and track a request for feedback from a peer on a topic. depth: quick or deep."""
        return replies.feedback_reply(services, person(name), topic, depth, owner)

    def weekly_plan(week_description: str = "") -> tuple[str, list[Source]]:
        """Build and save this week's networking plan; pass what the week holds, if known."""
        return replies.plan_reply(services, f"plan my week: {week_description}", owner)

    def analyse_meeting_notes(notes: str) -> tuple[str, list[Source]]:
        """Analyse pasted meeting notes: people, commitments, follow-ups. Saves nothing."""
        return replies.meeting_reply(services, notes, owner)

    def search_guidance_and_notes(query: str) -> tuple[str, list[Source]]:
        """Search the networking guidance and the user's own notes about colleagues."""
        found = retrieve(services, query, owner)
        collector.add("guidance", None, found)
        tags = {(s.kind, s.id): t for t, s in numbered(collector.sources)}
        lines = []
        for source in found:
            tag = tags[(source.kind, source.id)]
            if source.kind == "note":
                lines.append(fence_note(tag, source, 800))
            else:
                lines.append(f"[{tag}] {source.text[:1200]}")
        return "\n\n".join(lines) or "Nothing found.", []

    def offer_to_log(
        name: str, what_happened: str, kind: str = "meeting", day: str | None = None
    ) -> tuple[str, list[Source]]:
        """Propose logging an interaction with a peer (kind: meeting, lunch/coffee, chance
        encounter, message). Saves nothing: the user must answer yes first."""
        when = date.fromisoformat(day) if day else today
        u = Understanding(route="log", person=person(name), kind=kind, day=when, text=what_happened)
        return replies.log_offer(u, today), []

    return [
        guarded(route, fn)
        for route, fn in (
            ("who_next", who_next),
            ("opener", openers),
            ("feedback", feedback_request),
            ("plan", weekly_plan),
            ("meeting", analyse_meeting_notes),
            ("guidance", search_guidance_and_notes),
            ("log", offer_to_log),
        )
    ]


def agent_stream(
    services: Services,
    model: BaseChatModel,
    question: str,
    history: list[tuple[str, str]],
    collector: Collector,
    owner: str = LOCAL_OWNER,
    today: date | None = None,
) -> Iterator[str]:
    """Run the agent, yielding the model's words as they stream."""
    from langchain.agents import create_agent

    tools = make_tools(services, owner, today or date.today(), collector)
    agent = create_agent(model, tools, system_prompt=render("agent_system"))
    messages: list[BaseMessage] = [
        HumanMessage(text) if role == "user" else AIMessage(text) for role, text in history[-8:]
    ]
    messages.append(HumanMessage(question))
    stream: Any = agent.stream
    for chunk, meta in stream(
        {"messages": messages},
        config={"recursion_limit": MAX_STEPS * 2},
        stream_mode="messages",
    ):
        if collector.cancelled.is_set():
            return
        if meta.get("langgraph_node") == "tools":
            yield ""  # a tool finished: its output shows now, and the deadline restarts
        elif meta.get("langgraph_node") == "model" and isinstance(
            chunk, AIMessageChunk | AIMessage
        ):
            text = chunk.content if isinstance(chunk.content, str) else _text(chunk.content)
            if text:
                yield text


def _text(content: list[Any]) -> str:
    return "".join(
        part.get("text", "") if isinstance(part, dict) else str(part) for part in content
    )
