"""Writing rendered files into an output folder, and copying badge images.

A site rendered again into the same folder must not keep pages of badges
that were withdrawn since, so each render leaves a manifest of what it wrote
and removes the files of the previous manifest that it did not write again.
Files omc did not write are never touched.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..errors import InvalidData, UsageError, Where
from . import svg

MANIFEST = ".omc-render.json"
RECORD_FOLDERS = ("intakes", "proposals", "assets", "templates", ".omc", ".git")


class Output:
    def __init__(self, folder: Path, data_root: Path | None = None) -> None:
        self.folder = folder
        self.written: list[str] = []
        self.folders: set[Path] = set()
        if data_root is not None:
            refuse_data_dir(folder, data_root)

    def path(self, rel: str) -> Path:
        target = self.folder / rel
        if target.parent not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(target.parent)
        self.written.append(rel)
        return target

    def text(self, rel: str, content: str) -> Path:
        target = self.path(rel)
        target.write_text(content, encoding="utf-8")
        return target

    def data(self, rel: str, content: bytes) -> Path:
        target = self.path(rel)
        target.write_bytes(content)
        return target

    def copy(self, source: Path, rel: str) -> Path:
        target = self.path(rel)
        shutil.copyfile(source, target)
        return target

    def finish(self, kind: str) -> list[str]:
        """Record what was written; remove what an earlier render left over."""
        manifest = self.folder / MANIFEST
        before = _previous(manifest, kind)
        stale = sorted(set(before) - set(self.written))
        for rel in stale:
            target = self.folder / rel
            if target.is_file() and target.resolve().is_relative_to(
                self.folder.resolve()
            ):
                target.unlink()
        kept = _read(manifest)
        kept[kind] = sorted(set(self.written))
        manifest.write_text(json.dumps(kept, indent=1) + "\n", encoding="utf-8")
        return stale


def _read(manifest: Path) -> dict[str, list[str]]:
    try:
        value = json.loads(manifest.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _previous(manifest: Path, kind: str) -> list[str]:
    value = _read(manifest).get(kind)
    return [str(v) for v in value] if isinstance(value, list) else []


def refuse_data_dir(folder: Path, data_root: Path) -> None:
    """Rendered files never land among the records they were made from."""
    out, root = folder.resolve(), data_root.resolve()
    inside_records = any(
        out == root / name or (root / name) in out.parents for name in RECORD_FOLDERS
    )
    if out == root or inside_records:
        raise UsageError(
            f"--out {folder} would write into the data directory",
            hint="render into a folder of its own, e.g. --out build/site",
        )


def badge_image(data_root: Path, image: str) -> Path:
    """The file of a badge image in assets/, checked before it is published."""
    assets = (data_root / "assets").resolve()
    source = (assets / image).resolve()
    where = Where(f"assets/{image}")
    if not source.is_relative_to(assets) or not source.is_file():
        raise InvalidData("badge image not found", where=where)
    if source.suffix.lower() == ".svg":
        _check_svg(source, where)
    return source


def _check_svg(source: Path, where: Where) -> None:
    try:
        svg.check(source.read_bytes())
    except svg.Unsafe as exc:
        raise InvalidData(
            f"unsafe SVG, not published: it contains {exc.reason}",
            hint="remove that part, or export the image again as a plain SVG "
            "(no script, links, DOCTYPE or embedded HTML) or as PNG",
            where=Where(where.path, exc.line),
        ) from None
