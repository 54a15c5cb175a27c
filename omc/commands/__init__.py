"""The command modules of the CLI: each parses options and prints, nothing more.

The command groups are loaded only when used, so `omc --help` and
`omc --version` stay as fast as importing typer; their one-line summaries
live here, where the root's help reads them without loading the modules.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Group(NamedTuple):
    module: str
    summary: str
    example: str

    def typer_options(self) -> dict[str, Any]:
        """What each group's `typer.Typer(...)` is made with."""
        return {
            "help": f"{self.summary}\n\nExample: {self.example}",
            "no_args_is_help": True,
            "rich_markup_mode": None,
            "context_settings": {"help_option_names": ["-h", "--help"]},
        }


GROUPS = {
    "intake": Group(
        "omc.commands.intake",
        "Intakes: the form that starts every micro-credential.",
        "omc intake list --status received",
    ),
    "proposal": Group(
        "omc.commands.proposal",
        "Proposals: draft, review, approve, publish.",
        "omc proposal list --status unit-review",
    ),
    "render": Group(
        "omc.commands.render",
        "Render badge pages, the public site, and review packets.",
        "omc render site --out build/site",
    ),
}
