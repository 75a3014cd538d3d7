"""Peers in and out: CSV import (all or nothing), CSV and JSON export."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date

from pydantic import ValidationError
from sqlalchemy import select

from coach.db import LOCAL_OWNER, Favour, FeedbackRequest, FollowUp, Interaction, Note, Peer
from coach.errors import InputError
from coach.peers import (
    FOCUS_CAP,
    PeerIn,
    _apply,
    _key,
    _view,
    list_peers,
    validation_message,
)
from coach.services import Services
from coach.validate import decode_text

COLUMNS = ["name", "role", "team", "relates", "importance", "relationship", "cadence_days",
           "last_contact"]
OPTIONAL = ["focus", "tags"]
MAX_ROWS = 5000


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = f"Imported {len(self.added)} new and updated {len(self.updated)} existing peers."
        if self.unknown_columns:
            text += f" Ignored unknown columns: {', '.join(self.unknown_columns)}."
        return text


def parse_csv(data: bytes | str) -> tuple[list[PeerIn], list[str]]:
    """Validate every row first; any bad row stops the import and is named with its line."""
    text = decode_text(data, "The CSV file") if isinstance(data, bytes) else data
    if not text.strip():
        raise InputError("The CSV file is empty.")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames:
        raise InputError("The CSV file has no header row.")
    headers = [h.strip().lower() for h in reader.fieldnames]
    if "name" not in headers:
        raise InputError(f"The CSV needs a 'name' column; it has: {', '.join(headers)}.")
    unknown = [h for h in headers if h not in COLUMNS + OPTIONAL]
    peers, errors, seen = [], [], {}
    for line, raw in enumerate(reader, start=2):
        if line - 1 > MAX_ROWS:
            raise InputError(f"The CSV has more than {MAX_ROWS:,} rows; split it.")
        row = {h: (v or "").strip() for h, v in zip(headers, raw.values(), strict=False)
               if h in COLUMNS + OPTIONAL}
        if None in raw:  # more cells than headers
            errors.append(f"row {line}: more cells than columns")
            continue
        if not any(row.values()):
            continue
        data: dict[str, object] = {k: v for k, v in row.items() if v != ""}
        if "focus" in data:
            data["focus"] = str(data["focus"]).lower() in {"1", "true", "yes", "y"}
        try:
            peer = PeerIn.model_validate(data)
        except ValidationError as exc:
            errors.append(f"row {line}: {validation_message(exc)}")
            continue
        ident = (_key(peer.name), _key(peer.team))
        if ident in seen:
            errors.append(f"row {line}: {peer.name} appears twice (also row {seen[ident]})")
            continue
        seen[ident] = line
        peers.append(peer)
    if errors:
        shown = "; ".join(errors[:10]) + (f"; and {len(errors) - 10} more" if len(errors) > 10 else "")
        raise InputError(f"Nothing was imported. Fix these rows: {shown}.")
    if sum(p.focus for p in peers) > FOCUS_CAP:
        raise InputError(f"Nothing was imported: more than {FOCUS_CAP} peers are marked focus.")
    return peers, unknown


def import_csv(services: Services, data: bytes | str, owner: str = LOCAL_OWNER) -> ImportReport:
    """Add or update peers from CSV in one transaction: all rows or none."""
    peers, unknown = parse_csv(data)
    report = ImportReport(unknown_columns=unknown)
    with services.sessions.begin() as session:
        existing = {(p.name_key, p.team_key): p
                    for p in session.scalars(select(Peer).where(Peer.owner == owner))}
        plan: list[tuple[Peer | None, PeerIn]] = []
        focus = {ident for ident, row in existing.items() if row.focus}
        for peer in peers:
            ident = (_key(peer.name), _key(peer.team))
            row = existing.get(ident)
            if row is not None:  # columns the CSV leaves out keep their current values
                current = _view(row).model_dump(exclude={"id", "created_at", "updated_at"})
                peer = PeerIn.model_validate({**current, **peer.model_dump(
                    include=peer.model_fields_set)})
            focus.discard(ident)
            if peer.focus:
                focus.add(ident)
            plan.append((row, peer))
        if len(focus) > FOCUS_CAP:
            raise InputError(f"Nothing was imported: it would put {len(focus)} peers on the "
                             f"focus list (at most {FOCUS_CAP}).")
        for row, peer in plan:
            if row is None:
                row = Peer(owner=owner)
                session.add(row)
                report.added.append(peer.name)
            else:
                report.updated.append(peer.name)
            _apply(row, peer)
    return report


def _safe_cell(value: object) -> object:
    """Neutralise spreadsheet formulas (=, +, -, @) in exported text cells."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_csv(services: Services, owner: str = LOCAL_OWNER) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS + OPTIONAL)
    for p in list_peers(services, owner):
        writer.writerow([_safe_cell(v) for v in (
            p.name, p.role, p.team, ";".join(p.relates), p.importance, p.relationship,
            p.cadence_days, p.last_contact.isoformat() if p.last_contact else "",
            "yes" if p.focus else "", ";".join(p.tags))])
    return out.getvalue()


def export_json(services: Services, owner: str = LOCAL_OWNER) -> str:
    """Everything the user owns in the relational store, for backup or moving machines."""

    def rows(model: type, *order: object) -> list[dict[str, object]]:
        with services.sessions() as session:
            found = session.scalars(select(model).where(model.owner == owner).order_by(*order))
            return [{c.name: _jsonable(getattr(r, c.name)) for c in model.__table__.columns
                     if c.name != "owner"} for r in found]

    with services.sessions() as session:
        links = [
            {"interaction_id": i.id, "peer_ids": [p.id for p in i.peers]}
            for i in session.scalars(select(Interaction).where(Interaction.owner == owner))
        ]
    payload = {
        "format": "peer-coach-export", "version": 1, "exported": date.today().isoformat(),
        "peers": rows(Peer, Peer.name_key), "interactions": rows(Interaction, Interaction.day),
        "interaction_peers": links, "favours": rows(Favour, Favour.day),
        "feedback_requests": rows(FeedbackRequest, FeedbackRequest.created_at),
        "follow_ups": rows(FollowUp, FollowUp.created_at), "notes": rows(Note, Note.note_date),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


def _jsonable(value: object) -> object:
    return value.isoformat() if hasattr(value, "isoformat") else value
