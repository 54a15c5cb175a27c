"""`omc validate`: every file of a data directory checked, every problem placed.

The result is a `Report` of `Problem`s; how it is shown (text, json, github)
is the reporters' business (omc/report.py). `--changed-since` lives in
omc/changes.py and reuses the pieces here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import files, parallel, schemas, store, yamlio
from .crosscheck import cross_checks
from .errors import InvalidData, Where
from .index import Index, Summary, summarise
from .office import CONFIG, Office, open_office
from .problems import Problem, schema_problems
from .rules import office_problems
from .workflow import Workflow, article

log = logging.getLogger("omc")

# (done, total): called as files are checked, for a progress bar.
Progress = Callable[[int, int], None]


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    checked: int = 0
    records: int = 0
    since: str | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def files_with_errors(self) -> int:
        return len({p.path for p in self.errors})

    def sort(self) -> None:
        """One order whatever the number of processes: by file, then place."""
        self.problems = sorted(
            set(self.problems),
            key=lambda p: (p.path, p.line or 0, p.col or 0, p.key, p.message, p.code),
        )


@dataclass
class FileResult:
    problems: list[Problem]
    summary: Summary | None


def check_file(office: Office, ref: store.Ref) -> FileResult:
    """Read a record and check it against everything but other records."""
    try:
        record = store.read(ref)
    except InvalidData as exc:
        return FileResult([Problem.from_error(exc, "yaml")], None)
    return FileResult(check_record(office, record), summarise(record))


def _check_shared(shared: dict[str, Office], ref: store.Ref) -> FileResult:
    return check_file(shared["office"], ref)


def check_record(office: Office, record: store.Record) -> list[Problem]:
    """The checks of one record that need nothing but it and omc.yaml."""
    ref = record.ref
    flow = office.workflows[ref.kind]
    status = flow.statuses.get(ref.status)
    problems = [] if status else [_not_a_status(ref, flow)]
    # In a folder that is no status, "required" would only add noise.
    lenient = status is None or status.lenient
    schema = schemas.validator(_schema_name(ref.kind, lenient))
    problems += schema_problems(record.doc, schema)
    problems += identity_problems(record)
    problems += office_problems(office, record)
    return problems


def _not_a_status(ref: store.Ref, flow: Workflow) -> Problem:
    return Problem(
        ref.rel,
        None,
        None,
        "",
        f"'{ref.status}' is not {article(ref.kind)} {ref.kind} status",
        "move the file into one of: " + ", ".join(flow.statuses),
        code="folder",
    )


def _schema_name(kind: str, lenient: bool) -> str:
    if kind == "proposal":
        return "proposal-draft" if lenient else "proposal"
    return kind


def identity_problems(record: store.Record) -> list[Problem]:
    """The file name, the folder and what the file says about itself agree."""
    data, doc, problems = record.data, record.doc, []
    if isinstance(data.get("id"), str) and data["id"] != record.id:
        problems.append(
            Problem.at(
                doc.where(["id"]),
                f"id '{data['id']}' differs from the file name '{record.ref.name}'",
                hint="rename the file or fix the id; they must agree",
                code="id",
            )
        )
    if "status" in data and data["status"] != record.status:
        problems.append(
            Problem.at(
                doc.where(["status"]),
                f"says '{data['status']}' but the file is in the "
                f"'{record.status}' folder",
                hint="the folder is the status: move the file with omc, "
                "or fix this key",
                code="status",
            )
        )
    return problems + _last_move(record)


def _last_move(record: store.Record) -> list[Problem]:
    history = record.data.get("history")
    if not (isinstance(history, list) and history and isinstance(history[-1], dict)):
        return []
    last = history[-1].get("to")
    if last is None or last == record.status:
        return []
    where = record.doc.where(["history", len(history) - 1, "to"])
    return [
        Problem.at(
            where,
            f"the last move recorded ends in '{last}', but the file is in "
            f"'{record.status}'",
            hint=f"the file was moved by hand; move it back to {last} and let omc "
            "move it, or record the move",
            code="history",
        )
    ]


def validate(
    root: Path,
    paths: Iterable[Path] | None = None,
    *,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Report:
    """Check `paths` (default: the whole data directory)."""
    report = Report()
    office = load_office(root, report)
    refs = store.scan(office)
    chosen = refs if paths is None else _choose(office, refs, paths, report)
    report.problems += stray_problems(office, paths)
    summaries = check_files(office, chosen, report, jobs, progress)
    report.problems += cross_checks(office, Index(refs, summaries), summaries)
    finish(office, report)
    return report


def check_files(
    office: Office,
    refs: list[store.Ref],
    report: Report,
    jobs: int,
    progress: Progress | None,
) -> list[Summary]:
    """Check each file on its own; return what the checks across files need."""
    log.info("checking %d record files and %s", len(refs), CONFIG)
    summaries = []
    for ref, result in zip(refs, _run(office, refs, jobs, progress), strict=True):
        report.problems += result.problems
        if result.summary is not None:
            # From a worker, the summary brings a copy of the ref: keep one.
            result.summary.ref = ref
            summaries.append(result.summary)
    report.checked += len(refs)
    report.records += len(refs)
    return summaries


def finish(office: Office, report: Report) -> None:
    if files.pending(office.root):
        report.problems.append(
            Problem(
                f"{files.STATE_DIR}/{files.JOURNAL}",
                None,
                None,
                "",
                "a change was interrupted and is half done",
                "run `omc recover` to roll it back",
                code="journal",
            )
        )
    report.sort()


def load_office(root: Path, report: Report) -> Office:
    """omc.yaml, checked; when it is broken, its problems and a stand-in office."""
    report.checked += 1
    try:
        return open_office(root)
    except InvalidData as exc:
        found = [p for p in exc.problems if isinstance(p, Problem)]
        found += [
            Problem.from_error(p, "config")
            for p in exc.problems
            if isinstance(p, InvalidData)
        ]
        report.problems += found or [Problem.from_error(exc, "config")]
        return _fallback_office(root)


def _fallback_office(root: Path) -> Office:
    """The default workflows and no people: enough to check records against."""
    from . import workflow

    doc = yamlio.loads("office: {}\n", CONFIG)
    office = Office(root=root, settings={"office": {}}, doc=doc)
    for kind in workflow.KINDS:
        office.workflows[kind] = workflow.build(kind, None, lambda path: Where(CONFIG))
    return office


def stray_problems(office: Office, paths: Iterable[Path] | None) -> list[Problem]:
    """A YAML file where omc looks for no record is a record nobody sees."""
    wanted = None if paths is None else [p.resolve() for p in paths]
    problems = []
    for rel in store.strays(office):
        full = (office.root / rel).resolve()
        if wanted is not None and not any(
            full == w or w in full.parents for w in wanted
        ):
            continue
        problems.append(stray(rel))
    return problems


def stray(rel: str) -> Problem:
    kind = rel.split("/", 1)[0]
    return Problem(
        rel,
        None,
        None,
        "",
        f"omc reads no record here: records live in {kind}/<status>/<id>.yaml",
        f"move it into one of the status folders of {kind}/, or out of {kind}/ "
        "if it is not a record",
        code="folder",
    )


def _choose(
    office: Office, refs: list[store.Ref], paths: Iterable[Path], report: Report
) -> list[store.Ref]:
    wanted = [p.resolve() for p in paths]
    chosen = []
    for ref in refs:
        resolved = ref.path.resolve()
        if any(resolved == w or w in resolved.parents for w in wanted):
            chosen.append(ref)
    for path in wanted:
        if not path.exists():
            message = "no such file"
            rel = office.relative(path)
            report.problems.append(
                Problem(rel, None, None, "", message, code="missing")
            )
    return chosen


def _run(
    office: Office,
    refs: list[store.Ref],
    jobs: int,
    progress: Progress | None,
) -> Iterable[FileResult]:
    if parallel.worth_it(jobs, len(refs)):
        log.info("using %d processes", jobs)
        shared = {"office": office}
        return parallel.ordered_map(_check_shared, refs, jobs, shared, progress)
    return _one_by_one(office, refs, progress)


def _one_by_one(
    office: Office, refs: list[store.Ref], progress: Progress | None
) -> Iterator[FileResult]:
    # Each result is used and dropped before the next file is read.
    for done, ref in enumerate(refs, 1):
        yield check_file(office, ref)
        if progress is not None:
            progress(done, len(refs))
