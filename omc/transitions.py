"""Moving a record through its workflow, for intakes and proposals alike.

`plan` checks everything (the move is allowed, the person may make it, a note
is given where one is needed, the target status's requirements hold) and
computes the new file without touching the disk. `execute` writes the plan,
whole or not at all, and commits it when asked.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import clock, gitio, schemas, store, yamlio
from .errors import InvalidData, Refused
from .office import Office, Person, may_act
from .problems import schema_problems
from .review import badge_problems, content_hash, missing_approvals, stages
from .workflow import Move

DECISIONS = {"advance": "approved", "return": "returned", "reject": "rejected"}

Mutate = Callable[[Any], None]


@dataclass
class Plan:
    office: Office
    record: store.Record
    move: Move | None
    person: Person
    role: str
    note: str
    edit: store.Edit
    decision: dict[str, Any] | None = None
    created: list[tuple[Path, str]] = field(default_factory=list)
    also: list[store.Edit] = field(default_factory=list)
    # What a change that moves nothing does, in a few words ("deadline added").
    action: str = ""

    @property
    def target_status(self) -> str:
        return self.edit.status

    def summary(self) -> str:
        what = f"{self.record.kind} {self.record.id}"
        if self.move is None and self.action:
            line = f"{what}: {self.action} (stays {self.record.status})"
        elif self.move is None:
            stage = self.decision["stage"] if self.decision else self.record.status
            line = f"{what}: approval for {stage} renewed"
        elif self.move.source == self.move.target:
            line = f"{what}: {self.move.verb} (stays {self.move.source})"
        else:
            line = f"{what}: {self.move.source} → {self.move.target}"
        return f"{line} by {self.person.name} ({self.role})"

    def diff(self) -> str:
        """A unified diff of every file the plan writes, as `--dry-run` shows it."""
        parts = [
            _diff(
                self.record.text,
                self.edit.text,
                self.record.rel,
                _rel(self.office, self.edit),
            )
        ]
        parts += [
            _diff(e.record.text, e.text, e.record.rel, _rel(self.office, e))
            for e in self.also
        ]
        for path, text in self.created:
            parts.append(_diff("", text, "/dev/null", self.office.relative(path)))
        return "".join(parts)


def _rel(office: Office, edit: store.Edit) -> str:
    return office.relative(store.target(office, edit))


def _diff(old: str, new: str, old_name: str, new_name: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        f"a/{old_name}" if old_name != "/dev/null" else old_name,
        f"b/{new_name}",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def plan(
    office: Office,
    record: store.Record,
    verb: str,
    by: str,
    *,
    to: str | None = None,
    note: str = "",
    change: Mutate | None = None,
) -> Plan:
    """Check a move and compute its result; raise `Refused` with every reason."""
    # Read again: under the lock, another omc may have moved it since.
    record = store.find(office, record.kind, record.id)
    flow = office.workflows[record.kind]
    move = flow.move(verb, record.status, to)
    person = office.person(by)
    source = flow.status(move.source)
    scope = source.review.scope if source.review else None
    role = may_act(office, person, move.roles, record.data, scope)
    note = note.strip()
    if move.note_required and not note:
        raise Refused(
            f"'{verb}' needs a note saying why",
            hint='add --note "..." (the author reads it)',
        )
    decides = (
        source.review is not None and role == source.review.role and verb in DECISIONS
    )
    # A new revision starts when a returned proposal goes back into review,
    # not when it leaves for good (withdrawn).
    resubmit = source.resubmit and not flow.status(move.target).terminal
    base = store.plan_edit(office, record, _prepare(change, resubmit))
    decision = (
        _decision(move.source, DECISIONS[verb], person, role, note, base.text)
        if decides
        else None
    )
    edit = store.plan_edit(
        office,
        record,
        _finish(change, resubmit, decision, move, person, note),
        move.target,
    )
    result = Plan(office, record, move, person, role, note, edit, decision)
    check_entry(office, record, edit.text, move.target)
    return result


def _prepare(change: Mutate | None, resubmit: bool) -> Mutate:
    def mutate(tree: Any) -> None:
        if change is not None:
            change(tree)
        if resubmit:
            yamlio.put(tree, "revision", int(tree.get("revision") or 1) + 1)

    return mutate


def _finish(
    change: Mutate | None,
    resubmit: bool,
    decision: dict[str, Any] | None,
    move: Move,
    person: Person,
    note: str,
) -> Mutate:
    prepare = _prepare(change, resubmit)

    def mutate(tree: Any) -> None:
        prepare(tree)
        if decision is not None:
            _append(tree, "decisions", decision)
        if "status" in tree:
            yamlio.put(tree, "status", move.target)
        entry = {
            "at": clock.stamp(),
            "from": move.source,
            "to": move.target,
            "by": person.id,
        }
        if note:
            entry["note"] = note
        _append(tree, "history", entry)

    return mutate


def _append(tree: Any, key: str, item: dict[str, Any]) -> None:
    if tree.get(key) is None:
        yamlio.put(tree, key, [item])
    else:
        yamlio.append(tree[key], item)


def _decision(
    stage: str, outcome: str, person: Person, role: str, note: str, text: str
) -> dict[str, Any]:
    data = yamlio.loads(text).data
    decision = {
        "stage": stage,
        "decision": outcome,
        "by": person.id,
        "role": role,
        "at": clock.stamp(),
    }
    if note:
        decision["note"] = note
    decision["sha256"] = content_hash(data)
    return decision


def check_entry(office: Office, record: store.Record, text: str, status: str) -> None:
    """Refuse entry into `status` unless the record meets what it requires."""
    flow = office.workflows[record.kind]
    target = flow.status(status)
    doc = yamlio.loads(text, record.rel)
    reasons: list[str] = []
    if record.kind == "proposal" and not target.lenient:
        reasons += [str(p) for p in schema_problems(doc, schemas.validator("proposal"))]
    if "approvals" in target.requires:
        reasons += missing_approvals(flow, doc.data)
    if "badge" in target.requires:
        found = badge_problems(office.root, doc.data)
        placed = not any(r.startswith("badge.image") for r in found)
        reasons += found + (_image_content(office.root, doc.data) if placed else [])
    if reasons:
        raise Refused(
            f"{record.kind} {record.id} ({record.rel}) cannot enter {status}:\n  "
            + "\n  ".join(reasons),
            hint=_entry_hint(office, record.id, doc.data),
        )


def _image_content(root: Path, data: dict[str, Any]) -> list[str]:
    """A badge is published only with an image the site would publish: of an
    image type, and whose content is of that type (and safe, for an SVG)."""
    from .render.images import badge_image

    image = str((data.get("badge") or {}).get("image"))
    try:
        badge_image(root, image)
    except InvalidData as exc:
        return [f"badge.image: assets/{image} is {exc.message}"]
    return []


def _entry_hint(office: Office, record_id: str, data: dict[str, Any]) -> str:
    """Who must approve again, as commands they can paste; else how to fix."""
    flow = office.workflows["proposal"]
    stale = [s.stale for s in stages(flow, data) if s.stale and not s.counts]
    if not stale:
        return "fix these in the file, then run the command again"
    people = dict.fromkeys(str(d.get("by")) for d in stale)
    commands = "; ".join(f"omc proposal approve {record_id} --by {p}" for p in people)
    return f"each reviewer approves the new content: {commands} (or return it)"


@dataclass(frozen=True)
class Outcome:
    refs: list[store.Ref]
    commit: str = ""


def execute(plan_: Plan, *, commit: bool = False) -> Outcome:
    """Write the plan; with `commit`, record it as one git commit."""
    office = plan_.office
    repo = gitio.required(office.root) if commit else gitio.Repo.find(office.root)
    refs = store.apply_edits(office, [plan_.edit, *plan_.also], plan_.created)
    if repo is None:
        return Outcome(refs)
    if not commit:
        # A tracked record is staged whole: its rename and its new text.
        repo.stage([ref.path for ref in refs])
        return Outcome(refs)
    paths = [plan_.record.path, *(e.record.path for e in plan_.also)]
    paths += [ref.path for ref in refs] + [p for p, _ in plan_.created]
    sha = repo.commit(list(dict.fromkeys(paths)), commit_message(plan_))
    return Outcome(refs, sha)


def commit_message(plan_: Plan) -> str:
    head = plan_.summary()
    body = []
    if plan_.decision:
        body.append(
            f"Decision: {plan_.decision['decision']} at {plan_.decision['stage']} "
            f"(content sha256 {plan_.decision['sha256'][:12]})."
        )
    if plan_.note:
        body.append(f"Note: {plan_.note}")
    for path, _ in plan_.created:
        body.append(f"Created {plan_.office.relative(path)}.")
    return head + ("\n\n" + "\n".join(body) if body else "")
