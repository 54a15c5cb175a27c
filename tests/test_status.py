"""`omc status`: the board, and one person's list of what waits on them."""

from __future__ import annotations

import json
from pathlib import Path

from . import builders
from .conftest import Invoke


def _moved(status: str, at: str, by: str = "mlopez") -> list[dict[str, object]]:
    if status == "draft":
        return [{"at": at, "from": None, "to": "draft", "by": by}]
    return [
        {"at": "2026-09-01T12:00:00Z", "from": None, "to": "draft", "by": by},
        {"at": at, "from": "draft", "to": status, "by": by},
    ]


def _office(root: Path) -> Path:
    write = builders.write
    write(
        root,
        "proposal",
        "unit-review",
        builders.proposal(
            "old-unit-k3f9", history=_moved("unit-review", "2026-11-01T09:00:00Z")
        ),
    )
    write(
        root,
        "proposal",
        "unit-review",
        builders.proposal(
            "new-unit-k3f9", history=_moved("unit-review", "2026-12-01T09:00:00Z")
        ),
    )
    nursing = {
        "unit": "Department of Nursing",
        "college": "College of Nursing and Health Sciences",
    }
    write(
        root,
        "proposal",
        "unit-review",
        builders.proposal(
            "nursing-k3f9",
            history=_moved("unit-review", "2026-10-01T09:00:00Z"),
            **nursing,
        ),
    )
    write(
        root,
        "proposal",
        "college-review",
        builders.proposal(
            "college-k3f9", history=_moved("college-review", "2026-11-20T09:00:00Z")
        ),
    )
    write(
        root,
        "proposal",
        "published",
        builders.proposal(
            "stale-badge-k3f9",
            review_by="2026-11-30",
            history=_moved("published", "2025-11-30T09:00:00Z"),
        ),
    )
    write(
        root,
        "proposal",
        "draft",
        builders.proposal(
            "drafting-k3f9", history=_moved("draft", "2026-11-02T09:00:00Z")
        ),
    )
    write(root, "proposal", "rejected", builders.proposal("gone-k3f9"))
    deadlines = [
        {"what": "Send a draft outline", "due": "2026-11-28"},
        {"what": "Done already", "due": "2026-11-01", "done": True},
    ]
    write(
        root,
        "intake",
        "assigned",
        builders.intake("assigned-m4n5", coordinator="rpatel", deadlines=deadlines),
    )
    write(root, "intake", "received", builders.intake("waiting-m4n5"))
    return root


def test_the_board_counts_ages_holders_and_lateness(
    omc: Invoke, bare_office: Path
) -> None:
    result = omc("--data-dir", str(_office(bare_office)), "status", "--json")
    assert result.exit_code == 0, result.stderr
    board = json.loads(result.stdout)
    assert board["today"] == "2026-12-04"
    assert board["counts"]["proposal"]["unit-review"] == 3
    assert board["counts"]["proposal"]["rejected"] == 1
    assert board["counts"]["intake"] == {
        "received": 1,
        "assigned": 1,
        "consultation-scheduled": 0,
        "consulted": 0,
        "converted": 0,
        "declined": 0,
        "withdrawn": 0,
    }
    records = {r["id"]: r for r in board["records"]}
    assert "gone-k3f9" not in records
    assert records["old-unit-k3f9"]["days"] == 33 and records["old-unit-k3f9"]["late"]
    assert records["old-unit-k3f9"]["holders"] == ["Hiro Nakamura"]
    assert records["new-unit-k3f9"]["late"] is False
    assert records["nursing-k3f9"]["holders"] == ["Beatrice Okoye"]
    assert records["college-k3f9"]["holders"] == ["Sofía Ramírez"]
    assert records["drafting-k3f9"]["holders"] == ["Maria Fernandez"]
    assert records["assigned-m4n5"]["holders"] == ["Rohan Patel"]
    assert set(records["waiting-m4n5"]["holders"]) >= {
        "Marisol López",
        "Rohan Patel",
        "Kendra White",
    }
    assert "stale-badge-k3f9" not in records
    assert [r["id"] for r in board["records"]][:2] == ["nursing-k3f9", "old-unit-k3f9"]
    assert board["overdue"] == [
        {
            "kind": "intake",
            "id": "assigned-m4n5",
            "what": "Send a draft outline",
            "due": "2026-11-28",
            "days_late": 6,
        },
        {
            "kind": "proposal",
            "id": "stale-badge-k3f9",
            "what": "periodic review of the published badge",
            "due": "2026-11-30",
            "days_late": 4,
        },
    ]


