"""Realistic intakes and proposals, built as plain data from a seeded RNG.

A record's history walks the default workflow to its status, and every
review decision is made by someone in omc.yaml who may make it, so that
generated records pass `omc validate` unless a problem is planted on purpose.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import dataclass, field
from typing import Any

from omc.ids import slug
from omc.office import Office

from . import vocab

Data = dict[str, Any]

SUFFIX = "abcdefghjkmnpqrstuvwxyz23456789"  # the alphabet of omc/ids.py
REVIEWS = {
    "unit-review": "unit-head",
    "college-review": "dean",
    "dasa-review": "dasa-reviewer",
}
PROPOSAL_LINE = (
    "draft",
    "submitted",
    "unit-review",
    "college-review",
    "dasa-review",
    "approved",
    "published",
    "retired",
)
INTAKE_LINE = (
    "received",
    "assigned",
    "consultation-scheduled",
    "consulted",
    "converted",
)
WITH_BADGE = ("approved", "published", "retired")
START = dt.datetime(2022, 1, 3, 9, 0, tzinfo=dt.timezone.utc)


class Stamp(str):
    """A date or date-time, written unquoted as people (and omc) write them."""


@dataclass
class Cast:
    """Who may do what in the office the records belong to."""

    units: list[tuple[str, str, str]]  # (unit, college, unit head)
    deans: dict[str, str]
    dasa: list[str]
    coordinators: list[str]
    admins: list[str]
    images: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, office: Office, images: list[str]) -> Cast:
        people = list(office.people.values())
        deans = {p.college: p.id for p in people if p.holds("dean")}
        units = [
            (p.unit, p.college, p.id)
            for p in people
            if p.holds("unit-head") and p.college in deans
        ]
        return cls(
            units=units,
            deans=deans,
            dasa=[p.id for p in people if p.holds("dasa-reviewer")],
            coordinators=[p.id for p in people if p.holds("coordinator")],
            admins=[p.id for p in people if p.holds("admin")],
            images=images,
        )


class Clock:
    """The time of a record's moves: forward by days, at office hours."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.now = START + dt.timedelta(days=rng.randrange(0, 4 * 365))

    def tick(self, most: int = 21) -> Stamp:
        self.now += dt.timedelta(days=self.rng.randint(1, most))
        self.now = self.now.replace(hour=self.rng.randint(13, 21))
        self.now = self.now.replace(minute=self.rng.randrange(0, 60, 5))
        return Stamp(self.now.strftime("%Y-%m-%dT%H:%M:%SZ"))

    def day(self, ahead: int = 0) -> Stamp:
        return Stamp((self.now + dt.timedelta(days=ahead)).date().isoformat())


class Maker:
    """Builds records; one Maker per data directory, so ids never collide."""

    def __init__(self, rng: random.Random, cast: Cast) -> None:
        self.rng = rng
        self.cast = cast
        self.taken: set[str] = set()

    def title(self) -> tuple[str, vocab.Topic]:
        topic = self.rng.choice(vocab.TOPICS)
        title = f"{topic.title} {self.rng.choice(vocab.QUALIFIERS)}".strip()
        return (title if len(title) <= 60 else topic.title), topic

    def new_id(self, title: str) -> str:
        while True:
            suffix = "".join(self.rng.choice(SUFFIX) for _ in range(4))
            candidate = f"{slug(title)}-{suffix}"
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate

    def person(self) -> tuple[str, str]:
        first, last = self.rng.choice(vocab.FIRST), self.rng.choice(vocab.LAST)
        handle = (first[0] + last).lower().replace("-", "")
        handle = handle.encode("ascii", "ignore").decode()
        return f"{first} {last}", f"{handle}@example.edu"

    def home(self) -> tuple[str, str, str]:
        """A unit whose head and dean are in omc.yaml, so reviews can happen."""
        return self.rng.choice(self.cast.units)

    def audience(self) -> list[str]:
        return self.rng.sample(vocab.AUDIENCES, self.rng.randint(1, 3))

    def collaborators(self, unit: str) -> list[Data]:
        people = []
        for _ in range(self.rng.choice((0, 0, 1, 1, 2, 3))):
            name, email = self.person()
            role = self.rng.choice(("Co-instructor", "Assessor", "Content author"))
            people.append({"name": name, "email": email, "unit": unit, "role": role})
        return people

    def term(self, clock: Clock) -> str:
        return f"{self.rng.choice(vocab.TERMS)} {clock.now.year + 1}"

    def sentences(self, topic: vocab.Topic, most: int) -> str:
        skills = ", ".join(topic.skills[:3])
        parts = [
            f"A project-based micro-credential in {topic.title.lower()}.",
            f"Learners practise {skills} on problems drawn from real work.",
            f"Each competency is assessed on an authentic task and a rubric "
            f"shared in advance, and {self.rng.choice(vocab.NOTES).lower()}",
            "Designed with employers so that the badge says what a holder can do.",
        ]
        text = " ".join(parts[: self.rng.randint(2, 4)])
        return text[:most].rsplit(" ", 1)[0] + "." if len(text) > most else text


