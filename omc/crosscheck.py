"""Checks that need more than one file: ids, links, people, decisions.

Each check reports on the records it is given (`targets`) and reads others
through the `Index` only when a link or an id leads there.
"""

from __future__ import annotations

from typing import Any

from .index import Index, Summary
from .office import CONFIG, Office, Person, same_name, who_may
from .problems import Problem
from .review import badge_problems, stages
from .workflow import Status, Workflow


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
    return problems + _coordinator(office, summary)


def _coordinator(office: Office, summary: Summary) -> list[Problem]:
    handle = summary.data.get("coordinator")
    if not office.people or not isinstance(handle, str):
        return []
    person = office.people.get(handle)
    if person is not None and person.holds("coordinator"):
        return []
    what = f"is not in {CONFIG}" if person is None else "is not a coordinator"
    names = ", ".join(p.id for p in office.holders("coordinator"))
    where = summary.where(("coordinator",))
    hint = f"coordinators: {names}" if names else f"add a coordinator to {CONFIG}"
    return [Problem.at(where, f"{handle} {what}", hint=hint, code="person")]


def _proposal(office: Office, index: Index, summary: Summary) -> list[Problem]:
    problems = _link(index, summary, "intake", "intake", "proposal")
    problems += _decisions(office, summary)
    flow = office.workflows["proposal"]
    status = flow.statuses.get(summary.status)
    if status is not None and "approvals" in status.requires:
        problems += _approvals(flow, summary)
    if status is not None and "badge" in status.requires:
        problems += _badge(office, summary)
    return problems


def _approvals(flow: Workflow, summary: Summary) -> list[Problem]:
    """A proposal in `approved` or later needs a current approval per stage."""
    decisions = summary.data.get("decisions") or []
    problems = []
    for state in stages(flow, summary.data, summary.sha256):
        if state.counts:
            continue
        hint = f"in {summary.status}, every review stage must approve this content"
        if state.stale is None:
            message = f"{state.stage}: no approval yet from the {state.role}"
            where = summary.where(("decisions",), at_key=True)
        else:
            who, when = state.stale.get("by"), str(state.stale.get("at", ""))[:10]
            message = (
                f"{state.stage}: the approval by {who} on {when} is for other "
                "content; the proposal changed since"
            )
            hint = f"ask {who} to run `omc proposal approve {summary.id} --by {who}`"
            where = summary.where(("decisions", decisions.index(state.stale), "sha256"))
        problems.append(Problem.at(where, message, hint=hint, code="approval"))
    return problems


def _badge(office: Office, summary: Summary) -> list[Problem]:
    problems = []
    for reason in badge_problems(office.root, summary.data):
        key, _, message = reason.partition(": ")
        path = tuple(key.split("."))
        problems.append(Problem.at(summary.where(path), message, code="badge"))
    return problems


def _decisions(office: Office, summary: Summary) -> list[Problem]:
    decisions = summary.data.get("decisions")
    if not isinstance(decisions, list) or not office.people:
        return []
    flow = office.workflows["proposal"]
    problems = []
    for index, decision in enumerate(decisions):
        if not isinstance(decision, dict):
            continue
        found = _decision_problem(office, flow, summary.data, decision)
        if found:
            key, message, hint = found
            where = summary.where(("decisions", index, key))
            problems.append(Problem.at(where, message, hint=hint, code="decision"))
    return problems


def _decision_problem(
    office: Office, flow: Workflow, data: dict[str, Any], decision: dict[str, Any]
) -> tuple[str, str, str] | None:
    """(key, message, hint) of what is wrong with one decision, if anything."""
    by, role = str(decision.get("by")), decision.get("role")
    stage = flow.statuses.get(str(decision.get("stage")))
    if stage is None or stage.review is None:
        stages_ = ", ".join(s.name for s in flow.review_stages())
        message = f"'{decision.get('stage')}' is not a review stage"
        return "stage", message, f"review stages: {stages_}"
    if role != stage.review.role:
        message = (
            f"the {stage.name} decision is the {stage.review.role}'s, not '{role}'"
        )
        return "role", message, _who(office, stage, data)
    person = office.people.get(by)
    if person is None:
        return "by", f"{by} is not in {CONFIG}", _who(office, stage, data)
    if not person.holds(stage.review.role):
        message = f"{person.name} ({by}) does not hold the {role} role"
        return "by", message, _who(office, stage, data)
    return _out_of_scope(office, person, stage, data)


def _out_of_scope(
    office: Office, person: Person, stage: Status, data: dict[str, Any]
) -> tuple[str, str, str] | None:
    assert stage.review is not None
    scope = stage.review.scope
    if not scope or same_name(getattr(person, scope, ""), str(data.get(scope, ""))):
        return None
    theirs = getattr(person, scope, "") or f"no {scope}"
    message = (
        f"{person.name} ({person.id}) is {stage.review.role} for {theirs}, "
        f"not for {data.get(scope) or f'this proposal (its {scope} is not set)'}"
    )
    return "by", message, _who(office, stage, data)


def _who(office: Office, stage: Status, data: dict[str, Any]) -> str:
    assert stage.review is not None
    review = stage.review
    people = who_may(office, [review.role], data, review.scope)
    names = ", ".join(f"{p.name} ({p.id})" for p in people)
    return f"who may decide at {stage.name}: {names or f'nobody in {CONFIG}'}"
