"""What a public page may show of a proposal, and nothing more.

A `Badge` is built field by field from a proposal: the lead's and the
collaborators' contact details are never copied, and free text is redacted
(see privacy.py). Templates receive these objects, so an office's own
template cannot reach what is not here.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ..office import Office
from ..store import Record
from .privacy import redact


@dataclass(frozen=True)
class Competency:
    name: str
    outcome: str
    assessment: str


@dataclass(frozen=True)
class Alignment:
    framework: str
    code: str
    name: str
    url: str


@dataclass(frozen=True)
class Badge:
    id: str
    status: str
    public: str
    title: str
    description: str
    criteria: str
    image: str
    alt: str
    achievement_type: str
    level: str
    workload_hours: float | None
    modality: str
    credit_type: str
    credit_hours: float | None
    fee: str
    audience: list[str]
    prerequisites: list[str]
    competencies: list[Competency]
    skills: list[str]
    alignments: list[Alignment]
    stacks_into: list[str]
    industry_partners: list[str]
    expires_after_months: int | None
    unit: str
    college: str
    revision: int
    reviewed: str
    review_by: str
    retired_on: str
    path: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", f"badges/{self.id}/")

    @property
    def retired(self) -> bool:
        return self.public == "retired"

    @property
    def college_slug(self) -> str:
        return slug(self.college)

    @property
    def search_text(self) -> str:
        parts = [self.title, self.description, self.unit, self.college, *self.skills]
        return " ".join(parts).lower()


def slug(text: str) -> str:
    """A readable, URL-safe folder name for a college, level or skill.

    Letters with accents lose them (Ångström and Angstrom share a page); a
    name with letters that have no plain form (日本語, Ωmega, ßkill) ends in
    a digest of itself, so that two such names never share a page.
    """
    marked = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in marked if not unicodedata.combining(c))
    folded = plain.encode("ascii", "ignore").decode()
    for sign, word in (("&", " and "), ("+", " plus "), ("#", " sharp ")):
        folded = folded.replace(sign, word)
    words = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if any(c.isalnum() and not c.isascii() for c in plain):
        name = unicodedata.normalize("NFKC", text).casefold().strip()
        digest = hashlib.blake2b(name.encode(), digest_size=4).hexdigest()
        return f"{words}-{digest}" if words else digest
    return words or "other"


def badge(office: Office, record: Record) -> Badge:
    data = record.data
    status = office.workflows["proposal"].status(record.status)
    art = data.get("badge") or {}
    return Badge(
        id=record.id,
        status=record.status,
        public=status.public or "",
        title=_text(data.get("title")) or record.id,
        description=_text(data.get("description")),
        criteria=_text(data.get("criteria")),
        image=str(art.get("image") or ""),
        alt=_text(art.get("alt")),
        achievement_type=str(data.get("achievement_type") or "MicroCredential"),
        level=_text(data.get("level")),
        workload_hours=_number(data.get("workload_hours")),
        modality=_text(data.get("modality")),
        credit_type=_text(data.get("credit_type")),
        credit_hours=_number(data.get("credit_hours")),
        fee=fee(data.get("fee")),
        audience=_texts(data.get("audience")),
        prerequisites=_texts(data.get("prerequisites")),
        competencies=[_competency(c) for c in _dicts(data.get("competencies"))],
        skills=_texts(data.get("skills")),
        alignments=[_alignment(a) for a in _dicts(data.get("alignments"))],
        stacks_into=_texts(data.get("stacks_into")),
        industry_partners=_texts(data.get("industry_partners")),
        expires_after_months=_integer(data.get("expires_after_months")),
        unit=_text(data.get("unit")),
        college=_text(data.get("college")),
        revision=_integer(data.get("revision")) or 1,
        reviewed=last_approval(data),
        review_by=str(data.get("review_by") or ""),
        retired_on=_retired_on(data) if status.public == "retired" else "",
    )


def quantity(number: float, noun: str, plural: str = "") -> str:
    """`1 credit hour`, `1.5 credit hours`: the noun agrees with the number."""
    shown = f"{number:g}" if isinstance(number, float) else str(number)
    return f"{shown} {noun if number == 1 else plural or noun + 's'}"


def fee(value: Any) -> str:
    if not isinstance(value, dict) or value.get("amount") is None:
        return ""
    amount = float(value["amount"])
    if amount == 0:
        return "No fee"
    shown = f"{amount:,.0f}" if amount.is_integer() else f"{amount:,.2f}"
    return f"{shown} {value.get('currency') or ''}".strip()


def last_approval(data: dict[str, Any]) -> str:
    dates = [
        str(d.get("at", ""))[:10]
        for d in _dicts(data.get("decisions"))
        if d.get("decision") == "approved"
    ]
    return max(dates, default="")


def _retired_on(data: dict[str, Any]) -> str:
    moves = _dicts(data.get("history"))
    return str(moves[-1].get("at", ""))[:10] if moves else ""


def _competency(raw: dict[str, Any]) -> Competency:
    return Competency(
        _text(raw.get("name")), _text(raw.get("outcome")), _text(raw.get("assessment"))
    )


def _alignment(raw: dict[str, Any]) -> Alignment:
    return Alignment(
        _text(raw.get("framework")),
        _text(raw.get("code")),
        _text(raw.get("name")),
        web_url(raw.get("url")),
    )


def web_url(value: Any) -> str:
    """An address a page may link to: http or https only."""
    text = str(value or "").strip()
    return text if urlsplit(text).scheme.lower() in ("http", "https") else ""


def _text(value: Any) -> str:
    return redact(str(value)).strip() if value not in (None, "") else ""


def _texts(value: Any) -> list[str]:
    return (
        [_text(v) for v in value if v not in (None, "")]
        if isinstance(value, list)
        else []
    )


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _number(value: Any) -> float | None:
    return (
        value
        if isinstance(value, (int, float)) and not isinstance(value, bool)
        else None
    )


def _integer(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
