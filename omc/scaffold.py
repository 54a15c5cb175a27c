"""`omc init`: a new, valid data directory with its folders and settings."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from . import __version__, gitio, schemas, workflow, yamlio
from .errors import InvalidData, Refused, UsageError, Where
from .office import CONFIG, FOLDERS
from .problems import schema_problems

# The name omc is installed by; "omc" on the package index is someone else's.
DISTRIBUTION = "omc-microcredentials"

GITIGNORE = (
    "# omc's lock and journal of half-done changes\n.omc/\n# what omc renders\nbuild/\n"
)


@dataclass(frozen=True)
class Created:
    root: Path
    files: list[Path]
    git: bool
    git_missing: bool = False  # git was wanted but is not installed


def init(
    root: Path,
    *,
    name: str,
    base_url: str,
    institution: str,
    admin_name: str,
    admin_email: str,
    git: bool = True,
    omc_source: str = "",
) -> Created:
    """Create a data directory at `root`; refuse if one is already there.

    Everything is checked before the first file is written, so a refused
    init leaves nothing behind to block the next attempt.
    """
    if root.exists() and not root.is_dir():
        raise UsageError(
            f"{root} is a file, not a folder",
            hint="give the folder to create the data directory in",
        )
    if (root / CONFIG).exists():
        raise Refused(
            f"{root} is already a data directory ({CONFIG} exists)",
            hint="omc init never overwrites one; pick an empty folder",
        )
    config = _config(name, base_url, institution, admin_name, admin_email)
    _check_config(config)
    root.mkdir(parents=True, exist_ok=True)
    repo = gitio.Repo.find(root) if gitio.available() else None
    made_repo = False
    if git and gitio.available() and repo is None:
        repo = gitio.Repo.init(root)
        made_repo = True
    written = [_write(root / CONFIG, config)]
    written.append(_write(root / ".gitignore", GITIGNORE, keep=True))
    source = omc_source or f"{DISTRIBUTION}=={__version__}"
    branch = repo.branch() if repo else "main"
    written += ci_files(root, repo.rel(root) if repo else ".", source, branch)
    for kind, folder in FOLDERS.items():
        for status in workflow.build(kind, None, _nowhere).statuses:
            written.append(_write(root / folder / status / ".gitkeep", ""))
    written.append(_write(root / "assets" / ".gitkeep", ""))
    made = [p for p in written if p is not None]
    return Created(root, made, made_repo, git and not gitio.available())


def _nowhere(path: tuple[str | int, ...]) -> Where:
    return Where("omc/workflow.yaml")


def _check_config(text: str) -> None:
    """Refuse settings (a bad address, a bad email) before writing anything."""
    doc = yamlio.loads(text, CONFIG)
    problems = schema_problems(doc, schemas.validator("config"))
    if problems:
        first = problems[0]
        raise InvalidData(
            f"omc init was given {first.key} = {_value(doc, first.key)}: "
            f"{first.message}",
            hint="nothing was written; run omc init again with a valid value",
        )


def _value(doc: yamlio.Document, key: str) -> str:
    value: object = doc.data
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return repr(value)


def ci_files(root: Path, under: str, source: str, branch: str) -> list[Path | None]:
    """GitHub Actions and pre-commit set up to run omc on this data directory.

    `under` is where the data directory lies in its repository ("." at the
    top); the files still go into the data directory, but they name it, so
    that moving them to the repository's top is all a subfolder needs.
    `source` is what pip installs omc from; `branch` the one a full check
    runs on.
    """
    inner = "" if under == "." else under.rstrip("/") + "/"
    defaults = ""
    if inner:
        defaults = f"\ndefaults:\n  run:\n    working-directory: {json.dumps(under)}\n"
    values = {
        "source": json.dumps(source),
        "branch": json.dumps(branch),
        "defaults": defaults,
        "prefix": re.escape(inner),
    }
    return [
        _write(
            root / ".github/workflows/omc.yml",
            _template("ci-workflow.yaml", values),
            keep=True,
        ),
        _write(
            root / ".pre-commit-config.yaml",
            _template("ci-pre-commit.yaml", values),
            keep=True,
        ),
    ]


def _template(name: str, values: dict[str, str]) -> str:
    # @name@ markers: the workflow's own ${{ }} and $VARS must stay as they are.
    text = resources.files("omc").joinpath(name).read_text("utf-8")
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    return text


def _write(path: Path, text: str, keep: bool = False) -> Path | None:
    if keep and path.exists():
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _config(
    name: str, base_url: str, institution: str, admin_name: str, admin_email: str
) -> str:
    template = resources.files("omc").joinpath("starter.yaml").read_text("utf-8")
    handle = admin_email.split("@")[0].lower().replace("+", "-") or "admin"
    given = {"--name": name, "--institution": institution}
    given |= {"--admin-name": admin_name, "--admin-email": admin_email}
    for option, text in given.items():
        if any(ord(c) < 32 or ord(c) == 127 for c in text):
            raise UsageError(
                f"{option} holds a line break or another control character",
                hint="give it on one line; nothing was written",
            )
    values = {
        "name": name,
        "institution": institution,
        "base_url": base_url.rstrip("/") + "/",
        "admin_id": "".join(c for c in handle if c.isalnum() or c in "._-") or "admin",
        "admin_name": admin_name,
        "admin_email": admin_email,
        "description": f"Micro-credentials issued by the {name}, {institution}.",
    }
    return template.format(**{k: _quote(v) for k, v in values.items()})


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
