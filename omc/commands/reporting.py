"""How `omc validate` shows a report: text, JSON or GitHub; the progress bar.

The reporters themselves (omc/report.py) return strings; this module decides
where they go. Problems are results of a failed check: on stderr in the text
format, with the summary on stdout when all is well. JSON and GitHub
annotations are output for machines: on stdout.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from ..validate import Report

# A bar for fewer files would flash by before anyone could read it.
PROGRESS_MIN = 100


def fresh_console(stderr: bool) -> Console:
    """A console made now, so that NO_COLOR and FORCE_COLOR as set now count."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def find_root(data_dir: Path | None, paths: Iterable[Path]) -> Path | None:
    """The data directory holding the first path given, when no other says.

    pre-commit runs hooks from the repository root and passes paths such as
    data/proposals/draft/x.yaml; the data directory is then found from them.
    """
    from ..office import CONFIG

    if data_dir is not None:
        return None
    for path in paths:
        start = path.absolute()
        for folder in (start, *start.parents):
            if (folder / CONFIG).is_file():
                return folder
    return None


def prefix_for(root: Path, github: bool) -> str:
    """What to put before data-relative paths: where the user (or GitHub,
    which resolves paths from the repository root) will look for them."""
    if github:
        from ..gitio import Repo

        repo = Repo.find(root)
        if repo is not None:
            rel = repo.rel(root)
            return "" if rel == "." else f"{rel}/"
    try:
        rel = root.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return f"{root}/"
    return "" if rel == "." else f"{rel}/"


def show(report: Report, format: str, prefix: str, quiet: bool) -> None:
    from .. import report as reporters

    if format == "json":
        typer.echo(reporters.as_json(report))
    elif format == "github":
        for line in reporters.github_lines(report, prefix):
            typer.echo(line)
        _step_summary(reporters.markdown_summary(report, prefix))
        if not quiet:
            _summary_line(report, stderr=True)
    else:
        for line in reporters.text_lines(report, prefix):
            _emit(line, stderr=True)
        if not quiet:
            _summary_line(report, stderr=not report.ok)


def _summary_line(report: Report, stderr: bool) -> None:
    from ..report import text_summary

    style = "bold green" if report.ok else "bold red"
    _emit(text_summary(report), stderr=stderr, style=style)


def _emit(text: str, *, stderr: bool, style: str | None = None) -> None:
    """A line for a person: styled on a terminal, plain (and cheaper) elsewhere."""
    stream = sys.stderr if stderr else sys.stdout
    if stream.isatty() or os.environ.get("FORCE_COLOR"):
        fresh_console(stderr).print(text, markup=False, style=style)
    else:
        stream.write(text + "\n")


def _step_summary(markdown: str) -> None:
    """GitHub shows a step's first few annotations only; the table shows all."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(markdown)
    except OSError as exc:
        # The check's result matters more than its summary table.
        _emit(
            f"warning: cannot write the step summary to GITHUB_STEP_SUMMARY "
            f"({target}): {exc.strerror or exc}",
            stderr=True,
        )


class Bar:
    """A progress bar on stderr, shown only to a person at a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.progress: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < PROGRESS_MIN:
            return
        if self.progress is None:
            self._start(total)
        self.progress.update(self.task, completed=done)
        self.progress.refresh()

    def _start(self, total: int) -> None:
        from rich.progress import Progress

        # No refresh thread: --jobs forks workers, and forking a process that
        # runs threads can deadlock.
        self.progress = Progress(
            console=fresh_console(stderr=True), transient=True, auto_refresh=False
        )
        self.progress.start()
        self.task = self.progress.add_task("checking", total=total)

    def __enter__(self) -> Callable[[int, int], None]:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()
