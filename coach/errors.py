"""Errors meant for people: each says what happened and what to do next."""


class CoachError(Exception):
    """A failure a user can understand; the page and CLI show its message as it is."""


class InputError(CoachError):
    """The user's input cannot be used as given (empty, too long, binary, malformed)."""


class ProviderError(CoachError):
    """The chat model failed or was too slow; the caller falls back to an offline answer."""
