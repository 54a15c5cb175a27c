"""The bad pull requests of issue 4, each caught by `omc validate --changed-since`
with its exact message, place and exit code in every format; a good one passes.

Each scenario builds a real git repository whose `main` is the base, makes the
change on a branch, and says which problems it expects.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from omc.review import content_hash

from . import builders, prs
from .conftest import Invoke, git
from .prs import IID, INTAKE, PID, PROPOSAL
from .want import Want, problems_of

Scenario = Callable[[Invoke, Path], tuple[Path, list[Want]]]
SCENARIOS: dict[str, Scenario] = {}


def scenario(func: Scenario) -> Scenario:
    SCENARIOS[func.__name__] = func
    return func


def _on_main(omc: Invoke, top: Path, change: Callable[[Path], None]) -> Path:
    """The base repository with `change` committed on main before the branch."""
    root = prs.new_office(top)
    prs.linked_pair(root)
    git(top, "init", "-q")
    prs.commit(top, "base")
    change(root)
    if git(top, "status", "--porcelain"):
        prs.commit(top, "more on main")
    git(top, "checkout", "-q", "-b", "pr")
    return root


@scenario
def schema_break(omc: Invoke, top: Path) -> tuple[Path, list[Want]]:
    root = prs.repository(top)
    path = root / PROPOSAL.format("draft")
    prs.edit(path, level="expert", workload_hours="twenty")
    rel = PROPOSAL.format("draft")
    return root, [
        Want.at(
            rel,
            prs.place(path, "level:"),
            "level",
            "'expert' is not one of: foundational, intermediate, advanced",
        ),
        Want.at(
            rel,
            prs.place(path, "workload_hours:"),
            "workload_hours",
            "expected a number, found text 'twenty'",
        ),
    ]


@scenario
def draft_to_approved_by_git_mv(omc: Invoke, top: Path) -> tuple[Path, list[Want]]:
    root = prs.repository(top)
    path = prs.hand_move(root, "draft", "approved")
    rel = PROPOSAL.format("approved")
    approval = {
        "code": "approval",
        "hint": "in approved, every review stage must approve this content",
    }
    return root, [
        Want.at(
            rel,
            "1:1",
            "",
            "moved from draft to approved by hand: its history records no such "
            "move; the workflow goes draft → submitted → unit-review → "
            "college-review → dasa-review → approved, so it skipped submitted, "
            "unit-review, college-review, dasa-review",
            hint=f"move it back with `git mv {rel} {PROPOSAL.format('draft')}`, then "
            f"make the move with `omc proposal advance {PID} --by PERSON` (5 steps, "
            "each by the person it needs)",
            code="move",
        ),
        Want.at(
            rel,
            "1:1",
            "decisions",
            "college-review: no approval yet from the dean",
            **approval,
        ),
        Want.at(
            rel,
            "1:1",
            "decisions",
            "dasa-review: no approval yet from the dasa-reviewer",
            **approval,
        ),
        Want.at(
            rel,
            "1:1",
            "decisions",
            "unit-review: no approval yet from the unit-head",
            **approval,
        ),
        Want.at(
            rel,
            prs.place(path, "to:"),
            "history[0].to",
            "the last move recorded ends in 'draft', but the file is in 'approved'",
            hint="the file was moved by hand; move it back to draft and let omc move "
            "it, or record the move",
            code="history",
        ),
    ]


@scenario
def approval_no_longer_matches(omc: Invoke, top: Path) -> tuple[Path, list[Want]]:
    root = _on_main(omc, top, lambda root: prs.to_approved(omc, root))
    path = root / PROPOSAL.format("approved")
    prs.edit(path, title="Honest Charts with Python")
    prs.commit(top, "retitle after approval")
    rel = PROPOSAL.format("approved")
    wants = []
    for nth, (stage, who) in enumerate(
        (
            ("unit-review", "hnakamura"),
            ("college-review", "sramirez"),
            ("dasa-review", "ebennett"),
        )
    ):
        wants.append(
            Want.at(
                rel,
                prs.place(path, "sha256:", nth),
                f"decisions[{nth}].sha256",
                f"{stage}: the approval by {who} on 2026-12-04 is for other content; "
                "the proposal changed since",
                hint=f"ask {who} to run `omc proposal approve {PID} --by {who}`",
                code="approval",
            )
        )
    return root, wants


@scenario
def two_clones_create_the_same_id(omc: Invoke, top: Path) -> tuple[Path, list[Want]]:
    root = prs.repository(top)
    mine = builders.proposal("grant-writing-x7q2", title="Grant Writing for Teams")
    builders.write(root, "proposal", "draft", mine)
    prs.commit(top, "clone B: a new draft")
    git(top, "checkout", "-q", "main")
    theirs = builders.proposal("grant-writing-x7q2", title="Grant Proposal Basics")
    theirs["history"][0]["by"] = "rpatel"
    builders.write(root, "proposal", "submitted", theirs)
    theirs_history = theirs["history"] + [prs.step("draft", "submitted", "rpatel")]
    prs.edit(
        root / "proposals/submitted/grant-writing-x7q2.yaml", history=theirs_history
    )
    prs.commit(top, "clone A: the same id, merged first")
    git(top, "checkout", "-q", "pr")
    git(top, "merge", "-q", "--no-edit", "main")
    rel = "proposals/draft/grant-writing-x7q2.yaml"
    return root, [
        Want.at(
            rel,
            "1:1",
            "id",
            "the id grant-writing-x7q2 is also used by a different proposal, "
            "proposals/submitted/grant-writing-x7q2.yaml "
            "(two clones created the same id)",
            hint="give one of them a new id: rename its file and its `id` key, and any "
            "`intake`/`proposal` link to it",
            code="duplicate-id",
        )
    ]


def _unit_review(omc: Invoke, top: Path) -> tuple[Path, str]:
    """A base where the proposal waits at unit review; returns its content hash."""
    root = _on_main(
        omc,
        top,
        lambda root: [prs.advance(omc, root, "advance", "mlopez") for _ in range(2)],
    )
    return root, content_hash(prs.data(root / PROPOSAL.format("unit-review")))


@scenario
def decision_by_an_unknown_person(omc: Invoke, top: Path) -> tuple[Path, list[Want]]:
    root, digest = _unit_review(omc, top)
    path = prs.hand_move(
        root,
        "unit-review",
        "college-review",
        prs.step("unit-review", "college-review", "jdoe"),
        prs.decided("unit-review", "approved", "jdoe", "unit-head", digest),
    )
    rel = PROPOSAL.format("college-review")
    return root, [
        Want.at(
            rel,
            prs.at(path, "jdoe", 1),
            "decisions[0].by",
            "jdoe is not in omc.yaml",
            hint="who may decide at unit-review: Hiro Nakamura (hnakamura)",
            code="decision",
        ),
        Want.at(
            rel,
            prs.at(path, "jdoe", 0),
            "history[3].by",
            "jdoe is not in omc.yaml",
            code="person",
        ),
    ]


@scenario
def decision_in_the_wrong_role(omc: Invoke, top: Path) -> tuple[Path, list[Want]]:
    root, digest = _unit_review(omc, top)
    path = prs.hand_move(
        root,
        "unit-review",
        "college-review",
        prs.step("unit-review", "college-review", "sramirez"),
        prs.decided("unit-review", "approved", "sramirez", "unit-head", digest),
    )
    rel = PROPOSAL.format("college-review")
    return root, [
        Want.at(
            rel,
            prs.at(path, "sramirez", 1),
            "decisions[0].by",
            "Sofía Ramírez (sramirez) does not hold the unit-head role",
            hint="who may decide at unit-review: Hiro Nakamura (hnakamura)",
            code="decision",
        ),
        Want.at(
            rel,
            prs.at(path, "sramirez", 0),
            "history[3].by",
            "Sofía Ramírez (sramirez) may not do this: it needs the unit-head of "
            f"{builders.UNIT}",
            hint="who may: Hiro Nakamura (hnakamura)",
            code="person",
        ),
    ]


@scenario
def unit_head_of_another_unit(omc: Invoke, top: Path) -> tuple[Path, list[Want]]:
    root, digest = _unit_review(omc, top)
    path = prs.hand_move(
        root,
        "unit-review",
        "college-review",
        prs.step("unit-review", "college-review", "bokoye"),
        prs.decided("unit-review", "approved", "bokoye", "unit-head", digest),
    )
    rel = PROPOSAL.format("college-review")
    return root, [
        Want.at(
            rel,
            prs.at(path, "bokoye", 1),
            "decisions[0].by",
            "Beatrice Okoye (bokoye) is unit-head for Department of Nursing, "
            f"not for {builders.UNIT}",
            hint="who may decide at unit-review: Hiro Nakamura (hnakamura)",
            code="decision",
        ),
        Want.at(
            rel,
            prs.at(path, "bokoye", 0),
            "history[3].by",
            "Beatrice Okoye (bokoye) may not do this: it needs the unit-head of "
            f"{builders.UNIT}",
            hint="who may: Hiro Nakamura (hnakamura)",
            code="person",
        ),
    ]


@scenario
def leaving_review_without_a_decision(
    omc: Invoke, top: Path
) -> tuple[Path, list[Want]]:
    root, _ = _unit_review(omc, top)
    path = prs.hand_move(
        root,
        "unit-review",
        "college-review",
        prs.step("unit-review", "college-review", "hnakamura"),
    )
    rel = PROPOSAL.format("college-review")
    return root, [
        Want.at(
            rel,
            prs.at(path, "at:", 3),
            "history[3]",
            "unit-review → college-review needs the unit-head's 'approved' decision in "
            "`decisions`, and none by hnakamura was added",
            hint=f"make the move with `omc proposal advance {PID} --by hnakamura`, "
            "which records it",
            code="decision",
        )
    ]


@scenario
def return_without_a_note(omc: Invoke, top: Path) -> tuple[Path, list[Want]]:
    root, digest = _unit_review(omc, top)
    path = prs.hand_move(
        root,
        "unit-review",
        "returned",
        prs.step("unit-review", "returned", "hnakamura"),
        prs.decided("unit-review", "returned", "hnakamura", "unit-head", digest),
    )
    rel = PROPOSAL.format("returned")
    return root, [
        Want.at(
            rel,
            prs.at(path, "stage:"),
            "decisions[0]",
            "a 'returned' decision needs a note saying why",
            code="decision",
        ),
        Want.at(
            rel,
            prs.at(path, "at:", 3),
            "history[3]",
            "'return' needs a note saying why",
            code="move",
        ),
    ]


@scenario
def status_key_disagrees_with_folder(omc: Invoke, top: Path) -> tuple[Path, list[Want]]:
    root = prs.repository(top)
    path = root / PROPOSAL.format("draft")
    prs.edit(path, status="approved")
    return root, [
        Want.at(
            PROPOSAL.format("draft"),
            prs.place(path, "status:"),
            "status",
            "says 'approved' but the file is in the 'draft' folder",
            hint="the folder is the status: move the file with omc, or fix this key",
            code="status",
        )
    ]


@scenario
def broken_intake_link(omc: Invoke, top: Path) -> tuple[Path, list[Want]]:
    root = prs.repository(top)
    path = root / PROPOSAL.format("draft")
    prs.edit(path, intake="telehealth-communicaton-m4n5")
    return root, [
        Want.at(
            PROPOSAL.format("draft"),
            prs.place(path, "intake:"),
            "intake",
            "links to intake telehealth-communicaton-m4n5, which does not exist",
            hint="fix the id, or remove `intake`",
            code="link",
        ),
        Want.at(
            INTAKE.format("converted"),
            prs.place(root / INTAKE.format("converted"), "proposal:"),
            "proposal",
            f"links to proposal {PID}, but it points to telehealth-communicaton-m4n5",
            hint=f"set `intake: {IID}` in {PROPOSAL.format('draft')}, "
            "or fix `proposal` here",
            code="link",
        ),
    ]


@scenario
def intake_pointing_elsewhere(omc: Invoke, top: Path) -> tuple[Path, list[Want]]:
    root = prs.repository(top)
    path = root / INTAKE.format("converted")
    prs.edit(path, proposal="another-one-k3f9")
    rel = INTAKE.format("converted")
    return root, [
        Want.at(
            rel,
            prs.place(path, "proposal:"),
            "proposal",
            "links to proposal another-one-k3f9, which does not exist",
            hint="fix the id, or remove `proposal`",
            code="link",
        ),
        Want.at(
            PROPOSAL.format("draft"),
            prs.place(root / PROPOSAL.format("draft"), "intake:"),
            "intake",
            f"links to intake {IID}, but it points to another-one-k3f9",
            hint=f"set `proposal: {PID}` in {rel}, or fix `intake` here",
            code="link",
        ),
    ]


@scenario
def new_record_outside_the_initial_status(
    omc: Invoke, top: Path
) -> tuple[Path, list[Want]]:
    root = prs.repository(top)
    record = builders.proposal("ready-made-p2p2")
    del record["history"]
    builders.write(root, "proposal", "submitted", record)
    rel = "proposals/submitted/ready-made-p2p2.yaml"
    return root, [
        Want.at(
            rel,
            "1:1",
            "",
            "a new proposal starts in draft, but this one appeared in submitted",
            hint="move it to proposals/draft/, then make the move with "
            "`omc proposal advance ready-made-p2p2 --by PERSON`",
            code="move",
        ),
    ]


@scenario
def deleted_record(omc: Invoke, top: Path) -> tuple[Path, list[Want]]:
    root = prs.repository(top)
    git(root, "rm", "-q", INTAKE.format("converted"))
    return root, [
        Want(
            INTAKE.format("converted"),
            None,
            None,
            "",
            f"intake {IID} was deleted (it existed at main)",
            hint="a record stays for the record: withdraw, decline or retire it with "
            "`omc intake` instead, or restore it with "
            f"`git checkout main -- {INTAKE.format('converted')}`",
            code="deleted",
            severity="warning",
        ),
        Want.at(
            PROPOSAL.format("draft"),
            prs.place(root / PROPOSAL.format("draft"), "intake:"),
            "intake",
            f"links to intake {IID}, which does not exist",
            hint="fix the id, or remove `intake`",
            code="link",
        ),
    ]


@pytest.mark.parametrize("name", SCENARIOS)
def test_bad_pull_request(
    name: str, omc: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, wants = SCENARIOS[name](omc, tmp_path / "repo")
    monkeypatch.chdir(root)
    wants.sort(key=lambda w: (w.path, w.line or 0, w.col or 0, w.key, w.message))
    errors = sum(w.severity == "error" for w in wants)
    _text(omc, root, wants, errors)
    _json(omc, root, wants, errors)
    _github(omc, root, wants, errors, tmp_path / "summary.md", monkeypatch)


def _text(omc: Invoke, root: Path, wants: list[Want], errors: int) -> None:
    result = prs.run(omc, root, "--changed-since", "main")
    assert result.exit_code == int(errors > 0), result.stderr
    lines = result.stderr.splitlines()
    assert lines[: len(wants)] == [w.text() for w in wants]
    summary = lines[len(wants) :] if errors else result.stdout.splitlines()
    assert len(summary) == 1 and summary[0].startswith("checked ")


def _json(omc: Invoke, root: Path, wants: list[Want], errors: int) -> None:
    result = prs.run(omc, root, "--changed-since", "main", "--format", "json")
    document = json.loads(result.stdout)
    assert problems_of(result.stdout) == wants
    assert result.exit_code == int(errors > 0)
    assert (document["version"], document["since"]) == (1, "main")
    assert (document["ok"], document["errors"]) == (errors == 0, errors)
    assert document["warnings"] == len(wants) - errors
    assert result.stderr == ""


def _github(
    omc: Invoke,
    root: Path,
    wants: list[Want],
    errors: int,
    summary: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = prs.run(omc, root, "--changed-since", "main", "--format", "github")
    assert result.stdout.splitlines() == [w.github() for w in wants]
    assert result.exit_code == int(errors > 0)
    table = summary.read_text().splitlines()
    rows = [line for line in table if line.startswith(("| error", "| warning"))]
    assert len(rows) == len(wants)


def test_a_proper_pull_request_passes(
    omc: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = prs.repository(tmp_path / "repo")
    monkeypatch.chdir(root)
    prs.advance(omc, root, "advance", "mlopez", "--commit")
    result = prs.run(omc, root, "--changed-since", "main")
    assert (result.exit_code, result.stderr) == (0, "")
    assert (
        result.stdout
        == "checked 1 record changed since main, and omc.yaml: all valid\n"
    )


def test_a_whole_review_in_one_pull_request_passes(omc: Invoke, tmp_path: Path) -> None:
    root = prs.repository(tmp_path / "repo")
    prs.to_approved(omc, root)
    prs.advance(omc, root, "advance", "kwhite", "--commit")
    result = prs.run(omc, root, "--changed-since", "main", "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["problems"] == []


def test_a_return_and_resubmission_pass(omc: Invoke, tmp_path: Path) -> None:
    root = prs.repository(tmp_path / "repo")
    for _ in range(2):
        prs.advance(omc, root, "advance", "mlopez", "--commit")
    prs.advance(
        omc,
        root,
        "return",
        "hnakamura",
        "--note",
        "Name the rubric levels.",
        "--commit",
    )
    prs.edit(root / PROPOSAL.format("returned"), description="Rubric levels named.")
    prs.advance(omc, root, "advance", "mlopez")
    result = prs.run(omc, root, "--changed-since", "main")
    assert result.exit_code == 0, result.stderr


def test_a_conversion_creates_a_draft_and_passes(omc: Invoke, tmp_path: Path) -> None:
    top = tmp_path / "repo"
    root = prs.new_office(top)
    intake = builders.intake(IID, coordinator="mlopez")
    intake["history"] += [
        prs.step(s, t, "mlopez")
        for s, t in (
            ("received", "assigned"),
            ("assigned", "consultation-scheduled"),
            ("consultation-scheduled", "consulted"),
        )
    ]
    builders.write(root, "intake", "consulted", intake)
    git(top, "init", "-q")
    prs.commit(top, "base: a consulted intake")
    made = omc(
        "--data-dir",
        str(root),
        "proposal",
        "new",
        "--from-intake",
        IID,
        "--by",
        "mlopez",
    )
    assert made.exit_code == 0, made.stderr
    result = prs.run(omc, root, "--changed-since", "main", "-f", "json")
    assert json.loads(result.stdout)["problems"] == []
    assert json.loads(result.stdout)["checked"] == 3


def test_a_move_by_someone_who_may_not_make_it(omc: Invoke, tmp_path: Path) -> None:
    root = prs.repository(tmp_path / "repo")
    path = prs.hand_move(
        root, "draft", "submitted", prs.step("draft", "submitted", "ebennett")
    )
    result = prs.run(omc, root, "--changed-since", "main")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{root.name}/{PROPOSAL.format('submitted')}:{prs.at(path, 'ebennett')}: "
        "history[1].by: Elena Bennett (ebennett) may not do this: it needs the role "
        "coordinator or admin (who may: Ana García (agarcia), Marisol López (mlopez), "
        "Rohan Patel (rpatel), Kendra White (kwhite))"
    )


def test_history_recorded_before_the_base_is_never_rewritten(
    omc: Invoke, tmp_path: Path
) -> None:
    root = prs.repository(tmp_path / "repo")
    path = root / PROPOSAL.format("draft")
    path.write_text(path.read_text().replace("by: mlopez", "by: rpatel"))
    result = prs.run(omc, root, "--changed-since", "main")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{root.name}/{PROPOSAL.format('draft')}:{prs.at(path, 'at:')}: history[0]: "
        "this entry differs from what was recorded at main (`history` is only ever "
        "added to; restore it from main and add new entries)"
    )
