"""The Gradio page: a thin layer that hands the user's input to the services and shows replies."""

from __future__ import annotations

from typing import Any

import gradio as gr

from coach.components.container import Services
from coach.errors import CoachError
from coach.services import conversations
from coach.services.chat import stream_answer
from coach.services.notes import add_note
from coach.services.start_up import ensure_indexed
from coach.ui.web.answering import conversation_list, make_respond, make_settle, saved_chat
from coach.ui.web.common import TabParts, error_text, ok_text, owner_of
from coach.ui.web.followups import followups_tab
from coach.ui.web.guidance import guidance_tab
from coach.ui.web.meetings import meetings_tab
from coach.ui.web.peers import peers_tab
from coach.ui.web.plan import plan_tab
from coach.ui.web.start import start_panel
from coach.ui.web.style import CSS, theme

EXAMPLES = [
    "How do I start a conversation with someone in finance I barely know?",
    "Which peers should I focus on, and how do I choose them?",
    "How do I ask a peer for feedback on my launch plan?",
    "My project is running late. Who should I tell, and how?",
    "A new hire joins the team next week. How can I help them?",
]

NARROW = 700  # px: below this the conversation list starts closed, under the chat


def build_app(services: Services) -> gr.Blocks:
    """The whole page, built from the services it is handed."""
    provider = services.provider

    respond = make_respond(services)
    settle = make_settle(services)

    def open_conversation(conv_id: str | None, request: gr.Request) -> tuple[Any, ...]:
        owner = owner_of(request)
        if not conv_id:
            return [], None
        return saved_chat(services, conv_id, owner), conv_id

    def new_conversation(request: gr.Request) -> tuple[Any, ...]:
        choices = conversation_list(services, owner_of(request))
        return [], None, gr.update(choices=choices, value=None), ""

    def delete_conversation(conv_id: str | None, request: gr.Request) -> tuple[Any, ...]:
        owner = owner_of(request)
        if conv_id:
            conversations.remove(services, conv_id, owner)
        choices = conversation_list(services, owner)
        return (
            [],
            None,
            gr.update(choices=choices, value=None),
            "Conversation deleted." if conv_id else "",
        )

    def refresh_list(request: gr.Request) -> Any:
        return gr.update(choices=conversation_list(services, owner_of(request)))

    def save_note(text: str, person: str, when: str, request: gr.Request) -> tuple[str, str, str]:
        """Returns (status, text box, person box): fields are kept when saving fails."""
        try:
            saved = add_note(services, text, person or None, when or None, owner_of(request))
        except CoachError as exc:
            return error_text(str(exc)), text, person
        return ok_text(saved.message), "", ""

    def ask_api(question: str, request: gr.Request) -> dict[str, Any]:
        """One question in, the final answer with its sources out (for scripts and tests)."""
        try:
            *_, reply = stream_answer(services, question, (), owner_of(request))
        except CoachError as exc:
            return {"error": str(exc)}
        assert reply is not None
        return reply.as_json()

    def finish(conv_id: str | None, listed: str | None) -> tuple[Any, ...]:
        """After an answer (or a stop): the send button back, delete only with a conversation
        (the one in the state, or the one the list shows as open)."""
        shown = bool(conv_id or listed)
        return (
            gr.Button(visible=shown),
            gr.Textbox(submit_btn="Send", stop_btn=False),
            gr.Row(visible=not shown),  # example prompts only for a new conversation
        )

    def busy() -> tuple[Any, ...]:
        return gr.Textbox(submit_btn=False, stop_btn="Stop"), gr.Row(visible=False)

    def example(text: str) -> Any:
        def put() -> str:
            return text

        return put

    def fit_to_screen(width: float | None) -> Any:
        # only ever close it: re-opening an open accordion hides its content from screen readers
        return gr.Accordion(open=False) if (width or NARROW) < NARROW else gr.update()

    def go_to(tab_id: str) -> Any:
        def select() -> Any:
            return gr.Tabs(selected=tab_id)

        return select

    with gr.Blocks(title="Peer Coach") as demo:
        gr.Markdown(
            f"## Peer Coach <span class='badge'>Model: {provider.label}</span>"
            + (f" <small>({provider.note})</small>" if provider.note else ""),
            elem_classes=["app-title"],
        )
        conv_state = gr.State(None)
        answering = gr.State(False)  # an answer is under way (still so after a Stop)
        screen = gr.Number(visible=False)
        with gr.Tabs(overflow_behavior="wrap") as tabs:
            with gr.Tab("Chat", id="chat") as chat_tab:
                start = start_panel(services)
                with gr.Row(elem_id="chat-row"):
                    with gr.Column(scale=1, min_width=220, elem_id="conv-col"):
                        with gr.Accordion("Conversations", open=True) as conv_acc:
                            new_btn = gr.Button("New conversation", size="sm")
                            conv_list = gr.Radio(
                                choices=[], label="Past conversations", type="value"
                            )
                            delete_btn = gr.Button(
                                "Delete this conversation…",
                                variant="stop",
                                size="sm",
                                visible=False,
                            )
                            with gr.Row(visible=False) as confirm_row:
                                gr.Markdown("Delete this conversation for good?")
                                yes_btn = gr.Button("Yes, delete", variant="stop", size="sm")
                                no_btn = gr.Button("Keep", size="sm")
                    with gr.Column(scale=3, min_width=280, elem_id="chat-col"):
                        chatbot = gr.Chatbot(
                            height="min(520px, 60vh)",
                            label="Coach",
                            placeholder=(
                                "Ask about a colleague, a first conversation, or feedback. "
                                "Answers cite your guidance and notes; open a source to read "
                                "the passage."
                            ),
                            buttons=["copy", "copy_all"],
                            feedback_options=None,
                            layout="bubble",
                            elem_id="chatbot",
                        )
                        with gr.Row(elem_id="examples") as examples_row:
                            example_btns = [
                                gr.Button(text, size="sm", min_width=200) for text in EXAMPLES
                            ]
                        msg = gr.Textbox(
                            label="Your question",
                            placeholder="Ask the coach… (Enter sends, Shift+Enter: new line)",
                            lines=1,
                            max_lines=8,
                            submit_btn="Send",
                            elem_id="chat-input",
                        )
                        status = gr.Markdown()
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
            peers_parts = peers_tab(services, demo)
            follow_parts = followups_tab(services, demo)
            meetings_tab(services, demo)
            plan_parts = plan_tab(services, demo)
            guidance_tab(services)

        chat_in = [msg, chatbot, conv_state]
        chat_out = [chatbot, conv_state, msg, status, conv_list, answering]
        after_answer: dict[str, Any] = {
            "fn": finish,
            "inputs": [conv_state, conv_list],
            "outputs": [delete_btn, msg, examples_row],
        }
        # the stop button replaces send while an answer streams (as in gr.ChatInterface)
        sent = msg.submit(
            busy, None, [msg, examples_row], queue=False, api_visibility="private"
        ).then(respond, chat_in, chat_out, api_name="chat")
        answers = [sent]
        for button, text in zip(example_btns, EXAMPLES, strict=True):
            answers.append(
                button.click(example(text), None, msg, queue=False, api_visibility="private")
                .then(busy, None, [msg, examples_row], queue=False, api_visibility="private")
                .then(respond, chat_in, chat_out, api_visibility="private")
            )
        # Stop cancels the answer at any moment (the answer runs in a worker, so nothing waits
        # for a token); once it has ended, a stopped answer is shown as it was saved.
        for event in answers:
            event.then(
                settle,
                [conv_state, answering],
                [chatbot, answering, conv_list],
                api_visibility="private",
            ).then(**after_answer, api_visibility="private")
        msg.stop(**after_answer, cancels=answers, api_visibility="private")

        conv_list.input(
            open_conversation, [conv_list], [chatbot, conv_state], api_visibility="private"
        ).then(**after_answer, api_visibility="private")
        new_btn.click(
            new_conversation,
            None,
            [chatbot, conv_state, conv_list, status],
            api_visibility="private",
        ).then(**after_answer, api_visibility="private")
        delete_btn.click(
            lambda conv: gr.Row(visible=bool(conv)),
            [conv_state],
            confirm_row,
            queue=False,
            api_visibility="private",
        )
        no_btn.click(lambda: gr.Row(visible=False), None, confirm_row, api_visibility="private")
        yes_btn.click(
            delete_conversation,
            [conv_state],
            [chatbot, conv_state, conv_list, status],
            api_name="delete_conversation",
        ).then(lambda: gr.Row(visible=False), None, confirm_row, api_visibility="private").then(
            **after_answer, api_visibility="private"
        )
        note_btn.click(
            save_note,
            [note_text, note_person, note_date],
            [note_status, note_text, note_person],
            api_name="add_note",
        )

        # Every tab shows current data: each refreshes when it is shown.
        chat_tab.select(refresh_list, None, [conv_list], api_visibility="private")
        chat_tab.select(start.refresh, None, start.outputs, api_visibility="private")
        parts: list[TabParts] = [peers_parts, follow_parts, plan_parts]
        for part in parts:
            part.tab.select(part.refresh, part.inputs, part.outputs, api_visibility="private")
        targets = {"peers": peers_parts, "plan": plan_parts}
        for key, button in start.steps.items():
            went = button.click(go_to(key), None, tabs, api_visibility="private")
            if key in targets:
                part = targets[key]
                went.then(part.refresh, part.inputs, part.outputs, api_visibility="private")
        demo.load(refresh_list, None, [conv_list], api_visibility="private")
        demo.load(start.refresh, None, start.outputs, api_visibility="private")
        demo.load(
            fit_to_screen,
            [screen],
            conv_acc,
            js="() => [window.innerWidth]",
            api_visibility="private",
        )
        gr.api(ask_api, api_name="ask")
        for part in parts:
            for api_name, fn in part.apis.items():
                gr.api(fn, api_name=api_name)
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
    sign_in: dict[str, Any] = {}
    if settings.auth:
        from coach.services.accounts import list_users
        from coach.ui.web.signin import sign_in_options

        if not list_users(services):
            raise CoachError(
                "Sign-in is on (COACH_AUTH=true) but there are no users yet: "
                "add one with `coach users add NAME`."
            )
        sign_in = sign_in_options(services)

    server_port = settings.port if port is None else port or None
    try:
        demo.launch(
            **sign_in,
            server_name=host or settings.host,
            server_port=server_port,
            prevent_thread_lock=not block,
            css=CSS,
            max_file_size=settings.max_upload_bytes,
            theme=theme(),
            footer_links=["api"],
            quiet=False,
        )
    except OSError as exc:
        raise CoachError(
            f"Cannot listen on port {server_port}: it is in use. Stop the other "
            "program, or pick another port with --port or COACH_PORT."
        ) from exc
    return demo
