"""The CI files `omc init` writes, the hook omc ships, and that both run what
they say (issue 4)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from omc import __version__, yamlio

from . import prs
from .conftest import REPO, Invoke, git


def _load(path: Path) -> Any:
    # omc's loader reads YAML 1.2, as GitHub does: `on:` stays the word "on".
    return yamlio.load_file(path).data


def _hooks_file() -> list[dict[str, Any]]:
    # pre-commit reads it with PyYAML, and so does this test.
    text = (REPO / ".pre-commit-hooks.yaml").read_text()
    data: list[dict[str, Any]] = yaml.safe_load(text)
    return data


def _steps(workflow: dict[str, Any]) -> dict[str, dict[str, Any]]:
    steps = workflow["jobs"]["validate"]["steps"]
    return {step.get("name") or step["uses"].split("@")[0]: step for step in steps}


def test_init_writes_a_github_workflow(omc: Invoke, tmp_path: Path) -> None:
    assert omc("init", "office").exit_code == 0
    workflow = _load(tmp_path / "office/.github/workflows/omc.yml")
    assert set(workflow["on"]) == {"pull_request", "push"}
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert workflow["permissions"] == {"contents": "read"}
    assert "defaults" not in workflow
    steps = _steps(workflow)
    assert steps["actions/checkout"]["with"] == {"fetch-depth": 0}
    assert "python-version" in steps["actions/setup-python"]["with"]
    assert (
        steps["Install omc"]["run"]
        == f'pip install "omc-microcredentials=={__version__}"'
    )
    pull = steps["Check what this pull request changes"]
    assert pull["if"] == "github.event_name == 'pull_request'"
    assert pull["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert pull["run"] == (
        'omc validate --changed-since "origin/$BASE_REF" --format github'
    )
    push = steps["Check every record"]
    assert push["if"] == "github.event_name == 'push'"
    assert push["run"] == "omc validate --format github"


def test_init_writes_a_pre_commit_configuration(omc: Invoke, tmp_path: Path) -> None:
    assert omc("init", "office").exit_code == 0
    config = _load(tmp_path / "office/.pre-commit-config.yaml")
    [repo] = config["repos"]
    [hook] = repo["hooks"]
    assert repo["repo"] == "local"
    assert (hook["id"], hook["entry"], hook["language"]) == (
        "omc-validate",
        "omc validate",
        "python",
    )
    assert hook["additional_dependencies"] == [f"omc-microcredentials=={__version__}"]
    assert hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    for path in ("omc.yaml", "proposals/draft/x-a1b2.yaml", "intakes/received/y.yml"):
        assert files.search(path), path
    for path in ("assets/badges/x.svg", "README.md", "proposals/x.yaml", "a/omc.yaml"):
        assert not files.search(path), path


def test_in_a_subfolder_of_a_repository_the_ci_files_name_it(
    omc: Invoke, tmp_path: Path
) -> None:
    git(tmp_path, "init", "-q")
    assert omc("init", "offices/main").exit_code == 0
    root = tmp_path / "offices/main"
    workflow = _load(root / ".github/workflows/omc.yml")
    assert workflow["defaults"] == {"run": {"working-directory": "offices/main"}}
    [hook] = _load(root / ".pre-commit-config.yaml")["repos"][0]["hooks"]
    files = re.compile(hook["files"])
    assert files.search("offices/main/proposals/draft/x-a1b2.yaml")
    assert not files.search("proposals/draft/x-a1b2.yaml")


def test_the_ci_files_are_committed_with_the_office(
    omc: Invoke, tmp_path: Path
) -> None:
    assert omc("init", "office").exit_code == 0
    root = tmp_path / "office"
    git(root, "add", "-A")
    tracked = git(root, "ls-files").split()
    assert ".github/workflows/omc.yml" in tracked
    assert ".pre-commit-config.yaml" in tracked


def test_the_workflow_commands_run_on_a_pull_request(
    omc: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pull-request step, run as GitHub would in a clone of the office."""
    root = prs.repository(tmp_path / "origin")
    git(root, "checkout", "-q", "main")
    git(tmp_path, "clone", "-q", str(root), "clone")
    clone = tmp_path / "clone"
    git(clone, "checkout", "-q", "-b", "feature")
    monkeypatch.chdir(clone)
    assert omc("init", str(tmp_path / "spare")).exit_code == 0
    steps = _steps(_load(tmp_path / "spare/.github/workflows/omc.yml"))
    pull = steps["Check what this pull request changes"]["run"]
    args = shlex.split(pull.replace("$BASE_REF", "main"))[1:]
    good = omc(*args)
    assert (good.exit_code, good.stdout) == (0, "")
    git(clone, "mv", prs.PROPOSAL.format("draft"), prs.PROPOSAL.format("approved"))
    bad = omc(*args)
    assert bad.exit_code == 1
    assert bad.stdout.startswith(
        f"::error file={prs.PROPOSAL.format('approved')},line=1,col=1,title=omc move::"
        "moved from draft to approved by hand"
    )
    full = shlex.split(steps["Check every record"]["run"])[1:]
    assert omc(*full).exit_code == 1


def test_omc_ships_a_pre_commit_hook() -> None:
    [hook] = _hooks_file()
    assert hook["id"] == "omc-validate"
    assert (hook["entry"], hook["language"]) == ("omc validate", "python")
    assert hook["pass_filenames"] is True and hook["require_serial"] is True
    files = re.compile(hook["files"])
    for path in (
        "omc.yaml",
        "data/omc.yaml",
        "proposals/draft/x-a1b2.yaml",
        "data/intakes/received/y-c3d4.yml",
    ):
        assert files.search(path), path
    for path in ("assets/x.svg", "data/proposals/x.yaml", "docs/notes.yaml"):
        assert not files.search(path), path


def test_the_hook_runs_from_the_repository_root_with_file_names(
    omc: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pre-commit calls `entry` with the staged files that match, from the top."""
    top = tmp_path / "repo"
    root = prs.repository(top, "data")
    (root / prs.PROPOSAL.format("draft")).write_text("id: data-viz-k3f9\nlevel: x\n")
    git(top, "add", "-A")
    staged = git(top, "diff", "--cached", "--name-only").split()
    [hook] = _hooks_file()
    matched = [p for p in staged if re.search(hook["files"], p)]
    monkeypatch.chdir(top)
    result = omc(*shlex.split(hook["entry"])[1:], *matched)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "data/proposals/draft/data-viz-k3f9.yaml:2:8: level: 'x' is not one of: "
        "foundational, intermediate, advanced"
    )


def test_the_workflow_runs_on_the_branch_git_made(omc: Invoke, tmp_path: Path) -> None:
    from .conftest import git

    git(tmp_path, "init", "-q", "-b", "trunk", "repo")
    result = omc(
        "init", "repo/office", "--omc-source", "git+https://git.example.edu/omc.git@v1"
    )
    assert result.exit_code == 0, result.stderr
    workflow = yamlio.load_file(tmp_path / "repo/office/.github/workflows/omc.yml").data
    assert workflow["on"]["push"] == {"branches": ["trunk"]}
    steps = {s.get("name"): s for s in workflow["jobs"]["validate"]["steps"]}
    assert (
        steps["Install omc"]["run"]
        == 'pip install "git+https://git.example.edu/omc.git@v1"'
    )
