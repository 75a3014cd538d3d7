"""The coaching chat: retrieve, prompt, stream, and fall back to an offline answer."""

from __future__ import annotations

import html
import logging
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from coach.components.container import Services
from coach.components.llm import ProviderInfo
from coach.components.streaming import stream_text, with_deadline
from coach.components.validate import clean_text, neutralize
from coach.errors import ProviderError
from coach.rag.compose import (
    compose_answer,
    full_cards,
    guidance_for_model,
    tag_sources,
    unknown_citations,
)
from coach.rag.knowledge import card_from_text
from coach.rag.prompts import render
from coach.rag.retrieval import Source, retrieve
from coach.rag.sources import fence_note
from coach.services.router import chat_limit, route, understanding_for
from coach.store.db import LOCAL_OWNER

if TYPE_CHECKING:  # LangChain's model classes load only when there is a model to ask
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage

log = logging.getLogger(__name__)

History = Sequence[tuple[str, str]]
"""Earlier turns as (role, text), role 'user' or 'assistant'."""


@dataclass
class Reply:
    """An answer as it streams: the page shows each snapshot, the CLI the last one."""

    text: str
    sources: list[Source] = field(default_factory=list)
    provider: str = "none"
    notice: str | None = None
    done: bool = False
    route: str = "guidance"  # which engine answered: who_next, opener, feedback, plan, …

    def tagged_sources(self) -> list[dict[str, object]]:
        """Each source as a dict with its citation tag, for storage and the page's API."""
        return [{"tag": tag, **source.model_dump()} for tag, source in numbered(self.sources)]

    def as_json(self) -> dict[str, object]:
        """The public shape of one answer (`coach ask --json` and the page's /ask API):
        fields may be added, never renamed or dropped."""
        return {
            "answer": self.text,
            "sources": self.tagged_sources(),
            "provider": self.provider,
            "notice": self.notice,
            "fit": self.fit,
            "route": self.route,
        }

    @property
    def fit(self) -> dict[str, object] | None:
        """How well the guidance fits the question: {"fits", "score", "uncovered"}."""
        top = next((s for s in self.sources if s.kind == "guidance"), None)
        if top is None or top.fit is None:
            return None
        return {"fits": top.fits, "score": top.fit, "uncovered": top.uncovered}

    def with_sources(self, cards: Literal["fold", "full", "none"] = "fold") -> str:
        """Answer text, any notice, and the sources listed under it (markdown). The cards the
        answer cites follow, folded under "Read the full card" (the page), in full (`coach ask
        --full`) or not at all."""
        parts = [neutralize(self.text.strip())]
        if self.notice:
            parts.insert(0, f"_{self.notice}_")
        if self.sources:
            parts.append(
                "**Sources**\n"
                + "\n".join(f"- {source_line(i, s)}" for i, s in numbered(self.sources))
            )
        for title, body in full_cards(self.text, self.sources) if cards != "none" else []:
            title, body = html.escape(title), neutralize(body)
            if cards == "full":
                parts.append(f"**Full card: {title}**\n\n{body}")
            else:
                parts.append(
                    f"<details><summary>Read the full card: {title}</summary>\n\n{body}\n\n"
                    "</details>"
                )
        return "\n\n".join(p for p in parts if p)


def numbered(sources: list[Source]) -> list[tuple[str, Source]]:
    """Stable citation tags: G1, G2 for guidance; N1, N2 for notes (as the composer tags them)."""
    return tag_sources(sources)


def source_line(tag: str, source: Source) -> str:
    return f"[{tag}] {html.escape(source.label)}"


# --- prompt ---------------------------------------------------------------------------------


def build_messages(
    question: str, sources: list[Source], history: History, small: bool
) -> list[BaseMessage]:
    """System rules, recent turns, and the question with guidance and fenced notes."""
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    if small:
        return build_small_messages(question, sources)
    tagged = numbered(sources)
    guidance = guidance_for_model(question, sources)
    notes = "\n".join(fence_note(t, s, 1200) for t, s in tagged if s.kind == "note")
    messages: list[BaseMessage] = [SystemMessage(render("chat_system"))]
    for role, text in list(history)[-8:]:
        messages.append(HumanMessage(text) if role == "user" else AIMessage(text))
    user = render(
        "chat_user", guidance=guidance or "(none)", notes=notes or "(none)", question=question
    )
    messages.append(HumanMessage(user))
    return messages


def build_small_messages(question: str, sources: list[Source]) -> list[BaseMessage]:
    """A 135M model follows a few plain lines best: two notes as quoted facts, two cards."""
    from langchain_core.messages import HumanMessage, SystemMessage

    notes = [s for s in sources if s.kind == "note"][:2]
    cards = [s for s in sources if s.kind == "guidance"][:2]
    facts = "\n".join(
        f'- "{html.escape(" ".join(n.text.split())[:240])}" (note about {n.person or "work"})'
        for n in notes
    )
    advice = "\n".join(
        f"- {c.title}: {card_from_text(c.id, c.title, c.text).summary[:220]}" for c in cards
    )
    return [
        SystemMessage(render("chat_system_small")),
        HumanMessage(
            render(
                "chat_user_small",
                facts=facts or "- none",
                advice=advice or "- none",
                question=question,
            )
        ),
    ]


