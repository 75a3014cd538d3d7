"""Input checks shared by the page and the CLI: plain messages, never a stack trace."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from coach.components.documents import docx_text, pdf_text
from coach.components.sanitize import neutralize
from coach.errors import InputError

__all__ = ["clean_text", "decode_text", "neutralize", "read_capped", "read_document"]

TEXT_SUFFIXES = {".md", ".markdown", ".txt"}
DOC_SUFFIXES = TEXT_SUFFIXES | {".pdf", ".docx"}


def clean_text(value: str | None, what: str, max_chars: int) -> str:
    """Return the text stripped, or raise InputError saying why it cannot be used."""
    if value is None or not value.strip():
        raise InputError(f"The {what} is empty: type something first.")
    if "\x00" in value:
        raise InputError(f"The {what} contains binary data (NUL bytes); paste plain text.")
    text = value.strip()
    if len(text) > max_chars:
        raise InputError(
            f"The {what} is {len(text):,} characters; the limit is {max_chars:,}. "
            "Shorten it or split it into parts."
        )
    return text


def decode_text(data: bytes, name: str) -> str:
    """Decode bytes as UTF-8 text, refusing binary content with a plain message."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name} looks like a binary file, not text.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name} is not valid UTF-8 text (byte {exc.start}).") from exc


def read_capped(stream: BinaryIO, max_bytes: int, name: str) -> bytes:
    """Read a stream (e.g. stdin) but never more than the limit plus one byte."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{name} is over the limit of {max_bytes:,} bytes.")
    return data


def read_document(path: Path, max_bytes: int, suffixes: set[str] = DOC_SUFFIXES) -> str:
    """Read a .md/.txt/.pdf/.docx file into text, with a clear error for anything unusable."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in suffixes:
        allowed = ", ".join(sorted(suffixes))
        raise InputError(f"{name}: unsupported file type {suffix or '(none)'}; use {allowed}.")
    if not path.is_file():
        raise InputError(f"{name}: no such file.")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{name} is empty.")
    if size > max_bytes:
        raise InputError(f"{name} is {size:,} bytes; the limit is {max_bytes:,} bytes.")
    data = path.read_bytes()
    if suffix == ".pdf":
        text = pdf_text(data, name)
    elif suffix == ".docx":
        text = docx_text(data, name)
    else:
        text = decode_text(data, name)
    if not text.strip():
        raise InputError(f"{name} has no readable text.")
    return text
