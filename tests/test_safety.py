"""Safety of the data: atomic moves, crashes, a full disk, two omc at once, git."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from omc import files

from . import builders
from .conftest import REPO, Invoke, git

PID = "data-viz-k3f9"
OLD = f"proposals/unit-review/{PID}.yaml"
NEW = f"proposals/college-review/{PID}.yaml"

COMMENTED = textwrap.dedent(
    """\
    # Data visualization badge: reviewed with the chair on 3 October.
    id: data-viz-k3f9   # never change: the intake links here
    revision: 1

    # --- what learners see ---
    title: Applied Data Visualization
    description: Learners turn messy data into honest, readable charts.
    lead:
      name: Maria Fernandez   # primary contact
      email: mfernandez@example.edu
      unit: School of Computing and Information Sciences
    unit: School of Computing and Information Sciences
    college: College of Engineering and Computing
    credit_type: non-credit
    level: intermediate
    workload_hours: 20
    modality: online
    audience: [Undergraduate students]
    competencies:
      # one is enough for the schema; reviewers want three
      - name: Clean data
        outcome: Prepares a messy data set for charting.
        assessment: Notebook project
    skills: [Python, Data visualization, Data cleaning]
    criteria: |
      Complete the notebook project.

    history:
      - at: 2026-10-01T12:00:00Z
        from: null
        to: unit-review
        by: mlopez
    # (history ends here)
    """
)


def _record(office: Path) -> Path:
    path = office / OLD
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(COMMENTED)
    return path


def _exactly_once(office: Path) -> Path:
    found = list((office / "proposals").glob(f"*/{PID}.yaml"))
    assert len(found) == 1, found
    return found[0]


def test_a_move_keeps_every_comment_and_blank_line(omc: Invoke, office: Path) -> None:
    _record(office)
    result = omc(
        "--data-dir", str(office), "proposal", "advance", PID, "--by", "hnakamura"
    )
    assert result.exit_code == 0, result.stderr
    new = (office / NEW).read_text()
    for line in COMMENTED.splitlines():
        assert line in new.splitlines()
    assert new.startswith(COMMENTED.split("    to: unit-review")[0])
    assert new.index("(history ends here)") > new.index("to: college-review")


def _checkpoints(
    office: Path, omc: Invoke, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(files, "_checkpoint", seen.append)
    _record(office)
    assert (
        omc(
            "--data-dir", str(office), "proposal", "advance", PID, "--by", "hnakamura"
        ).exit_code
        == 0
    )
    (office / NEW).unlink()
    return seen


def test_the_move_has_the_expected_steps(
    omc: Invoke, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = f"{PID}.yaml"
    assert _checkpoints(office, omc, monkeypatch) == [
        f"before {name}",
        f"wrote {name}",
        f"moved {name}",
        "done",
    ]


@pytest.mark.parametrize("step", ["before", "wrote", "moved", "done"])
def test_an_exception_between_any_two_steps_leaves_the_record_as_it_was(
    omc: Invoke, office: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    original = _record(office).read_bytes()

    def interrupt(name: str) -> None:
        if name.startswith(step):
            raise RuntimeError(f"injected at {name}")

    monkeypatch.setattr(files, "_checkpoint", interrupt)
    result = omc(
        "--data-dir", str(office), "proposal", "advance", PID, "--by", "hnakamura"
    )
    assert result.exit_code == 3
    assert f"internal error: RuntimeError: injected at {step}" in result.stderr
    assert _exactly_once(office) == office / OLD
    assert (office / OLD).read_bytes() == original
    assert not files.pending(office)


def test_a_full_disk_changes_nothing_and_says_so(
    omc: Invoke, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = _record(office).read_bytes()
    real_fsync = os.fsync
    calls = {"n": 0}

    def fsync(fd: int) -> None:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            calls["n"] += 1
            if calls["n"] == 2:  # the journal is written; the record is not
                raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    result = omc(
        "--data-dir", str(office), "proposal", "advance", PID, "--by", "hnakamura"
    )
    assert result.exit_code == 1
    assert f"error: the disk is full; {PID}.yaml was not written" in result.stderr
    assert "hint: free some space and run the command again" in result.stderr
    assert (office / OLD).read_bytes() == original
    assert _exactly_once(office) == office / OLD
    assert not list(office.rglob("*.tmp"))


KILLER = """
import os, sys
from omc import files
from omc.cli import app
def die(name):
    if name.startswith(sys.argv[1]):
        os._exit(137)
