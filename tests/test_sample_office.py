"""The sample office in data/ is what issues 2 and 3 promise.

Every test reads a copy of data/ (the `office` fixture), so a change to the
sample that breaks a promise fails here, with the record named.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from omc import board, clock, review, store, yamlio
from omc.office import Office, open_office, who_may

from .conftest import NOW, Invoke

ROLES = {"coordinator", "unit-head", "dean", "dasa-reviewer", "admin"}
ID_SHAPE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*-[abcdefghjkmnpqrstuvwxyz23456789]{4}")
SVG = "{http://www.w3.org/2000/svg}"


def _records(office: Path, kind: str) -> list[store.Record]:
    records, broken = store.load_all(open_office(office), kind)
    assert broken == []
    return records


def _in(records: list[store.Record], *statuses: str) -> list[store.Record]:
    return [r for r in records if r.status in statuses]


def _statuses_needing(opened: Office, need: str) -> list[str]:
    flow = opened.workflows["proposal"]
    return [name for name, s in flow.statuses.items() if need in s.requires]


def test_validate_checks_every_record_and_finds_nothing(
    omc: Invoke, office: Path
) -> None:
    result = omc("--data-dir", str(office), "validate", "--format", "json")
    report = json.loads(result.stdout)
    records = store.scan(open_office(office))
    assert result.exit_code == 0, result.stdout
    assert report["ok"] is True
    assert report["problems"] == []
    assert report["checked"] == len(records) + 1


def test_a_changed_published_badge_loses_every_approval(
    omc: Invoke, office: Path
) -> None:
    """The decisions' hashes are real: one edited word voids all three."""
    published = _in(_records(office, "proposal"), "published")[0]
    text = published.path.read_text(encoding="utf-8")
    title = published.data["title"]
    published.path.write_text(
        text.replace(f"title: {title}\n", f"title: {title} (revised)\n", 1),
        encoding="utf-8",
    )
    result = omc("--data-dir", str(office), "validate", "--format", "json")
    problems = json.loads(result.stdout)["problems"]
    assert result.exit_code == 1
    assert {p["path"] for p in problems} == {published.rel}
    assert [p["code"] for p in problems] == ["approval"] * 3


@pytest.mark.parametrize(("kind", "least"), [("intake", 8), ("proposal", 13)])
def test_every_status_holds_a_record(office: Path, kind: str, least: int) -> None:
    flow = open_office(office).workflows[kind]
    records = _records(office, kind)
    counts = Counter(r.status for r in records)
    assert len(records) >= least
    assert [s for s in flow.statuses if counts[s] == 0] == []


def test_ids_are_title_slugs_with_four_safe_characters(office: Path) -> None:
    for kind in ("intake", "proposal"):
        for record in _records(office, kind):
            assert ID_SHAPE.fullmatch(record.id), record.rel
            assert record.data["id"] == record.id


def test_at_least_three_published_badges_with_image_and_alt(office: Path) -> None:
    published = _in(_records(office, "proposal"), "published")
    assert len(published) >= 3
    for record in published:
        badge = record.data["badge"]
        image = office / "assets" / badge["image"]
        assert review.badge_problems(office, record.data) == [], record.rel
        root = ET.parse(image).getroot()
        assert root.tag == f"{SVG}svg"
        assert root.get("role") == "img"
        assert (root.findtext(f"{SVG}title") or "").strip()
        alt = " ".join(badge["alt"].split())
        assert len(alt.split()) >= 8, f"{record.rel}: alt text too thin: {alt}"
        assert Path(badge["image"]).name not in alt


def test_badge_images_are_distinct(office: Path) -> None:
    records = _in(_records(office, "proposal"), "approved", "published", "retired")
    assert len(records) >= 5
    images = [r.data["badge"]["image"] for r in records]
    contents = [(office / "assets" / i).read_bytes() for i in images]
    assert len(set(images)) == len(images)
    assert len(set(contents)) == len(contents)


def test_people_cover_every_role(office: Path) -> None:
    people = open_office(office).people.values()
    held = {role for person in people for role in person.roles}
    assert len(people) >= 12
    assert held == ROLES
    assert all(p.email.endswith("@example.edu") for p in people)


def test_each_reviewed_proposal_has_a_unit_head_and_a_dean(office: Path) -> None:
    opened = open_office(office)
    for record in _records(office, "proposal"):
        if record.status == "draft":
            continue
        assert who_may(opened, ["unit-head"], record.data, "unit"), record.rel
        assert who_may(opened, ["dean"], record.data, "college"), record.rel


def test_converted_intakes_and_their_proposals_link_both_ways(office: Path) -> None:
    intakes = {r.id: r for r in _records(office, "intake")}
    proposals = {r.id: r for r in _records(office, "proposal")}
    converted = [r for r in intakes.values() if r.status == "converted"]
    assert converted
    for intake in converted:
        proposal = proposals[intake.data["proposal"]]
        assert proposal.data["intake"] == intake.id
    for proposal in proposals.values():
        if "intake" in proposal.data:
            intake = intakes[proposal.data["intake"]]
            assert intake.status == "converted", intake.rel
            assert intake.data["proposal"] == proposal.id


