"""Proposals: new drafts, re-approvals, and where a proposal stands."""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from . import clock, ids, store, yamlio
from .errors import NotFound, Refused, UsageError
from .office import Office, Person, may_act
from .review import StageState, content_hash, stages
from .transitions import Plan

GUIDE = {
    "title": "At most 60 characters: the badge's name as learners will see it.",
    "description": "At most 500 characters: what a holder of this badge can do.",
    "competencies": "Three to seven competencies, each with an outcome, how it is "
    "assessed, the rubric used and the minimum to pass.",
    "skills": "At least three skill tags, as employers search for them.",
    "alignments": "Frameworks the competencies map to (O*NET, ESCO, NICE...), "
    "with code, name and address.",
    "criteria": "How the badge is earned, in Markdown.",
    "badge": "The image (a file in assets/) and alt text describing it.",
}


def draft_from_intake(intake: dict[str, Any], proposal_id: str) -> dict[str, Any]:
    """A proposal draft pre-filled with what the intake already says."""
    contact = intake.get("contact") or {}
    lead = {
        k: contact[k] for k in ("name", "email", "unit", "college") if contact.get(k)
    }
    data: dict[str, Any] = {"id": proposal_id, "intake": intake["id"], "revision": 1}
    data["title"] = str(intake.get("title", ""))
    data["description"] = str(intake.get("summary", ""))
    data["lead"] = lead
    if intake.get("collaborators"):
        data["collaborators"] = intake["collaborators"]
    data["unit"] = contact.get("unit", "")
    data["college"] = contact.get("college", "")
    for key in ("credit_type", "modality", "audience", "industry_partners"):
        if intake.get(key) not in (None, "", []):
            data[key] = intake[key]
    if intake.get("estimated_hours"):
        data["workload_hours"] = intake["estimated_hours"]
    data["achievement_type"] = "MicroCredential"
    return data | _blanks()


def blank(
    proposal_id: str, title: str, lead: dict[str, str], unit: str, college: str
) -> dict[str, Any]:
    data = {
        "id": proposal_id,
        "revision": 1,
        "title": title,
        "description": "",
        "lead": lead,
    }
    data |= {"unit": unit, "college": college, "achievement_type": "MicroCredential"}
    return data | _blanks()


def _blanks() -> dict[str, Any]:
    return {
        "level": None,
        "competencies": [],
        "skills": [],
        "alignments": [],
        "criteria": "",
        "badge": {"image": "", "alt": ""},
    }


def draft_text(data: dict[str, Any], history: dict[str, Any]) -> str:
    """The YAML of a new draft, with a comment above each part still to write."""
    from ruamel.yaml.comments import CommentedMap

    tree = yamlio.to_yaml(
        {k: v for k, v in data.items() if v is not None}
        | {"level": data.get("level") or ""}
    )
    tree["history"] = yamlio.to_yaml([history])
    assert isinstance(tree, CommentedMap)
    for key, text in GUIDE.items():
        if key in tree:
            tree.yaml_set_comment_before_after_key(key, before=text)
    return yamlio.dump(tree)


@dataclass(frozen=True)
class NewDraft:
    id: str
    status: str
    path: Path
    text: str
    by: Person


def new_blank(
    office: Office, *, title: str, lead: str, unit: str, college: str, by: str
) -> NewDraft:
    """A blank draft: the title, its lead author (default: whoever creates it)."""
    title = title.strip()
    if not title or any(ord(c) < 32 for c in title):
        raise UsageError(
            "--title must be words on one line",
            hint='e.g. --title "Applied Data Visualization"',
        )
    person = office.person(by)
    lead_data = (
        _lead(office, lead) if lead else {"name": person.name, "email": person.email}
    )
    proposal_id = new_id(office, title)
    flow = office.workflows["proposal"]
    entry = {"at": clock.stamp(), "from": None, "to": flow.initial, "by": person.id}
    text = draft_text(blank(proposal_id, title, lead_data, unit, college), entry)
    path = store.path_for(office, "proposal", flow.initial, proposal_id)
    return NewDraft(proposal_id, flow.initial, path, text, person)


def _lead(office: Office, text: str) -> dict[str, str]:
    """A person of omc.yaml, or whoever `Name <email>` names."""
    try:
        person = office.person(text)
    except NotFound:
        name, email = parseaddr(text)
        return {"name": name or text, "email": email} if email else {"name": text}
    return {"name": person.name, "email": person.email}


def new_id(office: Office, title: str) -> str:
    return ids.new_id(title, store.taken_ids(office))


def plan_reapproval(
    office: Office, record: store.Record, by: str, stage: str | None, note: str
) -> Plan:
    """Record a fresh approval for a stage already passed, without moving."""
    flow = office.workflows["proposal"]
    person = office.person(by)
    passed = _passed_stages(office, record)
    wanted = [s for s in passed if (stage is None or s.stage == stage) and not s.counts]
    mine = [s for s in wanted if person.holds(s.role)]
    if not mine:
        raise Refused(_nothing_to_approve(record, person.name, stage, wanted))
    target = mine[0]
    status = flow.status(target.stage)
    scope = status.review.scope if status.review else None
    role = may_act(office, person, [target.role], record.data, scope)
    decision = {
        "stage": target.stage,
        "decision": "approved",
        "by": person.id,
        "role": role,
        "at": clock.stamp(),
    }
    if note:
        decision["note"] = note
    decision["sha256"] = content_hash(record.data)

    def mutate(tree: Any) -> None:
        if tree.get("decisions") is None:
            yamlio.put(tree, "decisions", [decision])
        else:
            yamlio.append(tree["decisions"], decision)

    edit = store.plan_edit(office, record, mutate)
    return Plan(office, record, None, person, role, note, edit, decision)


