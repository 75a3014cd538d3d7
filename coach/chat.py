"""The coaching chat: retrieve, prompt, stream, and fall back to an offline answer."""

from __future__ import annotations

import html
import logging
import queue
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from coach.components.container import Services
from coach.components.validate import clean_text, neutralize
from coach.errors import ProviderError
from coach.rag.knowledge import card_from_text
from coach.rag.prompts import render
from coach.rag.retrieval import Source, retrieve
from coach.services.router import looks_like_meeting_notes, route
from coach.store.db import LOCAL_OWNER

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

    def tagged_sources(self) -> list[dict[str, object]]:
        """Each source as a dict with its citation tag, for storage and the page's API."""
        return [{"tag": tag, **source.model_dump()} for tag, source in numbered(self.sources)]

    def with_sources(self) -> str:
        """Answer text, any notice, and the sources listed under it (markdown)."""
        parts = [neutralize(self.text.strip())]
        if self.notice:
            parts.insert(0, f"_{self.notice}_")
        if self.sources:
            parts.append(
                "**Sources**\n"
                + "\n".join(f"- {source_line(i, s)}" for i, s in numbered(self.sources))
            )
        return "\n\n".join(p for p in parts if p)


def numbered(sources: list[Source]) -> list[tuple[str, Source]]:
    """Stable citation tags: G1, G2 for guidance; N1, N2 for notes."""
    counts = {"guidance": 0, "note": 0}
    tagged = []
    for source in sources:
        counts[source.kind] += 1
        tagged.append((f"{'G' if source.kind == 'guidance' else 'N'}{counts[source.kind]}", source))
    return tagged


def source_line(tag: str, source: Source) -> str:
    return f"[{tag}] {html.escape(source.label)}"


# --- prompt ---------------------------------------------------------------------------------


def fence_note(tag: str, source: Source, limit: int) -> str:
    """A note as quoted data: escaped so its text cannot close the fence or pose as a rule."""
    attrs = (
        f'id="{tag}" person="{html.escape(source.person or "", quote=True)}" date="{source.date}"'
    )
    return f"<note {attrs}>\n{html.escape(source.text[:limit])}\n</note>"


def build_messages(
    question: str, sources: list[Source], history: History, small: bool
) -> list[BaseMessage]:
    """System rules, recent turns, and the question with guidance and fenced notes."""
    if small:
        return build_small_messages(question, sources)
    tagged = numbered(sources)
    guidance = "\n\n".join(f"[{t}] {s.text[:1500]}" for t, s in tagged if s.kind == "guidance")
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
    tagged = numbered(sources)
    guidance = [(t, s) for t, s in tagged if s.kind == "guidance"]
    notes = [(t, s) for t, s in tagged if s.kind == "note"]
    lines: list[str] = []
    if notes:
        lines.append("**From your notes**")
        for tag, note in notes[:3]:
            who = f"{note.person}, " if note.person else ""
            snippet = html.escape(" ".join(note.text.split())[:280])
            lines.append(f"> {snippet} ({who}{note.date}) [{tag}]")
        lines.append("")
    if guidance:
        lines.append("**What the guidance suggests**")
        for tag, source in guidance[:2]:
            card = card_from_text(source.id, source.title, source.text)
            lines.append(f"- **{card.title}** [{tag}]: {card.summary}")
            lines += [f"  - {step}" for step in card.section("How")[:3]]
            say = card.section("Try saying")
            if say:
                lines.append(f"  - Try: {say[0]}")
        if len(guidance) > 2:
            more = ", ".join(f"{c.title} [{t}]" for t, c in guidance[2:])
            lines.append(f"- Related: {more}")
    if notes and guidance:
        lines.append("")
        lines.append(
            "Next step: pick one thing from your notes above and use it to open the "
            "conversation, then offer something useful before asking for anything."
        )
    return "\n".join(lines) or "I found no guidance or notes for that yet."


# --- streaming with a deadline --------------------------------------------------------------

_model_locks: dict[int, threading.Lock] = {}
_DONE = object()


