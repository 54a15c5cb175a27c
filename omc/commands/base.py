"""What every command module shares: the global state, the office, output."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console

    from ..office import Office
    from ..transitions import Plan


BY_HELP = "Who does this: a person's id or email in omc.yaml (or set $OMC_USER)."


@dataclass
class State:
    data_dir: str | None = None
    verbose: int = 0
    quiet: bool = False
    traceback: bool = False
    _office: Office | None = field(default=None, repr=False)

    def root(self) -> Path:
        from ..office import find_root

        return find_root(self.data_dir)

    def office(self) -> Office:
        if self._office is None:
            from ..office import open_office

            self._office = open_office(self.root())
            import logging

            logging.getLogger("omc").info("data directory: %s", self._office.root)
            _warn_if_interrupted(self._office.root)
        return self._office


def _warn_if_interrupted(root: Path) -> None:
    from ..files import interrupted

    if interrupted(root):
        _line(
            "warning: an omc command was interrupted half way through a change; "
            "what omc reads now may include part of it. `omc recover` rolls it "
            "back (so does the next omc command that writes)",
            "yellow",
            stderr=True,
        )


def state(ctx: typer.Context) -> State:
    found = ctx.find_object(State)
    if found is None:
        found = ctx.ensure_object(State)
    return found


_consoles: dict[bool, Console] = {}


def console(stderr: bool = False) -> Console:
    """A rich console, made on first use so that `--version` stays fast."""
    if stderr not in _consoles:
        from rich.console import Console

        _consoles[stderr] = Console(
            stderr=stderr, highlight=False, soft_wrap=True, emoji=False
        )
    return _consoles[stderr]


def say(text: str, *, style: str | None = None) -> None:
    """A line of results on stdout."""
    _line(text, style, stderr=False)


def note(ctx: typer.Context, text: str) -> None:
    """A line of commentary on stderr, silenced by -q."""
    if not state(ctx).quiet:
        _line(text, "dim", stderr=True)


def committed(ctx: typer.Context, root: Path, sha: str) -> None:
    """Say what was committed, and warn when it is on no branch."""
    from ..gitio import Repo

    note(ctx, f"committed {sha}")
    repo = Repo.find(root)
    if repo is not None and repo.detached():
        _line(
            f"warning: commit {sha} is on a detached HEAD, not on a branch: "
            "`git switch -c NAME` keeps it on a new branch before you check out "
            "anything else",
            "yellow",
            stderr=True,
        )


def _line(text: str, style: str | None, *, stderr: bool) -> None:
    stream = sys.stderr if stderr else sys.stdout
    if not stream.isatty():
        # Styles only show on a terminal; piped or in CI, rich (and the 20 ms
        # its import costs) would add nothing.
        stream.write(text + "\n")
        return
    console(stderr=stderr).print(text, style=style, markup=False)


def emit_json(data: Any) -> None:
    import json

    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def carry_out(
    ctx: typer.Context, make_plan: Callable[[], Plan], dry_run: bool, commit: bool
) -> Plan | None:
    """Plan and execute a change under the lock; the plan, or None on a dry run.

    The plan is made inside the lock so that what it checked still holds when
    it is written.
    """
    from .. import files
    from ..transitions import execute

    office = state(ctx).office()
    with files.Lock(office.root, f"omc {ctx.command_path.split(' ', 1)[-1]}"):
        files.recover(office.root)
        plan = make_plan()
        if dry_run:
            _show_dry_run(ctx, plan)
            return None
        outcome = execute(plan, commit=commit)
    say(plan.summary())
    if plan.decision:
        decision = plan.decision
        note(
            ctx,
            f"recorded {decision['decision']} at {decision['stage']} "
            f"on content sha256 {decision['sha256'][:12]}",
        )
    for ref in outcome.refs:
        note(ctx, f"  {ref.rel}")
    for path, _ in plan.created:
        say(f"created {office.relative(path)}")
    if outcome.commit:
        committed(ctx, office.root, outcome.commit)
    return plan


def _show_dry_run(ctx: typer.Context, plan: Plan) -> None:
    verb = "would move" if plan.move else "would record:"
    say(f"{verb} {plan.summary()}")
    if plan.decision:
        decision = plan.decision
        say(
            f"would record the decision '{decision['decision']}' "
            f"on content sha256 {decision['sha256'][:12]}"
        )
    typer.echo(plan.diff(), nl=False)
    note(ctx, "dry run: nothing was changed")
    if plan.created:
        note(ctx, NEW_ID_NOTE)


# Ids end in four random characters, so that two clones never make the same.
NEW_ID_NOTE = (
    "a new record's id ends in four random characters, drawn again when it "
    "is written: the real run's id differs from this one's"
)


def print_rows(rows: list[dict[str, Any]], keys: tuple[str, ...]) -> None:
    """Aligned columns, one line a record, never cut: ids are copied from here.

    The last column may run past the terminal's width rather than wrap inside
    a cell, so each record stays on one line for grep and for the eye.
    """
    cells = [["" if row.get(k) is None else str(row[k]) for k in keys] for row in rows]
    header = [k.upper() for k in keys]
    widths = [max(len(c[i]) for c in [header, *cells]) for i in range(len(keys))]
    for line in [header, *cells]:
        padded = [text.ljust(width) for text, width in zip(line, widths, strict=True)]
        say("  ".join(padded).rstrip())