files._checkpoint = die
app(sys.argv[2:])
"""


@pytest.mark.parametrize("step", ["wrote", "moved"])
def test_a_killed_process_is_rolled_back_by_the_next_command(
    omc: Invoke, office: Path, step: str
) -> None:
    original = _record(office).read_bytes()
    args = ["--data-dir", str(office), "proposal", "advance", PID, "--by", "hnakamura"]
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, step, *args], cwd=REPO, capture_output=True
    )
    assert killed.returncode == 137
    assert files.pending(office)
    assert len(list((office / "proposals").glob(f"*/{PID}.yaml"))) == 1

    report = omc("--data-dir", str(office), "validate", "--format", "json")
    assert '"code": "journal"' in report.stdout
    for reader in (["status"], ["proposal", "list"], ["proposal", "show", PID]):
        shown = omc("--data-dir", str(office), *reader)
        assert shown.exit_code == 0
        assert "warning: an omc command was interrupted half way" in shown.stderr
        assert "`omc recover` rolls it back" in shown.stderr

    result = omc("--data-dir", str(office), "recover")
    assert result.exit_code == 0
    assert "rolled back an interrupted change" in result.stdout
    assert (office / OLD).read_bytes() == original
    assert not files.pending(office)
    assert (
        omc(
            "--data-dir", str(office), "proposal", "advance", PID, "--by", "hnakamura"
        ).exit_code
        == 0
    )
    assert _exactly_once(office) == office / NEW


HOLDER = """
import sys, time
from pathlib import Path
from omc.files import Lock
with Lock(Path(sys.argv[1]), "omc proposal advance (held by a test)"):
    print("locked", flush=True)
    time.sleep(30)
