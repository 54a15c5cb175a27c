"""`omc init`: a new, valid data directory with its folders and settings."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from . import gitio, workflow
from .errors import Refused
from .office import CONFIG, FOLDERS, open_office

GITIGNORE = "# omc's lock and journal of half-done changes\n.omc/\n# what omc renders\nbuild/\n"


@dataclass(frozen=True)
class Created:
    root: Path
    files: list[Path]
    git: bool


def init(
    root: Path,
    *,
    name: str,
    base_url: str,
    institution: str,
    admin_name: str,
    admin_email: str,
    git: bool = True,
) -> Created:
    """Create a data directory at `root`; refuse if one is already there."""
    if (root / CONFIG).exists():
        raise Refused(
            f"{root} is already a data directory ({CONFIG} exists)",
            hint="omc init never overwrites one; pick an empty folder",
        )
    root.mkdir(parents=True, exist_ok=True)
    written = [_write(root / CONFIG, _config(name, base_url, institution, admin_name, admin_email))]
    written.append(_write(root / ".gitignore", GITIGNORE, keep=True))
    for kind, folder in FOLDERS.items():
        flow = workflow.build(kind, None, lambda path: None)  # type: ignore[arg-type,return-value]
        for status in flow.statuses:
            written.append(_write(root / folder / status / ".gitkeep", ""))
    written.append(_write(root / "assets" / ".gitkeep", ""))
    open_office(root)
    made_repo = False
    if git and gitio.available() and gitio.Repo.find(root) is None:
        gitio.Repo.init(root)
        made_repo = True
    return Created(root, [p for p in written if p is not None], made_repo)


def _write(path: Path, text: str, keep: bool = False) -> Path | None:
    if keep and path.exists():
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _config(name: str, base_url: str, institution: str, admin_name: str, admin_email: str) -> str:
    template = resources.files("omc").joinpath("starter.yaml").read_text("utf-8")
    handle = admin_email.split("@")[0].lower().replace("+", "-") or "admin"
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
