"""What a meeting analysis holds: one pydantic contract for both extractors, the page and --json."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

ME = "me"


class Person(BaseModel):
    name: str = Field(description="The name as written in the notes")
    peer: str | None = Field(default=None, description="Matched peer-map name, or None if new")
    team: str | None = Field(default=None, description="Team, if the notes state it")
    aliases: list[str] = Field(
        default_factory=list, description="Other ways the notes name them: handles, initials"
    )
    attended: bool = Field(default=False, description="Listed among the meeting's attendees")
    said: list[str] = Field(
        default_factory=list, description="The sentences of the notes that mention them"
    )

    @property
    def is_new(self) -> bool:
        return self.peer is None


class Commitment(BaseModel):
    who: str | None = Field(
        default=None, description="'me', the person who promised, or null when nobody is named"
    )
    to_whom: str = Field(description="'me' or the person it was promised to")
    what: str
    due: date | None = None
    due_text: str | None = Field(default=None, description="The words that set the due date")
    as_written: str | None = Field(
        default=None, description="The notes' own words for it, owner and date included"
    )

    @property
    def mine(self) -> bool:
        return self.who == ME


class InfoToShare(BaseModel):
    what: str
    with_whom: str
    why: str


class Celebrate(BaseModel):
    who: str
    what: str


class FeedbackToAsk(BaseModel):
    whom: str
    on_what: str
    depth: Literal["quick", "deep"] = "quick"


class EarlyWarning(BaseModel):
    what: str
    who_depends: list[str] = Field(default_factory=list)
    raised_by: str | None = Field(default=None, description="Who voiced the worry, if not me")


class PersonOpener(BaseModel):
    person: str
    text: str


class ModelSuggestions(BaseModel):
    """What a model is asked for; names and dates in it are checked against the text."""

    people: list[Person] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    info_to_share: list[InfoToShare] = Field(default_factory=list)
    celebrate: list[Celebrate] = Field(default_factory=list)
    feedback_to_ask: list[FeedbackToAsk] = Field(default_factory=list)
    early_warnings: list[EarlyWarning] = Field(default_factory=list)


class MeetingAnalysis(ModelSuggestions):
    """Suggestions from one meeting's notes; nothing is saved until the user confirms."""

    meeting_date: date
    date_text: str | None = Field(
        default=None, description="The words in the notes that gave the meeting date, if any"
    )
    openers: list[PersonOpener] = Field(default_factory=list)
    cards: list[str] = Field(default_factory=list)
    extractor: str = "rules"
