"""`omc validate`: every file of a data directory checked, every problem placed.

The result is a `Report` of `Problem`s; how it is shown (text, json, github)
is the reporters' business (omc/report.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import files, schemas, store, yamlio
from .errors import InvalidData, Where
from .office import CONFIG, FOLDERS, Office, open_office
from .problems import Problem, schema_problems
from .review import content_hash
from .workflow import Workflow

Progress = Callable[[int], None]


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    checked: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def files_with_errors(self) -> int:
        return len({p.path for p in self.errors})

    def sort(self) -> None:
        self.problems = sorted(set(self.problems), key=lambda p: (p.path, p.line or 0, p.col or 0, p.key, p.message))


FACTS = ("intake", "proposal", "decisions", "badge", "unit", "college", "coordinator", "revision")


@dataclass
class Summary:
    """What the checks across files need to know of one record.

    It is small on purpose: workers of `--jobs` send it back to the main process.
    """

    kind: str
    id: str
    status: str
    rel: str
    path: Path
    data: dict[str, Any]
    sha256: str

    def where(self, key: tuple[str | int, ...]) -> Where:
        """The place of `key` in the file, read again only when a problem needs it."""
        try:
            return yamlio.load_file(self.path, self.rel).where(key)
        except InvalidData:
            return Where(self.rel, key=yamlio.format_path(key))


@dataclass
class FileResult:
    problems: list[Problem]
    summary: Summary | None


def check_file(flows: dict[str, Workflow], ref: store.Ref) -> FileResult:
    """The checks of one record that need nothing but the record itself."""
    try:
        record = store.read(ref)
    except InvalidData as exc:
        return FileResult([Problem.from_error(exc, "yaml")], None)
    flow = flows[ref.kind]
    problems: list[Problem] = []
    status = flow.statuses.get(ref.status)
    if status is None:
        problems.append(Problem(ref.rel, None, None, "", f"'{ref.status}' is not a {ref.kind} status", "move the file into one of: " + ", ".join(flow.statuses), code="folder"))
    schema = _schema_name(ref.kind, lenient=bool(status and status.lenient))
    problems += schema_problems(record.doc, schemas.validator(schema))
    problems += _identity(record)
    facts = {k: record.data[k] for k in FACTS if k in record.data}
    history = record.data.get("history")
    facts["moves"] = len(history) if isinstance(history, list) else 0
    summary = Summary(ref.kind, ref.id, ref.status, ref.rel, ref.path, facts, content_hash(record.data))
    return FileResult(problems, summary)


def _schema_name(kind: str, lenient: bool) -> str:
    if kind == "proposal":
        return "proposal-draft" if lenient else "proposal"
    return kind


def _identity(record: store.Record) -> list[Problem]:
    data, doc, problems = record.data, record.doc, []
    if isinstance(data.get("id"), str) and data["id"] != record.id:
        problems.append(Problem.at(doc.where(["id"]), f"id '{data['id']}' differs from the file name '{record.id}.yaml'", hint="rename the file or fix the id; they must agree", code="id"))
    if "status" in data and data["status"] != record.status:
        problems.append(Problem.at(doc.where(["status"]), f"says '{data['status']}' but the file is in the '{record.status}' folder", hint="the folder is the status: move the file with omc, or fix this key", code="status"))
    history = data.get("history")
    if isinstance(history, list) and history and isinstance(history[-1], dict):
        last = history[-1].get("to")
        if last is not None and last != record.status:
            where = doc.where(["history", len(history) - 1, "to"])
            problems.append(Problem.at(where, f"the last move recorded ends in '{last}', but the file is in '{record.status}'", hint="the file was moved by hand; move it back and use `omc`, or record the move", code="history"))
    return problems


def validate(
    root: Path,
    paths: Iterable[Path] | None = None,
    *,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Report:
    """Check `paths` (default: the whole data directory)."""
    report = Report()
    office = _office(root, report)
    refs = store.scan(office)
    chosen = _choose(office, refs, paths, report)
    results = _run(office.workflows, chosen, jobs, progress)
    summaries = []
    for result in results:
        report.problems += result.problems
        if result.summary is not None:
            summaries.append(result.summary)
    report.checked = len(chosen) + 1
    from .crosscheck import cross_checks

    report.problems += cross_checks(office, refs, summaries)
    if files.pending(office.root):
        report.problems.append(Problem(f"{files.STATE_DIR}/{files.JOURNAL}", None, None, "", "a change was interrupted and is half done", "run any omc command that changes records (for example `omc recover`) to roll it back", code="journal"))
    report.sort()
    return report


def _office(root: Path, report: Report) -> Office:
    try:
        return open_office(root)
    except InvalidData as exc:
        report.problems += [p if isinstance(p, Problem) else Problem.from_error(p, "config") for p in exc.problems] or [Problem.from_error(exc, "config")]
        return _fallback_office(root)


def _fallback_office(root: Path) -> Office:
    """The default workflows and no people: enough to check records against."""
    from . import workflow

    doc = yamlio.loads("office: {}\n", CONFIG)
    office = Office(root=root, settings={"office": {}}, doc=doc)
    for kind in workflow.KINDS:
        office.workflows[kind] = workflow.build(kind, None, lambda path: Where(CONFIG))
    return office


def _choose(office: Office, refs: list[store.Ref], paths: Iterable[Path] | None, report: Report) -> list[store.Ref]:
    if paths is None:
        return refs
    wanted = [p.resolve() for p in paths]
    chosen = []
    for ref in refs:
        resolved = ref.path.resolve()
        if any(resolved == w or w in resolved.parents for w in wanted):
            chosen.append(ref)
    for path in wanted:
        if not path.exists():
            report.problems.append(Problem(office.relative(path), None, None, "", "no such file", code="missing"))
    return chosen


def _run(flows: dict[str, Workflow], refs: list[store.Ref], jobs: int, progress: Progress | None) -> list[FileResult]:
    if jobs > 1 and len(refs) >= 200:
        from .parallel import check_parallel

        return check_parallel(flows, refs, jobs, progress)
    results = []
    for done, ref in enumerate(refs, 1):
        results.append(check_file(flows, ref))
        if progress is not None:
            progress(done)
    return results


__all__ = ["Report", "Summary", "FileResult", "check_file", "validate", "FOLDERS"]
