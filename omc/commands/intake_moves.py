"""`omc intake assign|schedule|consult|deadline|convert|decline|withdraw`.

Each move is planned by the core (`omc.intakes`, `omc.transitions`) and carried
out by `carry_out`: under the lock, with --dry-run and --commit.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .base import BY_HELP, carry_out, note, say, state

if TYPE_CHECKING:
    from ..office import Office
    from ..store import Record
    from ..transitions import Plan

ID = typer.Argument(..., metavar="ID", help="The intake's id (its file name).")
BY = typer.Option(..., "--by", envvar="OMC_USER", help=BY_HELP)
DRY_RUN = typer.Option(
    False, "--dry-run", "-n", help="Show exactly what would change; change nothing."
)
COMMIT = typer.Option(False, "--commit", help="Record the change as one git commit.")
JSON = typer.Option(False, "--json", help="Print JSON for scripts.")


def find(ctx: typer.Context, intake_id: str) -> tuple[Office, Record]:
    """The intake named on the command line; paths and ../ are refused."""
    from .. import store
    from ..office import safe_id

    office = state(ctx).office()
    return office, store.find(office, "intake", safe_id(intake_id))


def assign(
    ctx: typer.Context,
    intake_id: str = ID,
    coordinator: str = typer.Option(
        ..., "--coordinator", "-c", help="A person with the coordinator role."
    ),
    by: str = BY,
    dry_run: bool = DRY_RUN,
    commit: bool = COMMIT,
) -> None:
    """Give an intake a coordinator (again, to hand it to another one).

    Example: omc intake assign peer-tutoring-certification-8rc5 --coordinator rpatel
    --by kwhite
    """
    from .. import intakes

    office, rec = find(ctx, intake_id)
    plan = lambda: intakes.plan_assign(office, rec, coordinator, by)  # noqa: E731
    carry_out(ctx, plan, dry_run, commit)


def schedule(
    ctx: typer.Context,
    intake_id: str = ID,
    at: str = typer.Option(
        ...,
        "--at",
        metavar="DATETIME",
        help="When: 2026-12-10T14:00 (office.timezone, else UTC) or with an offset.",
    ),
    minutes: int = typer.Option(60, "--minutes", min=5, max=480, help="How long."),
    location: str = typer.Option("", "--location", help="Where, or a video link."),
    ics_file: Annotated[
        Path | None,
        typer.Option(
            "--ics",
            metavar="FILE",
            help="Where to write the invitation (default: build/invitations/ID.ics "
            "in the data directory, which git ignores).",
        ),
    ] = None,
    allow_past: bool = typer.Option(
        False, "--allow-past", help="Record a consultation already held."
    ),
    by: str = BY,
    dry_run: bool = DRY_RUN,
    commit: bool = COMMIT,
) -> None:
    """Schedule the consultation and write its calendar invitation (.ics).

    Example: omc intake schedule responsible-ai-business-decisions-h46e --at
    2026-12-10T14:00-05:00 --location "GL 220" --by kwhite
    """
    from .. import ics, intakes

    office, rec = find(ctx, intake_id)
    zone = office.settings["office"].get("timezone")
    where = office.doc.where(("office", "timezone"))
    start, assumed = ics.parse_at(at, zone, where)
    if assumed:
        note(
            ctx, "--at has no offset and omc.yaml sets no office.timezone: read as UTC"
        )
    target = ics_file or office.root / "build" / "invitations" / f"{rec.id}.ics"
    if ics_file is not None:
        ics.check_target(target, office.root)
    staged: list[ics.Staged] = []

    def make() -> Plan:
        # The invitation is written before the intake changes, so that a place
        # it cannot go (a full disk, no permission) leaves the intake as it was.
        plan = intakes.plan_schedule(
            office, rec, start, minutes, location, by, past=allow_past
        )
        if not dry_run:
            target.parent.mkdir(parents=True, exist_ok=True)
            staged.append(ics.stage(target, intakes.invitation(office, plan)))
        return plan

    try:
        done = carry_out(ctx, make, dry_run, commit)
    except BaseException:
        for each in staged:
            ics.discard(each)
        raise
    if done is None:
        say(f"would write the invitation to {_shown(target)}")
        return
    ics.place(staged[0])
    say(f"invitation written to {_shown(target)}")


def _shown(path: Path) -> str:
    """The path as the user can type it: relative to here when it lies below."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def consult(
    ctx: typer.Context,
    intake_id: str = ID,
    notes: str = typer.Option(..., "--notes", help="What the consultation settled."),
    by: str = BY,
    dry_run: bool = DRY_RUN,
    commit: bool = COMMIT,
) -> None:
    """Record that the consultation took place, with its notes.

    Example: omc intake consult food-safety-management-restaurant-supervisors-uu9b
    --notes "Three competencies agreed; draft due in January." --by mlopez
    """
    from .. import intakes

    office, rec = find(ctx, intake_id)
    plan = lambda: intakes.plan_consult(office, rec, notes, by)  # noqa: E731
    carry_out(ctx, plan, dry_run, commit)


