"""Shared fixtures: a real data directory in tmp_path, the CLI runner, git.

Two guards hold for every test: nothing may be written inside this repository
(the sample office in data/ above all) or under $HOME, and the clock is pinned
so that dates in records and messages are the same on every run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data"
# The office's real inputs (cases/) and the Open Badges schema (external/) lie
# beside the repository, not in it; $OMC_SHARED points elsewhere.
SHARED = Path(os.environ.get("OMC_SHARED") or REPO.parent / "shared")
CASES = SHARED / "cases"
if not (CASES.is_dir() and (SHARED / "external").is_dir()):
    raise pytest.UsageError(
        f"the tests read {SHARED}/cases and {SHARED}/external, which are missing: "
        "clone omc beside the shared folder, or set OMC_SHARED to where it is"
    )
NOW = "2026-12-04T15:00:00Z"

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_CHANGES = (
    "os.remove", "os.rmdir", "os.mkdir", "os.truncate", "shutil.rmtree", "os.chmod",
)  # fmt: skip
_guard: dict[str, object] = {"on": False}


def _forbidden(path: object) -> bool:
    if not isinstance(path, (str, bytes, os.PathLike)):
        return False
    target = Path(os.fsdecode(path)).absolute()
    for root in (REPO, Path.home()):
        if target == root or root in target.parents:
            inside = target.relative_to(root).parts
            return not any(
                p
                in (
                    "__pycache__",
                    ".pytest_cache",
                    ".hypothesis",
                    ".mypy_cache",
                    ".ruff_cache",
                )
                for p in inside
            )
    return False


def _audit(event: str, args: tuple[object, ...]) -> None:
    if not _guard["on"]:
        return
    if event == "open" and len(args) >= 3:
        path, mode, flags = args[0], args[1], args[2]
        writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & _WRITE_FLAGS
        )
        if writes and _forbidden(path):
            raise PermissionError(f"test wrote outside its folder: {path}")
    elif event in ("os.rename", "os.replace", "os.link", "os.symlink"):
        if _forbidden(args[0]) or _forbidden(args[1]):
            raise PermissionError(
                f"test moved a file outside its folder: {args[0]} -> {args[1]}"
            )
    elif event in _CHANGES and _forbidden(args[0]):
        raise PermissionError(f"test changed {args[0]}, outside its folder")


sys.addaudithook(_audit)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    home = tmp_path / "home"
    home.mkdir()
    gitconfig = home / ".gitconfig"
    gitconfig.write_text(
        "[user]\n\tname = Test Runner\n\temail = runner@example.edu\n"
        "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n"
    )
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("OMC_NOW", NOW)
    monkeypatch.setenv("OMC_LOCK_WAIT", "1")
    monkeypatch.setenv("OMC_CACHE_DIR", str(tmp_path / "cache"))
    for name in (
        "OMC_DATA_DIR",
        "OMC_USER",
        "NO_COLOR",
        "GITHUB_STEP_SUMMARY",
        "OMC_TRACEBACK",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    _guard["on"] = True
    try:
        yield
    finally:
        _guard["on"] = False


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A copy of the sample office in data/, in its own folder."""
    root = tmp_path / "office"
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns(".omc", "build"))
    return root


@pytest.fixture
def bare_office(tmp_path: Path) -> Path:
    """The sample office's omc.yaml with no records at all."""
    root = tmp_path / "bare"
    root.mkdir()
    shutil.copy(SAMPLE / "omc.yaml", root / "omc.yaml")
    return root


@pytest.fixture
def git_office(office: Path) -> Path:
    """The sample office as a git repository with one commit."""
    git(office, "init", "-q")
    git(office, "add", "-A")
    git(office, "commit", "-q", "-m", "sample office")
    return office


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    )
    return done.stdout


Invoke = Callable[..., Result]


@pytest.fixture
def omc() -> Invoke:
    """Run the CLI in-process; stdout and stderr are kept apart."""
    from omc.cli import app

    runner = CliRunner()

    def invoke(
        *args: str, input: str | None = None, env: dict[str, str] | None = None
    ) -> Result:
        return runner.invoke(
            app, list(args), input=input, env=env, catch_exceptions=False
        )

    return invoke
