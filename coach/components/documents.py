"""Text out of .docx and .pdf uploads, trusting nothing: sizes are checked before parsing, and
every parser failure becomes a plain message."""

from __future__ import annotations

import io
import logging
import zipfile

from coach.errors import InputError

log = logging.getLogger(__name__)

# A real .docx of meeting notes unpacks to a few MB; Word's XML compresses about 10:1.
MAX_UNPACKED_BYTES = 30_000_000
MAX_RATIO = 100  # a larger member squeezed harder than this is a zip bomb
RATIO_FROM_BYTES = 1_000_000  # small members may compress very well: don't judge them
MAX_MEMBERS = 2_000
MAX_PDF_PAGES = 1_000
MAX_TEXT_CHARS = 5_000_000  # more than any limit on what we keep; stops runaway extraction


def docx_text(data: bytes, name: str) -> str:
    """Paragraph text of a Word document, refusing one that unpacks to too much."""
    check_zip(data, name)
    from docx import Document

    try:
        doc = Document(io.BytesIO(data))
        return "\n".join(p.text for p in doc.paragraphs)
    except Exception as exc:  # lxml XMLSyntaxError, zipfile, KeyError, …: all mean "unreadable"
        log.info("%s: unreadable Word document: %r", name, exc)
        raise InputError(f"{name} is not a readable Word document.") from exc


def check_zip(data: bytes, name: str) -> None:
    """Refuse a zip that unpacks to too much, before a parser unpacks any of it.

    First the sizes the zip declares; then each member is unpacked once, 64 KB at a time and
    thrown away, which proves the declared sizes true (zipfile stops a member at its declared
    size and checks its CRC). Only then may a parser read it whole: `ZipFile.read` would
    otherwise inflate a member that lies about its size to gigabytes in one call.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise InputError(f"{name} is not a readable Word document.") from exc
    if len(members) > MAX_MEMBERS:
        raise InputError(f"{name} holds {len(members):,} parts; a Word document has far fewer.")
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO:
            raise InputError(
                f"{name} was refused: one part unpacks to {ratio:,.0f} times its size "
                "(a zip bomb?). Save it again from your word processor, or paste the text."
            )
    if total > MAX_UNPACKED_BYTES:
        raise InputError(
            f"{name} unpacks to {total:,} bytes; the limit is {MAX_UNPACKED_BYTES:,}. "
            "Paste the text instead."
        )
    try:
        for member in members:
            with archive.open(member) as stream:
                while stream.read(65536):
                    pass
    except Exception as exc:  # a bad CRC (a lying size), bad data, encryption, …
        log.info("%s: zip member check failed: %r", name, exc)
        raise InputError(
            f"{name} was refused: its contents do not match what it declares (damaged, or "
            "a zip bomb?). Save it again from your word processor, or paste the text."
        ) from exc


def pdf_text(data: bytes, name: str) -> str:
    """Text of a PDF, page by page, up to a page and character cap."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        parts: list[str] = []
        size = 0
        for number, page in enumerate(reader.pages):
            if number >= MAX_PDF_PAGES or size > MAX_TEXT_CHARS:
                log.info("%s: stopped reading at page %d", name, number)
                break
            text = page.extract_text() or ""
            parts.append(text)
            size += len(text)
        return "\n\n".join(parts)
    except Exception as exc:  # pypdf raises many kinds for broken files; all mean "unreadable"
        log.info("%s: unreadable PDF: %r", name, exc)
        raise InputError(f"{name} is not a readable PDF ({exc.__class__.__name__}).") from exc