def stream_text(
    model: BaseChatModel, messages: list[BaseMessage], first_timeout: float, total_timeout: float
) -> Iterator[str]:
    """Yield text chunks; raise ProviderError if the model errors or misses a deadline.

    The model runs in a worker thread so a hung endpoint cannot hang the page. One generation
    per model object at a time: an in-process llama.cpp model is not re-entrant.
    """
    lock = _model_locks.setdefault(id(model), threading.Lock())
    chunks: queue.Queue[object] = queue.Queue()
    started = time.monotonic()

    def work() -> None:
        if not lock.acquire(timeout=total_timeout):
            chunks.put(ProviderError("the model is busy with another answer"))
            return
        try:
            for chunk in model.stream(messages):
                if chunk.content:
                    chunks.put(
                        chunk.content if isinstance(chunk.content, str) else str(chunk.content)
                    )
            chunks.put(_DONE)
        except Exception as exc:  # any provider failure becomes a fall-back, not a crash
            chunks.put(exc)
        finally:
            lock.release()

    threading.Thread(target=work, daemon=True, name="coach-model").start()
    first = True
    while True:
        remaining = total_timeout - (time.monotonic() - started)
        wait = min(first_timeout, remaining) if first else remaining
        try:
            item = chunks.get(timeout=max(wait, 0.01))
        except queue.Empty:
            limit = first_timeout if first else total_timeout
            raise ProviderError(f"the model did not answer within {limit:.0f} s") from None
        if item is _DONE:
            return
        if isinstance(item, Exception):
            raise ProviderError(_describe(item)) from item
        first = False
        yield str(item)


def _describe(exc: Exception) -> str:
    """A short, key-free description of a provider failure."""
    name = type(exc).__name__
    status = getattr(exc, "status_code", None)
    if status == 429:
        return "the model's server is rate-limiting requests (429)"
    if status == 401:
        return "the model's server refused the API key (401)"
    if "Connection" in name or "Timeout" in name:
        return f"the model's server could not be reached ({name})"
    if status:
        return f"the model's server answered with an error ({status})"
    return f"the model failed ({name})"


# --- the chat -------------------------------------------------------------------------------


def stream_answer(
    services: Services, question: str, history: History = (), owner: str = LOCAL_OWNER
) -> Iterator[Reply]:
    """Answer a question, yielding growing snapshots; the last one has done=True.

    Raises InputError for unusable questions, before anything else happens.
    """
    from coach.services.meetings import MAX_NOTES_CHARS

    limit = (
        MAX_NOTES_CHARS
        if question and looks_like_meeting_notes(question)
        else services.settings.max_question_chars
    )
    text = clean_text(question, "question", limit)
    routed = route(services, text, owner)
    if routed is not None:
        yield Reply(routed[0], routed[1], "peer map", done=True)
        return
    sources = retrieve(services, text, owner)
    model, provider = services.chat_model, services.provider
    if model is None:
        yield Reply(compose_offline(text, sources), sources, provider.name, done=True)
        return
    messages = build_messages(text, sources, history, small=provider.small)
    # A tiny local model's prose is a friendly extra, not a source of facts: the grounded
    # answer comes first and at once, and the model's take streams below it.
    prefix = (
        f"{compose_offline(text, sources)}\n\n---\n_{provider.label} adds:_ "
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
        ):
            answer += piece
            yield Reply(prefix + answer, sources, provider.name)
        if not answer.strip():
            raise ProviderError("the model returned an empty answer")
    except ProviderError as exc:
        log.warning("provider %s failed: %s", provider.name, exc)
        notice = f"{provider.label} failed: {exc}. Here is an offline answer from your sources."
        offline = compose_offline(text, sources)
        if answer.strip() and not provider.small:
            offline = f"{answer.strip()}\n\n---\n{offline}"
        yield Reply(offline, sources, "none", notice=notice, done=True)
        return
    yield Reply(prefix + answer.strip(), sources, provider.name, done=True)


def answer(
    services: Services, question: str, history: History = (), owner: str = LOCAL_OWNER
) -> Reply:
    """The final reply, for the CLI and API callers that do not stream."""
    *_, last = stream_answer(services, question, history, owner)
    return last
