"""Was a record's change of folder a move the workflow allows?

Between the base of a pull request and its head, a record may take several
steps (one commit each). omc records every step in `history` and every review
decision in `decisions`, both only ever appended to. So the entries added
since the base must form a chain of allowed moves from the old folder to the
new one, each made by a person who may make it, with the decision a review
stage needs. A file moved by hand adds no entry, and is caught.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from .errors import Refused, Where
from .office import CONFIG, FOLDERS, Office, may_act
from .problems import Problem
from .transitions import DECISIONS
from .workflow import Move, Workflow
from .yamlio import Document


@dataclass(frozen=True)
class Before:
    """A record as it was at the base: its folder and its data."""

    status: str
    data: dict[str, Any]


def check_move(
    office: Office,
    kind: str,
    status: str,
    doc: Document,
    before: Before | None,
    since: str,
) -> list[Problem]:
    flow = office.workflows[kind]
    if status not in flow.statuses or not isinstance(doc.data, dict):
        return []  # the file's own check says the folder is not a status
    old = before.data if before else {}
    problems = _rewritten(doc, "history", old, since)
    problems += _rewritten(doc, "decisions", old, since)
    if problems:
        return problems
    history = _list(doc.data.get("history"))
    start = before.status if before else None
    added = range(len(_list(old.get("history"))), len(history))
    if not added:
        return _unrecorded(flow, doc, start, status)
    fresh = list(range(len(_list(old.get("decisions"))), len(_decisions(doc))))
    chain = _Chain(office, flow, doc, fresh)
    problems = chain.walk(start, list(added)) + chain.leftover()
    if chain.end is not None and chain.end != status:
        problems += _unrecorded(flow, doc, chain.end, status)
    return problems


def _record_id(doc: Document) -> str:
    return doc.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _decisions(doc: Document) -> list[Any]:
    return _list(doc.data.get("decisions"))


def _rewritten(
    doc: Document, key: str, old: dict[str, Any], since: str
) -> list[Problem]:
    """What was recorded at the base must still be there, unchanged."""
    before, now = _list(old.get(key)), _list(doc.data.get(key))
    for index, entry in enumerate(before):
        if index >= len(now):
            where = doc.where([key], key=True)
            message = (
                f"{len(before) - index} entries recorded before {since} were removed"
            )
            return [_rewrite(where, message, key, since)]
        if now[index] != entry:
            where = doc.where([key, index])
            message = f"this entry differs from what was recorded at {since}"
            return [_rewrite(where, message, key, since)]
    return []


def _rewrite(where: Where, message: str, key: str, since: str) -> Problem:
    hint = f"`{key}` is only ever added to; restore it from {since} and add new entries"
    return Problem.at(where, message, hint=hint, code="rewritten")


def _unrecorded(
    flow: Workflow, doc: Document, start: str | None, status: str
) -> list[Problem]:
    """A record that changed folder, or appeared, with no move recorded."""
    kind, rid = flow.kind, _record_id(doc)
    where = Where(doc.name, 1, 1)
    if start is None:
        if status == flow.initial:
            return []
        message = f"a new {kind} starts in {flow.initial}, but this one appeared in "
        message += status + _skipped(flow, flow.initial, status)
        folder = f"{FOLDERS[kind]}/{flow.initial}/"
        hint = f"move it to {folder}, then " + _how(flow, flow.initial, status, rid)
        return [Problem.at(where, message, hint=hint, code="move")]
    if start == status:
        return []
    message = (
        f"moved from {start} to {status} by hand: its history records no such move"
    )
    message += _skipped(flow, start, status)
    old = f"{FOLDERS[kind]}/{start}/{rid}.yaml"
    hint = f"move it back with `git mv {doc.name} {old}`, then " + _how(
        flow, start, status, rid
    )
    return [Problem.at(where, message, hint=hint, code="move")]


def _skipped(flow: Workflow, source: str, target: str) -> str:
    chain = flow.path(source, target)
    if chain is None:
        return f"; the workflow has no way from {source} to {target}"
    if len(chain) <= 2:
        return ""
    skipped = ", ".join(chain[1:-1])
    return f"; the workflow goes {' → '.join(chain)}, so it skipped {skipped}"


def _how(flow: Workflow, source: str, target: str, rid: str) -> str:
    chain = flow.path(source, target) or [source, target]
    verbs = []
    for here, there in itertools.pairwise(chain):
        verbs += [m.verb for m in flow.moves_from(here) if m.target == there][:1]
    commands = " then ".join(
        f"`omc {flow.kind} {verb} {rid} --by PERSON`" for verb in dict.fromkeys(verbs)
    )
    steps = len(chain) - 1
    each = "" if steps == 1 else f" ({steps} steps, each by the person it needs)"
    return f"make the move with {commands or 'omc'}{each}"


class _Chain:
    """The history entries added since the base, walked one move at a time."""

    def __init__(
        self, office: Office, flow: Workflow, doc: Document, fresh: list[int]
    ) -> None:
        self.office, self.flow, self.doc = office, flow, doc
        self.rid = _record_id(doc)
        self.history = _list(doc.data.get("history"))
        self.decisions = _decisions(doc)
        self.unused = [i for i in fresh if isinstance(self.decisions[i], dict)]
        self.problems: list[Problem] = []
        self.end: str | None = None

    def fail(
        self, path: list[Any], message: str, hint: str = "", code: str = "move"
    ) -> None:
        self.problems.append(
            Problem.at(self.doc.where(path), message, hint=hint, code=code)
        )

    def walk(self, start: str | None, added: list[int]) -> list[Problem]:
        here = start
        for index in added:
            entry = self.history[index]
            if not isinstance(entry, dict):
                continue
            source, target = entry.get("from"), entry.get("to")
            if here is None:
                self._creation(index, source, target)
            elif source != here:
                kind = self.flow.kind
                message = (
                    f"this move starts from {source}, but the {kind} was in {here}"
                )
                self.fail(["history", index, "from"], message)
            else:
                self._step(index, entry, here, str(target))
            here = str(target)
        self.end = here
        return self.problems

    def _creation(self, index: int, source: Any, target: Any) -> None:
        if source is None and target == self.flow.initial:
            return
        message = (
            f"a new {self.flow.kind} starts in {self.flow.initial}; this one starts"
        )
        message += f" in {target}" if source is None else f" with a move from {source}"
        self.fail(["history", index], message)

    def _step(
        self, index: int, entry: dict[str, Any], source: str, target: str
    ) -> None:
        moves = [m for m in self.flow.moves_from(source) if m.target == target]
        if not moves:
            message = f"{source} → {target} is not a move the workflow allows"
            message += _skipped(self.flow, source, target)
            self.fail(["history", index, "to"], message)
            return
        if not self.office.people:
            return  # omc.yaml is broken and reported; who did what cannot be judged
        role = self._role(index, entry, moves, source)
        if role is None:
            return
        move = next(m for m in moves if role in m.roles)
        if move.note_required and not str(entry.get("note") or "").strip():
            self.fail(["history", index], f"'{move.verb}' needs a note saying why")
        review = self.flow.statuses[source].review
        if review is not None and review.role == role and move.verb in DECISIONS:
            self._decision(index, move, str(entry.get("by")), role)

    def _role(
        self, index: int, entry: dict[str, Any], moves: list[Move], source: str
    ) -> str | None:
        by = str(entry.get("by"))
        person = self.office.people.get(by)
        if person is None:
            self.fail(
                ["history", index, "by"], f"{by} is not in {CONFIG}", code="person"
            )
            return None
        if not person.active:
            message = f"{person.name} ({by}) is no longer active"
            self.fail(["history", index, "by"], message, code="person")
            return None
        review = self.flow.statuses[source].review
        scope = review.scope if review else None
        roles = tuple(dict.fromkeys(r for m in moves for r in m.roles))
        try:
            return may_act(self.office, person, roles, self.doc.data, scope)
        except Refused as refused:
            self.fail(["history", index, "by"], refused.message, refused.hint, "person")
            return None

    def _decision(self, index: int, move: Move, by: str, role: str) -> None:
        """Leaving a review stage records that stage's decision, by the mover."""
        wanted = DECISIONS[move.verb]
        for slot in self.unused:
            decision = self.decisions[slot]
            if (decision.get("stage"), decision.get("decision")) != (
                move.source,
                wanted,
            ):
                continue
            if decision.get("by") != by:
                continue
            self.unused.remove(slot)
            if move.note_required and not str(decision.get("note") or "").strip():
                message = f"a '{wanted}' decision needs a note saying why"
                self.fail(["decisions", slot], message, code="decision")
            return
        message = (
            f"{move.source} → {move.target} needs the {role}'s '{wanted}' decision "
            f"in `decisions`, and none by {by} was added"
        )
        command = f"omc proposal {move.verb} {self.rid} --by {by}"
        hint = f"make the move with `{command}`, which records it"
        self.fail(["history", index], message, hint, "decision")

    def leftover(self) -> list[Problem]:
        """A return or rejection recorded without the move it decides."""
        problems = []
        for slot in self.unused:
            decision = self.decisions[slot]
            if decision.get("decision") in ("returned", "rejected"):
                message = (
                    f"a '{decision.get('decision')}' decision was added, but the "
                    f"{self.flow.kind} did not move"
                )
                command = f"omc proposal {_verb(decision)} {self.rid}"
                hint = f"use `{command}`, which moves it and records both"
                where = self.doc.where(["decisions", slot])
                problems.append(Problem.at(where, message, hint=hint, code="decision"))
        return problems


def _verb(decision: dict[str, Any]) -> str:
    return {v: k for k, v in DECISIONS.items()}.get(str(decision.get("decision")), "")
