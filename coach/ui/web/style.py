"""The page's stylesheet: chips, cards, readable tables, and the layout at phone width."""

CSS = """
.badge {display:inline-block; padding:2px 10px; border-radius:12px; background:#eef2ff;
        color:#3730a3; font-size:0.85em; white-space:nowrap;}
.app-title, .app-title .prose {overflow:visible !important;}
.app-title h2 {margin:0; display:flex; flex-wrap:wrap; gap:6px 12px; align-items:center;}
.app-title small {color:var(--body-text-color-subdued);}
.error-msg {color:#b91c1c;}
.ok-msg {color:#15803d;}
.dark .error-msg {color:#fca5a5;}
.dark .ok-msg {color:#86efac;}

/* chips: a word and a colour, readable in both themes */
.chip {display:inline-block; padding:1px 8px; border-radius:10px; font-size:0.85em;
       font-weight:600; white-space:nowrap; border:1px solid transparent;}
.chip-strong {background:#dcfce7; color:#14532d; border-color:#86efac;}
.chip-weak {background:#fef3c7; color:#78350f; border-color:#fcd34d;}
.chip-nonexistent {background:#f3f4f6; color:#1f2937; border-color:#d1d5db;}
.chip-sample {background:#ede9fe; color:#4c1d95; border-color:#c4b5fd;}
.chip-focus {background:#dbeafe; color:#1e3a8a; border-color:#93c5fd;}
.chip-overdue {background:#fee2e2; color:#7f1d1d; border-color:#fca5a5;}

/* the peer map as a table that becomes cards on a phone */
.peer-table {width:100%; border-collapse:collapse; font-size:0.92em;}
.peer-table th {text-align:left; white-space:nowrap; word-break:keep-all; padding:6px 8px;
                border-bottom:2px solid var(--border-color-primary);}
.peer-table td {padding:6px 8px; border-bottom:1px solid var(--border-color-primary);
                vertical-align:top;}

.sr-only {position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0,0,0,0);
          white-space:nowrap;}
.muted {color:#4b5563;}
.dark .muted {color:#d1d5db;}
.start-panel {border:1px solid var(--border-color-primary); border-radius:12px;
              padding:10px 12px !important; background:var(--block-background-fill);}
.empty-note {padding:12px; border:1px dashed var(--border-color-primary); border-radius:8px;}

/* who next, as cards */
.cards {display:grid; grid-template-columns:repeat(auto-fill, minmax(260px, 1fr)); gap:10px;}
.card {border:1px solid var(--border-color-primary); border-radius:10px; padding:10px 12px;
       background:var(--block-background-fill);}
.card h4 {margin:0 0 4px 0; font-size:1em;}
.card p {margin:4px 0;}
.card .label {font-weight:600;}
.card .score {margin-left:6px; font-size:0.75em; vertical-align:middle;}

/* chat: sources open to their passage */
details.source {margin:4px 0; border-left:3px solid var(--border-color-primary);
                padding-left:8px;}
details.source summary {cursor:pointer;}
details.source .passage {font-size:0.92em; padding:4px 0;}
#follow-list label, #plan-items label {width:100%;}

@media (max-width: 700px) {
  .gradio-container {padding-left:6px !important; padding-right:6px !important;}
  /* the chat first; the conversation list after it */
  #chat-row {flex-direction:column;}
  #chat-col {order:1;}
  #conv-col {order:2; width:100%; min-width:100% !important;}
  /* three example prompts are enough on a phone; the box stays on the first screen */
  #examples > :nth-child(n+4) {display:none;}
  #chatbot {height:48vh !important; min-height:260px;}
  .start-panel .prose {font-size:0.92em;}
  .peer-table td.empty {display:none;}
  .peer-table thead {display:none;}
  .peer-table, .peer-table tbody, .peer-table tr, .peer-table td {display:block; width:100%;}
  .peer-table tr {border:1px solid var(--border-color-primary); border-radius:10px;
                  margin-bottom:8px; padding:4px 0;}
  .peer-table td {border:none; padding:2px 10px;}
  .peer-table td[data-label]::before {content:attr(data-label) ": "; font-weight:600;}
  .peer-table td.name-cell::before {content:none;}
  .peer-table td.name-cell {font-size:1.05em;}
}
"""


def theme():  # type: ignore[no-untyped-def]
    """Gradio's default theme with colours dark enough for text on them (WCAG AA, 4.5:1)."""
    import gradio as gr

    return gr.themes.Default(primary_hue="blue").set(
        button_primary_background_fill="*primary_700",
        button_primary_background_fill_hover="*primary_800",
        button_primary_background_fill_dark="*primary_700",
        button_primary_background_fill_hover_dark="*primary_800",
        button_cancel_background_fill="#b91c1c",
        button_cancel_background_fill_hover="#991b1b",
        button_cancel_background_fill_dark="#b91c1c",
        button_cancel_background_fill_hover_dark="#991b1b",
        body_text_color_subdued="*neutral_600",
        body_text_color_subdued_dark="*neutral_300",
    )
