"""Names: the one place that decides which person a name, a word in a text or a role means.

- `peers.Roster`: how a typed name resolves to a peer (full name, unique first name, unique
  prefix, one typo) and whether a first name alone is one peer's; the store, the chat,
  retrieval and the meeting-notes finder all ask it.
- `text.PeerFinder`: peers in a chat message or question (`PersonRef`s); `people_in` for the
  people notes are about.
- `roles`: 'our lawyer', 'my finance partner', teams spoken of as groups or named in a title.
- `notes.NameMatcher`: the meeting-notes finder that learns attendees, handles and initials.
- `words`: the word lists and cues the finders read.

Each module loads when first asked for, so `coach peers list` pays only for the roster.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what type checkers see; at run time __getattr__ loads the module
    from coach.domain.names.notes import Known, Match, NameMatcher
    from coach.domain.names.peers import PeerLike, Roster, first_word, fold, one_edit, person_key
    from coach.domain.names.roles import teams_in, teams_named
    from coach.domain.names.text import PeerFinder, PersonRef, people_in
    from coach.domain.names.words import (
        EVERYDAY,
        LEADING,
        PARTICLES,
        THING,
        WORDLIKE_NAMES,
        is_given_name,
    )

__all__ = [
    "EVERYDAY",
    "LEADING",
    "PARTICLES",
    "THING",
    "WORDLIKE_NAMES",
    "Known",
    "Match",
    "NameMatcher",
    "PeerFinder",
    "PeerLike",
    "PersonRef",
    "Roster",
    "first_word",
    "fold",
    "is_given_name",
    "one_edit",
    "people_in",
    "person_key",
    "teams_in",
    "teams_named",
]
_MODULES = ("peers", "words", "roles", "text", "notes")  # cheapest first


def __getattr__(name: str) -> Any:
    for module in _MODULES if name in __all__ else ():
        value = getattr(import_module(f"{__name__}.{module}"), name, None)
        if value is not None:
            globals()[name] = value
            return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
