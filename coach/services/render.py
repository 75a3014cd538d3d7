"""Results as people read them: one renderer per result kind, for page, chat and CLI."""

from __future__ import annotations

import html

from coach.components.validate import neutralize
from coach.domain.feedback import DEPTH_WORDS
from coach.domain.meeting_model import EarlyWarning, MeetingAnalysis

SECTIONS = ["commitments", "info_to_share", "celebrate", "feedback_to_ask", "early_warnings"]
TITLES = {
    "commitments": "Commitments (follow-ups)",
    "info_to_share": "Information worth sharing",
    "celebrate": "Successes to celebrate",
    "feedback_to_ask": "Feedback to ask for",
    "early_warnings": "Bad news and risks to pass on early",
}


def item_labels(result: MeetingAnalysis) -> dict[str, list[str]]:
    """One readable, numbered line per suggestion, per section (numbers keep them unique)."""

    def e(text: str) -> str:
        return neutralize(html.escape(text, quote=False))

    lines = {
        "commitments": [
            e(f"{c.who or 'No owner named'} → {c.to_whom or '—'}: {c.what}")
            + (f" (due {c.due})" if c.due else f" ({e(c.due_text)})" if c.due_text else "")
            for c in result.commitments
        ],
        "info_to_share": [e(f"Share with {i.with_whom}: {i.what}") for i in result.info_to_share],
        "celebrate": [e(f"Congratulate {c.who}: {c.what}") for c in result.celebrate],
        "feedback_to_ask": [
            e(f"Ask {f.whom} for {DEPTH_WORDS[f.depth]} on {f.on_what}")
            for f in result.feedback_to_ask
        ],
        "early_warnings": [e(_warning(w)) for w in result.early_warnings],
    }
    return {k: [f"{i}. {v}" for i, v in enumerate(items, 1)] for k, items in lines.items()}


def _warning(w: EarlyWarning) -> str:
    if w.raised_by and not w.who_depends:
        return f"Risk raised by {w.raised_by}: {w.what}"
    return f"Tell {', '.join(w.who_depends) or 'those who depend on it'} early: {w.what}"


def analysis_markdown(result: MeetingAnalysis) -> str:
    """The whole analysis as markdown, for the chat and the page."""

    def e(text: str) -> str:
        return neutralize(html.escape(text, quote=False))

    people = (
        ", ".join(
            f"{e(p.name)}"
            + (f" → {e(p.peer)}" if p.peer and p.peer != p.name else "")
            + (" (new)" if p.is_new else "")
            + (f", {e(p.team)}" if p.team else "")
            for p in result.people
        )
        or "nobody named"
    )
    stated = f" (from “{e(result.date_text)}” in the notes)" if result.date_text else ""
    parts = [f"**Meeting of {result.meeting_date}**{stated} · people: {people}"]
    for key, items in item_labels(result).items():
        if items:
            # the numbers are for the checklists; the summary reads better without them
            parts.append(
                f"**{TITLES[key]}**\n" + "\n".join(f"- {i.split('. ', 1)[1]}" for i in items)
            )
    if result.openers:
        parts.append(
            "**Openers for next time**\n"
            + "\n".join(f"- {e(o.person)}: “{e(o.text)}”" for o in result.openers)
        )
    if result.cards:
        parts.append("_Guidance behind these: " + ", ".join(result.cards) + "_")
    return "\n\n".join(parts)


def analysis_text(analysis: MeetingAnalysis) -> str:
    """The analysis as a person reads it in a terminal."""
    lines = [f"Meeting of {analysis.meeting_date} ({analysis.extractor})"]

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.append(f"\n{title}")
            lines.extend(f"  {i}. {item}" for i, item in enumerate(items, 1))

    section(
        "People",
        [
            f"{p.name}"
            + (f" → {p.peer}" if p.peer else " (new)")
            + (f", {p.team}" if p.team else "")
            for p in analysis.people
        ],
    )
    section(
        "Commitments",
        [
            f"{c.who or 'No owner named'} → {c.to_whom or '—'}: {c.what}"
            + (f" (due {c.due})" if c.due else f" ({c.due_text})" if c.due_text else "")
            for c in analysis.commitments
        ],
    )
    section(
        "Information to share",
        [f"with {i.with_whom}: {i.what} ({i.why})" for i in analysis.info_to_share],
    )
    section("Successes to celebrate", [f"{c.who}: {c.what}" for c in analysis.celebrate])
    section(
        "Feedback to ask for",
        [f"{f.whom} on {f.on_what} ({f.depth})" for f in analysis.feedback_to_ask],
    )
    section(
        "Bad news to pass on early",
        [
            f"{w.what} → tell {', '.join(w.who_depends) or 'those who depend on it'}"
            for w in analysis.early_warnings
        ],
    )
    section("Openers for next time", [f"{o.person}: {o.text}" for o in analysis.openers])
    if analysis.cards:
        lines.append("\nGuidance: " + ", ".join(analysis.cards))
    return "\n".join(lines)
