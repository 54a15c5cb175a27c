"""Generated proposals: full content, then moves and decisions that fit it.

Decisions carry the sha256 of the content as omc computes it, so a proposal
in `approved` or later has the current approvals `omc validate` asks for.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from omc.review import content_hash

from . import vocab
from .records import (
    PROPOSAL_LINE,
    REVIEWS,
    WITH_BADGE,
    Clock,
    Data,
    Maker,
    Stamp,
    move_entry,
)

Plant = Callable[[Data], None]
STOPS = {
    "returned": ("submitted", "unit-review", "college-review", "dasa-review"),
    "rejected": ("submitted", "unit-review", "college-review", "dasa-review"),
    "withdrawn": PROPOSAL_LINE[:6],
}
EMPTY_OK = ("collaborators", "alignments", "prerequisites", "industry_partners")


def proposal(
    maker: Maker,
    status: str,
    clock: Clock,
    intake: str | None = None,
    plant: Plant | None = None,
) -> Data:
    """A proposal in `status`; `plant` spoils it before decisions are hashed."""
    title, topic = maker.title()
    unit, college, head = maker.home()
    name, email = maker.person()
    data: Data = {"id": maker.new_id(title)}
    if intake:
        data["intake"] = intake
    data |= {
        "revision": 1,
        "title": title,
        "description": maker.sentences(topic, 500),
        "lead": {"name": name, "email": email, "unit": unit, "college": college},
        "collaborators": maker.collaborators(unit),
        "unit": unit,
        "college": college,
    }
    data |= _terms(maker)
    data |= _content(maker, topic)
    data |= _extras(maker, clock, status)
    for key in EMPTY_OK:
        if not data.get(key):
            data.pop(key, None)
    if status == "draft":
        _unfinished(maker, data)
    if plant is not None:
        plant(data)
    decisions, history = _moves(maker, clock, data, status, head)
    if decisions:
        data["decisions"] = decisions
    data["history"] = history
    return data


def _terms(maker: Maker) -> Data:
    rng = maker.rng
    terms: Data = {"credit_type": rng.choice(("credit", "non-credit", "non-credit"))}
    if terms["credit_type"] == "credit":
        terms["credit_hours"] = rng.choice((1, 1, 2, 3))
    types = ("MicroCredential",) * 6 + ("Badge", "Certificate", "Competency")
    return terms | {
        "level": rng.choice(("foundational", "intermediate", "advanced")),
        "achievement_type": rng.choice(types),
        "workload_hours": rng.choice((8, 12, 15, 20, 30, 45)),
        "modality": rng.choice(("online", "hybrid", "in-person")),
        "audience": maker.audience(),
        "prerequisites": rng.sample(
            ("Introductory statistics", "A laptop", "Basic spreadsheets", "None"),
            rng.randint(0, 2),
        ),
    }


def _content(maker: Maker, topic: vocab.Topic) -> Data:
    rng = maker.rng
    pool = list(topic.skills) + rng.sample(vocab.GENERIC_SKILLS, 3)
    skills = rng.sample(pool, rng.randint(3, min(8, len(pool))))
    competencies = [_competency(maker, s) for s in skills[: rng.randint(3, 7)]]
    while len(competencies) < 3:
        competencies.append(_competency(maker, rng.choice(vocab.GENERIC_SKILLS)))
    return {
        "competencies": competencies,
        "skills": skills,
        "alignments": _alignments(maker, topic),
        "criteria": _criteria(maker, competencies),
    }


def _competency(maker: Maker, skill: str) -> Data:
    rng = maker.rng
    one: Data = {
        "name": f"{skill} in practice",
        "outcome": f"{rng.choice(vocab.VERBS)} {_lower(skill)} on a realistic task "
        "and justifies each choice to a peer.",
        "assessment": rng.choice(vocab.ASSESSMENTS),
    }
    if rng.random() < 0.8:
        one["rubric"] = rng.choice(vocab.RUBRICS)
        one["minimum"] = rng.choice(vocab.MINIMUMS)
    return one


def _lower(skill: str) -> str:
    """`Data cleaning` becomes `data cleaning`; `SPSS` and `pandas` stay."""
    return skill if skill[1:] != skill[1:].lower() else skill[0].lower() + skill[1:]


def _alignments(maker: Maker, topic: vocab.Topic) -> list[Data]:
    rng = maker.rng
    found = []
    for code, title in topic.occupations[: rng.randint(0, 2)]:
        url = f"https://www.onetonline.org/link/summary/{code}"
        found.append(
            {"framework": "O*NET-SOC", "code": code, "name": title, "url": url}
        )
    if rng.random() < 0.4:
        framework, code, label = rng.choice(vocab.FRAMEWORKS)
        code = code.format(n=rng.randint(1, 9))
        found.append({"framework": framework, "code": code, "name": label})
    return found


def _criteria(maker: Maker, competencies: list[Data]) -> str:
    steps = [
        f"{n}. {c['assessment']}: shows *{_lower(c['name'])}*"
        + (f" at {c['minimum']}." if "minimum" in c else ".")
        for n, c in enumerate(competencies, 1)
    ]
    closing = maker.rng.choice(
        (
            "Assessors from the unit score every submission; a second assessor "
            "reviews any score below the minimum.",
            "Learners may resubmit each assessment once after feedback.",
        )
    )
    lines = ["To earn this badge, a learner completes:", "", *steps, "", closing]
    return "\n".join(lines) + "\n"


def _extras(maker: Maker, clock: Clock, status: str) -> Data:
    rng = maker.rng
    extras: Data = {}
    if rng.random() < 0.5:
        extras["fee"] = {"amount": rng.choice((0, 75, 150, 250)), "currency": "USD"}
    if rng.random() < 0.5:
        extras["expires_after_months"] = rng.choice((None, 24, 36))
    if rng.random() < 0.2:
        extras["stacks_into"] = ["Graduate Certificate in Applied Analytics"]
    extras["industry_partners"] = rng.sample(vocab.PARTNERS, rng.randint(0, 2))
    extras["quality_assurance"] = (
        "Reviewed against the office's quality checklist; assessments are "
        "piloted with five learners before launch."
    )
    if status in WITH_BADGE or rng.random() < 0.3:
        image = rng.choice(maker.cast.images)
        extras["badge"] = {"image": image, "alt": rng.choice(vocab.ALT_TEXT)}
    if status in ("published", "retired"):
        extras["review_by"] = Stamp(f"{clock.now.year + 3}-06-30")
    return extras


def _unfinished(maker: Maker, data: Data) -> None:
    """A draft is written over weeks: some parts are not there yet."""
    rng = maker.rng
    for key in ("criteria", "alignments", "quality_assurance", "description"):
        if rng.random() < 0.3:
            data.pop(key, None)
    if rng.random() < 0.3:
        data["level"] = ""
    if rng.random() < 0.3:
        data["competencies"] = data["competencies"][:1]


def _line(maker: Maker, status: str) -> list[str]:
    """The statuses a proposal went through to reach `status`."""
    if status in PROPOSAL_LINE:
        return list(PROPOSAL_LINE[: PROPOSAL_LINE.index(status) + 1])
    stop = maker.rng.choice(STOPS[status])
    return [*PROPOSAL_LINE[: PROPOSAL_LINE.index(stop) + 1], status]


def _moves(
    maker: Maker, clock: Clock, data: Data, status: str, head: str
) -> tuple[list[Data], list[Data]]:
    rng, cast = maker.rng, maker.cast
    digest = content_hash(data)
    deciders = {
        "unit-review": head,
        "college-review": cast.deans[data["college"]],
        "dasa-review": rng.choice(cast.dasa),
    }
    coordinator = rng.choice(cast.coordinators)
    history = [move_entry(clock.tick(), None, "draft", coordinator)]
    decisions = []
    line = _line(maker, status)
    for before, after in itertools.pairwise(line):
        at = clock.tick()
        by = deciders.get(before, coordinator)
        if after == "withdrawn":
            by = coordinator
        move = move_entry(at, before, after, by)
        if after in ("returned", "rejected", "withdrawn"):
            move["note"] = rng.choice(vocab.REASONS)
        history.append(move)
        if before in REVIEWS and after != "withdrawn":
            decisions.append(_decision(before, after, move, digest))
    return decisions, history


def _decision(stage: str, after: str, move: Data, digest: str) -> Data:
    verdict = after if after in ("returned", "rejected") else "approved"
    decision: Data = {
        "stage": stage,
        "decision": verdict,
        "by": move["by"],
        "role": REVIEWS[stage],
        "at": move["at"],
    }
    if "note" in move:
        decision["note"] = move["note"]
    return decision | {"sha256": digest}
