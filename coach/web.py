"""The Gradio page: a thin layer that hands the user's input to the services and shows replies."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from coach.components.container import Services
from coach.components.validate import clean_text, neutralize
from coach.errors import CoachError
from coach.services import conversations
from coach.services.chat import History, stream_answer
from coach.services.indexing import add_guidance_files, ensure_indexed, index_everything
from coach.services.notes import add_note
from coach.services.router import chat_limit
from coach.ui.web.common import error_text, ok_text, owner_of
from coach.ui.web.meetings import meetings_tab
from coach.ui.web.peers import peers_tab
from coach.ui.web.plan import plan_tab

log = logging.getLogger(__name__)

EXAMPLES = [
    "How do I start a conversation with someone in finance I barely know?",
    "Which peers should I focus on, and how do I choose them?",
    "How do I ask a peer for feedback on my launch plan?",
    "My project is running late. Who should I tell, and how?",
    "A new hire joins the team next week. How can I help them?",
]

CSS = """
.badge {display:inline-block; padding:2px 10px; border-radius:12px; background:#eef2ff;
        color:#3730a3; font-size:0.85em;}
.error-msg {color:#b91c1c;}
.ok-msg {color:#15803d;}
"""

SOURCES_MARK = "\n\n**Sources**"


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


def _history_for_model(chat: list[dict[str, Any]]) -> History:
    """Earlier turns as (role, text), without the sources listed under answers."""
    pairs = []
    for msg in chat:
        role = msg.get("role") if isinstance(msg, dict) else None
        text = message_text(msg.get("content")) if isinstance(msg, dict) else ""
        if role in {"user", "assistant"} and text.strip() and text.strip() != "…":
            pairs.append((role, text.split(SOURCES_MARK, 1)[0].strip()))
    return pairs


def _conversation_choices(services: Services, owner: str) -> list[tuple[str, str]]:
    return conversations.listing(services, owner)


def build_app(services: Services) -> gr.Blocks:
    """The whole page, built from the services it is handed."""
    provider = services.provider

    def respond(
        message: str, chat: list[dict[str, Any]], conv_id: str | None, request: gr.Request
    ) -> Iterator[tuple[Any, ...]]:
        owner = owner_of(request)
        chat = list(chat or [])
        try:
            question = clean_text(message, "question", chat_limit(services, message))
        except CoachError as exc:
            yield chat, conv_id, message, error_text(str(exc)), gr.update()
            return
        if not conv_id:
            conv_id = conversations.start(services, question, owner)
        conversations.append(services, conv_id, "user", question, owner=owner)
        history = _history_for_model(chat)
        chat += [
            {"role": "user", "content": neutralize(question)},
            {"role": "assistant", "content": "…"},
        ]
        yield chat, conv_id, "", "", gr.update()
        reply = None
        try:
            for reply in stream_answer(services, question, history, owner):
                chat[-1] = {"role": "assistant", "content": reply.with_sources()}
                yield chat, conv_id, "", "", gr.update()
        except CoachError as exc:
            chat[-1] = {"role": "assistant", "content": f"⚠ {exc}"}
            yield chat, conv_id, "", error_text(str(exc)), gr.update()
            return
        except Exception:
            log.exception("chat failed")
            msg = "Something went wrong while answering; your question is saved. Try again."
            chat[-1] = {"role": "assistant", "content": f"⚠ {msg}"}
            yield chat, conv_id, "", error_text(msg), gr.update()
            return
        if reply is not None:
            sources = reply.tagged_sources()
            conversations.append(
                services, conv_id, "assistant", chat[-1]["content"], sources, reply.provider, owner
            )
        notice = error_text(reply.notice) if reply and reply.notice else ""
        choices = _conversation_choices(services, owner)
        yield chat, conv_id, "", notice, gr.update(choices=choices, value=conv_id)

    def open_conversation(conv_id: str | None, request: gr.Request) -> tuple[Any, ...]:
        owner = owner_of(request)
        if not conv_id:
            return [], None
        turns = conversations.turns(services, conv_id, owner)
        return [
            {"role": t.role, "content": neutralize(t.content) if t.role == "user" else t.content}
            for t in turns
        ], conv_id

    def new_conversation(request: gr.Request) -> tuple[Any, ...]:
        choices = _conversation_choices(services, owner_of(request))
        return [], None, gr.update(choices=choices, value=None), ""

    def delete_conversation(conv_id: str | None, request: gr.Request) -> tuple[Any, ...]:
        owner = owner_of(request)
        if conv_id:
            conversations.remove(services, conv_id, owner)
        choices = _conversation_choices(services, owner)
        return (
            [],
            None,
            gr.update(choices=choices, value=None),
            "Conversation deleted." if conv_id else "",
        )

    def refresh_list(request: gr.Request) -> Any:
        return gr.update(choices=_conversation_choices(services, owner_of(request)))

    def save_note(text: str, person: str, when: str, request: gr.Request) -> tuple[str, str, str]:
        """Returns (status, text box, person box): fields are kept when saving fails."""
        try:
            saved = add_note(services, text, person or None, when or None, owner_of(request))
        except CoachError as exc:
            return error_text(str(exc)), text, person
        return ok_text(saved.message), "", ""

    def upload_guidance(
        files: list[str] | None, request: gr.Request, progress: gr.Progress = gr.Progress()
    ) -> str:
        paths = [Path(f) for f in (files or [])]
        added, problems = add_guidance_files(services, paths, owner_of(request))

        def step(done: int, total: int, what: str) -> None:
            progress(done / max(total, 1), desc=f"{what} {done}/{total}")

        report = index_everything(services, owner_of(request), progress=step)
        report.skipped.extend(problems)
        lines = [f"Added {p.name}." for p in added]
        return "\n\n".join(lines + ["```\n" + report.summary() + "\n```"])

    def ask_api(question: str, request: gr.Request) -> dict[str, Any]:
        """One question in, the final answer with its sources out (for scripts and tests)."""
        try:
            *_, reply = stream_answer(services, question, (), owner_of(request))
        except CoachError as exc:
            return {"error": str(exc)}
        assert reply is not None
        return {
            "answer": reply.text,
            "sources": reply.tagged_sources(),
            "provider": reply.provider,
            "notice": reply.notice,
            "route": reply.route,
        }

    with gr.Blocks(title="Peer Coach") as demo:
        gr.Markdown(
            f"## Peer Coach &nbsp; <span class='badge'>Model: {provider.label}</span>"
            + (f" <small>({provider.note})</small>" if provider.note else "")
        )
        conv_state = gr.State(None)
        with gr.Tab("Chat"):
            with gr.Row():
                with gr.Column(scale=1, min_width=220):
                    new_btn = gr.Button("New conversation")
                    conv_list = gr.Radio(choices=[], label="Past conversations", type="value")
                    delete_btn = gr.Button("Delete this conversation", variant="stop", size="sm")
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(
                        height=480,
                        label="Coach",
                        placeholder="Ask about a colleague, a first conversation, or feedback.",
                    )
                    msg = gr.Textbox(
                        label="Your question",
                        placeholder="e.g. What could I offer Priya?",
                        lines=2,
                        max_lines=8,
                    )
                    with gr.Row():
                        send = gr.Button("Send", variant="primary")
                    status = gr.Markdown()
                    gr.Examples(EXAMPLES, inputs=msg, label="Try asking")
            with gr.Accordion("Add a note about a colleague", open=False):
                note_text = gr.Textbox(
                    label="Note",
                    lines=3,
                    placeholder="Priya (finance) starts vendor onboarding next month",
                )
                with gr.Row():
                    note_person = gr.Textbox(label="Person (optional)")
                    note_date = gr.Textbox(label="Date (optional, YYYY-MM-DD)")
                note_btn = gr.Button("Save note")
                note_status = gr.Markdown()
        peers_tab(services, demo)
        meetings_tab(services, demo)
        plan_tab(services, demo)
        with gr.Tab("Guidance"):
            gr.Markdown(
                "The coach answers from the guidance cards that ship with Peer Coach and from "
                "files you add here (.md, .txt, .pdf). Re-indexing only adds what changed."
            )
            upload = gr.File(
                label="Add guidance files",
                file_count="multiple",
                file_types=[".md", ".txt", ".pdf"],
            )
            ingest_btn = gr.Button("Add and re-index")
            ingest_report = gr.Markdown()

        chat_in = [msg, chatbot, conv_state]
        chat_out = [chatbot, conv_state, msg, status, conv_list]
        send.click(respond, chat_in, chat_out, api_name="chat")
        msg.submit(respond, chat_in, chat_out, api_visibility="private")
        conv_list.change(
            open_conversation, [conv_list], [chatbot, conv_state], api_visibility="private"
        )
        new_btn.click(
            new_conversation,
            None,
            [chatbot, conv_state, conv_list, status],
            api_visibility="private",
        )
        delete_btn.click(
            delete_conversation,
            [conv_state],
            [chatbot, conv_state, conv_list, status],
            api_name="delete_conversation",
        )
        note_btn.click(
            save_note,
            [note_text, note_person, note_date],
            [note_status, note_text, note_person],
            api_name="add_note",
        )
        ingest_btn.click(upload_guidance, [upload], [ingest_report], api_name="ingest")
        demo.load(refresh_list, None, [conv_list], api_visibility="private")
        gr.api(ask_api, api_name="ask")
    return demo


def launch(
    services: Services, host: str | None = None, port: int | None = None, block: bool = True
) -> gr.Blocks:
    """Index what changed, then serve the page."""
    settings = services.settings
    print("Checking the guidance index…", flush=True)
    ensure_indexed(services)
    demo = build_app(services)
    demo.queue(default_concurrency_limit=8)
    auth = None
    if settings.auth:
        from coach.services.accounts import list_users, verify

        if not list_users(services):
            raise CoachError(
                "Sign-in is on (COACH_AUTH=true) but there are no users yet: "
                "add one with `coach users add NAME`."
            )

        def auth(username: str, password: str) -> bool:
            return verify(services, username, password)

    server_port = settings.port if port is None else port or None
    try:
        demo.launch(
            auth=auth,
            auth_message="Sign in to your Peer Coach.",
            server_name=host or settings.host,
            server_port=server_port,
            prevent_thread_lock=not block,
            css=CSS,
            allowed_paths=[str(settings.data_dir / "exports")],
            footer_links=["api"],
            quiet=False,
        )
    except OSError as exc:
        raise CoachError(
            f"Cannot listen on port {server_port}: it is in use. Stop the other "
            "program, or pick another port with --port or COACH_PORT."
        ) from exc
    return demo
