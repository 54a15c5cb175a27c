"""Top-level commands: init, validate, status, recover."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .base import console, emit_json, note, say, state

if TYPE_CHECKING:
    from ..board import Board, Item
    from ..office import Office


class Format(str, Enum):
    text = "text"
    json = "json"
    github = "github"


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("validate")(validate)
    app.command("status")(status)
    app.command("recover")(recover)


def init(
    ctx: typer.Context,
    directory: Path = typer.Argument(
        Path("."), help="Where to create the data directory."
    ),
    name: str = typer.Option("Office of Micro-Credentials", help="The office's name."),
    institution: str = typer.Option(
        "Example University", help="The university, as the issuer of badges."
    ),
    base_url: str = typer.Option(
        "https://badges.example.edu/", help="Where the public badge pages will live."
    ),
    admin_name: str = typer.Option(None, help="Your name (default: git's user.name)."),
    admin_email: str = typer.Option(
        None, help="Your email (default: git's user.email)."
    ),
    git: bool = typer.Option(
        True,
        "--git/--no-git",
        help="Run `git init` when the folder is not in a repository.",
    ),
    omc_source: str = typer.Option(
        "",
        "--omc-source",
        metavar="SPEC",
        help="What the generated CI installs omc from: a pip requirement such as "
        "git+https://git.example.edu/omc.git@v0.1.0 (default: this release "
        "from the package index).",
    ),
) -> None:
    """Create a data directory: omc.yaml, the status folders, git.

    Example: omc init micro-credentials --name "Office of Micro-Credentials"
    """
    from .. import scaffold

    person = _git_identity()
    created = scaffold.init(
        directory,
        name=name,
        base_url=base_url,
        institution=institution,
        admin_name=admin_name or person[0] or "Office administrator",
        admin_email=admin_email or person[1] or "admin@example.edu",
        git=git,
        omc_source=omc_source,
    )
    say(f"created data directory {created.root}")
    for path in created.files:
        if path.name != ".gitkeep":
            note(ctx, f"  wrote {path}")
    if created.git:
        note(ctx, "  initialised a git repository")
    if created.git_missing:
        console(stderr=True).print(
            "warning: git is not installed (or not on PATH), so the data "
            "directory is not a git repository: install git and run `git init` "
            "there to keep its history",
            markup=False,
        )
    config = created.root / "omc.yaml"
    note(ctx, f"next: edit {config} (people and roles), then `omc validate`")


def _git_identity() -> tuple[str, str]:
    import subprocess

    values = []
    for key in ("user.name", "user.email"):
        try:
            out = subprocess.run(
                ["git", "config", key], capture_output=True, text=True, check=False
            ).stdout
        except OSError:
            out = ""
        values.append(out.strip())
    return values[0], values[1]


def validate(
    ctx: typer.Context,
    paths: list[Path] | None = typer.Argument(
        None,
        metavar="PATH",
        help="Files or folders to check (default: everything).",
    ),
    format: Format = typer.Option(
        Format.text,
        "--format",
        "-f",
        help="text (default), json (stable, documented) or github (annotations).",
    ),
    since: str | None = typer.Option(
        None,
        "--changed-since",
        metavar="REF",
        help="Check only what differs from this git commit or branch, and how "
        "records moved since (for pull requests).",
    ),
    jobs: int = typer.Option(
        0,
        "--jobs",
        "-j",
        min=0,
        help="Processes to check with (default, 0: one per core).",
    ),
) -> None:
    """Check every record and omc.yaml; each problem with its file, line and key.

    Example: omc validate --changed-since origin/main --format github
    """
    from ..changes import validate_changes
    from ..errors import OmcError
    from ..office import inside
    from ..parallel import default_jobs
    from ..validate import validate as check_all
    from .reporting import Bar, find_root, prefix_for, show

    settings = state(ctx)
    given = settings.data_dir or os.environ.get("OMC_DATA_DIR")
    try:
        root = find_root(Path(given) if given else None, paths or []) or settings.root()
        chosen = [inside(root, str(p)) for p in paths] if paths else None
        workers = jobs or default_jobs()
        with Bar(enabled=not settings.quiet) as progress:
            if since:
                result = validate_changes(
                    root, since, chosen, jobs=workers, progress=progress
                )
            else:
                result = check_all(root, chosen, jobs=workers, progress=progress)
    except OmcError as exc:
        # A script reading stdout gets its document even when nothing could
        # be checked; the message goes to stderr as for every error.
        if format is Format.json:
            from ..report import failure_json

            typer.echo(failure_json(exc, since))
        raise
    prefix = prefix_for(root, github=format is Format.github)
    show(result, format.value, prefix, settings.quiet)
    if not result.ok:
        raise typer.Exit(1)


def status(
    ctx: typer.Context,
    person: str = typer.Option(
        None,
        "--for",
        help="One person's action list: what waits on them, oldest first.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts."),
) -> None:
    """The board: records per status, days in status, who holds them, what is late.

    Example: omc status --for tbrennan
    """
    from .. import board

    office = state(ctx).office()
    if person:
        who = office.person(person)
        items = board.for_person(office, who)
        if as_json:
            emit_json({"person": who.id, "waiting": [_item_dict(i) for i in items]})
            return
        _print_items(f"Waiting on {who.name} ({', '.join(who.roles)})", items)
        return
    result = board.build(office)
    if as_json:
        emit_json(result.as_dict())
        return
    _print_board(office, result)


def _item_dict(item: Item) -> dict[str, object]:
    from dataclasses import asdict

    return asdict(item) | {"late": item.late}


def _print_board(office: Office, result: Board) -> None:
    say(f"{office.name} — board on {result.today}", style="bold")
    for kind, counts in result.counts.items():
        say(f"{kind}s: " + "  ".join(f"{status} {n}" for status, n in counts.items()))
    if result.items:
        say("")
        _print_items("Open records, longest waiting first", result.items)
    if result.overdue:
        say("")
        say("Overdue", style="bold")
        for due in result.overdue:
            record = f"{due.kind} {due.id}"
            say(f"{due.days_late:>5}d late  {record}: {due.what} (due {due.due})")
    for broken in result.unreadable:
        console(stderr=True).print(f"unreadable: {broken}", markup=False)


def _print_items(title: str, items: list[Item]) -> None:
    """Two lines a record, so that long ids and titles read at any width."""
    if not items:
        say(f"{title}: nothing")
        return
    say(title, style="bold")
    for item in items:
        days = "?" if item.days is None else str(item.days)
        limit = f" (limit {item.limit} days)" if item.late else ""
        holders = (
            f" — with {_holders(item.holders)}"
            if item.holders
            else " — nobody in omc.yaml may decide it (omc validate says why)"
            if item.undecidable
            else ""
        )
        style = "red" if item.late else None
        mark = "!" if item.late else "d"
        say(f"{days:>5}{mark}  {item.status:<22} {item.kind} {item.id}", style=style)
        say(f"{'':8}{item.title}{holders}{limit}")


def _holders(names: tuple[str, ...]) -> str:
    if len(names) > 2:
        return f"{names[0]}, {names[1]} +{len(names) - 2}"
    return ", ".join(names)


def recover(ctx: typer.Context) -> None:
    """Roll back a change that was interrupted half way (a crash, a full disk).

    Example: omc recover
    """
    from ..files import recover as undo

    root = state(ctx).root()
    if undo(root):
        say("rolled back an interrupted change; every record is as it was before it")
    else:
        say("nothing to recover")
