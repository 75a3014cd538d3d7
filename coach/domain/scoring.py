"""Who to reach out to next: a transparent score per peer, with the reason and what to do."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from coach.domain.peers import PeerSignals

# Points per factor. Importance dominates; then how much the relationship needs building and
# how overdue contact is. A strong relationship seen yesterday should sink to the bottom.
IMPORTANCE_POINTS = 10  # per importance level, 10..50
STRENGTH_POINTS = {"nonexistent": 30, "weak": 20, "strong": 0}
OVERDUE_POINTS = 10  # per cadence period overdue, capped at 3 periods
FOCUS_POINTS = 20
YOU_OWE_POINTS = 10
FOLLOW_UP_POINTS = 8  # per open follow-up, capped at 3
OVERDUE_FOLLOW_UP_POINTS = 6
LOOP_POINTS = 12  # feedback received but the loop is not yet closed
BUILD_EARLY_POINTS = 15  # important (4-5) and never contacted: build it before you need it


class Suggestion(BaseModel):
    name: str
    team: str
    score: float
    reason: str
    suggested_action: str
    card: str
    factors: dict[str, float]


def score(sig: PeerSignals, today: date) -> Suggestion:
    """Score one peer; the reason names every factor that added points."""
    peer = sig.peer
    factors: dict[str, float] = {"importance": peer.importance * IMPORTANCE_POINTS}
    reasons = [f"importance {peer.importance}/5"]
    strength = STRENGTH_POINTS[peer.relationship]
    if strength:
        factors["relationship"] = strength
        reasons.append(f"{peer.relationship} relationship")
    if peer.last_contact is None:
        factors["overdue"] = 3 * OVERDUE_POINTS
        reasons.append("never contacted")
    else:
        # a contact dated after `today` (a plan made for a week already under way) is recent
        days = max((today - peer.last_contact).days, 0)
        periods = days / peer.cadence_days
        if periods >= 1:
            factors["overdue"] = round(min(periods, 3.0) * OVERDUE_POINTS, 1)
            reasons.append(f"{days} days since last contact (cadence {peer.cadence_days})")
        elif days <= 3:
            reasons.append(met_ago(days))
    if peer.focus:
        factors["focus"] = FOCUS_POINTS
        reasons.append("on your focus list")
    balance = sig.favours_received - sig.favours_given
    if balance > 0:
        factors["you_owe"] = YOU_OWE_POINTS
        reasons.append(f"you owe {balance} favour{'s' if balance > 1 else ''}")
    elif balance < 0:
        reasons.append(f"they owe you {-balance}")
    if sig.open_follow_ups:
        factors["follow_ups"] = min(sig.open_follow_ups, 3) * FOLLOW_UP_POINTS
        reasons.append(
            f"{sig.open_follow_ups} open follow-up{'s' if sig.open_follow_ups > 1 else ''}"
        )
    if sig.overdue_follow_ups:
        factors["overdue_follow_ups"] = OVERDUE_FOLLOW_UP_POINTS
        reasons.append(f"{sig.overdue_follow_ups} overdue")
    if sig.loops_to_close:
        factors["feedback_loop"] = LOOP_POINTS
        reasons.append("feedback loop to close")
    if peer.importance >= 4 and peer.last_contact is None:
        factors["build_early"] = BUILD_EARLY_POINTS
        reasons.append("build it before you need it")
    action, card = suggest_action(sig)
    return Suggestion(
        name=peer.name,
        team=peer.team,
        score=round(sum(factors.values()), 1),
        reason=", ".join(reasons),
        suggested_action=action,
        card=card,
        factors=factors,
    )


def met_ago(days: int) -> str:
    """'met today', 'met 1 day ago', 'met 3 days ago' (never a negative count)."""
    if days <= 0:
        return "met today"
    return f"met {days} day{'s' if days != 1 else ''} ago"


def suggest_action(sig: PeerSignals) -> tuple[str, str]:
    """The most useful next step and the guidance card behind it."""
    peer = sig.peer
    first = peer.name.split()[0]
    if sig.loops_to_close:
        return (
            f"Close the loop: thank {first} and say what you changed from their feedback.",
            "close-the-feedback-loop",
        )
    if sig.overdue_follow_ups or sig.open_follow_ups:
        return (f"Follow up with {first}: {sig.next_follow_up}.", "share-information-proactively")
    if sig.favours_received > sig.favours_given:
        return (
            f"Return the favour: offer {first} help with something they are working on.",
            "reciprocity",
        )
    if peer.last_contact is None:
        return (
            f"Introduce yourself to {first} before you need anything: ask what they are "
            "working on.",
            "build-before-you-need",
        )
    if peer.relationship != "strong":
        return (
            f"Invite {first} for a coffee or lunch and ask what is taking up their week.",
            "one-on-one-meal",
        )
    return (
        f"Share something useful with {first} and keep the relationship warm.",
        "share-information-proactively",
    )


def rank(signals: list[PeerSignals], today: date, n: int | None = None) -> list[Suggestion]:
    """Highest score first; ties broken by name so the order is stable."""
    ranked = sorted((score(s, today) for s in signals), key=lambda s: (-s.score, s.name.lower()))
    return ranked[:n] if n else ranked


def periods_overdue(sig: PeerSignals, today: date) -> float:
    """Cadence periods since the last contact (0 when never contacted)."""
    last = sig.peer.last_contact
    return (today - last).days / sig.peer.cadence_days if last else 0.0


def matches(sig: PeerSignals, filter: str, today: date) -> bool:
    """Whether a peer belongs to a who-next filter: overdue, never_met, focus, weak, team:<T>."""
    peer = sig.peer
    if filter == "overdue":
        return periods_overdue(sig, today) >= 1
    if filter == "never_met":
        return peer.last_contact is None
    if filter == "focus":
        return peer.focus
    if filter == "weak":
        return peer.relationship != "strong"
    if filter.startswith("team:"):
        return peer.team.casefold() == filter.split(":", 1)[1].strip().casefold()
    raise ValueError(f"unknown who-next filter {filter!r}")


def describe_filter(filter: str) -> str:
    """Words for a filter, for the heading of the list."""
    words = {
        "overdue": "overdue against your keep-in-touch cadence",
        "never_met": "never contacted yet",
        "focus": "on your focus list",
        "weak": "weak or nonexistent relationships",
    }
    if filter.startswith("team:"):
        return f"in {filter.split(':', 1)[1]}"
    return words.get(filter, filter)


def rank_filtered(
    sigs: list[PeerSignals], filter: str, today: date, n: int | None = None
) -> list[Suggestion]:
    """Only the peers a filter keeps; overdue ones most overdue first, others by score."""
    kept = [s for s in sigs if matches(s, filter, today)]
    ranked = rank(kept, today)
    if filter == "overdue":
        by_name = {s.peer.name: periods_overdue(s, today) for s in kept}
        ranked.sort(key=lambda s: (-by_name[s.name], -s.score, s.name.lower()))
    return ranked[:n] if n else ranked
