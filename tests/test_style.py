"""The code stays as STYLE.md asks: ruff-clean, formatted at 88, typed for mypy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import REPO

BIN = Path(sys.executable).parent
SOURCES = ["omc", "tests", "bench"]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True)


def test_ruff_finds_nothing() -> None:
    done = _run(str(BIN / "ruff"), "check", "--no-cache", *SOURCES)
    assert done.returncode == 0, done.stdout


def test_code_is_formatted() -> None:
    done = _run(str(BIN / "ruff"), "format", "--check", "--no-cache", *SOURCES)
    assert done.returncode == 0, done.stdout


def test_mypy_finds_nothing() -> None:
    done = _run(str(BIN / "mypy"), "--no-incremental", "--cache-dir", "/dev/null")
    assert done.returncode == 0, done.stdout


def test_core_never_imports_the_cli_libraries() -> None:
    core = [p for p in (REPO / "omc").rglob("*.py") if "commands" not in p.parts]
    offenders = []
    for path in core:
        if path.name == "cli.py":
            continue
        text = path.read_text()
        if "import typer" in text or "from rich" in text or "import rich" in text:
            offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


def test_modules_stay_well_under_400_lines() -> None:
    long = {
        str(p.relative_to(REPO)): n
        for p in (REPO / "omc").rglob("*.py")
        if (n := len(p.read_text().splitlines())) >= 400
    }
    assert long == {}
