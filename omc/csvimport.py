"""`omc intake import`: a form tool's CSV export, read the way such tools write it.

UTF-8 with a byte-order mark, CRLF line ends, multi-line cells, multi-select
answers joined with `;`, short US timestamps. A column map says which column
is which field, since every office words its form differently. Each row is
checked on its own: a bad row is reported and skipped, a row already imported
(same email and title) is reported and skipped, and every good row is written
in one change, so an interrupted import leaves nothing half done.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import clock, files, gitio, intakes, store, yamlio
from .errors import InvalidData, NotFound, UsageError, Where
from .form import (
    CHOICE_FIELDS,
    ColumnMap,
    choice,
    collaborators,
    email,
    fingerprint,
    fold,
    hours,
    items,
    not_future,
)
from .office import Office, Person

REQUIRED = ("title", "contact.name", "contact.email")
MAX_BYTES = 50 * 1024 * 1024
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})\b")
_SLASHED = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b")


@dataclass(frozen=True)
class Row:
    number: int  # 1 is the first response under the header
    line: int  # the line of the file where it starts
    cells: dict[str, str]  # field -> the cell as exported
    shape: str = ""  # what is wrong with the row as a whole, if anything


@dataclass(frozen=True)
class Notice:
    """Something to tell about one row: why it was skipped, or a warning."""

    row: int
    line: int
    field: str
    message: str
    column: str = ""

    def __str__(self) -> str:
        if not self.field:
            return f"row {self.row}: {self.message}"
        column = f" ('{self.column}')" if self.column else ""
        return f"row {self.row}: {self.field}{column}: {self.message}"


@dataclass(frozen=True)
class Entry:
    """A row imported as intake `id`, or left out as a duplicate `of` one.

    For a duplicate, `id` is the intake it repeats and `of` says where that
    came from: an earlier row of this file, or an intake already on file.
    """

    row: int
    line: int
    id: str
    path: str = ""
    of: str = ""


@dataclass
class Report:
    file: str
    dry_run: bool = False
    imported: list[Entry] = field(default_factory=list)
    duplicates: list[Entry] = field(default_factory=list)
    skipped: list[Notice] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    commit: str = ""

    @property
    def skipped_rows(self) -> list[int]:
        return sorted({n.row for n in self.skipped})

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"skipped_rows": self.skipped_rows}


# Reading the file --------------------------------------------------------------


def read_rows(path: Path, colmap: ColumnMap) -> list[Row]:
    """The responses of the export, each with its row number and first line."""
    name = str(path)
    text = yamlio.decode(_bytes(path), name)
    if not text.strip():
        raise InvalidData(
            "the file is empty: it has no header row",
            hint="export the responses from the form tool again",
            where=Where(name, 1, 1),
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
        return list(_rows(reader, _columns(header, colmap, name), len(header)))
    except csv.Error as exc:
        raise InvalidData(
            f"not a readable CSV file: {exc}", where=Where(name, reader.line_num)
        ) from None


def _bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InvalidData(
                f"the file is over {MAX_BYTES // 1024 // 1024} MB",
                hint="export fewer responses at a time",
                where=Where(str(path)),
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(
            f"{path} is a folder", hint="give the CSV file the form tool exported"
        ) from None


def _columns(header: list[str], colmap: ColumnMap, name: str) -> dict[str, int]:
    found = {_key(h): i for i, h in enumerate(header)}
    missing = [h for h in colmap.columns if _key(h) not in found]
    if missing:
        hints = [_closest(h, header) for h in missing]
        raise InvalidData(
            "the header has no column "
            + ", ".join(f"'{h}'" for h in missing)
            + f", which the column map ({colmap.origin}) names",
            hint="; ".join(filter(None, hints))
            or "change the map to this form's column headers",
            where=Where(name, 1),
        )
    return {name_: found[_key(h)] for h, name_ in colmap.columns.items()}


def _closest(wanted: str, header: list[str]) -> str:
    close = difflib.get_close_matches(wanted, header, n=1, cutoff=0.6)
    return f"for '{wanted}', did you mean '{close[0]}'?" if close else ""


def _key(header: str) -> str:
    return " ".join(header.split()).casefold()


def _rows(reader: Any, index: dict[str, int], width: int) -> Iterable[Row]:
    number, line = 0, reader.line_num + 1
    for cells in reader:
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue  # form tools leave blank lines at the end
        number += 1
        values = {f: cells[i] if i < len(cells) else "" for f, i in index.items()}
        yield Row(number, start, values, _shape(cells, width))


def _shape(cells: list[str], header: int) -> str:
    """Why the row does not fit under the header, or "" when it does.

    A row cut short or with answers past the header's end was broken on its
    way out of the form tool: its cells would go to the wrong fields. Empty
    cells past the end are only a trailing separator.
    """
    filled = max((i + 1 for i, cell in enumerate(cells) if cell.strip()), default=0)
    if len(cells) < header or filled > header:
        return f"this row has {len(cells)} cells where the header has {header}"
    return ""


# One row -------------------------------------------------------------------------


def answers_of(
    row: Row, colmap: ColumnMap
) -> tuple[dict[str, Any], list[Notice], list[Notice]]:
    """A row's answers as the record keeps them; its problems; its warnings."""
    if row.shape:
        return {}, [Notice(row.number, row.line, "", row.shape)], []
    answers: dict[str, Any] = {}
    problems, warnings = [], []
    for name, raw in row.cells.items():
        text = raw.replace("\r\n", "\n").strip()
        if not text:
            continue
        try:
            values, warning = _value(name, text, colmap)
        except InvalidData as exc:
            problems.append(_notice(row, name, exc.message, colmap))
            continue
        for key, value in values.items():
            _put(answers, key, value)
        if warning:
            warnings.append(_notice(row, name, warning, colmap))
    said = {p.field for p in problems}
    for name in (*REQUIRED, "submitted"):
        empty = _get(answers, name) in (None, "")
        if colmap.header(name) and empty and name not in said:
            problems.append(_notice(row, name, "missing", colmap))
    return answers, problems, warnings


