"""Writing rendered files into an output folder, and copying badge images.

A site rendered again into the same folder must not keep pages of badges
that were withdrawn since, so each render leaves a manifest of what it wrote
and removes the files of the previous manifest that it did not write again.
Files omc did not write are never touched, and a folder that holds files of
anyone else is not written into unless the user says so.

The site's folder is deployed whole, and review packets hold contact details:
the two never share a folder, nor lie one inside the other, even with --force.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from ..errors import OmcError, UsageError

MANIFEST = ".omc-render.json"
# The manifest's entry while a first render into a folder is under way.
CLAIMED = "claimed-"
RECORD_FOLDERS = ("intakes", "proposals", "assets", "templates", ".omc", ".git")
# How a badge page rendered as a preview says so, in this and earlier versions.
PREVIEW_MARKS = ('<meta name="robots" content="noindex">', 'class="banner preview"')
# How a review packet, an agenda or their index says it is internal.
PACKET_MARKS = ("· internal: contains contact details ·", " · internal · ")
# What a folder holds, by the kinds of render in its manifest: the site's
# (site, badge, preview) or review packets (packets-html, packets-md, ...).
HOLDS = {
    "site": "pages of the public site (omc render site or badge)",
    "packets": "internal review packets (omc render packet)",
}
# Why one family never goes where the other is, and what to do instead.
NEVER = {
    "packets": (
        "review packets are internal and never go where the public site is",
        "render packets into a folder of their own, e.g. --out build/packets",
    ),
    "site": (
        "the site's folder is published whole, so it never holds review packets",
        "render the site into a folder of its own, e.g. --out build/site",
    ),
}


class Output:
    def __init__(self, folder: Path, data_root: Path | None = None) -> None:
        self.folder = folder
        self.written: list[str] = []
        self.folders: set[Path] = set()
        refuse_root_or_home(folder)
        if data_root is not None:
            refuse_data_dir(folder, data_root)

    def claim(self, force: bool = False, family: str = "site") -> None:
        """Write only into an empty folder or one an earlier render made, and
        never where the other family of render is."""
        refuse_mixing(self.folder, family)
        with self.writing(self.folder):
            if self.holds_render():
                return
            if self.folder.exists() and not self.folder.is_dir():
                raise UsageError(
                    f"--out {self.folder} is a file", hint="choose a folder"
                )
            if force or not self.folder.exists() or not any(self.folder.iterdir()):
                # Said first, so that a render cut short is still known as
                # omc's by the next one, which then needs no --force.
                self.folder.mkdir(parents=True, exist_ok=True)
                self._save({CLAIMED + family: []})
                return
        raise UsageError(
            f"--out {self.folder} is not empty, and no omc render made it",
            hint="choose an empty folder, or add --force to write into it anyway "
            "(files of the same names are replaced)",
        )

    def holds_render(self, kind: str = "") -> bool:
        manifest = self.folder / MANIFEST
        return manifest.is_file() and (not kind or kind in _read(manifest))

    @contextmanager
    def writing(self, target: Path) -> Iterator[None]:
        """A folder that cannot be written to is the user's to fix, not a crash."""
        try:
            yield
        except OSError as exc:
            raise OmcError(
                f"cannot write {target}: {exc.strerror or exc}",
                hint=f"make {self.folder} writable, or choose another folder "
                "with --out",
            ) from None

    def path(self, rel: str) -> Path:
        target = self.folder / rel
        if target.parent not in self.folders:
            with self.writing(target.parent):
                target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(target.parent)
        self.written.append(rel)
        return target

    def text(self, rel: str, content: str) -> Path:
        target = self.path(rel)
        with self.writing(target):
            target.write_text(content, encoding="utf-8")
        return target

    def data(self, rel: str, content: bytes) -> Path:
        target = self.path(rel)
        with self.writing(target):
            target.write_bytes(content)
        return target

    def copy(self, source: Path, rel: str) -> Path:
        target = self.path(rel)
        with self.writing(target):
            shutil.copyfile(source, target)
        return target

    def finish(self, kind: str, replaces: tuple[str, ...] = ()) -> list[str]:
        """Record what was written; remove what an earlier render of `kind`, or
        of the kinds it `replaces`, left over."""
        kept = _read(self.folder / MANIFEST)
        before = set(_listed(kept, kind)).union(*(_listed(kept, k) for k in replaces))
        stale = sorted(before - set(self.written))
        self.remove(stale)
        for other in (*replaces, CLAIMED + family_of(kind)):
            kept.pop(other, None)
        kept[kind] = sorted(set(self.written))
        self._save(kept)
        return stale

    def remember(self, kind: str) -> None:
        """Add what was written to the manifest, removing nothing."""
        kept = _read(self.folder / MANIFEST)
        kept.pop(CLAIMED + family_of(kind), None)
        kept[kind] = sorted(set(_listed(kept, kind)) | set(self.written))
        self._save(kept)

    def remove(self, rels: Iterable[str]) -> None:
        """Remove files of earlier renders, and the folders that leaves empty."""
        top = self.folder.resolve()
        for rel in rels:
            target = self.folder / rel
            if target.is_file() and target.resolve().is_relative_to(top):
                with self.writing(target):
                    target.unlink()
                _prune(target.parent, self.folder)

    def previews(self) -> list[str]:
        """Badge pages rendered as previews into this folder and not since."""
        return self._marked("badges/*/index.html", PREVIEW_MARKS)

    def packets(self) -> list[str]:
        """Review packets an omc without the manifest's families wrote here,
        with the PDFs of the same names (a PDF carries no readable mark)."""
        found = self._marked("*.html", PACKET_MARKS) + self._marked(
            "*.md", PACKET_MARKS
        )
        stems = {PurePosixPath(rel).stem for rel in found}
        pdfs = [f"{stem}.pdf" for stem in sorted(stems)]
        return found + [p for p in pdfs if (self.folder / p).is_file()]

    def _marked(self, pattern: str, marks: tuple[str, ...]) -> list[str]:
        written = set(self.written)
        found = []
        for page in self.folder.glob(pattern):
            rel = page.relative_to(self.folder).as_posix()
            if rel not in written and _has_mark(page, marks):
                found.append(rel)
        return sorted(found)

    def _save(self, kept: dict[str, list[str]]) -> None:
        manifest = self.folder / MANIFEST
        with self.writing(manifest):
            manifest.write_text(json.dumps(kept, indent=1) + "\n", encoding="utf-8")


