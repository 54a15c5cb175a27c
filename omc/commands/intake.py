"""`omc intake ...`: intake forms from arrival to conversion into a proposal."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from . import GROUPS
from .base import (
    NEW_ID_NOTE,
    committed,
    console,
    emit_json,
    note,
    print_rows,
    say,
    state,
)
from .intake_moves import BY, COMMIT, DRY_RUN, ID, JSON, find, register

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..csvimport import Report
    from ..gitio import Repo
    from ..office import Office
    from ..store import Ref

app = typer.Typer(**GROUPS["intake"].typer_options())

# New intakes ---------------------------------------------------------------


@app.command("new")
def new(
    ctx: typer.Context,
    from_file: Annotated[
        Path | None,
        typer.Option("--from", metavar="FILE", help="A YAML or JSON answer file."),
    ] = None,
    title: str = typer.Option(None, "--title", help="Working title."),
    summary: str = typer.Option(None, "--summary", help="Brief description."),
    name: str = typer.Option(None, "--name", help="The contact's full name."),
    email: str = typer.Option(None, "--email", help="The contact's email address."),
    phone: str = typer.Option(None, "--phone", help="The contact's phone number."),
    job_title: str = typer.Option(None, "--job-title", help="The contact's title."),
    unit: str = typer.Option(None, "--unit", help="Department or unit."),
    college: str = typer.Option(None, "--college", help="College or school."),
    stage: str = typer.Option(
        None, "--stage", help="idea, outline, content-drafted or ready."
    ),
    credit_type: str = typer.Option(
        None, "--credit-type", help="credit or non-credit."
    ),
    modality: str = typer.Option(
        None, "--modality", help="online, hybrid or in-person."
    ),
    hours: str = typer.Option(None, "--hours", help="Estimated learner hours."),
    audience: Annotated[
        list[str] | None,
        typer.Option("--audience", help="An intended audience (repeatable)."),
    ] = None,
    term: str = typer.Option(None, "--term", help="Desired launch term."),
    partner: Annotated[
        list[str] | None,
        typer.Option("--partner", help="An industry partner (repeatable)."),
    ] = None,
    collaborator: Annotated[
        list[str] | None,
        typer.Option("--collaborator", help='"Name <email>" (repeatable).'),
    ] = None,
    interactive: bool = typer.Option(
        None,
        "--interactive/--no-interactive",
        help="Ask for missing answers (default: when stdin is a terminal).",
    ),
    by: str = BY,
    as_json: bool = JSON,
    dry_run: bool = DRY_RUN,
    commit: bool = COMMIT,
) -> None:
    """Take in a new intake form: asked question by question, or from options.

    Example: omc intake new --title "Applied Data Visualization" --name "Maria
    Fernandez" --email mfernandez@example.edu --stage outline --by mlopez
    """
    from .. import gitio, intakes

    office = state(ctx).office()
    person = intakes.entering(office, by)
    repo = gitio.required(office.root) if commit and not dry_run else None
    answers, doc, source = intakes.load_answers(from_file)
    given = {
        ("title",): title,
        ("summary",): summary,
        ("contact", "name"): name,
        ("contact", "email"): email,
        ("contact", "phone"): phone,
        ("contact", "job_title"): job_title,
        ("contact", "unit"): unit,
        ("contact", "college"): college,
        ("development_stage",): stage,
        ("credit_type",): credit_type,
        ("modality",): modality,
        ("estimated_hours",): hours,
        ("audience",): list(audience or []),
        ("target_term",): term,
        ("industry_partners",): list(partner or []),
        ("collaborators",): "; ".join(collaborator or []),
    }
    for path, value in given.items():
        if value:
            _put(answers, path, value)
    if sys.stdin.isatty() if interactive is None else interactive:
        _ask(answers)
    note_text = f"entered from {from_file.name}" if from_file else ""
    make = partial(intakes.new_record, office, answers, person, doc, source, note_text)
    made = _create(office, make, dry_run, repo)
    if made is not None:
        _created(ctx, *made, as_json)
    else:
        note(ctx, "dry run: nothing was written")
        note(ctx, NEW_ID_NOTE)


def _put(answers: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for part in path[:-1]:
        answers = answers.setdefault(part, {})
    answers[path[-1]] = value


def _has(answers: dict[str, Any], path: tuple[str, ...]) -> bool:
    value: Any = answers
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
    return value not in (None, "", [])


def _ask(answers: dict[str, Any]) -> None:
    """Ask every question not yet answered; a bad answer is asked again."""
    from .. import form

    for question in form.QUESTIONS:
        if not _has(answers, question.path):
            value = _prompt(question)
            if value not in (None, "", []):
                _put(answers, question.path, value)


def _prompt(question: Any) -> Any:
    # Questions go to stderr, so that stdout carries the new id alone.
    from .. import form
    from ..errors import OmcError

    err = console(stderr=True)
    while True:
        err.print(f"{question.prompt()}: ", end="", markup=False)
        line = sys.stdin.readline()
        if not line:  # end of input: the answer line was never ended
            err.print()
            raise typer.Abort()
        try:
            return form.read_answer(question, line)
        except OmcError as exc:
            err.print(f"  {exc.message}; please answer again", markup=False)


def _create(
    office: Office, make: Callable[[], dict[str, Any]], dry_run: bool, repo: Repo | None
) -> tuple[Ref, str] | None:
    """The new intake and its commit; None on a dry run."""
    from .. import files, intakes

    # Held from choosing the id to the commit: parallel entries would otherwise
    # take the same id or meet in git's index, leaving a file uncommitted.
    with files.Lock(office.root, "omc intake new"):
        files.recover(office.root)
        data = make()
        _flag_twin(office, data)
        if dry_run:
            _show_new(office, data)
            return None
        ref = intakes.create(office, data)
        message = f"intake {ref.id}: received ({data.get('title', '')})"
        return ref, repo.commit([ref.path], message) if repo else ""


def _created(ctx: typer.Context, ref: Ref, commit: str, as_json: bool) -> None:
    if as_json:
        emit_json({"id": ref.id, "path": ref.rel})
    else:
        say(ref.id)
    note(ctx, f"created {ref.rel}")
    if commit:
        committed(ctx, ref.root, commit)


def _flag_twin(office: Office, data: dict[str, Any]) -> None:
    from .. import intakes

    twin = intakes.same_as(office, data)
    if twin:
        console(stderr=True).print(
            f"warning: intake {twin} has the same contact email and title",
            markup=False,
        )


def _show_new(office: Office, data: dict[str, Any]) -> None:
    from .. import intakes, store

    path = store.path_for(office, "intake", intakes.initial(office), data["id"])
    say(f"would create {office.relative(path)}")
    typer.echo(intakes.text_of(data), nl=False)


@app.command("import")
def import_(
    ctx: typer.Context,
    csv_file: Annotated[
        Path, typer.Argument(metavar="CSV", help="The form tool's CSV export.")
    ],
    map_file: Annotated[
        Path | None,
        typer.Option(
            "--map",
            metavar="FILE",
            help="A column map (YAML: columns, answers, separator, date_order); "
            "default: CSV.columns.yaml beside the CSV, else intake_form in omc.yaml.",
        ),
    ] = None,
    strict: bool = typer.Option(
        False, "--strict", help="Exit 1 when any row was skipped (for scripts)."
    ),
    by: str = BY,
    as_json: bool = JSON,
    dry_run: bool = DRY_RUN,
    commit: bool = COMMIT,
) -> None:
    """Import the intake form tool's CSV export: good rows in, bad rows reported.

    Exit 0 when the file was read, even if rows were skipped (they are listed
    on stderr and in the summary); --strict exits 1 then.

    Example: omc intake import intake-form-export.csv --by mlopez --dry-run
    """
    from .. import csvimport, form

    office = state(ctx).office()
    colmap = form.column_map(office, csv_file, map_file)
    note(ctx, f"column map: {colmap.origin}")
    report = csvimport.run(office, csv_file, by, colmap, dry_run=dry_run, commit=commit)
    _diagnostics(report)
    if as_json:
        emit_json(report.as_dict())
    else:
        _summary(report)
    if dry_run:
        note(ctx, "dry run: nothing was written")
        if report.imported:
            note(ctx, NEW_ID_NOTE)
    if report.commit:
        committed(ctx, office.root, report.commit)
    if strict and report.skipped:
        raise typer.Exit(1)


def _diagnostics(report: Report) -> None:
    """Skipped rows and warnings on stderr, where each row starts in the file."""
    err = console(stderr=True)
    notices = [(n, "") for n in report.skipped]
    notices += [(n, "warning: ") for n in report.warnings]
    for notice, kind in sorted(notices, key=lambda pair: pair[0].row):
        err.print(f"{report.file}:{notice.line}: {kind}{notice}", markup=False)


def _summary(report: Report) -> None:
    verb = "would import" if report.dry_run else "imported"
    lines = [(e.row, f"{verb} row {e.row}: {e.id}") for e in report.imported]
    lines += [
        (e.row, f"duplicate row {e.row}: same email and title as {e.of}")
        for e in report.duplicates
    ]
    for _row, line in sorted(lines):
        say(line)
    reasons = "; ".join(f"{n}" for n in report.skipped)
    skipped = f"skipped {len(report.skipped_rows)}" + (
        f" ({reasons})" if reasons else ""
    )
    say(
        f"{verb} {len(report.imported)}, duplicates {len(report.duplicates)}, "
        f"{skipped}, warnings {len(report.warnings)}"
    )


# Looking ---------------------------------------------------------------------


@app.command("list")
def list_(
    ctx: typer.Context,
    status: str = typer.Option(
        None, "--status", "-s", help="Only intakes in this status."
    ),
    as_json: bool = JSON,
) -> None:
    """List intakes with their status, contact, coordinator and days in status.

    Example: omc intake list --status received
    """
    from .. import clock, intakes

    office = state(ctx).office()
    rows, broken = intakes.rows(office, status, clock.today())
    if as_json:
        emit_json(rows)
    else:
        print_rows(rows, ("status", "days", "coordinator", "id", "title"))
    for exc in broken:
        console(stderr=True).print(f"unreadable: {exc}", markup=False)


@app.command("show")
def show(ctx: typer.Context, intake_id: str = ID, as_json: bool = JSON) -> None:
    """Show an intake: contact, answers, consultation, deadlines and history.

    Example: omc intake show peer-tutoring-certification-8rc5
    """
    _office, record = find(ctx, intake_id)
    data = record.data
    if as_json:
        emit_json(
            {"id": record.id, "status": record.status, "path": record.rel, "data": data}
        )
        return
    say(str(data.get("title", record.id)), style="bold")
    say(f"{record.id} — {record.status} — {record.rel}")
    contact = data.get("contact") or {}
    say(f"contact: {contact.get('name', '')} <{contact.get('email', '')}>")
    for key in SHOWN:
        value = data.get(key)
        if isinstance(value, list):
            value = "; ".join(_person(v) if isinstance(v, dict) else v for v in value)
        if value:
            say(f"{key}: {value}")
    meeting = data.get("consultation") or {}
    if meeting:
        say(f"consultation: {meeting.get('at')} {meeting.get('location', '')}")
    for item in data.get("deadlines") or []:
        say(f"deadline {item.get('due')}: {item.get('what')}")
    for entry in data.get("history") or []:
        moved = f"{entry.get('from') or 'new'} → {entry.get('to')}"
        said = f": {entry['note']}" if entry.get("note") else ""
        say(f"{entry.get('at')}  {moved} by {entry.get('by')}{said}")


SHOWN = (
    "submitted",
    "coordinator",
    "development_stage",
    "credit_type",
    "modality",
    "estimated_hours",
    "estimated_hours_note",
    "audience",
    "target_term",
    "industry_partners",
    "collaborators",
    "proposal",
)


def _person(entry: dict[str, Any]) -> str:
    email = entry.get("email")
    return f"{entry.get('name', '')} <{email}>" if email else str(entry.get("name"))


register(app)
