"""Input checks shared by the page and the CLI: plain messages, never a stack trace."""

from __future__ import annotations

import io
from pathlib import Path

from coach.errors import InputError

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
        text = _pdf_text(data, name)
    elif suffix == ".docx":
        text = _docx_text(data, name)
    else:
        text = decode_text(data, name)
    if not text.strip():
        raise InputError(f"{name} has no readable text.")
    return text


def _pdf_text(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n\n".join(page.extract_text() or "" for page in reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{name} is not a readable PDF ({exc.__class__.__name__}).") from exc


def _docx_text(data: bytes, name: str) -> str:
    import zipfile

    from docx import Document

    try:
        doc = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(f"{name} is not a readable Word document.") from exc
    return "\n".join(p.text for p in doc.paragraphs)


def neutralize(markdown: str) -> str:
    """Make text safe to render as markdown: no raw HTML (so no <script> or <img>) and no
    markdown images, which would load from remote hosts when a note or a model puts one in."""
    return markdown.replace("<", "&lt;").replace("![", "!\\[")
