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


def test_files_at_a_commit_come_from_one_git_call_whatever_they_hold(
    tmp_path: Path,
) -> None:
    from omc import gitio

    top = tmp_path / "repo"
    (top / "a folder").mkdir(parents=True)
    files = {
        "a folder/with spaces.yaml": "title: one\r\nnote: CRLF kept\r\n",
        "é.yaml": "title: accented name\n",
        "empty.yaml": "",
        "binary.bin": "\x00\x01 no newline at the end",
    }
    for rel, text in files.items():
        (top / rel).write_bytes(text.encode("utf-8"))
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "files")
    repo = gitio.Repo(top)
    asked = [*files, "not-there.yaml", "a folder", "bad\nname.yaml"]
    found = repo.show_many("HEAD", asked)
    assert found == {
        **files,
        "not-there.yaml": None,
        "a folder": None,
        "bad\nname.yaml": None,
    }
    assert repo.show("HEAD", "é.yaml") == files["é.yaml"]
