"""`omc intake ...`: intake forms from arrival to conversion into a proposal."""

from __future__ import annotations

import typer

app = typer.Typer(help="Intakes: the form that starts every micro-credential.\n\nExample: omc intake list --status received", no_args_is_help=True)
