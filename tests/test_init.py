"""`omc init`: a new data directory that validates, with git."""

from __future__ import annotations

from pathlib import Path

from .conftest import Invoke, git


def test_init_creates_a_valid_office_in_git(omc: Invoke, tmp_path: Path) -> None:
    result = omc(
        "init",
        "office",
        "--name",
        "Office of Micro-Credentials",
        "--base-url",
        "https://badges.example.edu",
    )
    assert result.exit_code == 0, result.stderr
    root = tmp_path / "office"
    assert result.stdout == "created data directory office\n"
    assert (root / ".git").is_dir()
    for folder in (
        "intakes/received",
        "intakes/withdrawn",
        "proposals/draft",
        "proposals/dasa-review",
        "proposals/retired",
        "assets",
    ):
        assert (root / folder / ".gitkeep").exists(), folder
    config = (root / "omc.yaml").read_text()
    assert 'base_url: "https://badges.example.edu/"' in config
    assert 'name: "Test Runner"' in config and 'email: "runner@example.edu"' in config
    assert ".omc/" in (root / ".gitignore").read_text()
    assert omc("--data-dir", str(root), "validate").exit_code == 0
    assert (
        omc(
            "--data-dir",
            str(root),
            "proposal",
            "new",
            "--title",
            "First badge",
            "--by",
            "runner",
        ).exit_code
        == 0
    )


def test_init_refuses_to_overwrite(omc: Invoke, tmp_path: Path) -> None:
    assert omc("init", "office").exit_code == 0
    config = (tmp_path / "office" / "omc.yaml").read_text()
    result = omc("init", "office")
    assert result.exit_code == 1
    assert "office is already a data directory (omc.yaml exists)" in result.stderr
    assert (tmp_path / "office" / "omc.yaml").read_text() == config


def test_init_on_a_file_says_so(omc: Invoke, tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("mine")
    result = omc("init", "notes")
    assert result.exit_code == 2
    assert "notes is a file, not a folder" in result.stderr
    under = omc("init", "notes/office")
    assert under.exit_code == 1
    assert "part of that path is a file where a folder is needed" in under.stderr
    assert (tmp_path / "notes").read_text() == "mine"


def test_init_inside_a_repository_does_not_nest_git(
    omc: Invoke, tmp_path: Path
) -> None:
    git(tmp_path, "init", "-q")
    assert omc("init", "data").exit_code == 0
    assert not (tmp_path / "data" / ".git").exists()


def test_init_without_git(omc: Invoke, tmp_path: Path) -> None:
    assert omc("init", "plain", "--no-git").exit_code == 0
    assert not (tmp_path / "plain" / ".git").exists()


def test_a_refused_init_leaves_nothing_behind(omc: Invoke, tmp_path: Path) -> None:
    result = omc("init", "office", "--base-url", "javascript:alert(1)")
    assert result.exit_code == 1
    assert "office.base_url" in result.stderr and "nothing was written" in result.stderr
    assert not (tmp_path / "office").exists()
    assert (
        omc("init", "office", "--base-url", "https://badges.example.edu/").exit_code
        == 0
    )


def test_a_name_on_two_lines_is_refused_not_joined(omc: Invoke, tmp_path: Path) -> None:
    result = omc("init", "office", "--name", "Office of\nMicro-Credentials")
    assert result.exit_code == 2
    assert "--name holds a line break or another control character" in result.stderr
    assert not (tmp_path / "office").exists()
    quoted = omc("init", "quoted", "--name", 'The "A\\B" Office', "--no-git")
    assert quoted.exit_code == 0, quoted.stderr
    from omc import yamlio

    config = yamlio.load_file(tmp_path / "quoted" / "omc.yaml").data
    assert config["office"]["name"] == 'The "A\\B" Office'
