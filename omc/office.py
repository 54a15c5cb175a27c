"""An office's data directory: where it is, its settings, its people and rules."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import clock, schemas, workflow, yamlio
from .errors import InvalidData, NotFound, Refused, UsageError, Where
from .problems import schema_problems

CONFIG = "omc.yaml"
FOLDERS = {"intake": "intakes", "proposal": "proposals"}
ENV_DATA_DIR = "OMC_DATA_DIR"


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    email: str
    roles: tuple[str, ...]
    title: str = ""
    unit: str = ""
    college: str = ""
    active: bool = True

    def holds(self, role: str) -> bool:
        return role in self.roles


@dataclass
class Office:
    root: Path
    settings: dict[str, Any]
    doc: yamlio.Document
    people: dict[str, Person] = field(default_factory=dict)
    workflows: dict[str, workflow.Workflow] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.settings["office"]["name"])

    @property
    def base_url(self) -> str:
        return str(self.settings["office"]["base_url"]).rstrip("/") + "/"

    @property
    def language(self) -> str:
        return str(self.settings["office"].get("language", "en-US"))

    def folder(self, kind: str, status: str) -> Path:
        self.workflows[kind].status(status)
        return self.root / FOLDERS[kind] / status

    def relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    def person(self, ref: str) -> Person:
        """The person `ref` names: their id in omc.yaml, or their email."""
        wanted = ref.strip().lower()
        for person in self.people.values():
            if wanted in (person.id, person.email.lower()):
                return person
        known = ", ".join(sorted(self.people))
        raise NotFound(
            f"nobody called '{ref}' is listed in {CONFIG}",
            hint=f"use one of: {known}" if known else f"add people to {CONFIG}",
        )

    def holders(self, role: str) -> list[Person]:
        return [p for p in self.people.values() if p.holds(role) and p.active]

    def deadline_days(self, kind: str, status: str) -> int | None:
        days = (self.settings.get("deadlines") or {}).get(kind) or {}
        value = days.get(status)
        return int(value) if value is not None else None

    def column_map(self) -> dict[str, Any]:
        return dict(self.settings.get("intake_form") or {})


def same_name(a: str, b: str) -> bool:
    """Unit and college names compared the way people mean them."""
    return _fold(a) == _fold(b)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold().replace("&", "and")
    return " ".join(text.split())


def find_root(
    explicit: str | os.PathLike[str] | None, env: Mapping[str, str] | None = None
) -> Path:
    """The data directory: `--data-dir`, else $OMC_DATA_DIR, else the nearest parent."""
    env = os.environ if env is None else env
    given = explicit or env.get(ENV_DATA_DIR)
    if given:
        root = Path(given).expanduser()
        if not (root / CONFIG).is_file():
            source = "--data-dir" if explicit else f"${ENV_DATA_DIR}"
            raise UsageError(
                f"{source} points at {root}, which has no {CONFIG}",
                hint="run `omc init DIR` to create a data directory there",
            )
        return root
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / CONFIG).is_file():
            return folder
    raise UsageError(
        f"no data directory here: neither this folder nor a parent holds {CONFIG}",
        hint=f"cd into one, pass --data-dir DIR, set {ENV_DATA_DIR}, "
        "or run `omc init DIR`",
    )


def open_office(root: Path) -> Office:
    """Load and check omc.yaml; a broken file is reported with its lines."""
    doc = yamlio.load_file(
        root / CONFIG,
        CONFIG,
        empty_hint="it needs office, issuer and people; `omc init` writes a "
        "complete one to copy from",
    )
    problems = schema_problems(doc, schemas.validator("config"))
    if problems:
        first = problems[0]
        raise InvalidData(
            first.message,
            hint=first.hint or f"fix {CONFIG}, then run the command again",
            where=first.where,
            problems=list(problems),
        )
    zone = doc.data["office"].get("timezone")
    if zone is not None:
        clock.zone(zone, doc.where(("office", "timezone")))
    office = Office(root=root, settings=doc.data, doc=doc)
    office.people = _people(doc)
    overrides = doc.data.get("workflow") or {}
    for kind in workflow.KINDS:

        def locate(path: tuple[str | int, ...], kind: str = kind) -> Where:
            return doc.where(("workflow", kind, *path))

        office.workflows[kind] = workflow.build(kind, overrides.get(kind), locate)
    return office


def _people(doc: yamlio.Document) -> dict[str, Person]:
    people: dict[str, Person] = {}
    for index, raw in enumerate(doc.data["people"]):
        if raw["id"] in people:
            raise InvalidData(
                f"two people share the id '{raw['id']}'",
                hint="ids are what --by names, so each must be unique",
                where=doc.where(("people", index, "id")),
            )
        people[raw["id"]] = Person(
            id=raw["id"],
            name=raw["name"],
            email=raw["email"],
            roles=tuple(raw["roles"]),
            title=raw.get("title", ""),
            unit=raw.get("unit", ""),
            college=raw.get("college", ""),
            active=raw.get("active", True),
        )
    return people


def may_act(
    office: Office,
    person: Person,
    roles: Iterable[str],
    record: Mapping[str, Any],
    scope: str | None,
) -> str:
    """The role under which `person` may act, or a refusal naming who may."""
    roles = tuple(roles)
    if not person.active:
        allowed = who_may(office, roles, record, scope)
        names = ", ".join(f"{p.name} ({p.id})" for p in allowed) or "nobody"
        raise Refused(
            f"{person.name} ({person.id}) is no longer active in {CONFIG}",
            hint=f"who may act instead: {names}; or set `active: true` for "
            f"{person.id} in {CONFIG} if they are back",
        )
    for role in roles:
        if person.holds(role) and _in_scope(person, role, record, scope):
            return role
    allowed = who_may(office, roles, record, scope)
    names = ", ".join(f"{p.name} ({p.id})" for p in allowed) or f"nobody in {CONFIG}"
    raise Refused(
        f"{person.name} ({person.id}) may not do this: it needs "
        f"{_needed(roles, scope, record)}",
        hint=f"who may: {names}",
    )


def _in_scope(
    person: Person, role: str, record: Mapping[str, Any], scope: str | None
) -> bool:
    if scope == "unit" and role == "unit-head":
        return same_name(person.unit, str(record.get("unit", "")))
    if scope == "college" and role == "dean":
        return same_name(person.college, str(record.get("college", "")))
    return True


def _needed(
    roles: tuple[str, ...], scope: str | None, record: Mapping[str, Any]
) -> str:
    if scope in ("unit", "college") and len(roles) == 1:
        target = record.get(scope) or f"the proposal's {scope} (not set)"
        return f"the {roles[0]} of {target}"
    return "the role " + " or ".join(roles)


def who_may(
    office: Office, roles: Iterable[str], record: Mapping[str, Any], scope: str | None
) -> list[Person]:
    people = []
    for person in office.people.values():
        if person.active and any(
            person.holds(r) and _in_scope(person, r, record, scope) for r in roles
        ):
            people.append(person)
    return people


def safe_id(value: str, what: str = "id") -> str:
    """An id from the command line, refused if it could leave the data directory."""
    text = value.strip()
    if text.endswith(".yaml"):
        text = Path(text).stem if "/" not in text else text
    if not text or "/" in text or "\\" in text or text.startswith(".") or "\0" in text:
        raise UsageError(
            f"'{value}' is not a record {what}",
            hint="give the id alone, e.g. applied-data-visualization-k3f9 "
            "(paths, ../ and absolute paths are refused)",
        )
    return text


def inside(root: Path, value: str) -> Path:
    """A path from the command line, refused unless it lies in `root`.

    Relative paths are read from the current folder, else from the data
    directory, so `omc validate proposals/draft` works from anywhere.
    """
    given = Path(value)
    bases = [Path("/")] if given.is_absolute() else [Path.cwd(), root]
    top = root.resolve()
    found = [
        (base / given).resolve()
        for base in bases
        if (base / given).resolve().is_relative_to(top)
    ]
    for path in found:
        if path.exists():
            return path
    if found:
        return found[0]
    raise UsageError(
        f"{value} is outside the data directory {root}",
        hint="give a path inside the data directory",
    )
