"""The `omc` command: global options, the error handler, and the command tree.

Command modules import the core inside their functions, and the command groups
(intake, proposal, render) are loaded only when named, so that `omc --help`
and `omc --version` cost little more than importing typer.
"""

from __future__ import annotations

import errno
import importlib
import os
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from . import __version__
from .commands import GROUPS, base, validate
from .errors import OmcError

EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


class OmcGroup(TyperGroup):
    """The root group: maps every error to a message and an exit code."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _global_first(args))

    def list_commands(self, ctx: Any) -> list[str]:
        return [
            *super().list_commands(ctx),
            *(g for g in GROUPS if g not in self.commands),
        ]

    def get_command(self, ctx: Any, name: str) -> Any:
        if name in GROUPS and name not in self.commands:
            module = importlib.import_module(GROUPS[name].module)
            command = typer.main.get_command(module.app)
            command.name = name
            self.commands[name] = command
        return super().get_command(ctx, name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The command list, with the groups' summaries read without loading them."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            if name in GROUPS and name not in self.commands:
                rows.append((name, GROUPS[name].summary))
            else:
                rows.append(
                    (name, self.get_command(ctx, name).get_short_help_str(limit))
                )
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except OmcError as exc:
            _report(exc)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            base.console(stderr=True).print("interrupted", markup=False)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except typer.Abort:
            # End of input (Ctrl-D) or Ctrl-C at a question: before any write.
            base.console(stderr=True).print("cancelled: nothing was written")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except typer.Exit:
            raise
        except BrokenPipeError:
            _reader_went_away()
        except OSError as exc:
            if exc.errno not in _MACHINE_ERRORS:
                _internal(ctx, exc)
                raise typer.Exit(EXIT_INTERNAL) from None
            _report(_machine_error(exc))
            raise typer.Exit(1) from None
        except Exception as exc:
            if _exit_like(exc):
                raise
            _internal(ctx, exc)
            raise typer.Exit(EXIT_INTERNAL) from None


GLOBAL_FLAGS = {"-q", "--quiet", "-v", "-vv", "-vvv", "--verbose", "--traceback"}


def _global_first(args: list[str]) -> list[str]:
    """Let the global options stand anywhere: people type `omc validate -q`."""
    front, rest, index = [], [], 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest += args[index:]
            break
        if arg in ("--data-dir", "-d") and index + 1 < len(args):
            front += args[index : index + 2]
            index += 2
            continue
        glob = arg in GLOBAL_FLAGS or arg.startswith("--data-dir=")
        (front if glob else rest).append(arg)
        index += 1
    return front + rest


# What the machine refuses (not omc's bug): said plainly, exit 1.
_MACHINE_ERRORS = {
    errno.EACCES: "check the permissions of that folder, or run omc as its owner",
    errno.EPERM: "check the permissions of that folder, or run omc as its owner",
    errno.EROFS: "the file system is read-only: work on a copy that can be written",
    errno.ENOSPC: "the disk is full: free some space and run the command again",
    errno.EDQUOT: "the disk quota is used up: free some space and run it again",
    errno.EISDIR: "that is a folder where a file is needed: give a file's path",
    errno.ENOTDIR: "part of that path is a file where a folder is needed",
    errno.EEXIST: "something already has that name: choose another path",
    errno.ENAMETOOLONG: "the name is too long for the file system: shorten it",
}


def _machine_error(exc: OSError) -> OmcError:
    where = f": {exc.filename}" if exc.filename else ""
    return OmcError(f"{exc.strerror}{where}", hint=_MACHINE_ERRORS[exc.errno or 0])


def _reader_went_away() -> None:
    """`omc validate | head`: stop quietly, as command-line tools do."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise typer.Exit(1)


def _exit_like(exc: Exception) -> bool:
    """click's own exceptions (usage errors, --help) pass through untouched."""
    return type(exc).__module__.startswith(("typer", "click"))


def _report(exc: OmcError) -> None:
    err = base.console(stderr=True)
    where = f"{exc.where}: " if exc.where else ""
    err.print(f"error: {where}{exc.message}", markup=False, style="red")
    for problem in getattr(exc, "problems", [])[1:]:
        err.print(f"  {problem}", markup=False)
    if exc.hint:
        err.print(f"  hint: {exc.hint}", markup=False)


def _internal(ctx: Any, exc: Exception) -> None:
    err = base.console(stderr=True)
    show = base.state(ctx).traceback
    err.print(f"internal error: {type(exc).__name__}: {exc}", markup=False, style="red")
    if show:
        import traceback

        err.print("".join(traceback.format_exception(exc)), markup=False)
    else:
        err.print(
            "  this is a bug in omc; run again with --traceback and report its output",
            markup=False,
        )


app = typer.Typer(
    cls=OmcGroup,
    name="omc",
    help="Run an Office of Micro-Credentials from a folder of YAML files.\n\n"
    "Example: omc --data-dir data status",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
validate.register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"omc {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data_dir: str = typer.Option(
        None,
        "--data-dir",
        "-d",
        metavar="PATH",
        help="The data directory (default: $OMC_DATA_DIR, else the nearest "
        "folder up that holds omc.yaml).",
    ),
    verbose: int = typer.Option(
        0, "--verbose", "-v", count=True, help="Say more on stderr (-vv for debugging)."
    ),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="Print results only, no commentary."
    ),
    traceback: bool = typer.Option(
        False,
        "--traceback",
        envvar="OMC_TRACEBACK",
        help="Show the traceback of an internal error.",
    ),
    version: bool = typer.Option(
        False,
        "--version",
        callback=_version,
        is_eager=True,
        help="Print the version and exit.",
    ),
) -> None:
    """Run an Office of Micro-Credentials from a folder of YAML files.

    Example: omc --data-dir data status
    """
    ctx.obj = base.State(
        data_dir=data_dir, verbose=verbose, quiet=quiet, traceback=traceback
    )
    if verbose:
        import logging

        logging.basicConfig(
            stream=sys.stderr,
            format="omc: %(message)s",
            level=logging.DEBUG if verbose > 1 else logging.INFO,
        )


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        # The one answer that needs no command tree: skip building it.
        sys.stdout.write(f"omc {__version__}\n")
        return
    app()
