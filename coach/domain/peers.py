"""The peer map's records as pure pydantic models: what a peer is, and what the ranking sees."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Relationship = Literal["strong", "weak", "nonexistent"]
Relates = Literal["helps me", "depends on me", "shared goals", "future need", "big-picture insight"]
InteractionKind = Literal[
    "meeting",
    "lunch/coffee",
    "chance encounter",
    "message",
    "feedback",
    "favour",
    "celebration",
    "info shared",
]


RELATES: tuple[str, ...] = Relates.__args__  # type: ignore[attr-defined]
KINDS: tuple[str, ...] = InteractionKind.__args__  # type: ignore[attr-defined]
STRENGTHS: tuple[str, ...] = Relationship.__args__  # type: ignore[attr-defined]
FOCUS_CAP = 5
STRENGTH_MARK = {"strong": "🟢 strong", "weak": "🟡 weak", "nonexistent": "⚪ nonexistent"}


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _split(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in re.split(r"[;,|]", value) if v.strip()]
    return [str(v).strip() for v in value if str(v).strip()]  # type: ignore[attr-defined]


class PeerIn(BaseModel):
    """A peer as a person enters it; validation messages are shown as they are."""

    model_config = ConfigDict(str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=100)
    role: str = Field(default="", max_length=100)
    team: str = Field(default="", max_length=100)
    relates: list[Relates] = Field(default_factory=list)
    importance: int = Field(default=3, ge=1, le=5)
    relationship: Relationship = "nonexistent"
    focus: bool = False
    cadence_days: int = Field(default=30, ge=1, le=365)
    tags: list[str] = Field(default_factory=list)
    last_contact: date | None = None

    @field_validator("name", "role", "team")
    @classmethod
    def _plain(cls, value: str) -> str:
        if "\x00" in value or any(ch in value for ch in "<>"):
            raise ValueError("use plain text (no angle brackets or binary characters)")
        return " ".join(value.split())

    @field_validator("relates", mode="before")
    @classmethod
    def _relates(cls, value: object) -> list[str]:
        out = []
        for item in _split(value):
            norm = item.lower().replace("_", " ").replace("-", " ")
            norm = (
                "big-picture insight"
                if norm in {"big picture insight", "big picture", "insight"}
                else norm
            )
            out.append(norm)
        return out

    @field_validator("relationship", mode="before")
    @classmethod
    def _strength(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.strip().lower() or "nonexistent"
            return {"none": "nonexistent", "no": "nonexistent"}.get(value, value)
        return value

    @field_validator("tags", mode="before")
    @classmethod
    def _tags(cls, value: object) -> list[str]:
        return [t.lower() for t in _split(value)]


class PeerView(PeerIn):
    id: str
    created_at: datetime
    updated_at: datetime

    @property
    def label(self) -> str:
        return f"{self.name} ({self.team})" if self.team else self.name


RANGES = {"importance": (1, 5), "cadence_days": (1, 365)}

PLAIN = {
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "date_from_datetime_parsing": "must be a date like 2026-11-23 (YYYY-MM-DD)",
    "date_parsing": "must be a date like 2026-11-23 (YYYY-MM-DD)",
    "bool_parsing": "must be yes or no",
    "missing": "is required",
}


def _plain(err: dict, field: str) -> str:
    """One validation error in words a person can act on."""
    kind = err["type"]
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        low, high = RANGES.get(field, (None, None))
        if low is not None:
            return f"must be between {low} and {high}"
        return err["msg"].replace("Input should be", "must be")
    if kind == "string_too_short":
        return "is empty"
    if kind == "string_too_long":
        return f"is too long (at most {err.get('ctx', {}).get('max_length')} characters)"
    if kind == "literal_error":
        return "must be one of " + err["msg"].split("Input should be ", 1)[-1]
    if kind in PLAIN:
        return PLAIN[kind]
    return err["msg"].removeprefix("Value error, ")


def validation_message(exc: Exception, labels: dict[str, str] | None = None) -> str:
    """Turn a pydantic error into one line a person can act on.

    With `labels` (field -> the label a form shows), fields are named as the form names them:
    "Keep in touch every (days) must be between 1 and 365" rather than "cadence_days: ...".
    """
    from pydantic import ValidationError

    if isinstance(exc, ValidationError):
        parts = []
        for err in exc.errors():
            field = ".".join(str(p) for p in err["loc"] if not isinstance(p, int)) or "value"
            msg = _plain(dict(err), field.split(".")[0])
            if labels is not None:
                parts.append(f"{labels.get(field.split('.')[0], field)} {msg}")
            else:
                parts.append(f"{field}: {msg}")
        return "; ".join(dict.fromkeys(parts))
    return str(exc)


class InteractionView(BaseModel):
    id: str
    day: date
    kind: str
    summary: str
    peers: list[str]
    new: bool = False


class PeerSignals(BaseModel):
    """Everything the ranking looks at for one peer."""

    peer: PeerView
    favours_given: int = 0
    favours_received: int = 0
    open_follow_ups: int = 0
    overdue_follow_ups: int = 0
    loops_to_close: int = 0
    next_follow_up: str | None = None
