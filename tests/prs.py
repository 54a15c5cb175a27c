"""A data repository with a base commit, and pull requests made on a branch.

The office is tests/fixtures/ci-office (the sample office's people, no
records); each test writes the records it relies on.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from omc import workflow, yamlio
from omc.errors import Where
from omc.office import FOLDERS

from . import builders
from .conftest import Invoke, git

FIXTURE = Path(__file__).parent / "fixtures" / "ci-office"
PID = "data-viz-k3f9"
IID = "telehealth-communication-m4n5"
PROPOSAL = "proposals/{}/" + PID + ".yaml"
INTAKE = "intakes/{}/" + IID + ".yaml"


def new_office(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURE / "omc.yaml", root / "omc.yaml")
    builders.badge_image(root)
    (root / ".gitignore").write_text(".omc/\n")
    for kind, folder in FOLDERS.items():
        for status in workflow.build(kind, None, lambda path: Where("")).statuses:
            (root / folder / status).mkdir(parents=True, exist_ok=True)
            (root / folder / status / ".gitkeep").touch()
    return root


def linked_pair(root: Path, proposal_status: str = "draft") -> None:
    """A converted intake and the proposal it became, linked both ways."""
    intake = builders.intake(IID, proposal=PID, coordinator="mlopez")
    intake["history"] += [
        {"at": "2026-11-20T10:00:00Z", "from": s, "to": t, "by": "mlopez"}
        for s, t in (
            ("received", "assigned"),
            ("assigned", "consultation-scheduled"),
            ("consultation-scheduled", "consulted"),
            ("consulted", "converted"),
        )
    ]
    builders.write(root, "intake", "converted", intake)
    builders.write(
        root, "proposal", proposal_status, builders.proposal(PID, intake=IID)
    )


def repository(top: Path, data: str = "") -> Path:
    """A git repository whose `main` holds the office (at `data` inside it),
    checked out on a branch `pr`. Returns the data directory."""
    root = new_office(top / data if data else top)
    linked_pair(root)
    git(top, "init", "-q")
    commit(top, "base: an intake and its proposal")
    git(top, "checkout", "-q", "-b", "pr")
    return root


def commit(folder: Path, message: str) -> None:
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", message)


def run(omc: Invoke, root: Path, *args: str) -> Any:
    return omc("--data-dir", str(root), "validate", *args)


def advance(omc: Invoke, root: Path, verb: str, by: str, *extra: str) -> None:
    result = omc("--data-dir", str(root), "proposal", verb, PID, "--by", by, *extra)
    assert result.exit_code == 0, result.stdout + result.stderr


def to_approved(omc: Invoke, root: Path) -> None:
    """Take the draft through every review, one commit per move, as omc does."""
    for person in ("mlopez", "mlopez", "hnakamura", "sramirez", "ebennett"):
        advance(omc, root, "advance", person, "--commit")


def place(path: Path, needle: str, nth: int = 0) -> str:
    """`line:col` of the `nth` line holding `needle`, at the first character
    after it that is not a space (the value of `key:`)."""
    hits = [i for i, line in enumerate(path.read_text().splitlines()) if needle in line]
    line = path.read_text().splitlines()[hits[nth]]
    after = line.index(needle) + len(needle)
    col = len(line) - len(line[after:].lstrip()) + 1
    return f"{hits[nth] + 1}:{col}"


def at(path: Path, text: str, nth: int = 0) -> str:
    """`line:col` where `text` starts, in the `nth` line holding it."""
    lines = path.read_text().splitlines()
    hits = [i for i, line in enumerate(lines) if text in line]
    return f"{hits[nth] + 1}:{lines[hits[nth]].index(text) + 1}"


def key_place(path: Path, key: str, nth: int = 0) -> str:
    """`line:col` of the key `key:` itself."""
    pattern = re.compile(rf"^(\s*(- )?){re.escape(key)}:")
    lines = path.read_text().splitlines()
    hits = [i for i, line in enumerate(lines) if pattern.match(line)]
    match = pattern.match(lines[hits[nth]])
    assert match is not None
    return f"{hits[nth] + 1}:{len(match.group(1)) + 1}"


def edit(path: Path, **values: Any) -> None:
    """Change keys in place, as an author would, keeping the rest."""

    def change(tree: Any) -> None:
        for key, value in values.items():
            yamlio.put(tree, key, value)

    path.write_text(yamlio.edit(path.read_text(), change))


def data(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yamlio.load_file(path).data
    return loaded


def hand_move(
    root: Path,
    source: str,
    target: str,
    entry: dict[str, Any] | None = None,
    decision: dict[str, Any] | None = None,
) -> Path:
    """Move the proposal with `git mv`, writing history and decision by hand."""
    new = root / PROPOSAL.format(target)
    git(root, "mv", PROPOSAL.format(source), PROPOSAL.format(target))

    def change(tree: Any) -> None:
        for key, item in (("history", entry), ("decisions", decision)):
            if item is None:
                continue
            if tree.get(key) is None:
                yamlio.put(tree, key, [item])
            else:
                yamlio.append(tree[key], item)

    new.write_text(yamlio.edit(new.read_text(), change))
    return new


def step(source: str, target: str, by: str, **more: str) -> dict[str, Any]:
    return {"at": "2026-12-04T15:00:00Z", "from": source, "to": target, "by": by} | more


def decided(
    stage: str, outcome: str, by: str, role: str, sha256: str, **more: str
) -> dict[str, Any]:
    made = {"stage": stage, "decision": outcome, "by": by, "role": role}
    return made | {"at": "2026-12-04T15:00:00Z"} | more | {"sha256": sha256}
