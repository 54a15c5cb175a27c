"""What changed in a proposal since the last decision on it.

A decision carries the sha256 of the content it was made on. The version
decided on is found in git history as the one whose content hashes to that
value; the packet then shows, field by field, how it differs from today's.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from .. import gitio, yamlio
from ..errors import InvalidData
from ..office import FOLDERS, Office
from ..review import changed_fields, content_hash
from ..store import Record


@dataclass(frozen=True)
class FieldChange:
    key: str
    lines: list[tuple[str, str]]

    @property
    def diff(self) -> str:
        return "\n".join(sign + text for sign, text in self.lines)


EXPLAINED = {
    "unchanged": "Nothing has changed since this decision.",
    "no-git": "The data directory is not in git, so the version decided on "
    "cannot be shown.",
    "not-found": "No version in git history has the content this decision was made on.",
}


@dataclass(frozen=True)
class Changes:
    """The last decision and the fields changed since (when its version is known)."""

    decision: dict[str, str]
    state: str
    commit: str = ""
    date: str = ""
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def explanation(self) -> str:
        if self.state == "changed":
            when = f"commit {self.commit[:10]}, {self.date[:10]}"
            return f"Changed since the version decided on ({when}):"
        return EXPLAINED[self.state]


def since_last_decision(office: Office, record: Record) -> Changes | None:
    decided = [
        d
        for d in record.data.get("decisions") or []
        if isinstance(d, dict) and d.get("sha256")
    ]
    if not decided:
        return None
    keys = ("stage", "decision", "by", "role", "at", "note", "sha256")
    last = {k: str(decided[-1].get(k) or "") for k in keys}
    if last["sha256"] == content_hash(record.data):
        return Changes(last, "unchanged")
    repo = gitio.Repo.find(office.root)
    if repo is None:
        return Changes(last, "no-git")
    found = decided_version(office, repo, record, last["sha256"])
    if found is None:
        return Changes(last, "not-found")
    commit, date, before = found
    return Changes(last, "changed", commit, date, field_changes(before, record.data))


def decided_version(
    office: Office, repo: gitio.Repo, record: Record, digest: str
) -> tuple[str, str, dict[str, Any]] | None:
    """(commit, date, data) of the newest committed version with content `digest`."""
    for rel in _paths(office, repo, record):
        versions = repo.versions(rel)
        if versions:
            # --follow already walked back through earlier folders.
            return _matching(repo, versions, digest)
    return None


def _matching(
    repo: gitio.Repo, versions: list[tuple[str, str, str]], digest: str
) -> tuple[str, str, dict[str, Any]] | None:
    for commit, date, then in versions:
        text = repo.show(commit, then)
        if text is None:
            continue
        try:
            data = yamlio.loads(text, then).data
        except InvalidData:
            continue
        if isinstance(data, dict) and content_hash(data) == digest:
            return commit, date, data
    return None


def _paths(office: Office, repo: gitio.Repo, record: Record) -> list[str]:
    """The record's path, then where it sat in other statuses (an uncommitted
    move leaves git's history under the old folder)."""
    here = repo.rel(record.path)
    folder = office.root / FOLDERS[record.kind]
    others = [
        repo.rel(folder / status / record.path.name)
        for status in office.workflows[record.kind].statuses
        if status != record.status
    ]
    return [here, *others]


def field_changes(before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    out = []
    for key in changed_fields(before, after):
        old = _yaml(key, before.get(key)).splitlines()
        new = _yaml(key, after.get(key)).splitlines()
        lines = list(difflib.ndiff(old, new))
        kept = [(line[:2], line[2:]) for line in lines if not line.startswith("? ")]
        out.append(FieldChange(key, kept))
    return out


def _yaml(key: str, value: Any) -> str:
    if value is None:
        return ""
    return yamlio.dump(yamlio.to_yaml({key: value}))
