"""Expected problems, written out in each format independently of omc's code."""

from __future__ import annotations

import json
from typing import Any, NamedTuple


class Want(NamedTuple):
    path: str
    line: int | None
    col: int | None
    key: str
    message: str
    hint: str = ""
    code: str = "schema"
    severity: str = "error"

    @classmethod
    def at(cls, path: str, place: str, key: str, message: str, **more: Any) -> Want:
        line, col = (int(n) for n in place.split(":"))
        return cls(path, line, col, key, message, **more)

    def text(self, prefix: str = "") -> str:
        place = prefix + self.path
        if self.line is not None:
            place += f":{self.line}:{self.col}"
        out = (
            f"{place}: {self.key}: {self.message}"
            if self.key
            else f"{place}: {self.message}"
        )
        out += f" ({self.hint})" if self.hint else ""
        return out + (" [warning]" if self.severity == "warning" else "")

    def github(self, prefix: str = "") -> str:
        props = f"file={prefix}{self.path}"
        if self.line is not None:
            props += f",line={self.line},col={self.col}"
        props += f",title=omc {self.code}"
        body = f"{self.key}: {self.message}" if self.key else self.message
        body += f" ({self.hint})" if self.hint else ""
        return f"::{self.severity} {props}::{body}"

    def json(self) -> dict[str, Any]:
        return self._asdict()


def problems_of(stdout: str) -> list[Want]:
    return [Want(**p) for p in json.loads(stdout)["problems"]]
