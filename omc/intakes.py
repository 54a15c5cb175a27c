"""Intakes: new records from answers, and the moves of the intake process.

`answers` is what a person gave (prompts, options, an answer file, a CSV row),
keyed like the record; `omc.form` reads them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from . import clock, files, form, ics, ids, schemas, store, yamlio
from .errors import InvalidData, Refused, Where
from .office import CONFIG, Office, Person, may_act
from .problems import Problem, schema_problems
from .transitions import Plan, check_entry
from .transitions import plan as plan_move

KIND = "intake"
# Who may enter or import an intake: the people who run the intake process.
ROLES = ("coordinator", "admin")
SOURCE_KEYS = ("file", "row", "response", "fingerprint")


def record(
    answers: Mapping[str, Any], record_id: str, by: Person, status: str, note: str
) -> dict[str, Any]:
    """The record's data in the house order, with its first history entry."""
    data: dict[str, Any] = {"id": record_id}
    given = {"submitted": clock.today().isoformat(), **answers}
    for key in form.FORM_KEYS:
        if given.get(key) not in (None, "", [], {}):
            data[key] = given[key]
    if answers.get("source"):
        data["source"] = answers["source"]
    entry = {"at": clock.stamp(), "from": None, "to": status, "by": by.id}
    data["history"] = [entry | ({"note": note} if note else {})]
    return data


def text_of(data: Mapping[str, Any]) -> str:
    return yamlio.dump(yamlio.to_yaml(dict(data)))


def problems(
    data: dict[str, Any], doc: yamlio.Document | None, source: str = "command line"
) -> list[Problem]:
    """Schema problems of a new record, placed in the answer file when there is one."""
    if doc is not None:
        return schema_problems(yamlio.Document(doc.name, data, doc.root), _schema())
    generated = yamlio.loads(text_of(data), source)
    return [
        dataclasses.replace(p, line=None, col=None)
        for p in schema_problems(generated, _schema())
    ]


def _schema() -> Any:
    return schemas.validator("intake")


def new_record(
    office: Office,
    answers: Mapping[str, Any],
    by: Person,
    doc: yamlio.Document | None = None,
    source: str = "command line",
    note: str = "",
) -> dict[str, Any]:
    """A new intake from answers, or InvalidData listing every problem.

    `doc` is the answer file when there is one (problems point at its lines);
    `source` names where the answers came from otherwise.
    """
    cleaned, found = _normalise(answers, doc, source)
    title = str(cleaned.get("title") or "intake")
    record_id = ids.new_id(title, store.taken_ids(office))
    data = record(cleaned, record_id, by, office.workflows[KIND].initial, note)
    said = {p.key for p in found}
    found += [p for p in problems(data, doc, source) if not _within(p.key, said)]
    if found:
        first = found[0]
        raise InvalidData(
            first.message,
            where=first.where,
            problems=list(found),
            hint="nothing was written; fix the answers and run the command again",
        )
    return data


def _within(key: str, said: set[str]) -> bool:
    """Whether `key` is an answer already reported, or a part of one."""
    return any(key == k or key.startswith((f"{k}[", f"{k}.")) for k in said)


def _normalise(
    answers: Mapping[str, Any], doc: yamlio.Document | None, source: str
) -> tuple[dict[str, Any], list[Problem]]:
    """Answers read the way people type them, and what cannot be read."""
    out, found = dict(answers), []
    for key in out:
        if key not in form.FORM_KEYS:
            message = "is not a question of the intake form"
            found.append(_located(doc, [key], message, source))
    contact = out.get("contact")
    if isinstance(contact, dict) and isinstance(contact.get("email"), str):
        out["contact"] = contact = dict(contact)
        found += _read(doc, source, ["contact", "email"], contact, form.email)
    for name in form.CHOICE_FIELDS:
        if isinstance(out.get(name), str):
            found += _read(doc, source, [name], out, partial(form.choice, name))
    if isinstance(out.get("estimated_hours"), str):
        found += _read(doc, source, ["estimated_hours"], out, form.number_of_hours)
    for key in ("audience", "industry_partners"):
        if isinstance(out.get(key), str):
            out[key] = form.items(out[key], ";,\n")
    if isinstance(out.get("collaborators"), (str, list)):
        found += _read(doc, source, ["collaborators"], out, form.collaborators_given)
    if isinstance(out.get("submitted"), str):
        found += _read(doc, source, ["submitted"], out, form.not_future)
    return out, found


