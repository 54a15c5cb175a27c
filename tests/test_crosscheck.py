"""Checks across files in a full `omc validate`: ids, links, people, decisions,
approvals, badges, folders and history (issue 4)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from omc.review import content_hash

from . import builders, prs
from .conftest import Invoke
from .want import Want, problems_of

PID = "data-viz-k3f9"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return prs.new_office(tmp_path / "office")


def _problems(omc: Invoke, root: Path, *args: str) -> list[Want]:
    result = omc("--data-dir", str(root), "validate", "--format", "json", *args)
    return problems_of(result.stdout)


def _approved(data: dict[str, Any]) -> dict[str, Any]:
    """`data` with a current approval from each review stage."""
    digest = content_hash(data)
    people = (
        ("unit-review", "hnakamura", "unit-head"),
        ("college-review", "sramirez", "dean"),
        ("dasa-review", "ebennett", "dasa-reviewer"),
    )
    data["decisions"] = [
        prs.decided(stage, "approved", by, role, digest) for stage, by, role in people
    ]
    data["history"] = [
        *data["history"],
        prs.step("dasa-review", "approved", "ebennett"),
    ]
    return data


def test_one_record_in_two_folders(omc: Invoke, root: Path) -> None:
    record = builders.proposal(PID)
    builders.write(root, "proposal", "draft", record)
    record["history"].append(prs.step("draft", "submitted", "mlopez"))
    builders.write(root, "proposal", "submitted", record)
    draft, submitted = (f"proposals/{s}/{PID}.yaml" for s in ("draft", "submitted"))
    hint = (
        f"keep {submitted} (its history goes further), copy into it any edit made "
        f"to {draft}, then `git rm {draft}`"
    )
    message = "this proposal is also in {}: one record in two status folders (a merge "
    message += "kept both the moved file and the old one)"
    assert _problems(omc, root) == [
        Want(draft, 1, 1, "id", message.format(submitted), hint, "duplicate-id"),
        Want(submitted, 1, 1, "id", message.format(draft), hint, "duplicate-id"),
    ]


def test_an_intake_and_a_proposal_with_one_id(omc: Invoke, root: Path) -> None:
    builders.write(root, "intake", "received", builders.intake(PID))
    builders.write(root, "proposal", "draft", builders.proposal(PID))
    hint = (
        "ids are unique across intakes and proposals; give this record a new id "
        "(rename the file and its `id` key)"
    )
    intake, proposal = f"intakes/received/{PID}.yaml", f"proposals/draft/{PID}.yaml"
    assert _problems(omc, root) == [
        Want(
            intake,
            1,
            1,
            "id",
            f"the id {PID} is also the id of the proposal {proposal}",
            hint,
            "duplicate-id",
        ),
        Want(
            proposal,
            1,
            1,
            "id",
            f"the id {PID} is also the id of the intake {intake}",
            hint,
            "duplicate-id",
        ),
    ]


def test_a_converted_intake_names_its_proposal(omc: Invoke, root: Path) -> None:
    path = builders.write(root, "intake", "converted", builders.intake())
    path.write_text(path.read_text().replace("to: received", "to: converted"))
    assert _problems(omc, root) == [
        Want(
            "intakes/converted/telehealth-communication-m4n5.yaml",
            1,
            1,
            "",
            "a converted intake names no proposal",
            "add `proposal: ID` with the id of the proposal it became",
            "link",
        )
    ]


@pytest.mark.parametrize(
    ("handle", "what"),
    [("hnakamura", "is not a coordinator"), ("zwu", "is not in omc.yaml")],
)
def test_the_coordinator_is_a_coordinator(
    omc: Invoke, root: Path, handle: str, what: str
) -> None:
    path = builders.write(
        root, "intake", "received", builders.intake(coordinator=handle)
    )
    [problem] = _problems(omc, root)
    assert problem.text() == (
        "intakes/received/telehealth-communication-m4n5.yaml:"
        f"{prs.place(path, 'coordinator:')}: "
        f"coordinator: {handle} {what} (coordinators: mlopez, rpatel, kwhite)"
    )


def test_decisions_name_a_review_stage_and_its_role(omc: Invoke, root: Path) -> None:
    data = builders.proposal(PID)
    digest = content_hash(data)
    data["decisions"] = [
        prs.decided("submitted", "approved", "mlopez", "coordinator", digest),
        prs.decided("college-review", "approved", "sramirez", "unit-head", digest),
    ]
    path = builders.write(root, "proposal", "draft", data)
    rel = f"proposals/draft/{PID}.yaml"
    assert [p.text() for p in _problems(omc, root)] == [
        f"{rel}:{prs.place(path, 'stage:', 0)}: decisions[0].stage: 'submitted' "
        "is not a review stage "
        "(review stages: unit-review, college-review, dasa-review)",
        f"{rel}:{prs.place(path, 'role:', 1)}: decisions[1].role: the college-review "
        "decision is the dean's, not 'unit-head' (who may decide at college-review: "
        "Sofía Ramírez (sramirez))",
    ]


def test_approved_and_published_need_current_approvals(omc: Invoke, root: Path) -> None:
    approved = _approved(builders.proposal(PID))
    builders.write(root, "proposal", "approved", approved)
    published = _approved(builders.proposal("old-badge-a1b2"))
    published["history"].append(prs.step("approved", "published", "mlopez"))
    published["title"] = "Edited after approval"
    path = builders.write(root, "proposal", "published", published)
    rel = "proposals/published/old-badge-a1b2.yaml"
    stages = (
        ("unit-review", "hnakamura"),
        ("college-review", "sramirez"),
        ("dasa-review", "ebennett"),
    )
    assert [p.text() for p in _problems(omc, root)] == [
        f"{rel}:{prs.place(path, 'sha256:', n)}: decisions[{n}].sha256: {stage}: the "
        f"approval by {who} on 2026-12-04 is for other content; the proposal changed "
        f"since (ask {who} to run `omc proposal approve old-badge-a1b2 --by {who}`)"
        for n, (stage, who) in enumerate(stages)
    ]


def test_a_published_badge_has_its_image_and_alt_text(omc: Invoke, root: Path) -> None:
    data = builders.proposal(PID, badge={"image": "badges/missing.svg", "alt": ""})
    data = _approved(data)
    data["history"].append(prs.step("approved", "published", "mlopez"))
    path = builders.write(root, "proposal", "published", data)
    rel = f"proposals/published/{PID}.yaml"
    found = [p for p in _problems(omc, root) if p.code == "badge"]
    assert [p.text() for p in found] == [
        f"{rel}:{prs.place(path, 'image:')}: badge.image: "
        "assets/badges/missing.svg does not exist",
        f"{rel}:{prs.place(path, 'alt:')}: badge.alt: "
        "the image needs alt text describing it",
    ]


def test_file_name_folder_and_history_agree(omc: Invoke, root: Path) -> None:
    builders.write(
        root,
        "proposal",
        "draft",
        builders.proposal("other-name-z9z9") | {"id": "other-name-z9z9"},
    )
    renamed = root / "proposals/draft/other-name-z9z9.yaml"
    renamed.rename(root / "proposals/draft/renamed-z9z9.yaml")
    pending = root / "proposals/pending"
    pending.mkdir()
    (pending / "x-a1a1.yaml").write_text("id: x-a1a1\n")
    moved = builders.write(root, "proposal", "submitted", builders.proposal(PID))
    assert [p.text() for p in _problems(omc, root)] == [
        "proposals/draft/renamed-z9z9.yaml:1:5: id: id 'other-name-z9z9' differs from "
        "the file name 'renamed-z9z9.yaml' "
        "(rename the file or fix the id; they must agree)",
        "proposals/pending/x-a1a1.yaml: 'pending' is not a proposal status "
        "(move the file into one of: draft, submitted, unit-review, "
        "college-review, dasa-review, approved, published, retired, returned, "
        "rejected, withdrawn)",
        f"proposals/submitted/{PID}.yaml:{prs.place(moved, 'to:')}: history[0].to: the "
        "last move recorded ends in 'draft', but the file is in 'submitted' (the file "
        "was moved by hand; move it back to draft and let omc move it, "
        "or record the move)",
    ]


def test_a_half_done_change_is_reported(omc: Invoke, root: Path) -> None:
    (root / ".omc").mkdir()
    (root / ".omc/journal.json").write_text("{}")
    result = omc("--data-dir", str(root), "validate")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "office/.omc/journal.json: a change was interrupted and is half done "
        "(run `omc recover` to roll it back)"
    )


def test_a_path_that_does_not_exist(omc: Invoke, root: Path) -> None:
    result = omc(
        "--data-dir", str(root), "validate", "office/proposals/draft/nope.yaml"
    )
    assert result.exit_code == 1
    assert (
        result.stderr.splitlines()[0]
        == "office/proposals/draft/nope.yaml: no such file"
    )


def test_a_broken_omc_yaml_is_reported_and_records_still_checked(
    omc: Invoke, root: Path
) -> None:
    config = root / "omc.yaml"
    config.write_text(
        config.read_text().replace("  language: en-US\n", "  langauge: en-US\n")
    )
    builders.write(root, "proposal", "draft", builders.proposal(PID, level="expert"))
    lines = omc("--data-dir", str(root), "validate").stderr.splitlines()
    draft = f"proposals/draft/{PID}.yaml"
    assert lines[:2] == [
        "office/omc.yaml:9:3: office.langauge: unknown key 'langauge' "
        "(did you mean 'language'?)",
        f"office/{draft}:{prs.place(root / draft, 'level:')}: "
        "level: 'expert' is not one of: foundational, intermediate, advanced",
    ]


def test_an_intake_in_a_folder_that_is_no_status_reads_right(
    omc: Invoke, tmp_path: Path
) -> None:
    root = prs.new_office(tmp_path / "office")
    builders.write(root, "intake", "pending", builders.intake(prs.IID))
    result = omc("--data-dir", str(root), "validate")
    assert f"intakes/pending/{prs.IID}.yaml: 'pending' is not an intake status" in (
        result.stderr
    )


def test_an_open_intake_whose_coordinator_left_is_a_warning(
    omc: Invoke, tmp_path: Path
) -> None:
    root = prs.new_office(tmp_path / "office")
    config = root / "omc.yaml"
    marked = "    email: rpatel@example.edu\n"
    assert marked in config.read_text()
    config.write_text(
        config.read_text().replace(marked, marked + "    active: false\n")
    )
    for rid, status in ((prs.IID, "received"), ("closed-intake-a1b2", "declined")):
        record = builders.intake(rid, coordinator="rpatel")
        if status != "received":
            record["history"].append(prs.step("received", status, "mlopez"))
        builders.write(root, "intake", status, record)
    result = omc("--data-dir", str(root), "validate")
    assert result.exit_code == 0, result.stderr  # a warning: still valid
    lines = [line for line in result.stderr.splitlines() if "no longer active" in line]
    assert len(lines) == 1 and f"intakes/received/{prs.IID}.yaml" in lines[0]
    assert f"omc intake assign {prs.IID} --coordinator PERSON" in lines[0]


def test_an_id_that_differs_names_the_file_as_it_is(
    omc: Invoke, tmp_path: Path
) -> None:
    root = prs.new_office(tmp_path / "office")
    record = builders.intake("other-id-a1b2")
    path = builders.write(root, "intake", "received", record)
    path.rename(path.with_name("telehealth-m4n5.yml"))
    result = omc("--data-dir", str(root), "validate")
    assert "id 'other-id-a1b2' differs from the file name 'telehealth-m4n5.yml'" in (
        result.stderr
    )
