"""Problems found in files, and the translation of schema errors into them.

A `Problem` is plain data: reporters (text, json, github) decide how it looks.
"""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass
from typing import Any

from .errors import OmcError, Where
from .yamlio import Document, format_path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong, at one place. `code` is stable; scripts may rely on it."""

    path: str
    line: int | None
    col: int | None
    key: str
    message: str
    hint: str = ""
    code: str = "schema"
    severity: str = "error"

    @property
    def where(self) -> Where:
        return Where(self.path, self.line, self.col, self.key)

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def at(
        cls, where: Where, message: str, *, hint: str = "", code: str = "schema",
        severity: str = "error",
    ) -> Problem:
        return cls(where.path, where.line, where.col, where.key, message, hint, code, severity)

    @classmethod
    def from_error(cls, error: OmcError, code: str) -> Problem:
        where = error.where or Where("")
        return cls.at(where, error.message, hint=error.hint, code=code)


_TYPES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of keys to values",
    "null": "nothing (null)",
}
_FORMATS = {
    "email": "an email address",
    "date": "a date written YYYY-MM-DD",
    "date-time": "a date and time written YYYY-MM-DDTHH:MM:SS with a zone (Z or +01:00)",
    "uri": "a web address starting with https://",
}


def schema_problems(doc: Document, validator: Any) -> list[Problem]:
    """Every schema error of `doc`, each placed at its line and column."""
    problems = [_problem(doc, error) for error in validator.iter_errors(doc.data)]
    return sorted(set(problems))


def _problem(doc: Document, error: Any) -> Problem:
    path = list(error.absolute_path)
    kind = error.validator
    if kind == "required":
        missing = _quoted_name(error.message)
        where = doc.where(path)
        key = format_path([*path, missing])
        return Problem(where.path, where.line, where.col, key, "required",
                       _required_hint(missing, error))
    if kind == "additionalProperties":
        return _unknown_keys(doc, path, error)
    where = doc.where(path)
    message, hint = _describe(error)
    return Problem.at(where, message, hint=hint)


def _quoted_name(message: str) -> str:
    return message.split("'")[1] if message.count("'") >= 2 else message


def _required_hint(missing: str, error: Any) -> str:
    if error.schema_path and "then" in error.schema_path:
        return "needed when credit_type is credit" if missing == "credit_hours" else ""
    return ""


def _unknown_keys(doc: Document, path: list[Any], error: Any) -> Problem:
    known = list(error.schema.get("properties", {}))
    extra = [k for k in error.instance if k not in known]
    name = str(extra[0]) if extra else "?"
    where = doc.where([*path, name], key=True)
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(known)
    message = f"unknown key '{name}'"
    if len(extra) > 1:
        message += f" (and {len(extra) - 1} more: " + ", ".join(map(str, extra[1:])) + ")"
    return Problem.at(where, message, hint=hint)


def _describe(error: Any) -> tuple[str, str]:
    kind, value, schema = error.validator, error.instance, error.schema
    shown = _show(value)
    if kind == "type":
        wanted = error.validator_value
        names = [wanted] if isinstance(wanted, str) else wanted
        expected = " or ".join(_TYPES.get(n, n) for n in names)
        hint = "write true or false" if "boolean" in names else ""
        return f"expected {expected}, found {_kind_of(value)} {shown}", hint
    if kind == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        return f"{shown} is not one of: {options}", ""
    if kind == "const":
        return f"must be {error.validator_value!r}", ""
    if kind == "format":
        return f"{shown} is not {_FORMATS.get(error.validator_value, error.validator_value)}", ""
    if kind == "maxLength":
        return f"is {len(value)} characters long; at most {error.validator_value} allowed", ""
    if kind == "minLength":
        return "must not be empty", ""
    if kind == "minItems":
        needed = error.validator_value
        return f"has {len(value)} item{'s' * (len(value) != 1)}; at least {needed} needed", ""
    if kind == "maxItems":
        return f"has {len(value)} items; at most {error.validator_value} allowed", ""
    if kind == "uniqueItems":
        return "lists the same item more than once", ""
    if kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        return f"{shown} is out of range ({error.message.split(' is ', 1)[-1]})", ""
    if kind in ("pattern", "anyOf", "oneOf"):
        about = schema.get("description", "")
        return f"{shown} is not allowed here", about
    return error.message, ""


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    for python, name in ((str, "text"), (int, "number"), (float, "number"), (list, "a list"), (dict, "a mapping")):
        if isinstance(value, python):
            return name
    return "nothing" if value is None else type(value).__name__


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return ""
    text = repr(value) if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
    return text if len(text) <= 60 else text[:57] + "...'"
