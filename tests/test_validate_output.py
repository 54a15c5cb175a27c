"""How `omc validate` reports: GitHub annotations and step summary, -q, -v,
NO_COLOR, the progress bar, --jobs, and where the data directory is."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest

from omc import parallel, report, store, validate
from omc.commands import reporting
from omc.problems import Problem

from . import builders, prs
from .conftest import Invoke, git
from .prs import PID, PROPOSAL


def _report(*problems: Problem) -> validate.Report:
    result = validate.Report(list(problems), checked=3, records=2)
    result.sort()
    return result


def test_github_annotations_escape_what_github_reads_as_syntax() -> None:
    odd = Problem(
        "proposals/draft/a,b:c%.yaml",
        3,
        7,
        "title",
        "50% done:\nsecond line, with comma",
        "fix it\r\nnow",
    )
    warning = Problem(
        "intakes/received/x.yaml",
        None,
        None,
        "",
        "gone",
        code="deleted",
        severity="warning",
    )
    assert list(report.github_lines(_report(odd, warning), "data/")) == [
        "::warning file=data/intakes/received/x.yaml,title=omc deleted::gone",
        "::error file=data/proposals/draft/a%2Cb%3Ac%25.yaml,line=3,col=7,"
        "title=omc schema::title: 50%25 done:%0Asecond line, with comma "
        "(fix it%0D%0Anow)",
    ]


def test_the_step_summary_is_a_table_of_every_problem() -> None:
    problems = [
        Problem("proposals/draft/x.yaml", 2, 5, "skills", "has 1 | 2 items", "add <b>"),
        Problem(
            "proposals/draft/y.yaml",
            None,
            None,
            "",
            "gone",
            code="deleted",
            severity="warning",
        ),
    ]
    assert report.markdown_summary(_report(*problems), "data/") == (
        "## omc validate\n"
        "\n"
        "checked 3 files: 1 error in 1 file and 1 warning\n"
        "\n"
        "| | file | line | key | problem | what to do |\n"
        "|---|---|---|---|---|---|\n"
        "| error | `data/proposals/draft/x.yaml` | 2:5 | `skills` | has 1 \\| 2 items "
        "| add &lt;b&gt; |\n"
        "| warning | `data/proposals/draft/y.yaml` |  |  | gone |  |\n"
    )


def test_json_is_versioned_and_complete() -> None:
    problem = Problem("proposals/draft/x.yaml", 2, 5, "skills", "too few", "add one")
    assert json.loads(report.as_json(_report(problem))) == {
        "version": 1,
        "ok": False,
        "since": None,
        "checked": 3,
        "errors": 1,
        "warnings": 0,
        "problems": [
            {
                "path": "proposals/draft/x.yaml",
                "line": 2,
                "col": 5,
                "key": "skills",
                "message": "too few",
                "hint": "add one",
                "code": "schema",
                "severity": "error",
            }
        ],
    }


def _subfolder_pr(omc: Invoke, top: Path) -> Path:
    root = prs.repository(top, "data")
    prs.hand_move(root, "draft", "submitted")
    return root


def test_in_a_subfolder_github_paths_start_at_the_repository_root(
    omc: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    top = tmp_path / "repo"
    root = _subfolder_pr(omc, top)
    monkeypatch.chdir(root / "proposals")
    result = omc("validate", "--changed-since", "main", "--format", "github")
    assert result.exit_code == 1
    files = {
        line.split("file=")[1].split(",")[0] for line in result.stdout.splitlines()
    }
    assert files == {"data/proposals/submitted/data-viz-k3f9.yaml"}
    assert "moved from draft to submitted by hand" in result.stdout


def test_pre_commit_from_the_repository_root_finds_the_data_directory(
    omc: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    top = tmp_path / "repo"
    root = _subfolder_pr(omc, top)
    monkeypatch.chdir(top)
    result = omc("validate", "data/" + PROPOSAL.format("submitted"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(
        "data/proposals/submitted/data-viz-k3f9.yaml:"
    )
    assert root.is_dir()


def test_quiet_prints_problems_only(omc: Invoke, tmp_path: Path) -> None:
    root = prs.new_office(tmp_path / "office")
    good = omc("-q", "--data-dir", str(root), "validate")
    assert (good.exit_code, good.stdout, good.stderr) == (0, "", "")
    builders.write(root, "proposal", "draft", builders.proposal(PID, level="expert"))
    bad = omc("-q", "--data-dir", str(root), "validate")
    draft = PROPOSAL.format("draft")
    assert bad.exit_code == 1 and bad.stdout == ""
    assert bad.stderr.splitlines() == [
        f"office/{draft}:{prs.place(root / draft, 'level:')}: level: 'expert' is not "
        "one of: "
        "foundational, intermediate, advanced"
    ]


def test_verbose_says_what_it_checks(
    omc: Invoke, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = prs.repository(tmp_path / "repo")
    prs.advance(omc, root, "advance", "mlopez")
    caplog.set_level(logging.INFO, logger="omc")
    assert (
        omc(
            "-v", "--data-dir", str(root), "validate", "--changed-since", "main"
        ).exit_code
        == 0
    )
    said = [r.getMessage() for r in caplog.records if r.name == "omc"]
    assert "1 records differ from main" in said
    assert "checking 1 record files and omc.yaml" in said


@pytest.mark.parametrize(("no_color", "colored"), [("", True), ("1", False)])
def test_no_color(omc: Invoke, tmp_path: Path, no_color: str, colored: bool) -> None:
    root = prs.new_office(tmp_path / "office")
    builders.write(root, "proposal", "draft", builders.proposal(PID, level="x"))
    env = {"FORCE_COLOR": "1", "NO_COLOR": no_color, "TERM": "xterm-256color"}
    result = omc("--data-dir", str(root), "validate", env=env)
    assert result.exit_code == 1
    assert ("\x1b[31m" in result.stderr or "\x1b[1;31m" in result.stderr) is colored
    assert "level: 'x' is not one of" in result.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_progress_bar_on_a_terminal_for_many_files(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    screen = _Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    monkeypatch.setenv("TERM", "xterm")
    with reporting.Bar(enabled=True) as progress:
        for done in range(1, 151):
            progress(done, 150)
    assert "checking" in screen.getvalue()
    quiet = _Terminal()
    monkeypatch.setattr("sys.stderr", quiet)
    with reporting.Bar(enabled=True) as progress:
        progress(5, 5)
    with reporting.Bar(enabled=False) as progress:
        progress(500, 500)
    assert quiet.getvalue() == ""


def _many(root: Path, count: int) -> None:
    for n in range(count):
        changes = {"level": "expert"} if n % 3 == 0 else {}
        if n % 5 == 0:
            changes["skills"] = ["one"]
        record = builders.proposal(f"badge-{n:03d}-a1b2", **changes)
        builders.write(root, "proposal", "submitted" if n % 2 else "draft", record)
    builders.write(root, "proposal", "returned", builders.proposal("badge-007-a1b2"))


def test_the_report_is_the_same_whatever_the_number_of_processes(
    omc: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = prs.new_office(tmp_path / "office")
    _many(root, 80)
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 1)
    outputs = set()
    for jobs in ("1", "2", "4"):
        text = omc("--data-dir", str(root), "validate", "-j", jobs)
        as_json = omc("--data-dir", str(root), "validate", "-j", jobs, "-f", "json")
        outputs.add((text.exit_code, text.stdout, text.stderr, as_json.stdout))
    assert len(outputs) == 1
    exit_code, _, stderr, _ = outputs.pop()
    assert exit_code == 1 and len(stderr.splitlines()) > 50


def test_changed_since_reads_only_what_changed_and_what_links_reach(
    omc: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    top = tmp_path / "repo"
    root = prs.new_office(top)
    prs.linked_pair(root)
    for n in range(300):
        builders.write(
            root, "proposal", "draft", builders.proposal(f"other-{n:03d}-a1b2")
        )
    git(top, "init", "-q")
    prs.commit(top, "base")
    prs.edit(root / PROPOSAL.format("draft"), title="Honest Charts")
    reads: list[str] = []
    real = store.read

    def counting(ref: store.Ref) -> store.Record:
        reads.append(ref.rel)
        return real(ref)

    monkeypatch.setattr(store, "read", counting)
    result = prs.run(omc, root, "--changed-since", "HEAD", "-j", "1")
    assert result.exit_code == 0, result.stderr
    assert sorted(reads) == [
        "intakes/converted/telehealth-communication-m4n5.yaml",
        PROPOSAL.format("draft"),
    ]
    reads.clear()
    assert prs.run(omc, root, "-j", "1").exit_code == 0
    assert len(reads) == 302


def test_a_changed_omc_yaml_checks_every_record(omc: Invoke, tmp_path: Path) -> None:
    root = prs.repository(tmp_path / "repo")
    config = root / "omc.yaml"
    config.write_text(
        config.read_text().replace("  - id: hnakamura\n", "  - id: hnakamura2\n")
    )
    result = prs.run(omc, root, "--changed-since", "main", "-f", "json")
    assert json.loads(result.stdout)["checked"] == 3


def test_changed_since_needs_git_and_a_commit(omc: Invoke, tmp_path: Path) -> None:
    plain = prs.new_office(tmp_path / "plain")
    result = prs.run(omc, plain, "--changed-since", "main")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"error: --changed-since needs git, and {plain} is not in a git work tree"
    )
    root = prs.repository(tmp_path / "repo")
    result = prs.run(omc, root, "--changed-since", "origin/main")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: 'origin/main' is not a commit in {root}",
        "  hint: fetch it first (in CI: check out with fetch-depth: 0)",
    ]


def test_json_says_why_when_nothing_could_be_checked(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    cases = [
        (("--data-dir", str(office), "validate", "--changed-since", "nosuch"), 2),
        (("--data-dir", str(tmp_path / "nowhere"), "validate"), 2),
    ]
    for args, code in cases:
        result = omc(*args, "--format", "json")
        assert result.exit_code == code
        document = json.loads(result.stdout)
        assert document["ok"] is False and document["problems"] == []
        assert document["error"]["exit_code"] == code
        assert document["error"]["message"] in result.stderr


def test_a_step_summary_that_cannot_be_written_does_not_hide_the_result(
    omc: Invoke, office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path))  # a folder
    result = omc("--data-dir", str(office), "validate", "--format", "github")
    assert result.exit_code == 0
    assert "warning: cannot write the step summary to GITHUB_STEP_SUMMARY" in (
        result.stderr
    )
    assert "all valid" in result.stderr


def test_a_negative_number_of_jobs_is_a_usage_error(omc: Invoke, office: Path) -> None:
    for command in (["validate"], ["render", "site", "--out", "out"]):
        result = omc("--data-dir", str(office), *command, "--jobs", "-1")
        assert result.exit_code == 2
        assert "-1 is not in the range x>=0" in result.stderr
