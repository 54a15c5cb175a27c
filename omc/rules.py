"""Checks of one record against the office: its people, decisions, approvals
and badge. They need omc.yaml but no other record, so they run with the
per-file checks (on every core with --jobs) and keep nothing afterwards.
"""

from __future__ import annotations

from typing import Any

from .office import CONFIG, Office, Person, same_name, who_may
from .problems import Problem
from .render.images import NAMES, unsupported
from .review import badge_problems, stages
from .store import Record
from .workflow import Status, Workflow


def office_problems(office: Office, record: Record) -> list[Problem]:
    if record.kind == "intake":
        return _coordinator(office, record)
    problems = _decisions(office, record)
    flow = office.workflows["proposal"]
    status = flow.statuses.get(record.status)
    if status is not None and not (status.terminal or status.public):
        problems += _undecidable(office, flow, record)
    if status is not None and "approvals" in status.requires:
        problems += _approvals(flow, record)
    if status is not None and "badge" in status.requires:
        problems += _badge(office, record)
    return problems


def _coordinator(office: Office, record: Record) -> list[Problem]:
    handle = record.data.get("coordinator")
    if not office.people or not isinstance(handle, str):
        return []
    person = office.people.get(handle)
    if person is not None and person.holds("coordinator"):
        return _inactive(office, record, person)
    what = f"is not in {CONFIG}" if person is None else "is not a coordinator"
    names = ", ".join(p.id for p in office.holders("coordinator"))
    where = record.doc.where(("coordinator",))
    hint = f"coordinators: {names}" if names else f"add a coordinator to {CONFIG}"
    return [Problem.at(where, f"{handle} {what}", hint=hint, code="person")]


def _inactive(office: Office, record: Record, person: Person) -> list[Problem]:
    """An open record whose coordinator left waits on nobody."""
    status = office.workflows[record.kind].statuses.get(record.status)
    if person.active or status is None or status.terminal:
        return []
    others = ", ".join(p.id for p in office.holders("coordinator")) or "nobody"
    return [
        Problem.at(
            record.doc.where(("coordinator",)),
            f"{person.name} ({person.id}) is no longer active, and this "
            f"{record.kind} waits on them",
            hint=f"hand it over: omc {record.kind} assign {record.id} "
            f"--coordinator PERSON (coordinators: {others})",
            code="person",
            severity="warning",
        )
    ]


def _approvals(flow: Workflow, record: Record) -> list[Problem]:
    """A proposal in `approved` or later needs a current approval per stage."""
    decisions = record.data.get("decisions") or []
    problems = []
    for state in stages(flow, record.data):
        if state.counts:
            continue
        hint = f"in {record.status}, every review stage must approve this content"
        if state.stale is None:
            message = f"{state.stage}: no approval yet from the {state.role}"
            where = record.doc.where(("decisions",), key=True)
        else:
            who, when = state.stale.get("by"), str(state.stale.get("at", ""))[:10]
            message = (
                f"{state.stage}: the approval by {who} on {when} is for other "
                "content; the proposal changed since"
            )
            hint = f"ask {who} to run `omc proposal approve {record.id} --by {who}`"
            index = decisions.index(state.stale)
            where = record.doc.where(("decisions", index, "sha256"))
        problems.append(Problem.at(where, message, hint=hint, code="approval"))
    return problems


def _badge(office: Office, record: Record) -> list[Problem]:
    problems = []
    for reason in badge_problems(office.root, record.data):
        key, _, message = reason.partition(": ")
        path = tuple(key.split("."))
        problems.append(Problem.at(record.doc.where(path), message, code="badge"))
    # Where the image is wrong is said first; its type only of a file found.
    placed = not any(p.key == "badge.image" for p in problems)
    return problems + (_image_type(record) if placed else [])


def _image_type(record: Record) -> list[Problem]:
    """A warning, not an error: the site publishes the badge, without the image."""
    image = (record.data.get("badge") or {}).get("image")
    if not isinstance(image, str) or not (what := unsupported(image)):
        return []
    message = (
        f"assets/{image} is {what}, not an image of a type the site publishes "
        f"({NAMES}); the site leaves it out"
    )
    where = record.doc.where(("badge", "image"))
    hint = f"export the image as {NAMES} into assets/ and name that file here"
    return [Problem.at(where, message, hint=hint, code="badge", severity="warning")]


def _decisions(office: Office, record: Record) -> list[Problem]:
    decisions = record.data.get("decisions")
    if not isinstance(decisions, list) or not office.people:
        return []
    flow = office.workflows["proposal"]
    problems = []
    for index, decision in enumerate(decisions):
        if not isinstance(decision, dict):
            continue
        found = _decision_problem(office, flow, record.data, decision)
        if found:
            key, message, hint = found
            where = record.doc.where(("decisions", index, key))
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


def _undecidable(office: Office, flow: Workflow, record: Record) -> list[Problem]:
    """A review stage still ahead that nobody in omc.yaml may decide: the
    proposal would stop there, waiting on no one."""
    if not office.people:
        return []
    line = flow.main_line()
    ahead = line[line.index(record.status) :] if record.status in line else line
    problems = []
    for stage in flow.review_stages():
        review = stage.review
        if review is None or stage.name not in ahead:
            continue
        scope = review.scope if review.scope in ("unit", "college") else None
        value = record.data.get(scope) if scope else None
        if scope and not (isinstance(value, str) and value.strip()):
            continue  # not filled in yet: the schema says so when it matters
        if who_may(office, [review.role], record.data, review.scope):
            continue
        of = f" of {scope} '{value}'" if scope else ""
        known = sorted(
            {getattr(p, scope) for p in office.holders(review.role) if scope}
            - {"", None}
        )
        hint = f"add the active {review.role}{of} to {CONFIG}" + (
            f", or correct `{scope}` (known: {', '.join(known)})" if known else ""
        )
        where = record.doc.where((scope,) if scope else ())
        problems.append(
            Problem.at(
                where,
                f"{stage.name} cannot be decided: {CONFIG} has no active "
                f"{review.role}{of}",
                hint=hint,
                code="person",
                severity="warning",
            )
        )
    return problems
