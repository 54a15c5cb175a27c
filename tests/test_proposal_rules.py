"""Each rule of the review workflow, with a test that fails without it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from omc import yamlio
from omc.review import content_hash

from . import builders
from .conftest import Invoke

PID = "data-viz-k3f9"


def _put(root: Path, status: str, **changes: Any) -> Path:
    return builders.write(root, "proposal", status, builders.proposal(PID, **changes))


def _run(omc: Invoke, root: Path, *args: str) -> tuple[int, str, str]:
    result = omc("--data-dir", str(root), *args)
    return result.exit_code, result.stdout, result.stderr


def _approval(stage: str, role: str, by: str, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "stage": stage,
        "decision": "approved",
        "by": by,
        "role": role,
        "at": "2026-11-20T10:00:00Z",
        "sha256": content_hash(data),
    }


def _approved_by_all(**changes: Any) -> dict[str, Any]:
    data = builders.proposal(PID, **changes)
    data["decisions"] = [
        _approval("unit-review", "unit-head", "hnakamura", data),
        _approval("college-review", "dean", "sramirez", data),
        _approval("dasa-review", "dasa-reviewer", "ebennett", data),
    ]
    return data


def test_leaving_draft_lists_every_problem_with_its_line(
    omc: Invoke, office: Path
) -> None:
    data = builders.proposal(PID, title="x" * 61, skills=["Python"])
    del data["criteria"]
    builders.write(office, "proposal", "draft", data)
    code, _, err = _run(omc, office, "proposal", "advance", PID, "--by", "mlopez")
    assert code == 1
    assert f"proposal {PID} (proposals/draft/{PID}.yaml) cannot enter submitted:" in err
    rel = f"proposals/draft/{PID}.yaml"
    assert f"{rel}:1:1: criteria: required" in err
    assert f"{rel}:3:8: title: is 61 characters long; at most 60 allowed" in err
    assert "skills: has 1 item; at least 3 needed" in err
    assert (office / rel).exists()


def test_a_complete_draft_is_submitted(omc: Invoke, office: Path) -> None:
    _put(office, "draft")
    code, out, _ = _run(omc, office, "proposal", "advance", PID, "--by", "mlopez")
    assert code == 0
    assert out.startswith(f"proposal {PID}: draft → submitted by Marisol López")
    assert (office / f"proposals/submitted/{PID}.yaml").exists()
    assert not (office / f"proposals/draft/{PID}.yaml").exists()


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("lfoster", "it needs the unit-head of School of Computing"),
        ("agarcia", "it needs the unit-head of School of Computing"),
        ("sramirez", "who may: Hiro Nakamura (hnakamura)"),
    ],
)
def test_only_the_unit_head_of_its_unit_decides(
    omc: Invoke, office: Path, person: str, expected: str
) -> None:
    _put(office, "unit-review")
    code, _, err = _run(omc, office, "proposal", "advance", PID, "--by", person)
    assert code == 1 and expected in err
    assert (office / f"proposals/unit-review/{PID}.yaml").exists()


def test_only_the_dean_of_its_college_decides(omc: Invoke, office: Path) -> None:
    _put(office, "college-review")
    code, _, err = _run(omc, office, "proposal", "advance", PID, "--by", "gkim")
    assert code == 1
    assert "it needs the dean of College of Engineering and Computing" in err
    assert "who may: Sofía Ramírez (sramirez)" in err


def test_a_decision_records_who_role_when_note_and_content_hash(
    omc: Invoke, office: Path
) -> None:
    path = _put(office, "dasa-review", decisions=[])
    expected_hash = content_hash(yamlio.load_file(path).data)
    code, _, _ = _run(
        omc, office, "proposal", "return", PID, "--by", "wyoung", "--note", "Too broad."
    )
    assert code == 0
    data = yamlio.load_file(office / f"proposals/returned/{PID}.yaml").data
    assert data["decisions"] == [
        {
            "stage": "dasa-review",
            "decision": "returned",
            "by": "wyoung",
            "role": "dasa-reviewer",
            "at": "2026-12-04T15:00:00Z",
            "note": "Too broad.",
            "sha256": expected_hash,
        }
    ]
    assert data["history"][-1] == {
        "at": "2026-12-04T15:00:00Z",
        "from": "dasa-review",
        "to": "returned",
        "by": "wyoung",
        "note": "Too broad.",
    }


@pytest.mark.parametrize("verb", ["return", "reject", "withdraw"])
def test_return_reject_withdraw_need_a_note(
    omc: Invoke, office: Path, verb: str
) -> None:
    _put(office, "submitted")
    code, _, err = _run(omc, office, "proposal", verb, PID, "--by", "mlopez")
    assert code == 2 and "Missing option '--note'" in err
    code, _, err = _run(
        omc, office, "proposal", verb, PID, "--by", "mlopez", "--note", "  "
    )
    assert code == 1 and f"'{verb}' needs a note saying why" in err


def test_approved_needs_an_approval_from_every_stage(omc: Invoke, office: Path) -> None:
    data = _approved_by_all()
    data["decisions"] = data["decisions"][:1]
    builders.write(office, "proposal", "dasa-review", data)
    code, _, err = _run(omc, office, "proposal", "advance", PID, "--by", "ebennett")
    assert code == 1
    assert "college-review: no approval yet from the dean" in err
    assert "dasa-review" not in err.split("cannot enter approved:")[1]


def test_a_change_after_approval_voids_it(omc: Invoke, office: Path) -> None:
    data = _approved_by_all()
    data["description"] = "Changed after the reviewers approved it."
    builders.badge_image(office)
    builders.write(office, "proposal", "approved", data)
    code, _, err = _run(omc, office, "proposal", "advance", PID, "--by", "mlopez")
    assert code == 1
    assert "unit-review: the approval by hnakamura on 2026-11-20 was for other" in err
    assert "so the unit-head must approve it again" in err
    again = f"omc proposal approve {PID} --by"
    assert f"{again} hnakamura; {again} sramirez; {again} ebennett" in err


def test_reapproval_renews_the_stage_the_person_decides(
    omc: Invoke, office: Path
) -> None:
    data = _approved_by_all()
    data["description"] = "Changed after the reviewers approved it."
    builders.write(office, "proposal", "approved", data)
    code, out, _ = _run(omc, office, "proposal", "approve", PID, "--by", "sramirez")
    assert code == 0 and "approval for college-review renewed" in out
    code, _, err = _run(omc, office, "proposal", "approve", PID, "--by", "sramirez")
    assert code == 1 and "holds none of the roles still needed" in err
    code, _, err = _run(omc, office, "proposal", "approve", PID, "--by", "mlopez")
    assert code == 1 and "unit-review (unit-head), dasa-review (dasa-reviewer)" in err


def test_published_needs_the_image_and_alt_text(omc: Invoke, office: Path) -> None:
    data = _approved_by_all(badge={"image": "badges/none.svg", "alt": ""})
    builders.write(office, "proposal", "approved", data)
    code, _, err = _run(omc, office, "proposal", "advance", PID, "--by", "mlopez")
    assert code == 1
    assert "badge.image: assets/badges/none.svg does not exist" in err
    assert "badge.alt: must not be empty" in err


def test_an_image_path_cannot_leave_assets(omc: Invoke, office: Path) -> None:
    (office / "omc.yaml").rename(office / "outside.svg")
    (office / "outside.svg").rename(office / "omc.yaml")
    data = _approved_by_all(badge={"image": "../omc.yaml", "alt": "x"})
    builders.write(office, "proposal", "approved", data)
    code, _, err = _run(omc, office, "proposal", "advance", PID, "--by", "mlopez")
    assert code == 1
    assert f"proposal {PID} (proposals/approved/{PID}.yaml) cannot enter" in err
    assert "badge.image: ../omc.yaml is outside assets/" in err
    assert "does not exist" not in err  # it does: it is only not an image


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("page.html", "assets/page.html is a .html file, not an image of a type"),
        ("badges", "assets/badges is a folder, not an image file"),
        ("fake.png", "assets/fake.png is not a PNG image (its content is of another"),
    ],
)
def test_published_needs_an_image_the_site_publishes(
    omc: Invoke, office: Path, name: str, said: str
) -> None:
    builders.badge_image(office)
    (office / "assets/page.html").write_text("<script>alert(1)</script>")
    (office / "assets/fake.png").write_text("<html><script>alert(1)</script>")
    data = _approved_by_all(badge={"image": name, "alt": "A badge"})
    builders.write(office, "proposal", "approved", data)
    code, _, err = _run(omc, office, "proposal", "advance", PID, "--by", "mlopez")
    assert code == 1 and said in err
    assert (office / f"proposals/approved/{PID}.yaml").exists()


def test_publishing_with_image_and_current_approvals(omc: Invoke, office: Path) -> None:
    builders.badge_image(office)
    builders.write(office, "proposal", "approved", _approved_by_all())
    code, out, _ = _run(omc, office, "proposal", "advance", PID, "--by", "mlopez")
    assert code == 0 and "approved → published" in out


@pytest.mark.parametrize("status", ["rejected", "withdrawn", "retired"])
@pytest.mark.parametrize("verb", ["advance", "return", "reject", "withdraw"])
def test_terminal_statuses_refuse_every_move(
    omc: Invoke, office: Path, status: str, verb: str
) -> None:
    _put(office, status)
    code, _, err = _run(
        omc, office, "proposal", verb, PID, "--by", "kwhite", "--note", "x"
    )
    assert code == 1
    assert f"this proposal is {status}, which is final: nothing moves it" in err


def test_to_outside_the_graph_is_refused(omc: Invoke, office: Path) -> None:
    _put(office, "submitted")
    code, _, err = _run(
        omc, office, "proposal", "advance", PID, "--to", "approved", "--by", "mlopez"
    )
    assert code == 1
    assert (
        "'advance' to approved is not allowed from submitted; it leads to: unit-review"
        in err
    )
    code, _, err = _run(
        omc, office, "proposal", "advance", PID, "--to", "nowhere", "--by", "mlopez"
    )
    assert code == 2 and "'nowhere' is not a proposal status" in err


def test_dry_run_prints_the_change_and_writes_nothing(
    omc: Invoke, office: Path
) -> None:
    path = _put(office, "unit-review")
    before = path.read_bytes()
    code, out, err = _run(
        omc, office, "proposal", "advance", PID, "--by", "hnakamura", "--dry-run"
    )
    assert code == 0
    assert out.startswith(f"would move proposal {PID}: unit-review → college-review")
    assert f"--- a/proposals/unit-review/{PID}.yaml" in out
    assert f"+++ b/proposals/college-review/{PID}.yaml" in out
    assert "+  - stage: unit-review" in out
    assert "nothing was changed" in err
    assert path.read_bytes() == before
    assert not (office / "proposals/college-review" / f"{PID}.yaml").exists()


def test_unknown_ids_and_paths(omc: Invoke, office: Path) -> None:
    _put(office, "draft")
    code, _, err = _run(omc, office, "proposal", "show", "data-viz-k3f")
    assert code == 1 and "no proposal has the id 'data-viz-k3f'" in err
    assert f"did you mean: {PID}" in err
    for bad in ("../omc", "/etc/passwd", "proposals/draft/x"):
        code, _, err = _run(omc, office, "proposal", "show", bad)
        assert code == 2 and "is not a record id" in err


def test_unknown_person(omc: Invoke, office: Path) -> None:
    _put(office, "draft")
    code, _, err = _run(omc, office, "proposal", "advance", PID, "--by", "nobody")
    assert code == 1 and "nobody called 'nobody' is listed in omc.yaml" in err


def test_by_accepts_an_email_and_omc_user(omc: Invoke, office: Path) -> None:
    _put(office, "draft")
    code, out, _ = _run(
        omc, office, "proposal", "advance", PID, "--by", "MLopez@example.edu"
    )
    assert code == 0 and "Marisol López" in out
    result = omc(
        "--data-dir",
        str(office),
        "proposal",
        "advance",
        PID,
        env={"OMC_USER": "rpatel"},
    )
    assert result.exit_code == 0 and "Rohan Patel" in result.stdout


def test_list_shows_one_line_a_proposal_in_workflow_order(
    omc: Invoke, bare_office: Path
) -> None:
    builders.write(bare_office, "proposal", "unit-review", builders.proposal("b-k3f9"))
    builders.write(
        bare_office, "proposal", "draft", builders.proposal("a-long-id-k3f9")
    )
    code, out, _ = _run(omc, bare_office, "proposal", "list")
    assert code == 0
    assert out.splitlines() == [
        "STATUS       REVISION  DAYS  ID              TITLE",
        "draft        1         64    a-long-id-k3f9  Applied Data Visualization",
        "unit-review  1         64    b-k3f9          Applied Data Visualization",
    ]


def test_withdrawing_a_returned_proposal_keeps_its_revision(
    omc: Invoke, office: Path
) -> None:
    _put(office, "returned", revision=2)
    code, _, _ = _run(
        omc, office, "proposal", "withdraw", PID, "--by", "mlopez", "--note", "Gone."
    )
    assert code == 0
    data = yamlio.load_file(office / f"proposals/withdrawn/{PID}.yaml").data
    assert data["revision"] == 2


def test_resubmitting_a_returned_proposal_starts_a_revision(
    omc: Invoke, office: Path
) -> None:
    _put(office, "returned", revision=2)
    code, _, _ = _run(omc, office, "proposal", "advance", PID, "--by", "mlopez")
    assert code == 0
    data = yamlio.load_file(office / f"proposals/submitted/{PID}.yaml").data
    assert data["revision"] == 3


def test_a_move_is_planned_from_the_record_as_it_is_now(office: Path) -> None:
    from omc import store, transitions
    from omc.office import open_office

    _put(office, "unit-review")
    handle = open_office(office)
    stale = store.find(handle, "proposal", PID)
    first = transitions.plan(handle, stale, "advance", "hnakamura")
    transitions.execute(first)
    second = transitions.plan(handle, stale, "advance", "sramirez")
    assert second.move is not None
    assert (second.move.source, second.move.target) == ("college-review", "dasa-review")


def test_show_stops_at_publication_until_a_badge_is_published(
    omc: Invoke, bare_office: Path
) -> None:
    builders.write(bare_office, "proposal", "unit-review", builders.proposal("a-k3f9"))
    builders.write(bare_office, "proposal", "published", builders.proposal("b-k3f9"))
    waiting = _run(omc, bare_office, "proposal", "show", "a-k3f9")[1]
    assert "→ Unit review" in waiting and "· Published" in waiting
    assert "Retired" not in waiting
    live = _run(omc, bare_office, "proposal", "show", "b-k3f9")[1]
    assert "→ Published" in live and "· Retired" in live


def test_a_person_no_longer_active_may_not_act(omc: Invoke, office: Path) -> None:
    config = office / "omc.yaml"
    text = config.read_text()
    marked = "    email: sramirez@example.edu\n"
    config.write_text(text.replace(marked, marked + "    active: false\n"))
    _put(office, "college-review")
    for by in ("sramirez", "SRamirez@example.edu"):
        code, _, err = _run(omc, office, "proposal", "advance", PID, "--by", by)
        assert code == 1
        assert "Sofía Ramírez (sramirez) is no longer active in omc.yaml" in err
        assert "who may act instead: nobody" in err
    assert (office / f"proposals/college-review/{PID}.yaml").exists()


def test_an_unknown_status_to_list_is_a_usage_error(omc: Invoke, office: Path) -> None:
    code, _, err = _run(omc, office, "proposal", "list", "--status", "pending")
    assert code == 2 and "'pending' is not a proposal status" in err


def test_new_without_a_title_and_no_terminal_says_what_to_give(
    omc: Invoke, office: Path
) -> None:
    before = sorted((office / "proposals").rglob("*.yaml"))
    code, _, err = _run(omc, office, "proposal", "new", "--by", "kwhite")
    assert code == 2
    assert "a new proposal needs --title (or --from-intake ID)" in err
    assert sorted((office / "proposals").rglob("*.yaml")) == before


def test_retiring_a_badge_needs_a_note(omc: Invoke, office: Path) -> None:
    _put(office, "published", **_approved_by_all())
    code, _, err = _run(omc, office, "proposal", "advance", PID, "--by", "mlopez")
    assert code == 1 and "'advance' needs a note saying why" in err
    assert (office / f"proposals/published/{PID}.yaml").exists()
    code, _, err = _run(
        omc, office, "proposal", "advance", PID, "--by", "mlopez",
        "--note", "Replaced by the 2027 edition.",
    )  # fmt: skip
    assert code == 0, err
    assert (office / f"proposals/retired/{PID}.yaml").exists()


@pytest.mark.parametrize("title", ["   ", "Line one\nLine two"])
def test_a_new_draft_needs_a_title_on_one_line(
    omc: Invoke, office: Path, title: str
) -> None:
    before = sorted((office / "proposals").rglob("*.yaml"))
    args = ("proposal", "new", "--title", title, "--by", "kwhite")
    code, _, err = _run(omc, office, *args)
    assert code == 2 and "--title must be words on one line" in err
    assert sorted((office / "proposals").rglob("*.yaml")) == before


def test_a_misspelt_to_is_a_usage_error_even_on_a_final_record(
    omc: Invoke, office: Path
) -> None:
    _put(office, "rejected")
    args = ("proposal", "advance", PID, "--to", "aproved", "--by", "mlopez")
    code, _, err = _run(omc, office, *args)
    assert code == 2 and "'aproved' is not a proposal status" in err


def test_a_stage_ahead_that_nobody_may_decide_is_a_warning(
    omc: Invoke, office: Path
) -> None:
    # The form's own spelling of a college that omc.yaml knows by another name.
    college = "Nicole Wertheim College of Nursing and Health Sciences"
    moved = [{"at": "2026-12-01T10:00:00Z", "from": None, "to": "unit-review"}]
    moved[0]["by"] = "mlopez"
    _put(office, "unit-review", college=college, history=moved)
    result = omc("--data-dir", str(office), "validate")
    assert result.exit_code == 0, result.stderr  # a warning: still valid
    said = [line for line in result.stderr.splitlines() if "cannot be decided" in line]
    assert len(said) == 1
    assert (
        f"college: college-review cannot be decided: omc.yaml has no active dean "
        f"of college '{college}'"
    ) in said[0]
    assert "known: College of" in said[0]
    _put(
        office,
        "college-review",
        college=college,
        history=[moved[0] | {"to": "college-review"}],
    )
    (office / f"proposals/unit-review/{PID}.yaml").unlink()
    board = omc("--data-dir", str(office), "status").stdout
    assert "nobody in omc.yaml may decide it (omc validate says why)" in board
    assert f"{PID}" in board and "with Maria" not in board
    (office / f"proposals/college-review/{PID}.yaml").unlink()
    moved[0]["to"] = "dasa-review"
    _put(office, "dasa-review", college=college, history=moved)  # behind it now
    result = omc("--data-dir", str(office), "validate")
    assert "cannot be decided" not in result.stderr
