"""The whole life of a proposal in a real git repository (issue 3, Done when)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from omc import yamlio
from omc.review import content_hash

from . import builders
from .conftest import Invoke, git

PID_FILE = "proposals/{}/{}.yaml"


def _set(path: Path, **values: Any) -> None:
    """Edit a record as its author would: in place, keeping the rest."""

    def change(tree: Any) -> None:
        for key, value in values.items():
            yamlio.put(tree, key, value)

    path.write_text(yamlio.edit(path.read_text(), change))


def _where(root: Path, pid: str) -> str:
    found = list((root / "proposals").glob(f"*/{pid}.yaml"))
    assert len(found) == 1, found
    return found[0].parent.name


def _data(root: Path, pid: str) -> dict[str, Any]:
    path = root / PID_FILE.format(_where(root, pid), pid)
    return yamlio.load_file(path).data  # type: ignore[no-any-return]


def _run(omc: Invoke, root: Path, *args: str, code: int = 0) -> str:
    result = omc("--data-dir", str(root), *args)
    assert result.exit_code == code, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_from_intake_to_retired(omc: Invoke, git_office: Path) -> None:
    root = git_office
    intake = builders.intake(
        "telehealth-communication-m4n5",
        coordinator="mlopez",
        consultation={"at": "2026-11-10T15:00:00Z", "notes": "Scope agreed."},
    )
    builders.write(root, "intake", "consulted", intake)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "intake consulted")

    # 1. The intake becomes a draft, linked both ways, in one commit.
    out = _run(
        omc,
        root,
        "proposal",
        "new",
        "--from-intake",
        intake["id"],
        "--by",
        "mlopez",
        "--commit",
    )
    pid = next(
        line.split("/")[-1][:-5]
        for line in out.split()
        if line.startswith("proposals/draft/")
    )
    assert (root / "intakes/converted/telehealth-communication-m4n5.yaml").exists()
    assert (
        yamlio.load_file(
            root / "intakes/converted/telehealth-communication-m4n5.yaml"
        ).data["proposal"]
        == pid
    )
    draft = _data(root, pid)
    assert draft["intake"] == intake["id"]
    assert draft["title"] == "Telehealth Patient Communication"
    assert draft["lead"]["email"] == "athompson@example.edu"
    assert git(root, "status", "--porcelain") == ""

    # 2. An incomplete draft cannot be submitted; every problem is listed.
    out = _run(omc, root, "proposal", "advance", pid, "--by", "mlopez", code=1)
    assert f"proposal {pid} (proposals/draft/{pid}.yaml) cannot enter submitted" in out
    assert f"proposals/draft/{pid}.yaml:" in out
    assert "competencies: has 0 items; at least 1 needed" in out
    assert "skills: has 0 items; at least 3 needed" in out

    # 3. The author completes it; it goes through submission to unit review.
    full = builders.proposal(pid, intake=intake["id"])
    path = root / PID_FILE.format("draft", pid)
    keep = {"history", "id", "intake"}
    _set(path, **{k: v for k, v in full.items() if k not in keep})
    git(root, "commit", "-qam", "draft written")
    _run(omc, root, "proposal", "advance", pid, "--by", "mlopez", "--commit")
    _run(omc, root, "proposal", "advance", pid, "--by", "mlopez", "--commit")
    assert _where(root, pid) == "unit-review"

    # 4. A dean may not decide at unit review; the unit head may.
    out = _run(omc, root, "proposal", "advance", pid, "--by", "sramirez", code=1)
    assert (
        "it needs the unit-head of School of Computing and Information Sciences" in out
    )
    assert "who may: Hiro Nakamura (hnakamura)" in out
    _run(
        omc,
        root,
        "proposal",
        "advance",
        pid,
        "--by",
        "hnakamura",
        "--note",
        "Solid.",
        "--commit",
    )
    decision = _data(root, pid)["decisions"][0]
    assert decision["stage"] == "unit-review" and decision["decision"] == "approved"
    assert decision["by"] == "hnakamura" and decision["role"] == "unit-head"
    assert decision["sha256"] == content_hash(_data(root, pid))

    # 5. The dean returns it; the author revises; it is resubmitted as revision 2.
    _run(
        omc,
        root,
        "proposal",
        "return",
        pid,
        "--by",
        "sramirez",
        "--note",
        "Name the rubric levels.",
        "--commit",
    )
    assert _where(root, pid) == "returned"
    returned = _data(root, pid)["decisions"][-1]
    assert (returned["decision"], returned["note"]) == (
        "returned",
        "Name the rubric levels.",
    )
    _set(
        root / PID_FILE.format("returned", pid),
        description="Learners chart data honestly; rubric levels named.",
    )
    git(root, "commit", "-qam", "revised after return")
    _run(omc, root, "proposal", "advance", pid, "--by", "mlopez", "--commit")
    assert (_where(root, pid), _data(root, pid)["revision"]) == ("submitted", 2)

    # 6. The old unit approval was for revision 1: review starts again.
    _run(omc, root, "proposal", "advance", pid, "--by", "mlopez", "--commit")
    for person in ("hnakamura", "sramirez", "ebennett"):
        _run(omc, root, "proposal", "advance", pid, "--by", person, "--commit")
    assert _where(root, pid) == "approved"

    # 7. A change after approval voids every approval; publishing is refused.
    _set(root / PID_FILE.format("approved", pid), title="Telehealth Communication")
    git(root, "commit", "-qam", "title tweak after approval")
    out = _run(omc, root, "proposal", "advance", pid, "--by", "mlopez", code=1)
    assert (
        "unit-review: the approval by hnakamura on 2026-12-04 was for other content"
        in out
    )
    assert "so the dasa-reviewer must approve it again" in out

    # 8. Each reviewer approves the new content again; then it is published.
    for person in ("hnakamura", "sramirez", "wyoung"):
        _run(omc, root, "proposal", "approve", pid, "--by", person, "--commit")
    out = _run(omc, root, "proposal", "advance", pid, "--by", "mlopez", code=1)
    assert "badge.image: assets/badges/data-viz.svg does not exist" in out
    builders.badge_image(root)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "badge image")
    _run(omc, root, "proposal", "advance", pid, "--by", "mlopez", "--commit")
    assert _where(root, pid) == "published"

    # 9. Retired is final.
    _run(
        omc,
        root,
        "proposal",
        "advance",
        pid,
        "--by",
        "kwhite",
        "--note",
        "Superseded.",
        "--commit",
    )
    out = _run(
        omc, root, "proposal", "withdraw", pid, "--by", "kwhite", "--note", "x", code=1
    )
    assert "which is final: nothing moves it" in out

    # The story survives in git: every move is one commit, followed across folders.
    assert git(root, "status", "--porcelain") == ""
    log = git(
        root, "log", "--follow", "--format=%s", "--", PID_FILE.format("retired", pid)
    )
    moves = [line for line in log.splitlines() if line.startswith(f"proposal {pid}:")]
    assert (
        moves[0] == f"proposal {pid}: published → retired by Kendra White (coordinator)"
    )
    assert moves[-1].startswith(f"proposal {pid}: draft → submitted by Marisol López")
    assert len(moves) == 14
    assert (
        f"proposal {pid}: approval for college-review renewed by Sofía Ramírez (dean)"
        in moves
    )

    history = _run(omc, root, "proposal", "history", pid)
    assert "(voided: content changed since)" in history
    assert "college-review → returned by sramirez: returned" in history
    assert history.count("Name the rubric levels.") == 1
    assert "approved at college-review by sramirez (dean)" in history
