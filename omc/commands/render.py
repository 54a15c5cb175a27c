"""`omc render ...`: badge pages and the catalogue, review packets."""

from __future__ import annotations

import typer

app = typer.Typer(help="Render badge pages, the public site, and review packets.\n\nExample: omc render site --out build/site", no_args_is_help=True)
