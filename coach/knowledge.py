"""Guidance: the shipped cards in knowledge/ and the user's own files, loaded as chunks."""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frontmatter
from langchain_core.documents import Document
from langchain_text_splitters import RecursiveCharacterTextSplitter

from coach.components.validate import DOC_SUFFIXES, read_document
from coach.errors import InputError
from coach.settings import Settings

GUIDANCE_SUFFIXES = {".md", ".markdown", ".txt", ".pdf"}
# MiniLM reads about 256 word pieces: chunks of ~900 characters keep each one whole.
_splitter = RecursiveCharacterTextSplitter(chunk_size=900, chunk_overlap=120)


@dataclass(frozen=True)
class Card:
    """One practice from the guidance, as written in knowledge/."""

    id: str
    title: str
    tags: tuple[str, ...]
    source: str
    body: str

    @property
    def summary(self) -> str:
        """The card's opening paragraph: what the practice is and why."""
        return self.body.strip().split("\n\n", 1)[0].strip()

    def section(self, heading: str) -> list[str]:
        """Bullet lines under a '## heading' of the card."""
        match = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", self.body, re.M | re.S)
        if not match:
            return []
        return [line[2:].strip() for line in match.group(1).splitlines() if line.startswith("- ")]


def parse_card(path: Path) -> Card:
    post = frontmatter.load(str(path))
    meta = post.metadata
    missing = [key for key in ("id", "title", "tags", "source") if not meta.get(key)]
    if missing:
        raise InputError(f"{path.name}: front matter lacks {', '.join(missing)}.")
    tags: Any = meta["tags"]
    if isinstance(tags, str):
        tags = [t.strip() for t in tags.split(",")]
    return Card(str(meta["id"]), str(meta["title"]), tuple(tags), str(meta["source"]), post.content)


def load_cards(folder: Path) -> dict[str, Card]:
    """All cards in a folder, by id."""
    cards = [parse_card(p) for p in sorted(folder.glob("*.md"))]
    return {card.id: card for card in cards}


SHARED = "shared"  # the owner of the cards that ship with Peer Coach: everyone sees them


def owner_slug(owner: str) -> str:
    """A folder- and metadata-safe stand-in for an owner name."""
    if owner == "local":
        return owner
    return (
        re.sub(r"[^a-z0-9]+", "-", owner.lower()).strip("-")[:30]
        + "-"
        + hashlib.sha256(owner.encode()).hexdigest()[:8]
    )


def card_documents(card: Card, path: Path, owner: str = SHARED) -> list[Document]:
    meta = {
        "kind": "guidance",
        "card_id": card.id,
        "title": card.title,
        "tags": ",".join(card.tags),
        "source": card.source,
        "path": path.name,
        "owner": owner,
    }
    # A card is one practice and short enough to embed whole: one card, one document.
    return [Document(page_content=f"{card.title}\n\n{card.body.strip()}", metadata=meta)]


def card_from_text(card_id: str, title: str, text: str) -> Card:
    """Rebuild a card from its indexed text (title line, blank line, body)."""
    body = text.split("\n\n", 1)[1] if text.startswith(title) and "\n\n" in text else text
    return Card(card_id, title, (), "", body)


def file_documents(path: Path, max_bytes: int, owner: str = "local") -> list[Document]:
    """A user's guidance file as chunks; markdown with card front matter is read as a card."""
    if path.suffix.lower() == ".md":
        raw = path.read_text(encoding="utf-8", errors="replace")
        if raw.startswith("---"):
            try:
                return card_documents(parse_card(path), path, owner)
            except InputError:
                pass
    text = read_document(path, max_bytes, GUIDANCE_SUFFIXES)
    title = _title_of(text) or path.stem.replace("-", " ").replace("_", " ")
    meta = {
        "kind": "guidance",
        "card_id": f"user:{path.name}",
        "title": title,
        "tags": "your-guidance",
        "source": f"Your file {path.name}",
        "path": path.name,
        "owner": owner,
    }
    return [
        Document(page_content=chunk, metadata=dict(meta)) for chunk in _splitter.split_text(text)
    ]


def _title_of(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line.lstrip("# ").strip()[:120] or None
    return None


def guidance_sources(settings: Settings) -> tuple[dict[str, list[Document]], list[tuple[str, str]]]:
    """Every guidance document to index (doc_id -> chunks) and the files skipped, with why."""
    docs: dict[str, list[Document]] = {}
    skipped: list[tuple[str, str]] = []
    for path in sorted(settings.knowledge_dir.glob("*.md")):
        try:
            card = parse_card(path)
            docs[f"card:{card.id}"] = card_documents(card, path)
        except (InputError, ValueError) as exc:
            skipped.append((path.name, str(exc)))
    # The single local user's files sit in guidance/; a signed-in user's in guidance/<slug>/.
    folders = [(settings.guidance_dir, "local")]
    if settings.guidance_dir.exists():
        folders += [(d, d.name) for d in sorted(settings.guidance_dir.iterdir()) if d.is_dir()]
    for folder, slug in folders:
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            if path.name.startswith("."):
                continue
            prefix = "user:" if slug == "local" else f"user:{slug}/"
            try:
                docs[f"{prefix}{path.name}"] = file_documents(path, settings.max_upload_bytes, slug)
            except InputError as exc:
                skipped.append((path.name, str(exc)))
    return docs, skipped


def safe_filename(name: str) -> str:
    """A file name with no folders and no odd characters, so uploads stay in the data dir."""
    base = Path(name.replace("\\", "/")).name
    base = re.sub(r"[^A-Za-z0-9._ -]", "_", base).strip(" .")
    if not base:
        raise InputError("That file name cannot be used; rename the file and try again.")
    return base[:120]


def add_guidance_file(
    settings: Settings, path: Path, name: str | None = None, owner: str = "local"
) -> Path:
    """Check a guidance file and copy it into the owner's guidance folder in the data dir."""
    target_name = safe_filename(name or path.name)
    suffix = Path(target_name).suffix.lower()
    if suffix not in GUIDANCE_SUFFIXES:
        allowed = ", ".join(sorted(GUIDANCE_SUFFIXES))
        raise InputError(
            f"{target_name}: unsupported file type {suffix or '(none)'}; use {allowed}."
        )
    read_document(path, settings.max_upload_bytes, DOC_SUFFIXES)  # refuse bad files up front
    folder = (
        settings.guidance_dir if owner == "local" else settings.guidance_dir / owner_slug(owner)
    )
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / target_name
    shutil.copyfile(path, target)
    return target