"""


def test_a_second_omc_waits_then_names_who_holds_the_lock(
    omc: Invoke, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _record(office)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(office)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert (
            holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        )
        monkeypatch.setenv("OMC_LOCK_WAIT", "0.3")
        result = omc(
            "--data-dir", str(office), "proposal", "advance", PID, "--by", "hnakamura"
        )
    finally:
        holder.kill()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    assert result.exit_code == 1
    assert (
        "the data directory is busy: `omc proposal advance (held by a test)`"
        in result.stderr
    )
    assert f"(pid {holder.pid} on " in result.stderr
    assert (office / OLD).exists()
    assert (
        omc(
            "--data-dir", str(office), "proposal", "advance", PID, "--by", "hnakamura"
        ).exit_code
        == 0
    )


def test_a_change_still_being_made_is_not_called_interrupted(office: Path) -> None:
    journal = office / files.STATE_DIR / files.JOURNAL
    journal.parent.mkdir(parents=True, exist_ok=True)
    journal.write_text('{"originals": []}')
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(office)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        assert files.pending(office) and not files.interrupted(office)
    finally:
        holder.kill()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    assert files.interrupted(office)


def test_two_omc_at_once_both_succeed_and_corrupt_nothing(office: Path) -> None:
    for n in range(6):
        data = builders.proposal(f"badge-{n}-k3f9")
        builders.write(office, "proposal", "unit-review", data)
    env = dict(os.environ, OMC_LOCK_WAIT="20")
    started = time.monotonic()
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "omc",
                "--data-dir",
                str(office),
                "proposal",
                "advance",
                f"badge-{n}-k3f9",
                "--by",
                "hnakamura",
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(6)
    ]
    outcomes = [(run.wait(timeout=60), run.communicate()[1]) for run in runs]
    assert [code for code, _ in outcomes] == [0] * 6, outcomes
    assert time.monotonic() - started < 60
    moved = sorted(
        p.name for p in (office / "proposals/college-review").glob("badge-*.yaml")
    )
    assert moved == [f"badge-{n}-k3f9.yaml" for n in range(6)]
    assert not list((office / "proposals/unit-review").glob("badge-*.yaml"))


def test_tracked_files_move_with_git_mv(omc: Invoke, git_office: Path) -> None:
    _record(git_office)
    git(git_office, "add", "-A")
    git(git_office, "commit", "-qm", "record")
    result = omc(
        "--data-dir", str(git_office), "proposal", "advance", PID, "--by", "hnakamura"
    )
    assert result.exit_code == 0
    status = git(git_office, "status", "--porcelain")
    assert status == f"R  {OLD} -> {NEW}\n"


def test_commit_makes_one_commit_saying_what_moved(
    omc: Invoke, git_office: Path
) -> None:
    _record(git_office)
    (git_office / "unrelated.txt").write_text("staged by someone else\n")
    git(git_office, "add", "-A")
    git(git_office, "commit", "-qm", "record")
    (git_office / "unrelated.txt").write_text("changed, staged, not ours\n")
    git(git_office, "add", "unrelated.txt")
    args = [
        "--data-dir",
        str(git_office),
        "proposal",
        "advance",
        PID,
        "--by",
        "hnakamura",
        "--note",
        "Fine.",
    ]
    assert omc(*args, "--commit").exit_code == 0
    message = git(git_office, "log", "-1", "--format=%B")
    assert message.startswith(
        f"proposal {PID}: unit-review → college-review by Hiro Nakamura (unit-head)"
    )
    assert "Decision: approved at unit-review" in message and "Note: Fine." in message
    changed = git(git_office, "show", "--name-status", "--format=", "HEAD")
    assert changed.split() == ["R091", OLD, NEW] or changed.split()[1:] == [OLD, NEW]
    assert git(git_office, "status", "--porcelain") == "M  unrelated.txt\n"
    follow = git(git_office, "log", "--follow", "--format=%s", "--", NEW)
    assert follow.splitlines() == [message.splitlines()[0], "record"]


def test_commit_without_git_is_refused_and_changes_nothing(
    omc: Invoke, office: Path
) -> None:
    original = _record(office).read_bytes()
    result = omc(
        "--data-dir",
        str(office),
        "proposal",
        "advance",
        PID,
        "--by",
        "hnakamura",
        "--commit",
    )
    assert result.exit_code == 2
    assert (
        "--commit needs the data directory to be in a git repository" in result.stderr
    )
    assert (office / OLD).read_bytes() == original


def test_without_git_installed_commit_and_init_say_so(
    omc: Invoke, git_office: Path, tmp_path: Path
) -> None:
    _record(git_office)
    nogit = {"PATH": str(tmp_path / "empty")}
    args = ["--data-dir", str(git_office), "proposal", "advance", PID]
    result = omc(*args, "--by", "hnakamura", "--commit", env=nogit)
    assert result.exit_code == 2
    assert "--commit needs git, which is not installed (or not on PATH)" in (
        result.stderr
    )
    assert (git_office / OLD).exists()
    made = omc("init", str(tmp_path / "new"), "--name", "Office", env=nogit)
    assert made.exit_code == 0
    assert "warning: git is not installed (or not on PATH)" in made.stderr
    assert not (tmp_path / "new" / ".git").exists()


def test_without_git_a_move_is_a_plain_rename(omc: Invoke, office: Path) -> None:
    _record(office)
    result = omc(
        "--data-dir", str(office), "proposal", "advance", PID, "--by", "hnakamura"
    )
    assert result.exit_code == 0
    assert _exactly_once(office) == office / NEW
    assert not (office / ".git").exists()


def test_a_rolled_back_git_move_leaves_the_index_as_it_was(
    omc: Invoke, git_office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = _record(git_office).read_bytes()
    git(git_office, "add", "-A")
    git(git_office, "commit", "-qm", "record")

    def interrupt(name: str) -> None:
        if name == "done":
            raise RuntimeError("injected after the git mv")

    monkeypatch.setattr(files, "_checkpoint", interrupt)
    args = ["--data-dir", str(git_office), "proposal", "advance", PID]
    assert omc(*args, "--by", "hnakamura").exit_code == 3
    assert git(git_office, "status", "--porcelain") == ""
    assert (git_office / OLD).read_bytes() == original


def test_commit_after_moves_that_were_not_committed(
    omc: Invoke, git_office: Path
) -> None:
    _record(git_office)
    git(git_office, "add", "-A")
    git(git_office, "commit", "-qm", "record")
    args = ["--data-dir", str(git_office), "proposal", "advance", PID]
    assert omc(*args, "--by", "hnakamura").exit_code == 0
    result = omc(*args, "--by", "sramirez", "--commit")
    assert result.exit_code == 0, result.stderr
    assert git(git_office, "status", "--porcelain") == ""
    tree = git(git_office, "ls-tree", "-r", "--name-only", "HEAD", "proposals")
    assert [p for p in tree.splitlines() if PID in p] == [
        f"proposals/dasa-review/{PID}.yaml"
    ]


def test_recovery_moves_a_tracked_record_back_in_git_too(
    omc: Invoke, git_office: Path
) -> None:
    original = _record(git_office).read_bytes()
    git(git_office, "add", "-A")
    git(git_office, "commit", "-qm", "record")
    args = [
        "--data-dir",
        str(git_office),
        "proposal",
        "advance",
        PID,
        "--by",
        "hnakamura",
    ]
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, "moved", *args], cwd=REPO, capture_output=True
    )
    assert killed.returncode == 137
    assert omc("--data-dir", str(git_office), "recover").exit_code == 0
    assert (git_office / OLD).read_bytes() == original
    assert git(git_office, "status", "--porcelain") == ""


def test_git_runs_out_of_reach_of_the_terminals_ctrl_c(
    git_office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from omc import gitio

    seen: list[dict[str, object]] = []
    real = subprocess.Popen

    def spy(*args: object, **kwargs: object) -> subprocess.Popen[str]:
        seen.append(kwargs)
        return real(*args, **kwargs)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(gitio.subprocess, "Popen", spy)
    assert gitio.run(git_office, "status").returncode == 0
    assert seen and all(kwargs.get("start_new_session") for kwargs in seen)
