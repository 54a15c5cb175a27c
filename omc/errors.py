"""The one family of errors the core raises; the CLI maps them to exit codes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Where:
    """A place in the data directory: file, 1-based line and column, key path."""

    path: str
    line: int | None = None
    col: int | None = None
    key: str = ""

    def __str__(self) -> str:
        place = self.path
        if self.line is not None:
            place += f":{self.line}"
            if self.col is not None:
                place += f":{self.col}"
        return f"{place}: {self.key}" if self.key else place


class OmcError(Exception):
    """An error the user can act on. `hint` says what to do about it."""

    exit_code = 1

    def __init__(
        self, message: str, *, hint: str = "", where: Where | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class NotFound(OmcError):
    """A record, person, file or template that does not exist."""


class InvalidData(OmcError):
    """A file that cannot be read as what it should be."""

    def __init__(
        self,
        message: str,
        *,
        hint: str = "",
        where: Where | None = None,
        problems: list[object] | None = None,
    ) -> None:
        super().__init__(message, hint=hint, where=where)
        self.problems = problems or []


class Refused(OmcError):
    """A transition or action the workflow or the office's rules do not allow."""


class UsageError(OmcError):
    """A command line that cannot be acted on as written."""

    exit_code = 2
