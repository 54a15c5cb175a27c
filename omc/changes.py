"""`omc validate --changed-since REF`: check what a pull request changes.

git says which files differ between REF (the pull request's base) and the
work tree. Only the records among them are read and checked, with the checks
across files reading the few other records their links lead to, so the cost
follows the size of the change, not of the office. Each record that changed
folder is also checked against the workflow (omc/moves.py).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import gitio, store, yamlio
from .crosscheck import cross_checks, link_checks
from .errors import InvalidData, UsageError
from .index import Index, Summary
from .moves import Before, check_move
from .office import CONFIG, FOLDERS, Office
from .problems import Problem
from .validate import Progress, Report, check_files, finish, load_office, stray

log = logging.getLogger("omc")

KIND_OF = {folder: kind for kind, folder in FOLDERS.items()}
# The keys that link records: each names a record of the kind it is called.
LINKS = ("intake", "proposal")


@dataclass(frozen=True)
class Change:
    """One record between REF and the work tree; paths are data-relative."""

    kind: str
    id: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class Diff:
    records: list[Change]
    config: bool
    strays: list[str] = field(default_factory=list)  # YAML where no record is read


def validate_changes(
    root: Path,
    since: str,
    paths: Iterable[Path] | None = None,
    *,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Report:
    """Check the records that differ from `since`, and how they moved."""
    report = Report(since=since)
    office = load_office(root, report)
    repo = _repo(root)
    # From where the branch left REF: what REF gained since is not this change.
    base = repo.merge_base(since) or since
    diff = collect(repo, root, base)
    log.info("%d records differ from %s", len(diff.records), since)
    refs = store.scan(office)
    changed = [c for c in diff.records if _wanted(root, c, paths)]
    targets = _targets(refs, changed, everything=diff.config and paths is None)
    report.problems += [
        stray(rel) for rel in diff.strays if _wanted_path(root, rel, paths)
    ]
    summaries = check_files(office, targets, report, jobs, progress)
    index = Index(refs, summaries)
    report.problems += cross_checks(office, index, summaries)
    befores = _befores(repo, root, base, changed)
    report.problems += _moves(office, root, since, changed, befores, refs)
    report.problems += link_checks(index, _neighbours(index, summaries, befores))
    log.info("read %d more records for links and ids", index.reads)
    finish(office, report)
    return report


def _repo(root: Path) -> gitio.Repo:
    repo = gitio.Repo.find(root)
    if repo is None:
        raise UsageError(
            f"--changed-since needs git, and {root} is not in a git work tree",
            hint="run it in a clone of the data repository, or leave the option out",
        )
    return repo


def collect(repo: gitio.Repo, root: Path, since: str) -> Diff:
    """The records that differ from `since`, each paired across folders by id."""
    under = repo.rel(root)
    under = "" if under == "." else under
    old: dict[tuple[str, str], list[str]] = defaultdict(list)
    new: dict[tuple[str, str], list[str]] = defaultdict(list)
    config = False
    strays = []
    for entry in repo.changes(since, under):
        for path, side in ((entry.old, old), (entry.new, new)):
            rel = _inside(path, under)
            config = config or rel == CONFIG
            found = _record(rel)
            if rel is not None and found is not None and rel not in side[found]:
                side[found].append(rel)
            elif side is new and found is None and _misplaced(rel):
                strays.append(str(rel))
    records = []
    for key in sorted(old.keys() | new.keys()):
        before = old[key][0] if old[key] else None
        afters: list[str | None] = list(new[key]) or [None]
        records += [Change(*key, before, after) for after in afters]
    return Diff(records, config, sorted(set(strays)))


def _misplaced(rel: str | None) -> bool:
    """A YAML file inside intakes/ or proposals/ but not where records are."""
    if rel is None:
        return False
    parts = rel.split("/")
    name = parts[-1]
    return (
        parts[0] in KIND_OF
        and name.lower().endswith(store.SUFFIXES)
        and not any(p.startswith(".") for p in parts)
    )


def _inside(path: str | None, under: str) -> str | None:
    if path is None or not under:
        return path
    prefix = under.rstrip("/") + "/"
    return path[len(prefix) :] if path.startswith(prefix) else None


def _record(rel: str | None) -> tuple[str, str] | None:
    """(kind, id) of a record file's data-relative path, or None."""
    if rel is None:
        return None
    parts = rel.split("/")
    if len(parts) != 3 or parts[0] not in KIND_OF:
        return None
    name = Path(parts[2])
    if name.suffix not in store.SUFFIXES or name.name.startswith("."):
        return None
    return KIND_OF[parts[0]], name.stem


