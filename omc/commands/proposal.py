"""`omc proposal ...`: drafts, moves through review, decisions, history."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import typer

from . import GROUPS
from .base import BY_HELP, committed, console, emit_json, note, print_rows, say, state
from .base import carry_out as _carry_out

if TYPE_CHECKING:
    from ..office import Office
    from ..proposals import Step
    from ..store import Record

app = typer.Typer(**GROUPS["proposal"].typer_options())

ID = typer.Argument(
    ..., metavar="ID", help="The proposal's id (its file name without .yaml)."
)
BY = typer.Option(..., "--by", envvar="OMC_USER", help=BY_HELP)
NOTE_REQUIRED = typer.Option(..., "--note", "-m", help="Why: the author reads it.")
DRY_RUN = typer.Option(
    False, "--dry-run", "-n", help="Show exactly what would change; change nothing."
)
COMMIT = typer.Option(False, "--commit", help="Record the action as one git commit.")


def _find(ctx: typer.Context, proposal_id: str) -> tuple[Office, Record]:
    from .. import store
    from ..office import safe_id

    office = state(ctx).office()
    return office, store.find(office, "proposal", safe_id(proposal_id))


@app.command("new")
def new(
    ctx: typer.Context,
    from_intake: str = typer.Option(
        None,
        "--from-intake",
        metavar="ID",
        help="Convert this consulted intake into the draft "
        "(same as `omc intake convert`).",
    ),
    title: str = typer.Option(
        None, "--title", help="The working title (prompted for on a terminal)."
    ),
    lead: str = typer.Option(
        None,
        "--lead",
        help="The lead author: a person in omc.yaml, or 'Name <email>'.",
    ),
    unit: str = typer.Option(
        "", "--unit", help="The department or unit that will issue it."
    ),
    college: str = typer.Option("", "--college", help="Its college or school."),
    by: str = BY,
    dry_run: bool = DRY_RUN,
    commit: bool = COMMIT,
) -> None:
    """Start a proposal draft, blank or pre-filled from an intake.

    Example: omc proposal new --from-intake bioinformatics-r-a7mv --by kwhite
    """
    from .. import proposals, store
    from ..errors import UsageError
    from ..office import safe_id

    office = state(ctx).office()
    if from_intake:
        intake = store.find(office, "intake", safe_id(from_intake))
        _carry_out(ctx, lambda: proposals.convert(office, intake, by), dry_run, commit)
        return
    if not title and not sys.stdin.isatty():
        raise UsageError(
            "a new proposal needs --title (or --from-intake ID)",
            hint='omc proposal new --title "Applied Data Visualization" --by YOU',
        )
    if not title:
        title = typer.prompt("Working title")
    fields = {"title": title, "lead": lead or "", "unit": unit, "college": college}
    _new_blank(ctx, office, fields, by, dry_run, commit)


def _new_blank(
    ctx: typer.Context,
    office: Office,
    fields: dict[str, str],
    by: str,
    dry_run: bool,
    commit: bool,
) -> None:
    from .. import files, gitio, proposals, store

    draft = proposals.new_blank(office, by=by, **fields)
    if dry_run:
        say(f"would create {office.relative(draft.path)}")
        typer.echo(draft.text, nl=False)
        return
    repo = gitio.required(office.root) if commit else None
    with files.Lock(office.root, "omc proposal new"):
        files.recover(office.root)
        ref = store.create(office, "proposal", draft.status, draft.id, draft.text)
    say(draft.id)
    note(ctx, f"created {ref.rel}")
    if repo is not None:
        message = f"proposal {draft.id}: new draft by {draft.by.name}"
        committed(ctx, office.root, repo.commit([ref.path], message))


@app.command("advance")
def advance(
    ctx: typer.Context,
    proposal_id: str = ID,
    to: str = typer.Option(
        None,
        "--to",
        metavar="STATUS",
        help="Where to (when the workflow allows more than one next status).",
    ),
    by: str = BY,
    note_text: str = typer.Option(
        "",
        "--note",
        "-m",
        help="A note for the history (and the decision, at a review stage).",
    ),
    dry_run: bool = DRY_RUN,
    commit: bool = COMMIT,
) -> None:
    """Move a proposal on; at a review stage this records the person's approval.

    Example: omc proposal advance community-leadership-civic-engagement-966z
    --by tbrennan --note "Clear outcomes and a fair rubric."
    """
    from ..transitions import plan

    office, record = _find(ctx, proposal_id)
    _carry_out(
        ctx,
        lambda: plan(office, record, "advance", by, to=to, note=note_text),
        dry_run,
        commit,
    )


def _decide(verb: str) -> Callable[..., None]:
    def command(
        ctx: typer.Context,
        proposal_id: str = ID,
        by: str = BY,
        note_text: str = NOTE_REQUIRED,
        dry_run: bool = DRY_RUN,
        commit: bool = COMMIT,
    ) -> None:
        from ..transitions import plan

        office, record = _find(ctx, proposal_id)
        _carry_out(
            ctx, lambda: plan(office, record, verb, by, note=note_text), dry_run, commit
        )

    return command


_HELP = {
    "return": (
        "Send a proposal back to its author for revisions (a note says why).",
        "omc proposal return gis-environmental-analysis-qwjc --by cmensah "
        '--note "Name the rubric levels."',
    ),
    "reject": (
        "Reject a proposal for good (a note says why).",
        "omc proposal reject project-management-foundations-pf5z --by ebennett "
        '--note "Duplicates an existing badge."',
    ),
    "withdraw": (
        "Withdraw a proposal at its author's request.",
        "omc proposal withdraw accessible-digital-documents-bype --by mlopez "
        '--note "The author left the university."',
    ),
}
for _verb, (_summary, _example) in _HELP.items():
    app.command(_verb, help=f"{_summary}\n\nExample: {_example}")(_decide(_verb))


@app.command("approve")
def approve(
    ctx: typer.Context,
    proposal_id: str = ID,
    by: str = BY,
    stage: str = typer.Option(
        None,
        "--stage",
        help="The stage to approve for (default: the one the person decides).",
    ),
    note_text: str = typer.Option("", "--note", "-m", help="A note for the decision."),
    dry_run: bool = DRY_RUN,
    commit: bool = COMMIT,
) -> None:
    """Approve again, at a stage already passed, content that changed after approval.

    With nothing changed since a person's approval, there is nothing to renew
    and omc says so. The example renews the unit head's approval once the
    approved proposal's text has been edited.

    Example: omc proposal approve professional-communication-workplace-6x2k
    --by tbrennan --note "Typo fix only."
    """
    from ..proposals import plan_reapproval

    office, record = _find(ctx, proposal_id)
    _carry_out(
        ctx,
        lambda: plan_reapproval(office, record, by, stage, note_text),
        dry_run,
        commit,
    )


@app.command("list")
def list_(
    ctx: typer.Context,
    status: str = typer.Option(
        None, "--status", "-s", help="Only proposals in this status."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts."),
) -> None:
    """List proposals with their status, revision and days in status.

    Example: omc proposal list --status dasa-review
    """
    from .. import board, clock, store

    office = state(ctx).office()
    if status:
        office.workflows["proposal"].chosen(status)
    records, broken = store.load_all(office, "proposal")
    today = clock.today()
    rows = [
        {
            "id": r.id,
            "status": r.status,
            "revision": r.data.get("revision"),
            "title": r.data.get("title", ""),
            "unit": r.data.get("unit", ""),
            "days": board.days_in_status(r, today),
        }
        for r in records
        if status in (None, r.status)
    ]
    if as_json:
        emit_json(rows)
        return
    print_rows(rows, ("status", "revision", "days", "id", "title"))
    for exc in broken:
        console(stderr=True).print(f"unreadable: {exc}", markup=False)


@app.command("show")
def show(
    ctx: typer.Context,
    proposal_id: str = ID,
    as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts."),
) -> None:
    """Show a proposal and where it stands: stages decided, waiting, to come.

    Example: omc proposal show data-visualization-python-my78
    """
    from ..proposals import position

    office, record = _find(ctx, proposal_id)
    steps = position(office, record)
    if as_json:
        emit_json(
            {
                "id": record.id,
                "status": record.status,
                "path": record.rel,
                "data": record.data,
                "workflow": [s.__dict__ for s in steps],
            }
        )
        return
    _print_show(record, steps)


SHOWN = ("unit", "college", "level", "workload_hours", "credit_type", "modality")
MARKS = {"done": "✓", "current": "→", "ahead": "·"}


def _print_show(record: Record, steps: list[Step]) -> None:
    data = record.data
    say(str(data.get("title", record.id)), style="bold")
    revision = data.get("revision", 1)
    say(f"{record.id} — {record.status}, revision {revision} — {record.rel}")
    for step in steps:
        detail = f" — {step.detail}" if step.detail else ""
        say(f"  {MARKS[step.state]} {step.title}{detail}")
    for key in SHOWN:
        if data.get(key) not in (None, ""):
            say(f"{key}: {data[key]}")
    lead = data.get("lead") or {}
    if lead:
        say(f"lead: {lead.get('name', '')} <{lead.get('email', '')}>")
    competencies = len(data.get("competencies") or [])
    skills = len(data.get("skills") or [])
    say(f"competencies: {competencies}, skills: {skills}")


@app.command("history")
def history(
    ctx: typer.Context,
    proposal_id: str = ID,
    as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts."),
) -> None:
    """Every move and decision of a proposal, oldest first.

    Example: omc proposal history data-visualization-python-my78
    """
    from ..proposals import timeline

    _, record = _find(ctx, proposal_id)
    events = timeline(record.data)
    if as_json:
        emit_json(events)
        return
    for event in events:
        say(f"{event['at']}  {event['text']}")
        if event["note"]:
            say(f"    {event['note']}")
