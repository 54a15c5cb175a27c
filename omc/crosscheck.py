"""Checks that need more than one file: ids, links, people, decisions."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from . import store
from .office import Office, same_name
from .problems import Problem
from .review import badge_problems, missing_approvals
from .validate import Summary


def cross_checks(office: Office, refs: list[store.Ref], summaries: list[Summary]) -> list[Problem]:
    problems = _twice(refs, summaries)
    by_id = {(s.kind, s.id): s for s in summaries}
    for summary in summaries:
        if summary.kind == "proposal":
            problems += _proposal(office, summary, by_id)
        else:
            problems += _intake(office, summary, by_id)
    return problems


def _twice(refs: list[store.Ref], summaries: list[Summary]) -> list[Problem]:
    """A record in two folders, or two records with one id."""
    moves = {s.rel: int(s.data.get("moves", 0)) for s in summaries}
    places: dict[str, list[store.Ref]] = defaultdict(list)
    for ref in refs:
        places[ref.id].append(ref)
    problems = []
    chosen = {s.rel for s in summaries}
    for record_id, hits in places.items():
        if len(hits) < 2:
            continue
        keep = max(hits, key=lambda r: moves.get(r.rel, 0))
        for ref in hits:
            if ref.rel not in chosen:
                continue
            others = ", ".join(r.rel for r in hits if r is not ref)
            if len({r.kind for r in hits}) == 1:
                hint = f"a record lives in one folder; keep {keep.rel} (its history goes furthest) and delete the other with `git rm`"
                message = f"{ref.kind} {record_id} exists twice: also {others}"
            else:
                hint = "give one of them a new id (rename the file and its id key)"
                message = f"the id {record_id} is used twice: also {others}"
            problems.append(Problem(ref.rel, 1, 1, "id", message, hint, code="duplicate-id"))
    return problems


def _link(summary: Summary, key: str, other_kind: str, by_id: dict[tuple[str, str], Summary], back: str) -> list[Problem]:
    target = summary.data.get(key)
    if not isinstance(target, str):
        return []
    other = by_id.get((other_kind, target))
    if other is None:
        return [Problem.at(summary.where((key,)), f"links to {other_kind} {target}, which does not exist", hint=f"fix the id, or remove `{key}`", code="link")]
    if other.data.get(back) != summary.id:
        said = other.data.get(back)
        found = f"it points to {said}" if said else f"it has no `{back}` key"
        return [Problem.at(summary.where((key,)), f"links to {other_kind} {target}, but {found}", hint=f"set `{back}: {summary.id}` in {other.rel}", code="link")]
    return []


def _intake(office: Office, summary: Summary, by_id: dict[tuple[str, str], Summary]) -> list[Problem]:
    problems = _link(summary, "proposal", "proposal", by_id, "intake")
    handle = summary.data.get("coordinator")
    if office.people and isinstance(handle, str):
        person = office.people.get(handle)
        if person is None or not person.holds("coordinator"):
            what = "is not in omc.yaml" if person is None else "does not hold the coordinator role"
            problems.append(Problem.at(summary.where(("coordinator",)), f"{handle} {what}", hint="assign a coordinator listed in omc.yaml", code="person"))
    return problems


def _proposal(office: Office, summary: Summary, by_id: dict[tuple[str, str], Summary]) -> list[Problem]:
    problems = _link(summary, "intake", "intake", by_id, "proposal")
    problems += _decisions(office, summary)
    flow = office.workflows["proposal"]
    status = flow.statuses.get(summary.status)
    if status is None:
        return problems
    if "approvals" in status.requires:
        for reason in missing_approvals(flow, summary.data, summary.sha256):
            problems.append(Problem.at(summary.where(("decisions",)), reason, hint=f"a proposal in {summary.status} needs a current approval from every review stage", code="approval"))
    if "badge" in status.requires:
        for reason in badge_problems(office.root, summary.data):
            problems.append(Problem.at(summary.where(("badge",)), reason, code="badge"))
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
        reason = _decision_problem(office, flow, summary.data, decision)
        if reason:
            problems.append(Problem.at(summary.where(("decisions", index)), reason, code="decision"))
    return problems


def _decision_problem(office: Office, flow: Any, data: dict[str, Any], decision: dict[str, Any]) -> str:
    person = office.people.get(str(decision.get("by")))
    role, stage = decision.get("role"), flow.statuses.get(str(decision.get("stage")))
    if person is None:
        return f"decided by {decision.get('by')}, who is not in omc.yaml"
    if stage is None or stage.review is None:
        return f"stage '{decision.get('stage')}' is not a review stage"
    if role != stage.review.role:
        return f"the {stage.name} decision needs the {stage.review.role} role, not '{role}'"
    if not person.holds(str(role)):
        return f"{person.name} does not hold the {role} role"
    scope = stage.review.scope
    if scope and not same_name(getattr(person, scope), str(data.get(scope, ""))):
        return f"{person.name} is {role} for {getattr(person, scope) or 'no ' + scope}, not for {data.get(scope)}"
    return ""
