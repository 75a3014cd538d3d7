"""Where the name word lists used to live; they are in `coach.domain.names.words` now."""

from coach.domain.names.words import *  # noqa: F403  (old imports keep working)