def deadline(
    ctx: typer.Context,
    intake_id: str = ID,
    what: str = typer.Option(..., "--what", help="What is due."),
    due: str = typer.Option(..., "--due", metavar="DATE", help="When: YYYY-MM-DD."),
    by: str = BY,
    dry_run: bool = DRY_RUN,
    commit: bool = COMMIT,
) -> None:
    """Set a deadline on an intake; it stays where it is.

    Example: omc intake deadline bioinformatics-r-a7mv --what "Draft competencies"
    --due 2027-01-15 --by kwhite
    """
    from .. import intakes

    office, rec = find(ctx, intake_id)
    plan = lambda: intakes.plan_deadline(office, rec, what, due, by)  # noqa: E731
    carry_out(ctx, plan, dry_run, commit)


def convert(
    ctx: typer.Context,
    intake_id: str = ID,
    by: str = BY,
    note_text: str = typer.Option("", "--note", "-m", help="A note for the history."),
    dry_run: bool = DRY_RUN,
    commit: bool = COMMIT,
) -> None:
    """Turn a consulted intake into a proposal draft, each linked to the other.

    Example: omc intake convert bioinformatics-r-a7mv --by kwhite --commit
    """
    from ..proposals import convert as make_draft

    office, rec = find(ctx, intake_id)
    plan = lambda: make_draft(office, rec, by, note_text)  # noqa: E731
    carry_out(ctx, plan, dry_run, commit)


def _close(verb: str) -> Any:
    def command(
        ctx: typer.Context,
        intake_id: str = ID,
        by: str = BY,
        note_text: str = typer.Option("", "--note", "-m", help="Why."),
        dry_run: bool = DRY_RUN,
        commit: bool = COMMIT,
    ) -> None:
        from ..transitions import plan

        office, rec = find(ctx, intake_id)
        make = lambda: plan(office, rec, verb, by, note=note_text)  # noqa: E731
        carry_out(ctx, make, dry_run, commit)

    return command


_CLOSE = {
    "decline": (
        "Decline an intake, with a note saying why.",
        "omc intake decline sustainable-supply-chain-analytics-7mdz"
        ' --note "Covered by SCM 4110." --by kwhite',
    ),
    "withdraw": (
        "Withdraw an intake at its contact's request.",
        "omc intake withdraw sustainable-supply-chain-analytics-7mdz --by mlopez",
    ),
}


def register(app: typer.Typer) -> None:
    """Add the move commands to `omc intake`."""
    for command in (assign, schedule, consult, deadline, convert):
        app.command(command.__name__)(command)
    for verb, (summary, example) in _CLOSE.items():
        app.command(verb, help=f"{summary}\n\nExample: {example}")(_close(verb))