def _wanted(root: Path, change: Change, paths: Iterable[Path] | None) -> bool:
    return _wanted_path(root, str(change.new or change.old), paths)


def _wanted_path(root: Path, rel: str, paths: Iterable[Path] | None) -> bool:
    if paths is None:
        return True
    full = (root / rel).resolve()
    return any(full == p.resolve() or p.resolve() in full.parents for p in paths)


def _targets(
    refs: list[store.Ref], changed: list[Change], everything: bool
) -> list[store.Ref]:
    if everything:
        # omc.yaml changed: people, roles or the workflow may affect any record.
        log.info("%s changed: checking every record", CONFIG)
        return refs
    wanted = {c.new for c in changed if c.new}
    return [ref for ref in refs if ref.rel in wanted]


def _befores(
    repo: gitio.Repo, root: Path, since: str, changed: list[Change]
) -> dict[Change, Before]:
    """Each changed record as it was at `since`, read from git in one call."""
    under = repo.rel(root)
    prefix = "" if under == "." else under + "/"
    found = {}
    olds = [c for c in changed if c.old is not None]
    texts = repo.show_many(since, [prefix + str(c.old) for c in olds])
    for change in olds:
        assert change.old is not None
        text = texts[prefix + change.old]
        try:
            data = yamlio.loads(text or "", change.old).data
        except InvalidData:
            data = {}
        status = change.old.split("/")[1]
        found[change] = Before(status, data if isinstance(data, dict) else {})
    return found


def _moves(
    office: Office,
    root: Path,
    since: str,
    changed: list[Change],
    befores: dict[Change, Before],
    refs: list[store.Ref],
) -> list[Problem]:
    present = {(ref.kind, ref.id) for ref in refs}
    problems = []
    for change in changed:
        if change.new is None:
            # A second copy removed while the record lives on is a clean-up.
            if (change.kind, change.id) not in present:
                problems.append(_deleted(change, since))
            continue
        try:
            doc = yamlio.load_file(root / change.new, change.new)
        except InvalidData:
            continue  # the file's own check reports why it cannot be read
        status = change.new.split("/")[1]
        before = befores.get(change)
        problems += check_move(office, change.kind, status, doc, before, since)
    return problems


def _neighbours(
    index: Index, summaries: list[Summary], befores: dict[Change, Before]
) -> list[Summary]:
    """Unchanged records that a changed record links to, or linked to before:
    a link broken from the other side shows there."""
    checked = {(s.kind, s.id) for s in summaries}
    wanted: set[tuple[str, str]] = set()
    for data in [s.data for s in summaries] + [b.data for b in befores.values()]:
        for key in LINKS:
            if isinstance(data.get(key), str):
                wanted.add((key, data[key]))
    found = [index.find(kind, rid) for kind, rid in sorted(wanted - checked)]
    return [s for s in found if s is not None]


def _deleted(change: Change, since: str) -> Problem:
    assert change.old is not None
    return Problem(
        change.old,
        None,
        None,
        "",
        f"{change.kind} {change.id} was deleted (it existed at {since})",
        f"a record stays for the record: withdraw, decline or retire it with "
        f"`omc {change.kind}` instead, or restore it with "
        f"`git checkout {since} -- {change.old}`",
        code="deleted",
        severity="warning",
    )
