"""What `--changed-since` asks git: the change of a branch, whatever its base
did since, and names as they are on disk."""

from __future__ import annotations

import json
from pathlib import Path

from . import builders, prs
from .conftest import Invoke, git
from .prs import PID, PROPOSAL


def test_what_the_base_gained_since_the_branch_left_is_not_the_change(
    omc: Invoke, tmp_path: Path
) -> None:
    top = tmp_path / "repo"
    root = prs.repository(top)
    git(top, "checkout", "-q", "main")
    prs.advance(omc, root, "advance", "mlopez", "--commit")
    git(top, "checkout", "-q", "pr")
    builders.write(root, "proposal", "draft", builders.proposal("new-one-b2b2"))
    result = prs.run(omc, root, "--changed-since", "main", "--format", "json")
    report = json.loads(result.stdout)
    assert (result.exit_code, report["problems"], report["checked"]) == (0, [], 2)
    assert (root / PROPOSAL.format("draft")).exists()


def test_a_file_name_with_accents_is_checked_not_skipped(
    omc: Invoke, tmp_path: Path
) -> None:
    root = prs.repository(tmp_path / "repo")
    odd = root / "proposals/draft/café-a1b2.yaml"
    odd.write_text("id: café-a1b2\n")
    result = prs.run(omc, root, "--changed-since", "main", "--format", "json")
    paths = {p["path"] for p in json.loads(result.stdout)["problems"]}
    assert paths == {"proposals/draft/café-a1b2.yaml"}
    assert result.exit_code == 1
    assert PID in (root / PROPOSAL.format("draft")).read_text()
