"""Every `Example:` in omc's help works, as written, on the sample office.

A coordinator copies these lines into a terminal; one that fails teaches them
that the help is not to be trusted. Each example runs in a fresh copy of
data/ (a git repository, with origin/main where it is), from a folder that
holds the intake form's export under the name the example uses.
"""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from omc.cli import app

from .conftest import CASES, SAMPLE, Invoke, git

# What an example takes for granted, done first: approve renews approvals of
# content that changed after them, so the content changes.
BEFORE = {
    "omc proposal approve": (
        "proposals/approved/professional-communication-workplace-6x2k.yaml",
        "present an idea in five minutes",
        "present an idea in five minutes or less",
    ),
}
EXAMPLE = re.compile(r"Example: (omc .*?)(?:\n\s*\n|\Z)", re.S)


# typer carries its own copy of click: commands are told apart by their shape.
Command = Any


def _commands(command: Command, path: str = "omc") -> Iterator[tuple[str, str]]:
    """(path, help) of `command` and of every command under it."""
    yield path, command.help or ""
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, f"{path} {name}")


def _tree() -> Command:
    import typer.main

    from omc.commands import GROUPS

    root = typer.main.get_command(app)
    for name in GROUPS:  # groups are loaded when first asked for
        root.commands[name] = root.get_command(None, name)
    return root


def examples() -> list[tuple[str, str]]:
    found = []
    for path, text in _commands(_tree()):
        found += [(path, " ".join(m.split())) for m in EXAMPLE.findall(text)]
    return found


def test_every_command_has_an_example() -> None:
    def leaves(group: Command, path: str) -> Iterator[str]:
        for name, sub in group.commands.items():
            if hasattr(sub, "commands"):
                yield from leaves(sub, f"{path} {name}")
            else:
                yield f"{path} {name}"

    assert set(leaves(_tree(), "omc")) <= {path for path, _ in examples()}


@pytest.mark.parametrize(
    ("command", "example"), examples(), ids=lambda v: v.split(" --")[0][:60]
)
def test_the_example_works_on_the_sample_office(
    omc: Invoke,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    example: str,
) -> None:
    work = tmp_path / "work"
    data = work / "data"
    shutil.copytree(SAMPLE, data, ignore=shutil.ignore_patterns(".omc", "build"))
    shutil.copy(CASES / "intake-form-export.csv", work / "intake-form-export.csv")
    git(data, "init", "-q")
    git(data, "add", "-A")
    git(data, "commit", "-q", "-m", "the sample office")
    git(data, "update-ref", "refs/remotes/origin/main", "HEAD")
    if command in BEFORE:
        rel, old, new = BEFORE[command]
        text = (data / rel).read_text(encoding="utf-8")
        assert old in text
        (data / rel).write_text(text.replace(old, new), encoding="utf-8")
    argv = shlex.split(example)[1:]
    where = (
        {} if "--data-dir" in argv or argv[0] == "init" else {"OMC_DATA_DIR": "data"}
    )
    monkeypatch.chdir(work)
    result = omc(*argv, env=where)
    assert result.exit_code == 0, (example, result.stdout, result.stderr)