def _notice(row: Row, name: str, message: str, colmap: ColumnMap) -> Notice:
    return Notice(row.number, row.line, name, message, colmap.header(name))


def _value(name: str, text: str, colmap: ColumnMap) -> tuple[dict[str, Any], str]:
    if name == "submitted":
        return _submitted(text, colmap.date_order)
    if name == "contact.email":
        return {name: email(text)}, ""
    if name in CHOICE_FIELDS:
        return {name: choice(name, text, colmap.answers.get(name))}, ""
    if name == "estimated_hours":
        return _hours(text)
    if name == "collaborators":
        return {name: collaborators(text)}, ""
    if name in ("audience", "industry_partners"):
        values = items(text, colmap.separator + "\n")
        wording = {fold(k): v for k, v in colmap.answers.get(name, {}).items()}
        return {name: [wording.get(fold(v), v) for v in values]}, ""
    if name == "summary":
        return {name: "\n".join(line.rstrip() for line in text.splitlines())}, ""
    return {name: " ".join(text.split())}, ""


def _hours(text: str) -> tuple[dict[str, Any], str]:
    number = hours(text)
    if number is not None:
        return {"estimated_hours": number}, ""
    return {"estimated_hours_note": text}, (
        f"'{text}' is not a number of hours: kept as estimated_hours_note, "
        "with no estimated_hours"
    )


def _submitted(text: str, order: str) -> tuple[dict[str, Any], str]:
    """The submission date, never later than today; a warning for a 19xx guess."""
    day = not_future(_date(text, order), text)
    short = (found := _SLASHED.match(text)) is not None and len(found.group(3)) == 2
    if short and int(day[:2]) != clock.today().year // 100:
        return {"submitted": day}, f"'{text}': the two-digit year is read as {day[:4]}"
    return {"submitted": day}, ""


def _date(text: str, order: str) -> str:
    """The date part of a timestamp: `11/3/26 9:12:40` -> 2026-11-03."""
    if iso := _ISO.match(text):
        year, month, day = (int(g) for g in iso.groups())
    elif slashed := _SLASHED.match(text):
        first, second, year = (int(g) for g in slashed.groups())
        month, day = (first, second) if order == "month-first" else (second, first)
        year = _full_year(year) if len(slashed.group(3)) == 2 else year
    else:
        raise InvalidData(f"'{text}' is not a date")
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise InvalidData(f"'{text}' is not a real date (read {order})") from None


def _full_year(short: int) -> int:
    """`26` -> 2026, `99` -> 1999: the latest year so written, not after this one.

    Form tools write two-digit years only for recent answers, so reading them
    by this year (not by a fixed pivot) keeps them right as years pass; a date
    later in this year than today is then refused as being in the future.
    """
    this = clock.today().year
    return this - (this - short) % 100


def _put(data: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


def _get(data: dict[str, Any], dotted: str) -> Any:
    value: Any = data
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


# The whole file ------------------------------------------------------------------


def run(
    office: Office,
    csv_path: Path,
    by: str,
    colmap: ColumnMap,
    *,
    dry_run: bool = False,
    commit: bool = False,
) -> Report:
    """Import every good row in one change; report the rest."""
    person = intakes.entering(office, by)
    rows = read_rows(csv_path, colmap)
    repo = gitio.required(office.root) if commit and not dry_run else None
    with files.Lock(office.root, "omc intake import"):
        files.recover(office.root)
        report, new = _plan(office, csv_path, rows, colmap, person)
        report.dry_run = dry_run
        if new and not dry_run:
            intakes.create_all(office, new)
            if repo is not None:
                report.commit = repo.commit([p for p, _ in new], _message(report))
    return report


def _plan(
    office: Office, path: Path, rows: list[Row], colmap: ColumnMap, person: Person
) -> tuple[Report, list[tuple[Path, str]]]:
    report, new = Report(str(path)), []
    known, taken = intakes.fingerprints(office), store.taken_ids(office)
    seen: dict[str, Entry] = {}
    for row in rows:
        answers, problems, warnings = answers_of(row, colmap)
        if problems:
            report.skipped += problems
            continue
        mark = fingerprint(answers["contact"]["email"], answers["title"])
        if mark in known or mark in seen:
            first = seen.get(mark)
            of = f"row {first.row}" if first else f"intake {known[mark]}"
            same = first.id if first else known[mark]
            report.duplicates.append(Entry(row.number, row.line, same, of=of))
            continue
        source = {"file": path.name, "row": row.number, "fingerprint": mark}
        data = intakes.imported(office, answers, source, person, taken)
        problems = [
            Notice(row.number, row.line, p.key, p.message, colmap.header(p.key))
            for p in intakes.problems(data, None)
        ]
        if problems:
            report.skipped += problems
            continue
        taken.add(data["id"])
        report.warnings += warnings
        initial = intakes.initial(office)
        target = store.path_for(office, intakes.KIND, initial, data["id"])
        new.append((target, intakes.text_of(data)))
        seen[mark] = Entry(row.number, row.line, data["id"], office.relative(target))
        report.imported.append(seen[mark])
    return report, new


def _message(report: Report) -> str:
    count = len(report.imported)
    head = f"Import {count} intake{'s' * (count != 1)} from {Path(report.file).name}"
    body = [f"row {e.row}: {e.id}" for e in report.imported]
    return head + "\n\n" + "\n".join(body)
