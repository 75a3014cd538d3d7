"""The chat's answer on the page: streamed from a worker so Stop works at any moment, an answer
composed at once revealed a few words at a time, and a stopped answer saved as shown, marked."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import gradio as gr

from coach.components.container import Services
from coach.components.streaming import in_background, reveal
from coach.components.validate import clean_text, neutralize
from coach.errors import CoachError
from coach.services import conversations
from coach.services.chat import History, Reply, stream_answer
from coach.services.router import chat_limit
from coach.ui.web.chat_view import SOURCES_MARK, reply_markdown
from coach.ui.web.common import error_text, owner_of

log = logging.getLogger(__name__)

PLACEHOLDER = "…"  # shown (never saved) until the first words of an answer arrive
STOPPED = "_Stopped: this answer is incomplete._"
STOPPED_EARLY = "_Stopped before the answer began._"


def message_text(content: Any) -> str:
    """The text of a chat message: Gradio 6 gives content as a list of parts
    ([{"type": "text", "text": …}]); older payloads give a string or one part."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or content.get("value") or "")
    if isinstance(content, list | tuple):
        return "\n".join(t for part in content if (t := message_text(part)))
    return ""


def history_for_model(chat: list[dict[str, Any]]) -> History:
    """Earlier turns as (role, text), without the sources listed under answers, the stop marks
    and answers stopped before they began."""
    pairs = []
    for msg in chat:
        role = msg.get("role") if isinstance(msg, dict) else None
        text = message_text(msg.get("content")) if isinstance(msg, dict) else ""
        text = text.split(SOURCES_MARK, 1)[0].replace(STOPPED, "").strip()
        if role in {"user", "assistant"} and text and text not in {PLACEHOLDER, STOPPED_EARLY}:
            pairs.append((role, text))
    return pairs


def stopped_text(shown: str) -> str:
    """What a stopped answer becomes, on the page and in the saved conversation alike."""
    if not shown.strip() or shown.strip() == PLACEHOLDER:
        return STOPPED_EARLY
    return f"{STOPPED}\n\n{shown}"


def revealed(replies: Iterator[Reply]) -> Iterator[Reply]:
    """Replies as the page shows them: one that arrives whole (an offline answer, a peer-map
    answer) grows a few words at a time, its sources listed once it is complete."""
    first = True
    for reply in replies:
        if first and reply.done:
            for text in reveal(reply.text):
                if text != reply.text:
                    yield dataclasses.replace(reply, text=text, sources=[], done=False)
        first = False
        yield reply


def conversation_list(services: Services, owner: str) -> list[tuple[str, str]]:
    """The owner's conversations as (title, id) choices."""
    return conversations.listing(services, owner)


def saved_chat(services: Services, conv_id: str, owner: str) -> list[dict[str, Any]]:
    """A saved conversation as the chat shows it."""
    return [
        {"role": t.role, "content": neutralize(t.content) if t.role == "user" else t.content}
        for t in conversations.turns(services, conv_id, owner)
    ]


def make_respond(services: Services) -> Any:
    """The chat's event handler: outputs (chat, conversation, box, status, list, answering)."""

    async def respond(
        message: str, chat: list[dict[str, Any]], conv_id: str | None, request: gr.Request
    ) -> AsyncIterator[tuple[Any, ...]]:
        owner = owner_of(request)
        chat = list(chat or [])
        try:
            question = clean_text(message, "question", chat_limit(services, message))
        except CoachError as exc:
            yield chat, conv_id, message, error_text(str(exc)), gr.update(), False
            return
        # No await before the first yield: a Stop cannot split saving the question from
        # showing it.
        if not conv_id:
            conv_id = conversations.start(services, question, owner)
        conversations.append(services, conv_id, "user", question, owner=owner)
        history = history_for_model(chat)
        chat += [
            {"role": "user", "content": neutralize(question)},
            {"role": "assistant", "content": PLACEHOLDER},
        ]
        reply, saved = None, False
        try:
            yield chat, conv_id, "", "", gr.update(), True
            answers = revealed(stream_answer(services, question, history, owner))
            async for reply in in_background(answers):
                chat[-1] = {"role": "assistant", "content": reply_markdown(reply)}
                yield chat, conv_id, "", "", gr.update(), True
            saved = True
            if reply is not None:
                conversations.append(
                    services,
                    conv_id,
                    "assistant",
                    chat[-1]["content"],
                    reply.tagged_sources(),
                    reply.provider,
                    owner,
                )
        except CoachError as exc:
            saved = True  # the question stays saved; the error is only shown
            chat[-1] = {"role": "assistant", "content": f"⚠ {exc}"}
            yield chat, conv_id, "", error_text(str(exc)), gr.update(), False
            return
        except Exception:
            saved = True
            log.exception("chat failed")
            msg = "Something went wrong while answering; your question is saved. Try again."
            chat[-1] = {"role": "assistant", "content": f"⚠ {msg}"}
            yield chat, conv_id, "", error_text(msg), gr.update(), False
            return
        finally:
            if not saved:  # stopped (task cancelled or generator closed): keep what was shown
                shown = stopped_text(message_text(chat[-1]["content"]))
                provider = reply.provider if reply is not None else None
                conversations.append(services, conv_id, "assistant", shown, None, provider, owner)
        notice = error_text(reply.notice) if reply and reply.notice else ""
        choices = conversation_list(services, owner)
        yield chat, conv_id, "", notice, gr.update(choices=choices, value=conv_id), False

    return respond


def make_settle(services: Services) -> Any:
    """After an answer ends: if it was stopped part way, show the conversation as saved (the
    shown part, marked stopped), so the page and the saved conversation agree."""

    def settle(conv_id: str | None, answering: bool, request: gr.Request) -> tuple[Any, ...]:
        if not answering or not conv_id:
            return gr.update(), False, gr.update()
        owner = owner_of(request)
        chat = saved_chat(services, conv_id, owner)
        last = message_text(chat[-1]["content"]) if chat else ""
        if not (last.startswith(STOPPED) or last == STOPPED_EARLY):
            # Not stopped (or its save not visible yet): what the page shows stays.
            return gr.update(), False, gr.update()
        choices = conversation_list(services, owner)
        return chat, False, gr.update(choices=choices, value=conv_id)

    return settle