def test_approved_and_published_proposals_hold_a_current_approval_per_stage(
    office: Path,
) -> None:
    opened = open_office(office)
    flow = opened.workflows["proposal"]
    records = _in(_records(office, "proposal"), *_statuses_needing(opened, "approvals"))
    assert {r.status for r in records} >= {"approved", "published"}
    for record in records:
        assert review.missing_approvals(flow, record.data) == [], record.rel
        for state in review.stages(flow, record.data):
            assert state.approval is not None
            person = opened.people[state.approval["by"]]
            assert person.holds(state.role), f"{record.rel}: {state.stage}"


def test_a_proposal_was_returned_revised_and_approved_again(office: Path) -> None:
    flow = open_office(office).workflows["proposal"]
    resubmitted = [
        r
        for r in _records(office, "proposal")
        if r.data.get("revision", 1) >= 2
        and any(d["decision"] == "returned" for d in r.data.get("decisions", []))
    ]
    assert resubmitted
    for record in resubmitted:
        moves = [(h["from"], h["to"]) for h in record.data["history"]]
        assert ("returned", "submitted") in moves
        voided = [s for s in review.stages(flow, record.data) if s.stale]
        assert voided, f"{record.rel}: no approval was voided by the revision"


def test_returns_rejections_and_closures_say_why(office: Path) -> None:
    for record in _records(office, "proposal"):
        for decision in record.data.get("decisions", []):
            if decision["decision"] != "approved":
                assert len(decision.get("note", "")) > 40, record.rel
    closed = {
        "intake": ("declined", "withdrawn"),
        "proposal": ("returned", "rejected", "withdrawn", "retired"),
    }
    for kind, statuses in closed.items():
        records = _in(_records(office, kind), *statuses)
        assert {r.status for r in records} == set(statuses)
        for record in records:
            note = record.data["history"][-1].get("note", "")
            assert len(note) > 40, f"{record.rel}: no reason given"


@pytest.mark.parametrize("kind", ["intake", "proposal"])
def test_history_chains_from_the_first_status_to_the_folder(
    office: Path, kind: str
) -> None:
    flow = open_office(office).workflows[kind]
    end = clock.parse(NOW)
    for record in _records(office, kind):
        history: list[dict[str, Any]] = record.data["history"]
        assert history[0]["from"] is None and history[0]["to"] == flow.initial
        assert history[-1]["to"] == record.status, record.rel
        for before, after in pairwise(history):
            assert after["from"] == before["to"], record.rel
            assert clock.parse(before["at"]) <= clock.parse(after["at"]), record.rel
        assert clock.parse(history[-1]["at"]) < end, record.rel


def test_intakes_carry_what_their_status_implies(office: Path) -> None:
    coordinators = {
        p.id for p in open_office(office).people.values() if p.holds("coordinator")
    }
    for record in _records(office, "intake"):
        data, status = record.data, record.status
        if status != "received":
            assert data.get("coordinator") in coordinators, record.rel
        if status in ("consultation-scheduled", "consulted", "converted"):
            assert {"at", "minutes", "location"} <= set(data["consultation"])
        if status in ("consulted", "converted"):
            assert data["consultation"].get("notes"), record.rel


def test_the_board_shows_late_records_and_overdue_deadlines(office: Path) -> None:
    result = board.build(open_office(office), clock.parse(NOW).date())
    late = {(i.kind, i.status) for i in result.items if i.late}
    overdue = {(d.kind, d.what) for d in result.overdue}
    assert any(kind == "proposal" for kind, _ in late)
    assert any(kind == "intake" for kind, _ in late)
    assert sum(kind == "intake" for kind, _ in overdue) >= 2
    assert ("proposal", "periodic review of the published badge") in overdue


def test_sample_files_are_in_house_style(office: Path) -> None:
    for path in sorted(office.glob("*s/*/*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert "\t" not in text and "\r" not in text, path
        yamlio.loads(text, path.name)
        lines = text.splitlines()
        for key, item in pairwise(lines):
            if key.endswith(":") and item.lstrip().startswith("- "):
                indent = len(key) - len(key.lstrip())
                assert item.startswith(" " * (indent + 2) + "- "), f"{path}: {item}"


def test_show_walks_a_published_badge_through_every_named_stage(
    omc: Invoke, office: Path
) -> None:
    published = _in(_records(office, "proposal"), "published")[0]
    result = omc("--data-dir", str(office), "proposal", "show", published.id)
    assert result.exit_code == 0
    for stage, person in (("Unit review", "hnakamura"), ("DASA review", "ebennett")):
        assert f"✓ {stage} — approved by {person}" in result.stdout
