"""The command line as a whole: finding the data directory, exit codes, help."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from omc import __version__

from .conftest import REPO, Invoke


def test_version(omc: Invoke) -> None:
    result = omc("--version")
    assert (result.exit_code, result.stdout) == (0, f"omc {__version__}\n")


def test_version_and_help_import_nothing_heavy() -> None:
    code = (
        "import sys; from omc.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = {'jsonschema', 'jinja2', 'ruamel', 'rich', 'yaml', 'markdown_it'}\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


def _commands(omc: Invoke, *group: str) -> list[str]:
    help_text = omc(*group, "--help").stdout
    listed = help_text.split("Commands:")[1].splitlines()
    return [
        line.split()[0] for line in listed if line.startswith("  ") and line.split()
    ]


def _all_commands(omc: Invoke) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name in _commands(omc):
        if "Commands:" in omc(name, "--help").stdout:
            found += [(name, sub) for sub in _commands(omc, name)]
        else:
            found.append((name,))
    return found


def test_every_command_has_an_example_in_its_help(omc: Invoke) -> None:
    commands = _all_commands(omc)
    assert ("proposal", "advance") in commands and ("validate",) in commands
    for command in commands:
        text = omc(*command, "--help").stdout
        assert "Example: omc " in text, command


def test_every_command_is_in_the_readme(omc: Invoke) -> None:
    readme = (REPO / "README.md").read_text()
    missing = [
        " ".join(c) for c in _all_commands(omc) if f"omc {' '.join(c)}" not in readme
    ]
    assert missing == []


def test_data_dir_option_env_and_parent_folders(
    omc: Invoke, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert omc("--data-dir", str(office), "validate").exit_code == 0
    assert omc("validate", "--data-dir", str(office)).exit_code == 0
    monkeypatch.setenv("OMC_DATA_DIR", str(office))
    assert omc("validate").exit_code == 0
    monkeypatch.delenv("OMC_DATA_DIR")
    monkeypatch.chdir(office / "proposals" / "draft")
    assert omc("validate").exit_code == 0


def test_no_data_directory_says_how_to_fix_it(omc: Invoke, tmp_path: Path) -> None:
    result = omc("status")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "error: no data directory here: neither this folder"
    )
    assert "hint: cd into one, pass --data-dir DIR, set OMC_DATA_DIR" in result.stderr
    result = omc("--data-dir", str(tmp_path / "nope"), "status")
    assert result.exit_code == 2 and "which has no omc.yaml" in result.stderr


def test_usage_errors_exit_2(omc: Invoke, office: Path) -> None:
    result = omc("--data-dir", str(office), "proposal", "advance")
    assert result.exit_code == 2 and "Missing argument 'ID'" in result.stderr
    assert omc("nonsense").exit_code == 2


def test_an_internal_error_is_short_unless_asked(
    omc: Invoke, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from omc import board

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(board, "build", broken)
    result = omc("--data-dir", str(office), "status")
    assert result.exit_code == 3
    assert result.stderr.startswith("internal error: ZeroDivisionError: boom")
    assert "Traceback" not in result.stderr and "--traceback" in result.stderr
    result = omc("--data-dir", str(office), "--traceback", "status")
    assert (
        result.exit_code == 3 and "Traceback (most recent call last)" in result.stderr
    )


def test_ctrl_c_exits_130(
    omc: Invoke, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from omc import board

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(board, "build", interrupted)
    result = omc("--data-dir", str(office), "status")
    assert (result.exit_code, result.stderr) == (130, "interrupted\n")


def test_runs_as_a_module_and_a_console_script() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "omc", "--version"], capture_output=True, text=True
    )
    assert done.stdout == f"omc {__version__}\n"
    script = Path(sys.executable).parent / "omc"
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert done.stdout == f"omc {__version__}\n"


def test_global_options_may_follow_the_command(omc: Invoke, office: Path) -> None:
    quiet = omc("validate", "-q", "-d", str(office))
    assert (quiet.exit_code, quiet.stdout) == (0, "")
    loud = omc("--data-dir", str(office), "validate")
    assert loud.stdout.startswith("checked ")


ADVANCE = ("proposal", "advance", "cloud-computing-essentials-ttjr", "--by", "mlopez")


def test_a_read_only_data_directory_is_said_plainly(
    omc: Invoke, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os as os_module

    from omc import files

    real_open = os_module.open

    def read_only(path: str, *args: object, **kwargs: object) -> int:
        if str(path).endswith("lock"):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(files.os, "open", read_only)
    result = omc("--data-dir", str(office), *ADVANCE)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: Read-only file system: ")
    assert "hint: the file system is read-only" in result.stderr


def test_a_reader_that_goes_away_is_no_crash(office: Path) -> None:
    command = f"{sys.executable} -m omc --data-dir {office} proposal list | head -1"
    done = subprocess.run(command, shell=True, capture_output=True, text=True, cwd=REPO)
    assert done.stdout.startswith("STATUS")
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def test_a_bad_lock_wait_is_a_usage_error(
    omc: Invoke, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OMC_LOCK_WAIT", "abc")
    result = omc("--data-dir", str(office), *ADVANCE)
    assert result.exit_code == 2
    assert "$OMC_LOCK_WAIT is 'abc', not a number of seconds" in result.stderr


def test_an_empty_omc_yaml_says_what_it_needs(omc: Invoke, office: Path) -> None:
    (office / "omc.yaml").write_text("")
    result = omc("--data-dir", str(office), "status")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: omc.yaml:1:1: file is empty")
    assert "it needs office, issuer and people" in result.stderr


def test_user_text_is_printed_as_typed(omc: Invoke, bare_office: Path) -> None:
    from . import builders

    title = "Smiles :smile: and [bold]brackets[/bold] [/x]"
    builders.write(bare_office, "proposal", "draft", builders.proposal(title=title))
    result = omc("--data-dir", str(bare_office), "proposal", "list")
    assert result.exit_code == 0
    assert title in result.stdout
