"""The data folder is private to the user running Peer Coach: folders 0700, files 0600."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE_UMASK = 0o077
FOLDER_MODE = 0o700
FILE_MODE = 0o600


def restrict_new_files() -> None:
    """Everything this process creates from now on (SQLite, Chroma, logs, exports, Gradio's
    download copies) is readable by its user only."""
    os.umask(PRIVATE_UMASK)


def make_private(folder: Path) -> None:
    """Take group and other permissions off the folder and everything in it (files made by an
    older version, or copied in by hand). Symbolic links are left alone, never followed.

    A data folder set to the home folder (or above it) is not walked: that would change far
    more than Peer Coach's own files."""
    home = Path.home().resolve()
    if folder == home or folder in home.parents:
        log.warning("the data folder %s holds more than Peer Coach: not changing it", folder)
        return
    _chmod(folder, FOLDER_MODE)
    for root, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs:
            _chmod(Path(root) / name, FOLDER_MODE)
        for name in files:
            _chmod(Path(root) / name, FILE_MODE)


def _chmod(path: Path, private: int) -> None:
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            return
        mode = stat.S_IMODE(info.st_mode)
        # Nothing for group or others; the owner keeps what they had (and can open folders).
        wanted = private if stat.S_ISDIR(info.st_mode) else mode & ~PRIVATE_UMASK & 0o777
        if wanted != mode:
            os.chmod(path, wanted)
    except OSError as exc:  # someone else's file in our folder: say so, keep going
        log.warning("could not make %s private: %s", path, exc)
