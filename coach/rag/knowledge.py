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
    situations: tuple[str, ...] = ()
    origin: str = "articles"  # "beyond-articles" for cards the two source articles do not cover

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

    @property
    def intro(self) -> str:
        """Everything before the card's first '## ' heading."""
        return re.split(r"^## ", self.body, maxsplit=1, flags=re.M)[0].strip()

    @property
    def steps(self) -> list[str]:
        return self.section("How")

    @property
    def phrases(self) -> list[str]:
        return self.section("Try saying")

    def markdown(self) -> str:
        """The whole card as shown under "Read the full card"."""
        return f"**{self.title}**\n\n{self.body.strip()}"


def parse_card(path: Path) -> Card:
    post = frontmatter.load(str(path))
    meta = post.metadata
    missing = [key for key in ("id", "title", "tags", "source") if not meta.get(key)]
    if missing:
        raise InputError(f"{path.name}: front matter lacks {', '.join(missing)}.")
    tags: Any = meta["tags"]
    if isinstance(tags, str):
        tags = [t.strip() for t in tags.split(",")]
    situations: Any = meta.get("situations") or []
    if isinstance(situations, str):
        situations = [situations]
    return Card(
        str(meta["id"]),
        str(meta["title"]),
        tuple(tags),
        str(meta["source"]),
        post.content,
        tuple(str(s).strip() for s in situations if str(s).strip()),
        str(meta.get("origin") or "articles"),
    )


def load_cards(folder: Path) -> dict[str, Card]:
    """All cards in a folder, by id."""
    cards = [parse_card(p) for p in sorted(folder.glob("*.md"))]
    return {card.id: card for card in cards}


SCOPE_FILE = "out-of-scope.yaml"  # matters the cards do not cover (see coach/library.py)
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


STEPS_PER_CHUNK = 2  # a How section is indexed in groups of two steps


def card_documents(card: Card, path: Path, owner: str = SHARED) -> list[Document]:
    """A card as section chunks: summary, How steps in pairs, Try saying, each situation.

    Short chunks let a question about one step find that step, and let the composer pick
    steps and phrases rather than paste the whole card.
    """
    meta = {
        "kind": "guidance",
        "card_id": card.id,
        "title": card.title,
        "tags": ",".join(card.tags),
        "source": card.source,
        "path": path.name,
        "owner": owner,
    }
    parts: list[tuple[str, int, str]] = [("summary", 0, f"{card.title}. {card.intro}")]
    steps = card.steps
    for start in range(0, len(steps), STEPS_PER_CHUNK):
        group = steps[start : start + STEPS_PER_CHUNK]
        parts.append(("how", start, " ".join(group)))
    if card.phrases:
        parts.append(("say", 0, " ".join(card.phrases)))
    parts += [("situation", i, s) for i, s in enumerate(card.situations)]
    if not steps and not card.phrases:  # a card without sections: its body, split
        parts += [("text", i, c) for i, c in enumerate(_splitter.split_text(card.body))]
    return [
        Document(page_content=text, metadata={**meta, "section": section, "part": part})
        for section, part, text in parts
    ]


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
        Document(page_content=chunk, metadata={**meta, "section": "text", "part": i})
        for i, chunk in enumerate(_splitter.split_text(text))
    ]


def _title_of(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line.lstrip("# ").strip()[:120] or None
    return None


Docs = dict[str, list[Document]]


def card_sources(settings: Settings) -> tuple[Docs, list[tuple[str, str]]]:
    """The shipped cards as documents (doc_id -> chunks) and the files skipped, with why."""
    docs: Docs = {}
    skipped: list[tuple[str, str]] = []
    for path in sorted(settings.knowledge_dir.glob("*.md")):
        try:
            card = parse_card(path)
            docs[f"card:{card.id}"] = card_documents(card, path)
        except (InputError, ValueError) as exc:
            skipped.append((path.name, str(exc)))
    return docs, skipped


def owner_folder(settings: Settings, slug: str) -> Path:
    """The single local user's files sit in guidance/; a signed-in user's in guidance/<slug>/."""
    return settings.guidance_dir if slug == "local" else settings.guidance_dir / slug


def owner_file_paths(settings: Settings, slug: str) -> list[Path]:
    folder = owner_folder(settings, slug)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def owner_file_sources(settings: Settings, slug: str) -> tuple[Docs, list[tuple[str, str]]]:
    """One owner's own guidance files as documents, and the files skipped, with why."""
    docs: Docs = {}
    skipped: list[tuple[str, str]] = []
    prefix = "user:" if slug == "local" else f"user:{slug}/"
    for path in owner_file_paths(settings, slug):
        try:
            docs[f"{prefix}{path.name}"] = file_documents(path, settings.max_upload_bytes, slug)
        except InputError as exc:
            skipped.append((path.name, str(exc)))
    return docs, skipped


def guidance_sources(settings: Settings) -> tuple[Docs, list[tuple[str, str]]]:
    """Every guidance document to index (doc_id -> chunks) and the files skipped, with why."""
    docs, skipped = card_sources(settings)
    slugs = ["local"]
    if settings.guidance_dir.exists():
        slugs += [d.name for d in sorted(settings.guidance_dir.iterdir()) if d.is_dir()]
    for slug in slugs:
        more, bad = owner_file_sources(settings, slug)
        docs.update(more)
        skipped += bad
    return docs, skipped


def guidance_fingerprint(settings: Settings, slug: str) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and times of the files one owner's guidance comes from: cheap to take,
    and it changes whenever a card or one of the owner's files does."""
    paths = sorted(settings.knowledge_dir.glob("*.md")) + owner_file_paths(settings, slug)
    paths += [p for p in [settings.knowledge_dir / SCOPE_FILE] if p.exists()]
    stats = [(str(p), p.stat()) for p in paths]
    return tuple((name, st.st_size, st.st_mtime_ns) for name, st in stats)


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