def family_of(kind: str) -> str:
    return "packets" if kind.removeprefix(CLAIMED).startswith("packets") else "site"


def refuse_mixing(folder: Path, mine: str) -> None:
    """Packets never go where the site is, nor the site where packets are."""
    other = "packets" if mine == "site" else "site"
    out = folder.resolve()
    # Below a folder that already holds `mine`, this was checked when it was
    # first rendered into: a site's thousands of folders need no walk.
    found = holder(out, other, deep=not _holds(out, mine))
    if found is None and other == "site" and looks_like_site(out):
        found = out  # a site whose manifest was lost, or never written
    if found is None:
        return
    if found == out:
        where = f"--out {folder} holds {HOLDS[other]}"
    elif found in out.parents:
        where = f"--out {folder} is inside {found}, which holds {HOLDS[other]}"
    else:
        where = f"--out {folder} holds {HOLDS[other]}, in {found}"
    why, hint = NEVER[mine]
    raise UsageError(f"{where}; {why}", hint=hint)


def looks_like_site(folder: Path) -> bool:
    """What only `omc render site` or `render badge` writes is there."""
    if (folder / "sitemap.xml").is_file():
        return True
    return next(folder.glob("badges/*/index.html"), None) is not None


def holder(out: Path, kind: str, deep: bool = True) -> Path | None:
    """The folder `out`, one above it or (if `deep`) one inside it whose
    manifest lists a render of family `kind`."""
    for place in (out, *out.parents):
        if _holds(place, kind):
            return place
    if not deep:
        return None
    for inside, _, files in os.walk(out):  # links are not followed
        if MANIFEST in files and _holds(Path(inside), kind):
            return Path(inside)
    return None


def _holds(folder: Path, kind: str) -> bool:
    return any(family_of(k) == kind for k in _read(folder / MANIFEST))


def _has_mark(page: Path, marks: tuple[str, ...]) -> bool:
    try:
        head = page.read_text("utf-8", errors="replace")
    except OSError:
        return False
    return any(mark in head for mark in marks)


def _prune(folder: Path, top: Path) -> None:
    while folder != top and top in folder.parents:
        try:
            folder.rmdir()
        except OSError:  # not empty: someone else's file, or a page still there
            return
        folder = folder.parent


def _read(manifest: Path) -> dict[str, list[str]]:
    try:
        value = json.loads(manifest.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _listed(kept: dict[str, list[str]], kind: str) -> list[str]:
    value = kept.get(kind)
    return [str(v) for v in value] if isinstance(value, list) else []


def refuse_root_or_home(folder: Path) -> None:
    """Even with --force: replacing files there could harm the whole system."""
    out, home = folder.expanduser().resolve(), Path.home().resolve()
    if out == Path(out.anchor):
        what = "the filesystem root"
    elif out == home:
        what = "your home folder"
    elif out in home.parents:
        what = "a folder that holds your home folder"
    else:
        return
    raise UsageError(
        f"--out {folder} is {what}; omc never renders there",
        hint="choose an empty folder of its own, e.g. --out build/site",
    )


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
    if out in root.parents:
        # What is rendered gets published whole: the records would go along.
        raise UsageError(
            f"--out {folder} holds the data directory {data_root}",
            hint="render into a folder of its own, e.g. --out build/site",
        )
