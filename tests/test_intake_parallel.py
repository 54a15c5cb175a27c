"""Several omc processes entering intakes at once, in one git repository."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from .conftest import git

PROCESSES = 8


def _run_together(root: Path, commands: list[list[str]]) -> list[tuple[int, str]]:
    """Start every command before waiting for any; each one's exit code and stderr."""
    # Long enough for all of them to take the lock in turn, as people would wait.
    env = os.environ | {"OMC_LOCK_WAIT": "60"}
    running = [
        subprocess.Popen(
            [sys.executable, "-m", "omc", "--data-dir", str(root), *command],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in commands
    ]
    outcomes = []
    for process in running:
        _out, err = process.communicate(timeout=120)
        outcomes.append((process.returncode, err))
    return outcomes


def _tracked_intakes(root: Path) -> list[str]:
    listed = git(root, "ls-files", "intakes/received")
    return [line for line in listed.splitlines() if line.endswith(".yaml")]


def test_parallel_new_intakes_are_each_written_and_committed(
    git_office: Path,
) -> None:
    before = len(_tracked_intakes(git_office))
    commands = [
        ["intake", "new", "--no-interactive", "--commit", "--by", "mlopez",
         "--title", f"Lab Safety {n}", "--name", f"Kim Ng {n}",
         "--email", f"kng{n}@example.edu"]
        for n in range(PROCESSES)
    ]  # fmt: skip

    outcomes = _run_together(git_office, commands)

    assert [code for code, _ in outcomes] == [0] * PROCESSES, outcomes
    assert git(git_office, "status", "--porcelain") == ""
    assert len(_tracked_intakes(git_office)) == before + PROCESSES
    subjects = git(git_office, "log", f"-{PROCESSES}", "--format=%s").splitlines()
    assert sorted(s.rsplit("(", 1)[-1] for s in subjects) == sorted(
        f"Lab Safety {n})" for n in range(PROCESSES)
    )


def test_parallel_imports_are_each_written_and_committed(
    git_office: Path, tmp_path: Path
) -> None:
    before = len(_tracked_intakes(git_office))
    (tmp_path / "columns.yaml").write_text(
        "columns: {Email: contact.email, Name: contact.name, Title: title}\n"
    )
    exports = []
    for n in range(PROCESSES // 2):
        export = tmp_path / f"export-{n}.csv"
        with export.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(
                [["Email", "Name", "Title"]]
                + [[f"p{n}{m}@example.edu", f"Pat {n}{m}", "Welding"] for m in (1, 2)]
            )
        exports.append(export)
    commands = [
        ["intake", "import", str(export), "--map", str(tmp_path / "columns.yaml"),
         "--commit", "--by", "mlopez"]
        for export in exports
    ]  # fmt: skip

    outcomes = _run_together(git_office, commands)

    assert [code for code, _ in outcomes] == [0] * len(exports), outcomes
    assert git(git_office, "status", "--porcelain") == ""
    assert len(_tracked_intakes(git_office)) == before + 2 * len(exports)