def _read(
    doc: yamlio.Document | None,
    source: str,
    path: list[str],
    into: dict[str, Any],
    read: Callable[[Any], Any],
) -> list[Problem]:
    try:
        into[path[-1]] = read(into[path[-1]])
    except InvalidData as exc:
        return [_located(doc, path, exc.message, source)]
    return []


def _located(
    doc: yamlio.Document | None, path: Iterable[str], message: str, source: str
) -> Problem:
    """A problem with one answer, at its place in the answer file if any."""
    parts = list(path)
    where = doc.where(parts) if doc else Where(source, key=".".join(parts))
    return Problem.at(where, message)


def load_answers(path: Path | None) -> tuple[dict[str, Any], Any, str]:
    """The answers in `--from FILE`, its document (for line numbers) and name."""
    if path is None:
        return {}, None, "command line"
    if path.suffix.lower() != ".json":
        doc = yamlio.load_file(path, str(path))
        return dict(doc.data), doc, str(path)
    # JSON is read as JSON: editors indent it with tabs, which YAML refuses.
    data = _json(yamlio.decode(path.read_bytes(), str(path)), str(path))
    if not isinstance(data, dict):
        raise InvalidData(
            "the answers must be a JSON object",
            hint='write {"title": ..., "contact": {...}}',
            where=Where(str(path)),
        )
    return data, None, str(path)


def _json(text: str, name: str) -> Any:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in items]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise InvalidData(f"duplicate key '{twice[0]}'", where=Where(name))
        return dict(items)

    try:
        return json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        where = Where(name, exc.lineno, exc.colno)
        raise InvalidData(f"not valid JSON: {exc.msg}", where=where) from None


def entering(office: Office, by: str) -> Person:
    """The person entering intakes, refused unless they run the process."""
    person = office.person(by)
    may_act(office, person, ROLES, {}, None)
    return person


def initial(office: Office) -> str:
    return office.workflows[KIND].initial


def create(office: Office, data: dict[str, Any]) -> store.Ref:
    return store.create(office, KIND, initial(office), str(data["id"]), text_of(data))


def imported(
    office: Office,
    answers: dict[str, Any],
    source: dict[str, Any],
    by: Person,
    taken: set[str],
) -> dict[str, Any]:
    """A new intake from one row of an export; `source`: file, row, fingerprint."""
    response = (answers.get("source") or {}).get("response")
    given = source | ({"response": response} if response else {})
    answers["source"] = {k: given[k] for k in SOURCE_KEYS if k in given}
    record_id = ids.new_id(answers["title"], taken)
    note = f"imported from {source['file']}, row {source['row']}"
    return record(answers, record_id, by, initial(office), note)


def create_all(office: Office, new: list[tuple[Path, str]]) -> None:
    """Write new intakes (path, text) all together, or none of them."""
    for path, _ in new:
        path.parent.mkdir(parents=True, exist_ok=True)
    files.apply(office.root, [files.Change(p, text, new=True) for p, text in new])


# Moves ---------------------------------------------------------------------


def plan_assign(office: Office, rec: store.Record, coordinator: str, by: str) -> Plan:
    """Give the intake a coordinator; again, to hand it over where it stands."""
    person = _coordinator(office, coordinator)
    before = store.find(office, rec.kind, rec.id).data.get("coordinator")
    handed = before and before != person.id
    note = f"handed over from {before} to {person.id}" if handed else ""

    def change(tree: Any) -> None:
        yamlio.put(tree, "coordinator", person.id)

    plan = plan_move(office, rec, "assign", by, note=note, change=change)
    stays = plan.move is not None and plan.move.source == plan.move.target
    if stays and before == person.id:
        raise Refused(
            f"intake {rec.id} is already assigned to {person.name} ({person.id})",
            hint="to hand it over, name another coordinator with --coordinator",
        )
    return plan


def _coordinator(office: Office, ref: str) -> Person:
    """The person `ref` names, refused unless an active coordinator."""
    person = office.person(ref)
    if person.holds("coordinator") and person.active:
        return person
    names = ", ".join(p.id for p in office.holders("coordinator"))
    why = f"is no longer active in {CONFIG}" if not person.active else ""
    raise Refused(
        f"{person.name} ({person.id}) {why or 'is not an active coordinator'}",
        hint=f"assign one of: {names}" if names else f"add a coordinator to {CONFIG}",
    )


