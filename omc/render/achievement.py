"""The Open Badges 3.0 `Achievement` of a badge, as a plain dict.

Ids are addresses under the office's public base URL, so that each one
resolves to the file omc writes there: badges/<id>/achievement.json.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from ..office import Office
from .views import Badge

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


def url(office: Office, path: str) -> str:
    return office.base_url + path.lstrip("/")


def achievement(office: Office, item: Badge) -> dict[str, Any]:
    page = url(office, item.path)
    doc: dict[str, Any] = {
        "@context": CONTEXT,
        "id": url(office, f"{item.path}achievement.json"),
        "type": ["Achievement"],
        "achievementType": item.achievement_type,
        "name": item.title,
        "description": item.description,
        "criteria": {"id": page, "narrative": item.criteria},
        "creator": creator(office),
        "inLanguage": office.language,
        "version": str(item.revision),
        "humanCode": item.id,
    }
    if item.image:
        doc["image"] = {
            "id": url(office, f"assets/{item.image}"),
            "type": "Image",
            "caption": item.alt,
        }
    if item.alignments:
        doc["alignment"] = [
            _alignment(a.name, a.url, a.code, a.framework)
            for a in item.alignments
            if a.url
        ]
    if item.skills:
        doc["tag"] = list(item.skills)
    if item.credit_type == "credit" and item.credit_hours is not None:
        doc["creditsAvailable"] = float(item.credit_hours)
    if item.college:
        doc["fieldOfStudy"] = item.college
    return doc


def _alignment(name: str, target: str, code: str, framework: str) -> dict[str, Any]:
    out: dict[str, Any] = {"type": ["Alignment"], "targetName": name or code}
    out["targetUrl"] = target
    if code:
        out["targetCode"] = code
    if framework:
        out["targetFramework"] = framework
    return out


def creator(office: Office) -> dict[str, Any]:
    """The issuer profile of omc.yaml, without contact details of any person."""
    issuer = office.settings.get("issuer") or {}
    settings = office.settings["office"]
    profile: dict[str, Any] = {
        "id": str(issuer.get("id") or issuer.get("url") or office.base_url),
        "type": ["Profile"],
        "name": str(issuer.get("name") or settings.get("institution") or office.name),
    }
    if issuer.get("url"):
        profile["url"] = str(issuer["url"])
    if issuer.get("description"):
        profile["description"] = str(issuer["description"])
    return profile


def to_json(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def json_ld(doc: dict[str, Any]) -> Markup:
    """JSON safe to place inside a <script> element: nothing in it can close it."""
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    return Markup(text)