def _passed_stages(office: Office, record: store.Record) -> list[StageState]:
    flow = office.workflows["proposal"]
    line = flow.main_line()
    here = line.index(record.status) if record.status in line else -1
    return [
        s
        for s in stages(flow, record.data)
        if s.stage in line and line.index(s.stage) < here
    ]


def _nothing_to_approve(
    record: store.Record, name: str, stage: str | None, wanted: list[StageState]
) -> str:
    if not wanted:
        which = f"at {stage}" if stage else "at any stage it has passed"
        return f"proposal {record.id} needs no new approval {which}"
    needed = ", ".join(f"{s.stage} ({s.role})" for s in wanted)
    return f"{name} holds none of the roles still needed: {needed}"


@dataclass(frozen=True)
class Step:
    """One status of the main line, as a packet or `show` displays it."""

    status: str
    title: str
    state: str
    detail: str = ""


def position(office: Office, record: store.Record) -> list[Step]:
    """The main line of the workflow: decided, waiting, and to come."""
    flow = office.workflows[record.kind]
    line = flow.main_line()
    here = line.index(record.status) if record.status in line else None
    # Until it is published, what comes after publication is beside the point.
    live = [i for i, name in enumerate(line) if flow.status(name).public]
    if live and (here is None or here < live[0]):
        line = line[: live[0] + 1]
    approvals = (
        {s.stage: s for s in stages(flow, record.data)}
        if record.kind == "proposal"
        else {}
    )
    steps = []
    for index, name in enumerate(line):
        state = (
            "ahead"
            if here is None or index > here
            else "current"
            if index == here
            else "done"
        )
        steps.append(
            Step(
                name,
                flow.status(name).title,
                state,
                _detail(approvals.get(name), state),
            )
        )
    return steps


def _detail(stage: StageState | None, state: str) -> str:
    if stage is None:
        return ""
    if stage.approval:
        when = str(stage.approval.get("at"))[:10]
        return f"approved by {stage.approval.get('by')} on {when}"
    if stage.stale and state == "done":
        return f"approval by {stage.stale.get('by')} voided: content changed since"
    return "waiting for a decision" if state == "current" else ""


def convert(office: Office, intake: store.Record, by: str, note: str = "") -> Plan:
    """Turn a consulted intake into a proposal draft, each linked to the other."""
    from .transitions import plan as plan_move

    proposal_id = new_id(office, str(intake.data.get("title") or intake.id))

    def link(tree: Any) -> None:
        yamlio.put(tree, "proposal", proposal_id)

    result = plan_move(office, intake, "convert", by, note=note, change=link)
    flow = office.workflows["proposal"]
    entry = {
        "at": clock.stamp(),
        "from": None,
        "to": flow.initial,
        "by": result.person.id,
        "note": f"created from intake {intake.id}",
    }
    text = draft_text(draft_from_intake(intake.data, proposal_id), entry)
    result.created.append(
        (store.path_for(office, "proposal", flow.initial, proposal_id), text)
    )
    return result


def timeline(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Moves and decisions, oldest first; a decision and the move it made are one event.

    Each event: at, text, note, and for decisions `decision`, `stage`, `voided`
    (an approval of content that has changed since).
    """
    digest = content_hash(data)
    decisions = [d for d in data.get("decisions") or [] if isinstance(d, dict)]
    events = []
    for entry in data.get("history") or []:
        if not isinstance(entry, dict):
            continue
        made = [
            d
            for d in decisions
            if d.get("at") == entry.get("at") and d.get("stage") == entry.get("from")
        ]
        text = f"{entry.get('from') or 'new'} → {entry.get('to')} by {entry.get('by')}"
        event = {"at": entry.get("at"), "text": text, "note": entry.get("note", "")}
        if made:
            decisions.remove(made[0])
            event |= _decision_event(made[0], digest)
            voided = " (voided: content changed since)" * event["voided"]
            event["text"] = f"{text}: {event['decision']}{voided}"
        events.append(event)
    for decision in decisions:
        event = {
            "at": decision.get("at"),
            "note": decision.get("note", ""),
        } | _decision_event(decision, digest)
        who = f"{decision.get('by')} ({decision.get('role')})"
        voided = " (voided: content changed since)" * event["voided"]
        event["text"] = (
            f"{event['decision']} at {decision.get('stage')} by {who}{voided}"
        )
        events.append(event)
    return sorted(events, key=lambda e: str(e["at"]))


def _decision_event(decision: dict[str, Any], digest: str) -> dict[str, Any]:
    outcome = str(decision.get("decision"))
    voided = outcome == "approved" and decision.get("sha256") != digest
    return {
        "decision": outcome,
        "stage": decision.get("stage"),
        "by": decision.get("by"),
        "voided": voided,
    }