def intake(maker: Maker, status: str, clock: Clock) -> Data:
    """An intake in `status`; a converted one is linked later, by `link`."""
    rng = maker.rng
    title, topic = maker.title()
    name, email = maker.person()
    homes = [u[:2] for u in maker.cast.units] + [*vocab.OTHER_UNITS, ("", "")]
    unit, college = rng.choice(homes)
    contact: Data = {"name": name, "email": email}
    if rng.random() < 0.7:
        contact["phone"] = f"305-555-{rng.randrange(10000):04d}"
    contact["job_title"] = rng.choice(vocab.JOB_TITLES)
    if unit:
        contact.update(unit=unit, college=college)
    data: Data = {
        "id": maker.new_id(title),
        "title": title,
        "summary": maker.sentences(topic, 600),
        "submitted": clock.day(),
        "contact": contact,
        "collaborators": maker.collaborators(unit or "School of Music"),
        "development_stage": rng.choice(
            ("idea", "outline", "content-drafted", "ready")
        ),
        "credit_type": rng.choice(("credit", "non-credit", "non-credit")),
        "audience": maker.audience(),
        "modality": rng.choice(("online", "hybrid", "in-person")),
        "estimated_hours": rng.choice((10, 15, 20, 30, 45, 60)),
        "target_term": maker.term(clock),
        "industry_partners": rng.sample(vocab.PARTNERS, rng.randint(0, 2)),
    }
    for key in ("collaborators", "industry_partners"):
        if not data[key]:
            del data[key]
    data["history"] = _intake_moves(maker, clock, data, status)
    return data


def link(intake: Data, proposal: str) -> None:
    """Name the proposal a converted intake became, where a person puts it."""
    history = intake.pop("history")
    intake["proposal"] = proposal
    intake["history"] = history
    history[-1]["note"] = f"converted to proposal {proposal}"


def _intake_moves(maker: Maker, clock: Clock, data: Data, status: str) -> list[Data]:
    rng, cast = maker.rng, maker.cast
    coordinator = rng.choice(cast.coordinators)
    line = list(INTAKE_LINE)
    if status in line:
        line = line[: line.index(status) + 1]
    else:
        line = [*line[: rng.randint(1, 4)], status]  # from any open status
    moves = [move_entry(clock.tick(2), None, "received", rng.choice(cast.coordinators))]
    moves[0]["note"] = "entered from the intake form"
    for before, after in itertools.pairwise(line):
        by = rng.choice(cast.admins) if after == "assigned" else coordinator
        moves.append(move_entry(clock.tick(), before, after, by))
        _intake_step(maker, clock, data, after, coordinator)
    if status in ("declined", "withdrawn"):
        moves[-1]["note"] = rng.choice(vocab.REASONS)
    return moves


def _intake_step(
    maker: Maker, clock: Clock, data: Data, status: str, coordinator: str
) -> None:
    rng = maker.rng
    if status == "assigned":
        data["coordinator"] = coordinator
    elif status == "consultation-scheduled":
        data["consultation"] = {
            "at": Stamp(clock.day(9) + "T15:00:00Z"),
            "minutes": rng.choice((30, 45, 60, 90)),
            "location": rng.choice(("Zoom", "Teams", "Library room 204")),
        }
        due = clock.day(rng.randint(5, 14))
        data["deadlines"] = [{"what": "Send the course outline", "due": due}]
    elif status == "consulted" and "consultation" in data:
        notes = rng.sample(vocab.NOTES, rng.randint(1, 3))
        data["consultation"]["notes"] = " ".join(notes)
        data["deadlines"][0]["done"] = True


def move_entry(at: str, before: str | None, after: str, by: str) -> Data:
    return {"at": at, "from": before, "to": after, "by": by}
