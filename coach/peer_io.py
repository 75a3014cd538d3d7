"""Peers in and out: CSV import (all or nothing), CSV and JSON export."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select

from coach.components.container import Services
from coach.components.validate import decode_text
from coach.domain.peers import FOCUS_CAP, PeerIn, _key, validation_message
from coach.errors import InputError
from coach.services.peers import _apply, _view, list_peers
from coach.store.db import (
    LOCAL_OWNER,
    Favour,
    FeedbackRequest,
    FollowUp,
    Interaction,
    Note,
    Peer,
    Plan,
    interaction_peers,
    new_id,
)

COLUMNS = [
    "name",
    "role",
    "team",
    "relates",
    "importance",
    "relationship",
    "cadence_days",
    "last_contact",
]
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
    peers: list[PeerIn] = []
    errors: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    for line, raw in enumerate(reader, start=2):
        if line - 1 > MAX_ROWS:
            raise InputError(f"The CSV has more than {MAX_ROWS:,} rows; split it.")
        row = {
            h: (v or "").strip()
            for h, v in zip(headers, raw.values(), strict=False)
            if h in COLUMNS + OPTIONAL
        }
        if None in raw:  # more cells than headers
            errors.append(f"row {line}: more cells than columns")
            continue
        if not any(row.values()):
            continue
        fields: dict[str, object] = {k: v for k, v in row.items() if v != ""}
        if "focus" in fields:
            fields["focus"] = str(fields["focus"]).lower() in {"1", "true", "yes", "y"}
        try:
            peer = PeerIn.model_validate(fields)
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
        shown = "; ".join(errors[:10]) + (
            f"; and {len(errors) - 10} more" if len(errors) > 10 else ""
        )
        raise InputError(f"Nothing was imported. Fix these rows: {shown}.")
    if sum(p.focus for p in peers) > FOCUS_CAP:
        raise InputError(f"Nothing was imported: more than {FOCUS_CAP} peers are marked focus.")
    return peers, unknown


def import_csv(services: Services, data: bytes | str, owner: str = LOCAL_OWNER) -> ImportReport:
    """Add or update peers from CSV in one transaction: all rows or none."""
    peers, unknown = parse_csv(data)
    report = ImportReport(unknown_columns=unknown)
    with services.sessions.begin() as session:
        existing = {
            (p.name_key, p.team_key): p
            for p in session.scalars(select(Peer).where(Peer.owner == owner))
        }
        plan: list[tuple[Peer | None, PeerIn]] = []
        focus = {ident for ident, row in existing.items() if row.focus}
        for peer in peers:
            ident = (_key(peer.name), _key(peer.team))
            row = existing.get(ident)
            if row is not None:  # columns the CSV leaves out keep their current values
                current = _view(row).model_dump(exclude={"id", "created_at", "updated_at"})
                peer = PeerIn.model_validate(
                    {**current, **peer.model_dump(include=peer.model_fields_set)}
                )
            focus.discard(ident)
            if peer.focus:
                focus.add(ident)
            plan.append((row, peer))
        if len(focus) > FOCUS_CAP:
            raise InputError(
                f"Nothing was imported: it would put {len(focus)} peers on the "
                f"focus list (at most {FOCUS_CAP})."
            )
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
        writer.writerow(
            [
                _safe_cell(v)
                for v in (
                    p.name,
                    p.role,
                    p.team,
                    ";".join(p.relates),
                    p.importance,
                    p.relationship,
                    p.cadence_days,
                    p.last_contact.isoformat() if p.last_contact else "",
                    "yes" if p.focus else "",
                    ";".join(p.tags),
                )
            ]
        )
    return out.getvalue()


def export_json(services: Services, owner: str = LOCAL_OWNER) -> str:
    """Everything the user owns in the relational store, for backup or moving machines."""

    def rows(model: Any, *order: Any) -> list[dict[str, object]]:
        with services.sessions() as session:
            found = session.scalars(select(model).where(model.owner == owner).order_by(*order))
            return [
                {
                    c.name: _jsonable(getattr(r, c.name))
                    for c in model.__table__.columns
                    if c.name != "owner"
                }
                for r in found
            ]

    with services.sessions() as session:
        links = [
            {"interaction_id": i.id, "peer_ids": [p.id for p in i.peers]}
            for i in session.scalars(select(Interaction).where(Interaction.owner == owner))
        ]
    payload = {
        "format": "peer-coach-export",
        "version": 1,
        "exported": date.today().isoformat(),
        "peers": rows(Peer, Peer.name_key),
        "interactions": rows(Interaction, Interaction.day),
        "interaction_peers": links,
        "favours": rows(Favour, Favour.day),
        "feedback_requests": rows(FeedbackRequest, FeedbackRequest.created_at),
        "follow_ups": rows(FollowUp, FollowUp.created_at),
        "notes": rows(Note, Note.note_date),
        "plans": rows(Plan, Plan.week),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


def _jsonable(value: object) -> object:
    return value.isoformat() if hasattr(value, "isoformat") else value


def import_json(services: Services, data: bytes | str, owner: str = LOCAL_OWNER) -> str:
    """Restore an `export_json` file into `owner`'s account (e.g. a laptop user moving to the
    team server). New ids are given; peers already there (same name and team) are reused and
    identical notes are not added twice. All or nothing."""
    from sqlalchemy import insert

    from coach.services.notes import sync_notes

    text = decode_text(data, "The JSON file") if isinstance(data, bytes) else data
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"The file is not valid JSON (line {exc.lineno}).") from exc
    if not isinstance(payload, dict) or payload.get("format") != "peer-coach-export":
        raise InputError("This is not a Peer Coach export (made by `coach peers export x.json`).")

    def clean(row: dict[str, Any], model: Any) -> dict[str, Any]:
        """Keep the model's columns, parsing dates by the column's type."""
        from datetime import datetime

        from sqlalchemy import Date, DateTime

        out = {}
        for col in model.__table__.columns:
            if col.name in {"id", "owner"} or col.name not in row:
                continue
            value = row[col.name]
            if isinstance(value, str) and isinstance(col.type, DateTime):
                value = datetime.fromisoformat(value)
            elif isinstance(value, str) and isinstance(col.type, Date):
                value = date.fromisoformat(value)
            out[col.name] = value
        return out

    counts: dict[str, int] = {}
    with services.sessions.begin() as session:
        existing = {
            (p.name_key, p.team_key): p.id
            for p in session.scalars(select(Peer).where(Peer.owner == owner))
        }
        peer_ids: dict[str, str] = {}
        for row in payload.get("peers", []):
            ident = (row.get("name_key"), row.get("team_key"))
            if ident in existing:
                peer_ids[row["id"]] = existing[ident]
                continue
            peer_ids[row["id"]] = new_id()
            session.add(Peer(id=peer_ids[row["id"]], owner=owner, **clean(row, Peer)))
            counts["peers"] = counts.get("peers", 0) + 1
        session.flush()
        inter_ids: dict[str, str] = {}
        seen_inter = {
            (i.day, i.kind, i.summary)
            for i in session.scalars(select(Interaction).where(Interaction.owner == owner))
        }
        for row in payload.get("interactions", []):
            values = {**clean(row, Interaction), "note_id": None}
            if (values.get("day"), values.get("kind"), values.get("summary")) in seen_inter:
                continue  # importing the same export twice adds nothing
            inter_ids[row["id"]] = new_id()
            session.add(Interaction(id=inter_ids[row["id"]], owner=owner, **values))
        session.flush()
        links = [
            {"interaction_id": inter_ids[link["interaction_id"]], "peer_id": peer_ids[pid]}
            for link in payload.get("interaction_peers", [])
            if link["interaction_id"] in inter_ids
            for pid in link["peer_ids"]
            if pid in peer_ids
        ]
        if links:
            session.execute(insert(interaction_peers), links)
        counts["interactions"] = len(inter_ids)
        tables: list[tuple[str, Any, tuple[str, ...]]] = [
            ("favours", Favour, ("peer_id", "direction", "day", "what")),
            ("feedback_requests", FeedbackRequest, ("peer_id", "topic")),
            ("follow_ups", FollowUp, ("peer_id", "what", "due")),
        ]
        for name, model, key in tables:
            have_rows = {
                tuple(getattr(r, k) for k in key)
                for r in session.scalars(select(model).where(model.owner == owner))
            }
            for row in payload.get(name, []):
                values = clean(row, model)
                if values.get("peer_id") is not None:
                    if values["peer_id"] not in peer_ids:
                        continue
                    values["peer_id"] = peer_ids[values["peer_id"]]
                if tuple(values.get(k) for k in key) in have_rows:
                    continue
                session.add(model(id=new_id(), owner=owner, **values))
                counts[name] = counts.get(name, 0) + 1
        have = {
            (n.text, n.note_date, n.person)
            for n in session.scalars(select(Note).where(Note.owner == owner))
        }
        for row in payload.get("notes", []):
            values = clean(row, Note)
            if (values.get("text"), values.get("note_date"), values.get("person")) in have:
                continue
            session.add(Note(id=new_id(), owner=owner, **values))
            counts["notes"] = counts.get("notes", 0) + 1
        weeks = set(session.scalars(select(Plan.week).where(Plan.owner == owner)))
        for row in payload.get("plans", []):
            if row.get("week") not in weeks:
                session.add(Plan(id=new_id(), owner=owner, **clean(row, Plan)))
                counts["plans"] = counts.get("plans", 0) + 1
    sync_notes(services, owner)
    return (
        "Imported "
        + (", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items() if v) or "nothing new")
        + "."
    )