def plan_schedule(
    office: Office,
    rec: store.Record,
    at: dt.datetime,
    minutes: int,
    location: str,
    by: str,
    past: bool = False,
) -> Plan:
    """Record the consultation; a time already gone only with `past`."""
    if at < clock.now() and not past:
        raise Refused(
            f"{ics.moment(at)} is in the past (it is now {clock.stamp()})",
            hint="check the date; to record a consultation already held, "
            "add --allow-past",
        )
    meeting: dict[str, Any] = {"at": ics.moment(at), "minutes": minutes}
    if location:
        meeting["location"] = location

    def change(tree: Any) -> None:
        yamlio.put(tree, "consultation", meeting)

    plan = plan_move(office, rec, "schedule", by, change=change)
    _organizer(office, plan)
    return plan


def invitation(office: Office, plan: Plan) -> str:
    """The invitation to the consultation a `plan_schedule` plan records."""
    data = yamlio.loads(plan.edit.text).data
    return ics.invitation(office, data, _organizer(office, plan))


def _organizer(office: Office, plan: Plan) -> Person:
    """Who sends the invitation: the intake's coordinator, else the scheduler."""
    handle = plan.record.data.get("coordinator")
    person = office.person(str(handle)) if handle else plan.person
    if not person.active:
        raise Refused(
            f"the intake's coordinator, {person.name} ({person.id}), is no longer "
            f"active in {CONFIG}, so cannot send the invitation",
            hint=f"hand the intake over first: omc intake assign {plan.record.id} "
            "--coordinator ID",
        )
    return person


def plan_consult(office: Office, rec: store.Record, notes: str, by: str) -> Plan:
    if not notes.strip():
        raise Refused("say what the consultation concluded", hint='--notes "..."')

    def change(tree: Any) -> None:
        if tree.get("consultation") is None:
            yamlio.put(tree, "consultation", {"at": clock.stamp()})
        yamlio.put(tree["consultation"], "notes", notes.strip())

    return plan_move(office, rec, "consult", by, change=change)


def plan_deadline(
    office: Office, rec: store.Record, what: str, due: str, by: str
) -> Plan:
    """Add a deadline; the intake stays where it is."""
    flow = office.workflows[KIND]
    if flow.status(rec.status).terminal:
        raise Refused(f"intake {rec.id} is {rec.status}, which is final")
    if not schemas.is_date(due):
        raise InvalidData(f"--due '{due}' is not a date written YYYY-MM-DD")
    if not what.strip():
        raise InvalidData("--what must say what is due")
    person = office.person(by)
    role = may_act(office, person, ROLES, rec.data, None)
    item = {"what": what.strip(), "due": due}

    def change(tree: Any) -> None:
        if tree.get("deadlines") is None:
            yamlio.put(tree, "deadlines", [item])
        else:
            yamlio.append(tree["deadlines"], item)

    edit = store.plan_edit(office, rec, change)
    check_entry(office, rec, edit.text, rec.status)
    action = f"deadline added: {item['what']}, due {due}"
    return Plan(office, rec, None, person, role, "", edit, action=action)


# Listing -------------------------------------------------------------------


def rows(
    office: Office, status: str | None, today: dt.date
) -> tuple[list[dict[str, Any]], list[InvalidData]]:
    from .board import days_in_status

    if status:
        office.workflows[KIND].chosen(status)
    records, broken = store.load_all(office, KIND)
    found = []
    for rec in records:
        if status not in (None, rec.status):
            continue
        contact = rec.data.get("contact") or {}
        found.append(
            {
                "id": rec.id,
                "status": rec.status,
                "submitted": rec.data.get("submitted"),
                "title": rec.data.get("title", ""),
                "contact": contact.get("name", ""),
                "coordinator": rec.data.get("coordinator", ""),
                "days": days_in_status(rec, today),
            }
        )
    return found, broken


def fingerprints(office: Office) -> dict[str, str]:
    """The print of every readable intake, however it was entered -> its id."""
    found: dict[str, str] = {}
    for rec in store.load_all(office, KIND)[0]:
        data, contact = rec.data, rec.data.get("contact") or {}
        if contact.get("email") and data.get("title"):
            mark = form.fingerprint(str(contact["email"]), str(data["title"]))
            found[mark] = rec.id
        stored = (data.get("source") or {}).get("fingerprint")
        if stored:
            found[str(stored)] = rec.id
    return found


def same_as(office: Office, data: Mapping[str, Any]) -> str | None:
    """The id of an intake with the same contact email and title, if any."""
    mark = form.fingerprint(str(data["contact"]["email"]), str(data["title"]))
    return fingerprints(office).get(mark)
