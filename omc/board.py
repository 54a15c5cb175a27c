"""`omc status`: the office's board, and one person's list of things to do."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from . import clock, store
from .office import Office, Person, _in_scope, who_may
from .workflow import Move


@dataclass(frozen=True)
class Item:
    kind: str
    id: str
    title: str
    status: str
    days: int | None
    holders: tuple[str, ...]
    limit: int | None
    # At a review stage nobody in omc.yaml may decide (omc validate says why).
    undecidable: bool = False

    @property
    def late(self) -> bool:
        return (
            self.limit is not None and self.days is not None and self.days > self.limit
        )


@dataclass(frozen=True)
class Due:
    kind: str
    id: str
    what: str
    due: str
    days_late: int


@dataclass
class Board:
    today: str
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    items: list[Item] = field(default_factory=list)
    overdue: list[Due] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    records: dict[tuple[str, str], store.Record] = field(
        default_factory=dict, repr=False
    )

    def as_dict(self) -> dict[str, Any]:
        return {
            "today": self.today,
            "counts": self.counts,
            "records": [asdict(i) | {"late": i.late} for i in self.items],
            "overdue": [asdict(d) for d in self.overdue],
            "unreadable": self.unreadable,
        }


def build(office: Office, today: dt.date | None = None) -> Board:
    today = today or clock.today()
    board = Board(today.isoformat())
    for kind, flow in office.workflows.items():
        board.counts[kind] = dict.fromkeys(flow.statuses, 0)
        records, broken = store.load_all(office, kind)
        board.unreadable += [str(exc) for exc in broken]
        for record in records:
            if record.status not in board.counts[kind]:
                continue
            board.counts[kind][record.status] += 1
            status = flow.status(record.status)
            # A published badge waits on nobody; its periodic review is in `overdue`.
            if not status.terminal and not status.public:
                board.items.append(_item(office, record, today))
                board.records[(kind, record.id)] = record
            board.overdue += _overdue(record, today, status.public)
    board.items.sort(key=lambda i: (-(i.days or 0), i.kind, i.id))
    board.overdue.sort(key=lambda d: (-d.days_late, d.id))
    return board


def _item(office: Office, record: store.Record, today: dt.date) -> Item:
    data = record.data
    # A stage nobody may decide waits on no one: the author cannot act there.
    review = office.workflows[record.kind].status(record.status).review
    who = tuple(p.name for p in holders(office, record))
    fallback = () if review else _author(record)
    return Item(
        kind=record.kind,
        id=record.id,
        title=str(data.get("title", "")),
        status=record.status,
        days=days_in_status(record, today),
        holders=who or fallback,
        limit=office.deadline_days(record.kind, record.status),
        undecidable=bool(review) and not who,
    )


def _author(record: store.Record) -> tuple[str, ...]:
    lead = record.data.get("lead") or record.data.get("contact") or {}
    return (
        (str(lead.get("name")),) if isinstance(lead, dict) and lead.get("name") else ()
    )


def days_in_status(record: store.Record, today: dt.date) -> int | None:
    """Days since the record entered its status; a hand-over or a new time
    for a consultation (a move that stays where it is) does not restart them."""
    history = record.data.get("history")
    entries = history if isinstance(history, list) else []
    entered = [
        entry
        for entry in entries
        if isinstance(entry, dict) and entry.get("from") != entry.get("to")
    ]
    if entered:
        return clock.days_since(str(entered[-1].get("at", "")), today)
    return clock.days_since(str(record.data.get("submitted", "")), today)


def holders(office: Office, record: store.Record) -> list[Person]:
    """Who the record waits on: its coordinator, or whoever may move it on."""
    flow = office.workflows[record.kind]
    status = flow.status(record.status)
    if status.lenient and record.kind == "proposal":
        return []
    handle = record.data.get("coordinator")
    if record.kind == "intake" and isinstance(handle, str) and handle in office.people:
        return [office.people[handle]]
    scope = status.review.scope if status.review else None
    moves = _forward(flow.moves_from(record.status))
    roles = {role for move in moves for role in move.roles}
    return who_may(office, sorted(roles), record.data, scope)


def _forward(moves: list[Move]) -> list[Move]:
    ahead = [m for m in moves if m.verb not in ("withdraw", "reject", "decline")]
    return ahead or moves


def _overdue(record: store.Record, today: dt.date, public: str | None) -> list[Due]:
    found = []
    for deadline in record.data.get("deadlines") or []:
        if not isinstance(deadline, dict) or deadline.get("done"):
            continue
        late = clock.days_since(str(deadline.get("due", "")), today)
        if late is not None and late > 0:
            found.append(
                Due(
                    record.kind,
                    record.id,
                    str(deadline.get("what")),
                    str(deadline.get("due")),
                    late,
                )
            )
    review_by = record.data.get("review_by")
    if public == "listed" and review_by:
        late = clock.days_since(str(review_by), today)
        if late is not None and late > 0:
            found.append(
                Due(
                    record.kind,
                    record.id,
                    "periodic review of the published badge",
                    str(review_by),
                    late,
                )
            )
    return found


def for_person(
    office: Office, person: Person, today: dt.date | None = None
) -> list[Item]:
    """What waits on `person`, oldest first."""
    board = build(office, today)
    mine = []
    for item in board.items:
        if _waits_on(office, board.records[(item.kind, item.id)], person):
            mine.append(item)
    return mine


def _waits_on(office: Office, record: store.Record, person: Person) -> bool:
    flow = office.workflows[record.kind]
    status = flow.status(record.status)
    if status.lenient and record.kind == "proposal":
        return False
    handle = record.data.get("coordinator")
    if record.kind == "intake" and isinstance(handle, str) and handle in office.people:
        return handle == person.id
    scope = status.review.scope if status.review else None
    for move in _forward(flow.moves_from(record.status)):
        if any(
            person.holds(r) and _in_scope(person, r, record.data, scope)
            for r in move.roles
        ):
            return True
    return False