# --- offline answer -------------------------------------------------------------------------


def compose_offline(question: str, sources: list[Source]) -> str:
    """A deterministic answer from the retrieved guidance and notes (provider `none`)."""
    return compose_answer(question, sources)


# --- the chat -------------------------------------------------------------------------------


def stream_answer(
    services: Services, question: str, history: History = (), owner: str = LOCAL_OWNER
) -> Iterator[Reply]:
    """Answer a question, yielding growing snapshots; the last one has done=True.

    Raises InputError for unusable questions, before anything else happens.
    """
    text = clean_text(question, "question", chat_limit(services, question))
    history = list(history)
    understood = understanding_for(services, text, history, owner)
    routed = route(services, text, owner, history, understood=understood)
    if routed is not None:
        yield Reply(routed.text, routed.sources, "peer map", done=True, route=routed.route)
        return
    asked = text
    if understood.follow_up and understood.about:
        asked = understood.about  # "make it shorter" is about the question before it
    model, provider = services.chat_model, services.provider
    agent_model = services.capable_model
    if agent_model is not None and _agent_ready(agent_model):
        yield from _agent_answer(services, agent_model, text, asked, history, owner)
        return
    sources = retrieve(services, asked, owner)
    damaged = getattr(sources, "notice", None)  # a damaged index: answered without it
    if model is None:
        offline = compose_offline(asked, sources)
        if understood.shorter:
            offline = shorten_offline(offline)
        yield Reply(offline, sources, provider.name, notice=damaged, done=True)
        return
    messages = build_messages(text, sources, history, small=provider.small)
    # A tiny local model's prose is a friendly extra, not a source of facts: the grounded
    # answer comes first and at once, and the model's take streams below it.
    prefix = (
        f"{compose_offline(asked, sources)}\n\n---\n_{provider.label} adds:_ "
        if provider.small
        else ""
    )
    answer = ""
    try:
        for piece in stream_text(
            model,
            messages,
            services.settings.first_token_timeout,
            services.settings.request_timeout,
            in_process=provider.in_process,
        ):
            answer += piece
            yield Reply(prefix + answer, sources, provider.name)
        if not answer.strip():
            raise ProviderError("the model returned an empty answer")
        unknown = unknown_citations(answer, sources)
        if unknown:
            answer = ""  # an answer citing a source it was not given is not shown as grounded
            raise ProviderError(f"the model cited sources that do not exist ({', '.join(unknown)})")
    except ProviderError as exc:
        yield _fallback(provider, exc, asked, sources, answer)
        return
    yield Reply(prefix + answer.strip(), sources, provider.name, done=True)


def _fallback(
    provider: ProviderInfo, exc: ProviderError, question: str, sources: list[Source], partial: str
) -> Reply:
    """The offline answer, with a notice saying what went wrong with the model."""
    log.warning("provider %s failed: %s", provider.name, exc)
    notice = f"{provider.label} failed: {exc}. Here is an offline answer from your sources."
    offline = compose_offline(question, sources)
    if partial.strip() and not provider.small:
        offline = f"{partial.strip()}\n\n---\n{offline}"
    return Reply(offline, sources, "none", notice=notice, done=True)


def shorten_offline(text: str) -> str:
    """The offline answer cut to its first note and first piece of guidance."""
    keep, seen_card = [], False
    for line in text.splitlines():
        if line.startswith("  - ") or line.startswith("- Related:") or line.startswith("Next step"):
            continue
        if line.startswith("- **"):
            if seen_card:
                continue
            seen_card = True
        keep.append(line)
    return "\n".join(keep).strip()


def _agent_ready(model: BaseChatModel) -> bool:
    from coach.services.agent import supports_tools

    return supports_tools(model)


def _agent_answer(
    services: Services,
    model: BaseChatModel,
    text: str,
    asked: str,
    history: list[tuple[str, str]],
    owner: str,
) -> Iterator[Reply]:
    """A capable model answers with the app's services as tools; engine output comes first."""
    from coach.services.agent import Collector, agent_stream

    provider = services.provider
    collector = Collector()

    def produce(cancel: threading.Event) -> Iterator[str]:
        collector.cancelled = cancel
        yield from agent_stream(services, model, text, history, collector, owner)

    answer = ""

    def snapshot(done: bool = False) -> Reply:
        parts = [*collector.engine_text, answer.strip()]
        body = "\n\n---\n".join(p for p in parts if p)
        return Reply(body, collector.sources, provider.name, done=done, route=collector.route)

    try:
        for piece in with_deadline(
            produce, services.settings.first_token_timeout, services.settings.request_timeout
        ):
            answer += piece
            yield snapshot()
        if not answer.strip() and not collector.engine_text:
            raise ProviderError("the model returned an empty answer")
    except ProviderError as exc:
        sources = collector.sources or retrieve(services, asked, owner)
        yield _fallback(provider, exc, asked, sources, answer)
        return
    yield snapshot(done=True)


def answer(
    services: Services, question: str, history: History = (), owner: str = LOCAL_OWNER
) -> Reply:
    """The final reply, for the CLI and API callers that do not stream."""
    *_, last = stream_answer(services, question, history, owner)
    return last