def test_the_board_as_text(omc: Invoke, bare_office: Path) -> None:
    result = omc("--data-dir", str(_office(bare_office)), "status")
    assert result.exit_code == 0
    assert "Office of Micro-Credentials — board on 2026-12-04" in result.stdout
    assert "proposals: draft 1  submitted 0  unit-review 3" in result.stdout
    assert "   33!  unit-review            proposal old-unit-k3f9\n" in result.stdout
    assert (
        "        Applied Data Visualization — with Hiro Nakamura (limit 14 days)\n"
        in result.stdout
    )
    assert (
        "    6d late  intake assigned-m4n5: Send a draft outline (due 2026-11-28)"
        in result.stdout
    )
    assert "Send a draft outline" in result.stdout


def test_one_persons_list_oldest_first(omc: Invoke, bare_office: Path) -> None:
    root = _office(bare_office)
    result = omc("--data-dir", str(root), "status", "--for", "hnakamura", "--json")
    assert result.exit_code == 0
    waiting = json.loads(result.stdout)["waiting"]
    assert [w["id"] for w in waiting] == ["old-unit-k3f9", "new-unit-k3f9"]
    coordinator = json.loads(
        omc("--data-dir", str(root), "status", "--for", "rpatel", "--json").stdout
    )
    ids = [w["id"] for w in coordinator["waiting"]]
    assert "assigned-m4n5" in ids and "waiting-m4n5" in ids
    assert "old-unit-k3f9" not in ids
    mlopez = json.loads(
        omc("--data-dir", str(root), "status", "--for", "mlopez", "--json").stdout
    )
    assert "assigned-m4n5" not in [w["id"] for w in mlopez["waiting"]]


def test_a_person_with_nothing_waiting(omc: Invoke, bare_office: Path) -> None:
    result = omc("--data-dir", str(bare_office), "status", "--for", "gkim")
    assert result.exit_code == 0
    assert result.stdout == "Waiting on Grace Kim (dean): nothing\n"


def test_an_unreadable_record_does_not_hide_the_board(
    omc: Invoke, bare_office: Path
) -> None:
    root = _office(bare_office)
    (root / "proposals/draft/broken-k3f9.yaml").write_text("id: [\n")
    result = omc("--data-dir", str(root), "status")
    assert result.exit_code == 0
    assert (
        "unreadable: proposals/draft/broken-k3f9.yaml:2:1: YAML syntax error"
        in result.stderr
    )


def test_a_hand_over_does_not_restart_the_days_in_status(
    omc: Invoke, bare_office: Path
) -> None:
    history = [
        {"at": "2026-11-01T09:00:00Z", "from": None, "to": "received", "by": "mlopez"},
        {
            "at": "2026-11-02T09:00:00Z",
            "from": "received",
            "to": "assigned",
            "by": "mlopez",
        },
        {
            "at": "2026-12-03T09:00:00Z",
            "from": "assigned",
            "to": "assigned",
            "by": "kwhite",
            "note": "handed over from mlopez to rpatel",
        },
    ]
    intake = builders.intake("handed-m4n5", coordinator="rpatel", history=history)
    builders.write(bare_office, "intake", "assigned", intake)
    result = omc("--data-dir", str(bare_office), "intake", "list", "--json")
    (row,) = json.loads(result.stdout)
    assert row["days"] == 32  # since 2 November, not since the hand-over
