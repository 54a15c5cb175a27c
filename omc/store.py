"""Records on disk: one YAML file per record, in the folder that is its status."""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import files, yamlio
from .errors import InvalidData, NotFound
from .office import FOLDERS, Office

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class Ref:
    """Where a record's file is, before it is read.

    The path, and the data-relative `rel`, are made only when asked for: a
    large office lists 10,000 files and opens a handful (`--changed-since`)
    or keeps them all listed while it checks (a full validate).
    """

    kind: str
    status: str
    id: str
    name: str  # the file's name: the id and .yaml (or .yml)
    root: Path

    @property
    def rel(self) -> str:
        return f"{FOLDERS[self.kind]}/{self.status}/{self.name}"

    @property
    def path(self) -> Path:
        return self.root / self.rel


class AtRef:
    """Where a record read from `self.ref` is: its kind, id, status and paths."""

    __slots__ = ()  # so that a slotted dataclass stays without a __dict__
    ref: Ref

    @property
    def kind(self) -> str:
        return self.ref.kind

    @property
    def id(self) -> str:
        return self.ref.id

    @property
    def status(self) -> str:
        return self.ref.status

    @property
    def path(self) -> Path:
        return self.ref.path

    @property
    def rel(self) -> str:
        return self.ref.rel


@dataclass
class Record(AtRef):
    ref: Ref
    text: str
    doc: yamlio.Document

    @property
    def data(self) -> dict[str, Any]:
        value: dict[str, Any] = self.doc.data
        return value


def scan(office: Office, kinds: Iterable[str] = FOLDERS) -> list[Ref]:
    """Every record file of `kinds`, in a stable order: kind, status, id.

    Statuses come in the workflow's order (draft before submitted), and
    folders that are no status come last, by name.
    """
    refs = []
    for kind in kinds:
        base = office.root / FOLDERS[kind]
        if not base.is_dir():
            continue
        order = {name: n for n, name in enumerate(office.workflows[kind].statuses)}
        folders = [p for p in base.iterdir() if p.is_dir()]
        folders.sort(key=lambda p: (order.get(p.name, len(order)), p.name))
        for folder in folders:
            refs += _records_in(kind, folder, office.root)
    return refs


def strays(office: Office) -> list[str]:
    """YAML files omc cannot see as records: directly in intakes/ or
    proposals/, or in a folder inside a status folder. Data-relative paths."""
    found = []
    for folder in FOLDERS.values():
        base = office.root / folder
        if not base.is_dir():
            continue
        with os.scandir(base) as entries:
            for entry in entries:
                if entry.is_dir():
                    found += _nested(Path(entry.path))
                elif _is_yaml(entry.name):
                    found.append(entry.path)
    return sorted(Path(os.path.relpath(p, office.root)).as_posix() for p in found)


def _nested(status_folder: Path) -> list[str]:
    found, inner = [], []
    with os.scandir(status_folder) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                inner.append(Path(entry.path))
            elif _is_yaml(entry.name) and not entry.name.endswith(SUFFIXES):
                found.append(entry.path)  # X.YAML: omc reads .yaml and .yml
    for folder in inner:
        for top, dirs, names in os.walk(folder):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found += [os.path.join(top, n) for n in names if _is_yaml(n)]
    return found


def _is_yaml(name: str) -> bool:
    return name.lower().endswith(SUFFIXES) and not name.startswith(".")


def _records_in(kind: str, folder: Path, root: Path) -> list[Ref]:
    # os.scandir and plain strings: listing 10,000 files with Path objects
    # cost more than the rest of a --changed-since run.
    with os.scandir(folder) as entries:
        names = sorted(
            e.name
            for e in entries
            if e.name.endswith(SUFFIXES) and not e.name.startswith(".") and e.is_file()
        )
    status = folder.name
    return [Ref(kind, status, name.rsplit(".", 1)[0], name, root) for name in names]


def read(ref: Ref) -> Record:
    # A plain string: pathlib would intern every file name it is given.
    text = yamlio.read_text(os.path.join(ref.root, ref.rel), ref.rel)
    return Record(ref, text, yamlio.loads(text, ref.rel))


def find(office: Office, kind: str, record_id: str) -> Record:
    """The record `record_id`; refused when it is missing or in two folders."""
    refs = scan(office, [kind])
    hits = [r for r in refs if r.id == record_id]
    if len(hits) > 1:
        places = " and ".join(r.rel for r in hits)
        raise InvalidData(
            f"{kind} {record_id} exists twice: {places}",
            hint="run `omc validate` for how to keep the right one",
        )
    if not hits:
        close = difflib.get_close_matches(
            record_id, [r.id for r in refs], n=3, cutoff=0.5
        )
        hint = (
            ("did you mean: " + ", ".join(close))
            if close
            else f"`omc {kind} list` shows them"
        )
        raise NotFound(f"no {kind} has the id '{record_id}'", hint=hint)
    return read(hits[0])


def load_all(office: Office, kind: str) -> tuple[list[Record], list[InvalidData]]:
    """Every readable record of `kind`, and the errors of those that are not."""
    records, broken = [], []
    for ref in scan(office, [kind]):
        try:
            records.append(read(ref))
        except InvalidData as exc:
            broken.append(exc)
    return records, broken


def taken_ids(office: Office) -> set[str]:
    return {ref.id for ref in scan(office)}


def path_for(office: Office, kind: str, status: str, record_id: str) -> Path:
    return office.folder(kind, status) / f"{record_id}.yaml"


def create(office: Office, kind: str, status: str, record_id: str, text: str) -> Ref:
    """Write a new record; refuse if that id exists in any folder."""
    if record_id in {r.id for r in scan(office, [kind])}:
        raise InvalidData(f"a {kind} with the id '{record_id}' already exists")
    path = path_for(office, kind, status, record_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    yamlio.loads(text, path.name)
    files.apply(office.root, [files.Change(path, text, new=True)])
    return Ref(kind, status, record_id, path.name, office.root)


Mutate = Callable[[Any], None]


@dataclass(frozen=True)
class Edit:
    """A planned change of one record: its new text and, maybe, new folder."""

    record: Record
    text: str
    status: str

    @property
    def moves(self) -> bool:
        return self.status != self.record.status


def plan_edit(
    office: Office, record: Record, mutate: Mutate, status: str | None = None
) -> Edit:
    text = yamlio.edit(record.text, mutate, record.rel)
    return Edit(record, text, status or record.status)


def target(office: Office, edit: Edit) -> Path:
    return path_for(office, edit.record.kind, edit.status, edit.record.id)


def apply_edits(
    office: Office, edits: list[Edit], created: Sequence[tuple[Path, str]] = ()
) -> list[Ref]:
    """Write every edit and new file together, or none of them."""
    changes = [files.Change(path, text, new=True) for path, text in created]
    for edit in edits:
        moved = target(office, edit) if edit.moves else None
        changes.append(files.Change(edit.record.path, edit.text, moved))
    for path, _ in created:
        path.parent.mkdir(parents=True, exist_ok=True)
    files.apply(office.root, changes)
    refs = []
    for edit in edits:
        path = target(office, edit)
        refs.append(
            Ref(edit.record.kind, edit.status, edit.record.id, path.name, office.root)
        )
    return refs
