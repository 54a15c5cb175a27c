"""What every command module shares: the global state, the office, output."""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from ..office import Office

log = logging.getLogger("omc")

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
            log.info("data directory: %s", self._office.root)
        return self._office


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

        _consoles[stderr] = Console(stderr=stderr, highlight=False, soft_wrap=True)
    return _consoles[stderr]


def say(text: str, *, style: str | None = None) -> None:
    """A line of results on stdout."""
    console().print(text, style=style, markup=False)


def note(ctx: typer.Context, text: str) -> None:
    """A line of commentary on stderr, silenced by -q."""
    if not state(ctx).quiet:
        console(stderr=True).print(text, markup=False, style="dim")


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
