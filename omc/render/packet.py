"""What a review packet shows of one proposal: everything a reviewer needs.

Packets are internal: unlike public pages they show contact details. The
`Packet` is plain data; the templates packet.html and packet.md lay it out.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from typing import Any

from .. import clock, store
from ..errors import OmcError
from ..office import Office
from ..problems import Problem
from ..proposals import Step, position
from ..review import content_hash
from .changes import Changes, since_last_decision
from .checklist import Check, checklist
from .images import badge_image, media_type

ORDER = (
    "title", "description", "unit", "college", "level", "achievement_type",
    "credit_type", "credit_hours", "workload_hours", "modality", "audience",
    "prerequisites", "competencies", "skills", "alignments", "criteria", "fee",
    "expires_after_months", "stacks_into", "industry_partners",
    "quality_assurance", "badge", "review_by", "intake",
)  # fmt: skip
SHOWN_ELSEWHERE = (
    "id",
    "revision",
    "status",
    "lead",
    "collaborators",
    "decisions",
    "history",
)
LABELS = {
    "achievement_type": "Achievement type (Open Badges 3.0)",
    "expires_after_months": "Expires after (months)",
    "review_by": "Next periodic review",
    "intake": "From intake",
}


@dataclass(frozen=True)
class Deadline:
    due: str
    limit: int
    days_left: int

    @property
    def late(self) -> bool:
        return self.days_left < 0


@dataclass(frozen=True)
class Contact:
    name: str
    role: str
    email: str = ""
    phone: str = ""
    unit: str = ""


@dataclass(frozen=True)
class Decision:
    stage: str
    decision: str
    by: str
    role: str
    at: str
    note: str
    sha256: str
    voided: bool


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str
    value: Any


@dataclass
class Packet:
    id: str
    rel: str
    title: str
    status: str
    status_title: str
    revision: int
    sha256: str
    deadline: Deadline | None
    steps: list[Step]
    checks: list[Check]
    problems: list[Problem]
    changes: Changes | None
    decisions: list[Decision]
    history: list[dict[str, Any]]
    fields: list[Field]
    contacts: list[Contact]
    image: str = ""
    image_alt: str = ""

    @property
    def failed(self) -> int:
        return sum(not c.ok for c in self.checks)


def build(office: Office, record: store.Record, problems: list[Problem]) -> Packet:
    data = record.data
    flow = office.workflows["proposal"]
    digest = content_hash(data)
    art = data.get("badge") if isinstance(data.get("badge"), dict) else {}
    return Packet(
        id=record.id,
        rel=record.rel,
        title=str(data.get("title") or record.id),
        status=record.status,
        status_title=flow.status(record.status).title,
        revision=_revision(data),
        sha256=digest,
        deadline=deadline(office, record),
        steps=position(office, record),
        checks=checklist(office.root, data),
        problems=[p for p in problems if p.path == record.rel],
        changes=since_last_decision(office, record),
        decisions=_decisions(office, data, digest),
        history=_rows(data.get("history"), ("at", "from", "to", "by", "note")),
        fields=fields(data),
        contacts=contacts(office, data),
        image=image_uri(office, str((art or {}).get("image") or "")),
        image_alt=str((art or {}).get("alt") or ""),
    )


def _revision(data: dict[str, Any]) -> int:
    value = data.get("revision")
    return value if isinstance(value, int) and not isinstance(value, bool) else 1


def deadline(office: Office, record: store.Record) -> Deadline | None:
    limit = office.deadline_days(record.kind, record.status)
    moves = [h for h in record.data.get("history") or [] if isinstance(h, dict)]
    if limit is None or not moves or not moves[-1].get("at"):
        return None
    try:
        since = clock.parse(str(moves[-1]["at"])).date()
    except ValueError:
        return None
    due = since + dt.timedelta(days=limit)
    return Deadline(due.isoformat(), limit, (due - clock.today()).days)


def _decisions(office: Office, data: dict[str, Any], digest: str) -> list[Decision]:
    rows = []
    for raw in data.get("decisions") or []:
        if not isinstance(raw, dict):
            continue
        who = office.people.get(str(raw.get("by")))
        approved = raw.get("decision") == "approved"
        rows.append(
            Decision(
                stage=str(raw.get("stage", "")),
                decision=str(raw.get("decision", "")),
                by=f"{who.name} ({who.id})" if who else str(raw.get("by", "")),
                role=str(raw.get("role", "")),
                at=str(raw.get("at", "")),
                note=str(raw.get("note") or ""),
                sha256=str(raw.get("sha256", "")),
                voided=approved and raw.get("sha256") != digest,
            )
        )
    return rows


def fields(data: dict[str, Any]) -> list[Field]:
    """Every field of the proposal, known ones first, each with how to show it."""
    keys = [k for k in ORDER if k in data]
    keys += [k for k in data if k not in ORDER and k not in SHOWN_ELSEWHERE]
    return [Field(k, _label(k), _kind(k, data[k]), _value(k, data[k])) for k in keys]


KEYS = {
    "competencies": ("name", "outcome", "assessment", "rubric", "minimum"),
    "alignments": ("framework", "code", "name", "url"),
}


def _value(key: str, value: Any) -> Any:
    """Lists of mappings made whole, so templates need not test for each key."""
    return _rows(value, KEYS[key]) if key in KEYS and isinstance(value, list) else value


def _rows(value: Any, keys: tuple[str, ...]) -> list[dict[str, str]]:
    rows = [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
    return [{k: str(row.get(k) or "") for k in keys} for row in rows]


def _label(key: str) -> str:
    return LABELS.get(key, key.replace("_", " ").capitalize())


def _kind(key: str, value: Any) -> str:
    if key == "criteria":
        return "markdown"
    if key in ("competencies", "alignments") and isinstance(value, list):
        return key
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return "text"


def contacts(office: Office, data: dict[str, Any]) -> list[Contact]:
    """The lead, the collaborators, and what the intake adds (phone, coordinator)."""
    intake = _intake(office, data.get("intake"))
    from_form = (intake or {}).get("contact") or {}
    found = []
    lead = data.get("lead") if isinstance(data.get("lead"), dict) else {}
    if lead:
        same = from_form.get("email") and from_form.get("email") == lead.get("email")
        found.append(
            _contact(lead, "Lead", str(from_form.get("phone") or "") if same else "")
        )
    for person in data.get("collaborators") or []:
        if isinstance(person, dict):
            found.append(_contact(person, str(person.get("role") or "Collaborator")))
    handle = (intake or {}).get("coordinator")
    if isinstance(handle, str) and handle in office.people:
        who = office.people[handle]
        found.append(Contact(who.name, "Coordinator", who.email, "", who.title))
    return found


def _contact(raw: dict[str, Any], role: str, phone: str = "") -> Contact:
    return Contact(
        str(raw.get("name") or ""),
        role,
        str(raw.get("email") or ""),
        phone or str(raw.get("phone") or ""),
        str(raw.get("unit") or ""),
    )


def _intake(office: Office, intake_id: Any) -> dict[str, Any] | None:
    if not isinstance(intake_id, str) or not intake_id:
        return None
    try:
        return store.find(office, "intake", intake_id).data
    except OmcError:
        return None


def image_uri(office: Office, image: str) -> str:
    """The badge image as a data: URI, so that the packet is one file."""
    if not image:
        return ""
    try:
        source = badge_image(office.root, image)
    except OmcError:  # the checklist reports what is wrong with the image
        return ""
    content = base64.b64encode(source.read_bytes()).decode()
    return f"data:{media_type(image)};base64,{content}"
