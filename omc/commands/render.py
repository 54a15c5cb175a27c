"""`omc render ...`: badge pages and the catalogue, review packets."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from . import GROUPS
from .base import console, emit_json, note, say, state

if TYPE_CHECKING:
    from ..office import Office

app = typer.Typer(**GROUPS["render"].typer_options())

Progress = Callable[[int, int], None]


class Format(str, Enum):
    html = "html"
    md = "md"
    pdf = "pdf"


SITE_OUT = typer.Option(
    Path("build/site"), "--out", "-o", metavar="DIR", help="Where to write the site."
)
PACKET_OUT = typer.Option(
    Path("build/packets"), "--out", "-o", metavar="DIR", help="Where to write."
)
BADGE_OUT = typer.Option(
    None,
    "--out",
    "-o",
    metavar="DIR",
    help="Where to write (default build/site; build/preview for a preview).",
)
FORCE = typer.Option(
    False,
    "--force",
    help="Write into a folder that holds other files (same names are replaced).",
)
FORMAT = typer.Option(Format.html, "--format", "-f", help="html, md or pdf.")
JSON = typer.Option(False, "--json", help="Print what was written as JSON.")
JOBS = typer.Option(
    0,
    "--jobs",
    "-j",
    min=0,
    help="Processes to render with (default, 0: one per core).",
)


@contextmanager
def progress_bar(ctx: typer.Context, label: str) -> Iterator[Progress | None]:
    """A progress bar on a terminal; nothing when output goes to a file or CI."""
    err = console(stderr=True)
    if state(ctx).quiet or not err.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn())
    # No refresh thread: --jobs forks workers, and forking a process that
    # runs threads can deadlock.
    with Progress(*columns, console=err, transient=True, auto_refresh=False) as bar:
        task = bar.add_task(label, total=None)

        shown = [0.0]

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)
            now = time.monotonic()
            if now - shown[0] > 0.1 or done == total:
                shown[0] = now
                bar.refresh()

        yield advance


def _office(ctx: typer.Context) -> Office:
    return state(ctx).office()


@app.command("site")
def site(
    ctx: typer.Context,
    out: Path = SITE_OUT,
    force: bool = FORCE,
    as_json: bool = JSON,
    jobs: int = JOBS,
) -> None:
    """Render the public site: catalogue, filter pages, badge pages, OB 3.0 files.

    A record in a public folder that fails omc validate is left out, with a
    warning; the rest of the site is still written and the exit code is 0.

    Example: omc render site --out build/site
    """
    from ..parallel import default_jobs
    from ..render.site import render_site

    office = _office(ctx)
    workers = jobs or default_jobs()
    with progress_bar(ctx, "rendering pages") as progress:
        result = render_site(office, out, progress, force=force, jobs=workers)
    for warning in result.warnings:
        console(stderr=True).print(f"warning: {warning}", markup=False)
    if as_json:
        emit_json(
            {
                "out": str(out),
                "pages": len(result.pages),
                "listed": [b.id for b in result.listed],
                "retired": [b.id for b in result.retired],
                "warnings": result.warnings,
            }
        )
        return
    say(str(out / "index.html"))
    note(
        ctx,
        f"{len(result.listed)} published and {len(result.retired)} retired badges, "
        f"{len(result.pages)} pages in {out}/",
    )


@app.command("badge")
def badge(
    ctx: typer.Context,
    badge_id: str = typer.Argument(..., metavar="ID", help="The proposal's id."),
    out: Path | None = BADGE_OUT,
    force: bool = FORCE,
) -> None:
    """Render one badge page and its achievement.json (a preview if unpublished).

    A preview is kept out of search engines and out of the public site: it
    goes to build/preview, and render site removes any it finds.

    Example: omc render badge data-visualization-python-my78 --out build/site
    """
    from .. import store
    from ..office import safe_id
    from ..render.site import render_badge

    office = _office(ctx)
    record = store.find(office, "proposal", safe_id(badge_id))
    result = render_badge(office, record, out, force=force)
    item = result.badges[0]
    if not item.public:
        note(
            ctx,
            f"{record.id} is {record.status}, not public: rendered as a preview "
            f"in {result.folder}/",
        )
    say(str(result.folder / item.path / "index.html"))


@app.command("packet")
def packet(
    ctx: typer.Context,
    proposal_id: str = typer.Argument(
        None, metavar="[ID]", help="The proposal's id (or use --status or --all)."
    ),
    status: str = typer.Option(
        None, "--status", metavar="STAGE", help="One agenda of every proposal there."
    ),
    every: bool = typer.Option(
        False,
        "--all",
        help="Every open proposal's packet, each stage's agenda, an index.",
    ),
    fmt: Format = FORMAT,
    out: Path = PACKET_OUT,
    force: bool = FORCE,
) -> None:
    """Render a review packet, a committee agenda, or every open proposal's packet.

    Packets are internal (they show contact details): they go into a folder of
    their own, never where the site is.

    Example: omc render packet gis-environmental-analysis-qwjc --format pdf
    """
    from ..errors import UsageError

    chosen = [x for x in (proposal_id, status, every) if x]
    if len(chosen) != 1:
        raise UsageError(
            "say which packets: a proposal ID, --status STAGE, or --all",
            hint="e.g. omc render packet --status unit-review",
        )
    office = _office(ctx)
    for path in _packets(ctx, office, proposal_id, status, fmt.value, out, force):
        say(str(path))


def _packets(
    ctx: typer.Context,
    office: Office,
    proposal_id: str | None,
    status: str | None,
    fmt: str,
    out: Path,
    force: bool,
) -> list[Path]:
    """One proposal's packet, a stage's agenda, or else everything open."""
    from .. import store
    from ..office import safe_id
    from ..render import packets

    if status:
        return [packets.render_agenda(office, status, fmt, out, force=force)]
    if proposal_id:
        record = store.find(office, "proposal", safe_id(proposal_id))
        return packets.render_packets(office, [record], fmt, out, force=force)
    with progress_bar(ctx, "rendering packets") as progress:
        written = packets.render_all(office, fmt, out, progress, force=force)
    note(ctx, f"packets of every open proposal, and agendas, in {out}/")
    return written
