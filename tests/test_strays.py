"""A YAML file where omc reads no record is a record nobody would see: every
kind of check says so, rather than "all valid"."""

from __future__ import annotations

import json
from pathlib import Path

from . import builders, prs
from .conftest import Invoke

HIDDEN = "intakes/received/old/telehealth-communication-m4n5.yaml"
LOOSE = "proposals/data-viz-k3f9.yaml"
SHOUTED = "proposals/draft/OLD-DRAFT.YAML"


def _plant(root: Path) -> None:
    builders.write(root, "intake", "received", builders.intake(prs.IID))
    for rel in (HIDDEN, LOOSE, SHOUTED):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("id: x\ntitle: somewhere omc never looks\n")
    (root / "proposals/README.md").write_text("notes are not records\n")
    (root / "proposals/draft/.hidden").mkdir()
    (root / "proposals/draft/.hidden/editor.yaml").write_text("a: 1\n")


def _problems(omc: Invoke, root: Path, *args: str) -> list[tuple[str, str]]:
    result = prs.run(omc, root, *args, "--format", "json")
    document = json.loads(result.stdout)
    assert result.exit_code == (0 if document["ok"] else 1)
    return [(p["path"], p["code"]) for p in document["problems"]]


def test_a_full_check_names_each_yaml_file_out_of_place(
    omc: Invoke, tmp_path: Path
) -> None:
    root = prs.new_office(tmp_path / "office")
    _plant(root)
    assert _problems(omc, root) == [
        (HIDDEN, "folder"),
        (LOOSE, "folder"),
        (SHOUTED, "folder"),
    ]
    result = prs.run(omc, root)
    said = "omc reads no record here: records live in intakes/<status>/<id>.yaml"
    assert said in result.stdout + result.stderr


def test_a_check_of_a_folder_names_those_inside_it(omc: Invoke, tmp_path: Path) -> None:
    root = prs.new_office(tmp_path / "office")
    _plant(root)
    assert _problems(omc, root, str(root / "intakes/received")) == [(HIDDEN, "folder")]
    assert _problems(omc, root, str(root / "intakes/assigned")) == []


def test_a_pull_request_adding_one_names_it(omc: Invoke, tmp_path: Path) -> None:
    root = prs.repository(tmp_path / "repo")
    _plant(root)
    found = _problems(omc, root, "--changed-since", "main")
    assert (HIDDEN, "folder") in found and (LOOSE, "folder") in found
    assert (SHOUTED, "folder") in found
    assert not [p for p in found if "README" in p[0] or ".hidden" in p[0]]
