"""Checks that need more than one file: ids used twice, links between records.

Each check reports on the records it is given (`targets`) and reads others
through the `Index` only when a link or an id leads there.
"""

from __future__ import annotations

from .index import Index, Summary
from .office import Office
from .problems import Problem


def cross_checks(office: Office, index: Index, targets: list[Summary]) -> list[Problem]:
    problems = []
    for summary in targets:
        problems += _twice(index, summary)
        if summary.kind == "proposal":
            problems += _proposal(office, index, summary)
        else:
            problems += _intake(office, index, summary)
    return problems


def link_checks(index: Index, targets: list[Summary]) -> list[Problem]:
    """Only the links between intakes and proposals, for records that did not
    change themselves but that a changed or deleted record linked to."""
    problems = []
    for summary in targets:
        if summary.kind == "proposal":
            problems += _link(index, summary, "intake", "intake", "proposal")
        else:
            problems += _link(index, summary, "proposal", "proposal", "intake")
    return problems


def _twice(index: Index, summary: Summary) -> list[Problem]:
    """Another file with the same id: one record in two folders, or two records."""
    problems = []
    for ref in index.refs(summary.id):
        if ref.rel == summary.rel:
            continue
        other = index.summary(ref)
        message, hint = _twice_text(summary, ref.kind, ref.rel, other)
        where = summary.where(("id",), at_key=True)
        problems.append(Problem.at(where, message, hint=hint, code="duplicate-id"))
    return problems


def _twice_text(
    summary: Summary, kind: str, rel: str, other: Summary | None
) -> tuple[str, str]:
    if kind != summary.kind:
        return (
            f"the id {summary.id} is also the id of the {kind} {rel}",
            "ids are unique across intakes and proposals; give this record a new id "
            "(rename the file and its `id` key)",
        )
    if other is not None and _same_record(summary, other):
        return (
            f"this {kind} is also in {rel}: one record in two status folders "
            "(a merge kept both the moved file and the old one)",
            _keep_hint(summary, other),
        )
    return (
        f"the id {summary.id} is also used by a different {kind}, {rel} "
        "(two clones created the same id)",
        "give one of them a new id: rename its file and its `id` key, and any "
        "`intake`/`proposal` link to it",
    )


def _same_record(one: Summary, other: Summary) -> bool:
    created = one.data.get("created"), other.data.get("created")
    if created[0] is not None and created[1] is not None:
        return created[0] == created[1]
    return one.data.get("title") == other.data.get("title")


def _keep_hint(one: Summary, other: Summary) -> str:
    ahead = max(one, other, key=lambda s: int(s.data.get("moves", 0)))
    behind = other if ahead is one else one
    if one.data.get("moves", 0) == other.data.get("moves", 0):
        return "compare the two files, keep the right one and `git rm` the other"
    return (
        f"keep {ahead.rel} (its history goes further), copy into it any edit "
        f"made to {behind.rel}, then `git rm {behind.rel}`"
    )


def _link(
    index: Index, summary: Summary, key: str, kind: str, back: str
) -> list[Problem]:
    target = summary.data.get(key)
    if not isinstance(target, str):
        return []
    other = index.find(kind, target)
    if other is None:
        if any(ref.kind == kind for ref in index.refs(target)):
            return []  # it exists but cannot be read; that file reports why
        message = f"links to {kind} {target}, which does not exist"
        hint = f"fix the id, or remove `{key}`"
    elif other.data.get(back) == summary.id:
        return []
    else:
        said = other.data.get(back)
        found = f"it points to {said}" if said else f"it has no `{back}` key"
        message = f"links to {kind} {target}, but {found}"
        hint = f"set `{back}: {summary.id}` in {other.rel}, or fix `{key}` here"
    return [Problem.at(summary.where((key,)), message, hint=hint, code="link")]


def _intake(office: Office, index: Index, summary: Summary) -> list[Problem]:
    problems = _link(index, summary, "proposal", "proposal", "intake")
    flow = office.workflows["intake"]
    converted = {m.target for m in flow.moves if m.verb == "convert"}
    if summary.status in converted and not summary.data.get("proposal"):
        where = summary.where(())
        message = f"a {summary.status} intake names no proposal"
        hint = "add `proposal: ID` with the id of the proposal it became"
        problems.append(Problem.at(where, message, hint=hint, code="link"))
    return problems


def _proposal(office: Office, index: Index, summary: Summary) -> list[Problem]:
    return _link(index, summary, "intake", "intake", "proposal")
