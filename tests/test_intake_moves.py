"""Moving an intake through its process: assign, schedule, consult, convert..."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from omc import yamlio

from . import builders, prs
from .conftest import Invoke, git

ID = "telehealth-communication-m4n5"


def _run(omc: Invoke, root: Path, *args: str, code: int = 0) -> Result:
    result = omc("--data-dir", str(root), "intake", *args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    return result


def _at(root: Path, status: str, **changes: Any) -> Path:
    return builders.write(root, "intake", status, builders.intake(ID, **changes))


def _where(root: Path, intake_id: str = ID) -> str:
    (path,) = (root / "intakes").glob(f"*/{intake_id}.yaml")
    return path.parent.name


def _data(root: Path, intake_id: str = ID) -> dict[str, Any]:
    (path,) = (root / "intakes").glob(f"*/{intake_id}.yaml")
    return dict(yamlio.load_file(path).data)


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.parts and ".omc" not in p.parts
    }


SCHEDULED = {
    "coordinator": "mlopez",
    "consultation": {"at": "2026-12-10T14:00:00-05:00", "minutes": 60},
}


def test_the_whole_process_from_received_to_converted(
    omc: Invoke, office: Path
) -> None:
    _at(office, "received")

    _run(omc, office, "assign", ID, "--coordinator", "rpatel", "--by", "kwhite")
    _run(
        omc, office, "schedule", ID, "--at", "2026-12-10T14:00-05:00", "--by", "rpatel"
    )
    _run(omc, office, "consult", ID, "--notes", "Three competencies.", "--by", "rpatel")
    converted = _run(omc, office, "convert", ID, "--by", "rpatel")

    intake = _data(office)
    assert _where(office) == "converted"
    assert intake["coordinator"] == "rpatel"
    assert intake["consultation"] == {
        "at": "2026-12-10T14:00:00-05:00",
        "minutes": 60,
        "notes": "Three competencies.",
    }
    moves = [(h["from"], h["to"], h["by"]) for h in intake["history"][1:]]
    assert moves == [
        ("received", "assigned", "kwhite"),
        ("assigned", "consultation-scheduled", "rpatel"),
        ("consultation-scheduled", "consulted", "rpatel"),
        ("consulted", "converted", "rpatel"),
    ]
    draft = office / "proposals" / "draft" / f"{intake['proposal']}.yaml"
    assert f"created proposals/draft/{draft.name}" in converted.stdout
    proposal = yamlio.load_file(draft).data
    assert proposal["intake"] == ID
    assert proposal["title"] == "Telehealth Patient Communication"
    assert proposal["lead"]["email"] == "athompson@example.edu"
    assert proposal["workload_hours"] == 45


def test_assign_refuses_a_person_without_the_coordinator_role(
    omc: Invoke, office: Path
) -> None:
    _at(office, "received")

    result = _run(
        omc,
        office,
        "assign",
        ID,
        "--coordinator",
        "hnakamura",
        "--by",
        "kwhite",
        code=1,
    )

    assert "Hiro Nakamura (hnakamura) is not an active coordinator" in result.stderr
    assert "assign one of: mlopez, rpatel, kwhite" in result.stderr
    assert _where(office) == "received"


@pytest.mark.parametrize("status", ["consultation-scheduled", "consulted"])
def test_assigning_again_hands_the_intake_over_where_it_stands(
    omc: Invoke, office: Path, status: str
) -> None:
    _at(office, status, **SCHEDULED)

    result = _run(omc, office, "assign", ID, "-c", "rpatel", "--by", "kwhite")

    assert _where(office) == status
    intake = _data(office)
    assert intake["coordinator"] == "rpatel"
    assert intake["consultation"] == SCHEDULED["consultation"]
    last = intake["history"][-1]
    assert (last["from"], last["to"], last["by"]) == (status, status, "kwhite")
    assert last["note"] == "handed over from mlopez to rpatel"
    assert f"assign (stays {status})" in result.stdout
    shown = _run(omc, office, "show", ID).stdout
    assert f"{status} → {status} by kwhite: handed over from mlopez to rpatel" in shown


@pytest.mark.parametrize("status", ["assigned", "consultation-scheduled", "consulted"])
def test_assigning_the_same_coordinator_again_is_refused(
    omc: Invoke, office: Path, status: str
) -> None:
    path = _at(office, status, **SCHEDULED)
    before = path.read_bytes()

    result = _run(omc, office, "assign", ID, "-c", "mlopez", "--by", "kwhite", code=1)

    assert f"intake {ID} is already assigned to Marisol López (mlopez)" in result.stderr
    assert path.read_bytes() == before


def test_a_hand_over_passes_the_pull_request_check(omc: Invoke, tmp_path: Path) -> None:
    top = tmp_path / "repo"
    root = prs.new_office(top)
    intake = builders.intake(ID, coordinator="mlopez")
    intake["history"] += [
        prs.step("received", "assigned", "mlopez"),
        prs.step("assigned", "consultation-scheduled", "mlopez"),
    ]
    builders.write(root, "intake", "consultation-scheduled", intake)
    git(top, "init", "-q")
    prs.commit(top, "base: a scheduled intake")

    _run(omc, root, "assign", ID, "-c", "rpatel", "--by", "kwhite", "--commit")
    result = omc("--data-dir", str(root), "validate", "--changed-since", "HEAD~1")

    assert result.exit_code == 0, result.stdout + result.stderr


def _inactive(root: Path, person: str) -> None:
    config = root / "omc.yaml"
    text = config.read_text()
    entry = f"  - id: {person}\n"
    assert entry in text
    config.write_text(text.replace(entry, f"{entry}    active: false\n"))


def test_an_inactive_coordinator_cannot_be_assigned(omc: Invoke, office: Path) -> None:
    _at(office, "received")
    _inactive(office, "rpatel")

    result = _run(omc, office, "assign", ID, "-c", "rpatel", "--by", "kwhite", code=1)

    assert "Rohan Patel (rpatel) is no longer active in omc.yaml" in result.stderr
    assert "assign one of: mlopez, kwhite" in result.stderr
    assert _where(office) == "received"


def test_an_inactive_person_cannot_act(omc: Invoke, office: Path) -> None:
    _at(office, "received")
    _inactive(office, "mlopez")

    result = _run(omc, office, "assign", ID, "-c", "rpatel", "--by", "mlopez", code=1)

    assert "Marisol López (mlopez) is no longer active in omc.yaml" in result.stderr
    assert _where(office) == "received"


def test_only_coordinators_may_move_an_intake(omc: Invoke, office: Path) -> None:
    _at(office, "received")

    result = _run(
        omc, office, "assign", ID, "--coordinator", "rpatel", "--by", "ebennett", code=1
    )

    assert "needs the role coordinator or admin" in result.stderr
    assert _where(office) == "received"


def test_convert_before_consulted_is_refused(omc: Invoke, office: Path) -> None:
    _at(office, "assigned", coordinator="mlopez")

    result = _run(omc, office, "convert", ID, "--by", "mlopez", code=1)

    assert "'convert' is not allowed from assigned" in result.stderr
    assert _where(office) == "assigned"
    assert not list((office / "proposals" / "draft").glob("telehealth-*"))


def test_decline_needs_a_note(omc: Invoke, office: Path) -> None:
    _at(office, "received")

    refused = _run(omc, office, "decline", ID, "--by", "kwhite", code=1)
    _run(omc, office, "decline", ID, "--by", "kwhite", "--note", "Exists already.")

    assert "'decline' needs a note saying why" in refused.stderr
    assert _where(office) == "declined"
    assert _data(office)["history"][-1]["note"] == "Exists already."


def test_withdraw_takes_an_optional_note(omc: Invoke, office: Path) -> None:
    _at(office, "consulted", **SCHEDULED)

    _run(omc, office, "withdraw", ID, "--by", "mlopez")

    assert _where(office) == "withdrawn"
    assert "note" not in _data(office)["history"][-1]


@pytest.mark.parametrize("status", ["converted", "declined", "withdrawn"])
@pytest.mark.parametrize(
    "args",
    [
        ("assign", ID, "--coordinator", "mlopez"),
        ("withdraw", ID),
        ("decline", ID, "--note", "No."),
        ("deadline", ID, "--what", "Draft", "--due", "2027-01-15"),
    ],
)
def test_nothing_moves_an_intake_from_a_terminal_status(
    omc: Invoke, office: Path, status: str, args: tuple[str, ...]
) -> None:
    path = _at(office, status, coordinator="mlopez")
    before = path.read_bytes()

    result = _run(omc, office, *args, "--by", "kwhite", code=1)

    assert f"is {status}, which is final" in result.stderr
    assert path.read_bytes() == before


def test_dry_run_shows_the_diff_and_changes_nothing(omc: Invoke, office: Path) -> None:
    _at(office, "received")
    before = _snapshot(office)

    result = _run(
        omc,
        office,
        "assign",
        ID,
        "--coordinator",
        "rpatel",
        "--by",
        "kwhite",
        "--dry-run",
    )

    assert _snapshot(office) == before
    assert result.stdout.startswith(
        f"would move intake {ID}: received → assigned by Kendra White"
    )
    assert f"+++ b/intakes/assigned/{ID}.yaml" in result.stdout
    assert "+coordinator: rpatel" in result.stdout
    assert "id differs" not in result.stderr  # assigning creates no record


def test_schedule_dry_run_writes_no_invitation(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    _at(office, "assigned", coordinator="mlopez")
    before = _snapshot(office)

    result = _run(
        omc, office, "schedule", ID, "--at", "2026-12-10T14:00Z", "--by", "mlopez", "-n"
    )

    assert _snapshot(office) == before
    assert not (office / "build").exists()
    assert (
        f"would write the invitation to office/build/invitations/{ID}.ics"
        in result.stdout
    )


def test_commit_makes_one_commit_naming_the_move(omc: Invoke, git_office: Path) -> None:
    _at(git_office, "received")
    git(git_office, "add", "-A")
    git(git_office, "commit", "-q", "-m", "intake received")
    count = int(git(git_office, "rev-list", "--count", "HEAD"))

    _run(
        omc,
        git_office,
        "assign",
        ID,
        "--coordinator",
        "rpatel",
        "--by",
        "kwhite",
        "--commit",
    )

    assert int(git(git_office, "rev-list", "--count", "HEAD")) == count + 1
    subject = git(git_office, "log", "-1", "--format=%s").strip()
    assert subject == (
        f"intake {ID}: received → assigned by Kendra White (coordinator)"
    )
    assert git(git_office, "status", "--porcelain") == ""


def test_a_tracked_intake_moves_with_git_mv(omc: Invoke, git_office: Path) -> None:
    _at(git_office, "received")
    git(git_office, "add", "-A")
    git(git_office, "commit", "-q", "-m", "intake received")

    _run(omc, git_office, "assign", ID, "--coordinator", "rpatel", "--by", "kwhite")

    (line,) = git(git_office, "status", "--porcelain").splitlines()
    # Staged whole: the rename (by `git mv`) and the new history entry.
    assert line == f"R  intakes/received/{ID}.yaml -> intakes/assigned/{ID}.yaml"


def test_comments_in_the_intake_survive_a_move(omc: Invoke, office: Path) -> None:
    text = yamlio.dump(builders.intake(ID))
    text = "# Entered from a paper form at the open house.\n" + text.replace(
        "credit_type: credit\n",
        "credit_type: credit  # she may offer it for credit later\n",
    )
    builders.write(office, "intake", "received", builders.intake(ID), text)

    _run(omc, office, "assign", ID, "--coordinator", "rpatel", "--by", "kwhite")

    moved = (office / "intakes" / "assigned" / f"{ID}.yaml").read_text()
    assert moved.startswith("# Entered from a paper form at the open house.\n")
    assert "credit_type: credit  # she may offer it for credit later\n" in moved


def test_deadline_is_added_without_a_move(omc: Invoke, git_office: Path) -> None:
    _at(git_office, "consulted", **SCHEDULED)
    git(git_office, "add", "-A")
    git(git_office, "commit", "-q", "-m", "intake consulted")

    result = _run(
        omc,
        git_office,
        "deadline",
        ID,
        "--what",
        "Draft competencies",
        "--due",
        "2027-01-15",
        "--by",
        "mlopez",
        "--commit",
    )

    assert _where(git_office) == "consulted"
    data = _data(git_office)
    assert data["deadlines"] == [{"what": "Draft competencies", "due": "2027-01-15"}]
    assert len(data["history"]) == 1
    summary = (
        f"intake {ID}: deadline added: Draft competencies, due 2027-01-15 "
        "(stays consulted) by Marisol López (coordinator)"
    )
    assert result.stdout.startswith(summary)
    assert git(git_office, "log", "-1", "--format=%s").strip() == summary


def test_deadline_refuses_a_date_that_is_not_one(omc: Invoke, office: Path) -> None:
    path = _at(office, "assigned", coordinator="mlopez")
    before = path.read_bytes()

    result = _run(
        omc,
        office,
        "deadline",
        ID,
        "--what",
        "Draft",
        "--due",
        "15/01/2027",
        "--by",
        "mlopez",
        code=1,
    )

    assert "--due '15/01/2027' is not a date written YYYY-MM-DD" in result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("bad", ["../x", "/etc/passwd", "intakes/received/x"])
def test_an_id_cannot_reach_outside_the_data_directory(
    omc: Invoke, office: Path, bad: str
) -> None:
    for args in (("show", bad), ("withdraw", bad, "--by", "mlopez")):
        result = _run(omc, office, *args, code=2)
        assert f"'{bad}' is not a record id" in result.stderr


def test_list_and_show(omc: Invoke, office: Path) -> None:
    _at(office, "assigned", coordinator="mlopez")

    listed = json.loads(
        _run(omc, office, "list", "--status", "assigned", "--json").stdout
    )
    shown = _run(omc, office, "show", ID)
    as_json = json.loads(_run(omc, office, "show", ID, "--json").stdout)

    mine = [row for row in listed if row["id"] == ID]
    assert mine == [
        {
            "id": ID,
            "status": "assigned",
            "submitted": "2026-11-06",
            "title": "Telehealth Patient Communication",
            "contact": "Aisha Thompson",
            "coordinator": "mlopez",
            "days": 28,
        }
    ]
    assert {row["status"] for row in listed} == {"assigned"}
    assert shown.stdout.splitlines()[:3] == [
        "Telehealth Patient Communication",
        f"{ID} — assigned — intakes/assigned/{ID}.yaml",
        "contact: Aisha Thompson <athompson@example.edu>",
    ]
    assert as_json["status"] == "assigned"
    assert as_json["data"]["contact"]["name"] == "Aisha Thompson"


MARKUP = "Lab [/x] Safety [bold]"


def test_text_that_looks_like_markup_is_printed_as_typed(
    omc: Invoke, office: Path
) -> None:
    contact = {"name": "Kim [/x] Ng [bold]", "email": "kng@example.edu"}
    people = [{"name": "Bo [/x] Park", "email": "bpark@example.edu"}]
    _at(office, "received", title=MARKUP, contact=contact, collaborators=people)

    listed = _run(omc, office, "list").stdout
    listed_json = json.loads(_run(omc, office, "list", "--json").stdout)
    shown = _run(omc, office, "show", ID).stdout
    shown_json = json.loads(_run(omc, office, "show", ID, "--json").stdout)

    (line,) = [line for line in listed.splitlines() if ID in line]
    assert line.endswith(f"  {MARKUP}")
    assert [r["contact"] for r in listed_json if r["id"] == ID] == [contact["name"]]
    assert [r["title"] for r in listed_json if r["id"] == ID] == [MARKUP]
    assert shown.splitlines()[0] == MARKUP
    assert "contact: Kim [/x] Ng [bold] <kng@example.edu>" in shown
    assert "collaborators: Bo [/x] Park <bpark@example.edu>" in shown
    assert shown_json["data"]["title"] == MARKUP
    assert shown_json["data"]["contact"] == contact


def test_list_refuses_a_status_that_does_not_exist(omc: Invoke, office: Path) -> None:
    result = _run(omc, office, "list", "--status", "pending", code=2)

    assert "'pending' is not a" in result.stderr
    assert "the statuses are: received, assigned" in result.stderr


def test_a_commit_on_a_detached_head_is_said_to_be_on_no_branch(
    omc: Invoke, git_office: Path
) -> None:
    _at(git_office, "received")
    git(git_office, "add", "-A")
    git(git_office, "commit", "-q", "-m", "intake received")
    git(git_office, "checkout", "-q", "--detach")
    args = ("assign", ID, "--coordinator", "rpatel", "--by", "kwhite", "--commit")
    result = _run(omc, git_office, *args)
    sha = git(git_office, "rev-parse", "--short", "HEAD").strip()
    assert f"warning: commit {sha} is on a detached HEAD" in result.stderr
    assert "git switch -c" in result.stderr
    git(git_office, "switch", "-q", "-c", "kept")
    at = ("--at", "2026-12-10T10:00", "--by", "rpatel")
    result = _run(omc, git_office, "schedule", ID, *at, "--commit")
    assert "committed" in result.stderr and "detached" not in result.stderr


def test_a_dry_run_of_convert_warns_that_the_new_id_is_drawn_again(
    omc: Invoke, office: Path
) -> None:
    _at(office, "consulted", coordinator="rpatel")
    before = _snapshot(office)
    result = _run(omc, office, "convert", ID, "--by", "rpatel", "--dry-run")
    assert _snapshot(office) == before
    assert (
        "\n+proposal: " in result.stdout and "+++ b/proposals/draft/" in result.stdout
    )
    assert "the real run's id differs from this one's" in result.stderr
