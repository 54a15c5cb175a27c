"""Problems found in files, and the translation of schema errors into them.

A `Problem` is plain data: reporters (text, json, github) decide how it looks.
Every schema error is placed: a wrong value at the value, an unknown key at
the key, a missing key at the object that lacks it (or, for a key that a
condition requires, at the key the condition looks at).
"""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass
from typing import Any

from .errors import OmcError, Where
from .yamlio import Document, format_path

SEVERITIES = ("error", "warning")


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
        cls,
        where: Where,
        message: str,
        *,
        hint: str = "",
        code: str = "schema",
        severity: str = "error",
    ) -> Problem:
        return cls(
            where.path, where.line, where.col, where.key, message, hint, code, severity
        )

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
    "date-time": "a date and time written YYYY-MM-DDTHH:MM:SS with a zone "
    "(Z or +01:00)",
    "uri": "a web address starting with https://",
}


def schema_problems(doc: Document, validator: Any) -> list[Problem]:
    """Every schema error of `doc`, each placed at its line and column."""
    errors = _distinct(validator.iter_errors(doc.data))
    problems = []
    for error in errors:
        problems += _problems(doc, error, validator.schema)
    return sorted(set(problems))


def _distinct(errors: Any) -> list[Any]:
    """One error per place and kind: a schema that extends another (the full
    proposal extends the draft) can reject one value twice, and a `pattern`
    says less than a `format` error at the same value."""
    chosen: dict[tuple[Any, ...], Any] = {}
    for error in errors:
        where = tuple(error.absolute_path)
        name = error.message if error.validator == "required" else ""
        slot = (where, error.validator, name)
        old = chosen.get(slot)
        if old is None or len(error.schema_path) < len(old.schema_path):
            chosen[slot] = error
    formats = {slot[0] for slot in chosen if slot[1] == "format"}
    return [e for s, e in chosen.items() if not (s[1] == "pattern" and s[0] in formats)]


def _problems(doc: Document, error: Any, root: dict[str, Any]) -> list[Problem]:
    path = list(error.absolute_path)
    if error.validator == "required":
        return [_required(doc, path, error, root)]
    if error.validator == "additionalProperties":
        return _unknown_keys(doc, path, error)
    message, hint = _describe(error)
    return [Problem.at(doc.where(path), message, hint=hint)]


def _required(
    doc: Document, path: list[Any], error: Any, root: dict[str, Any]
) -> Problem:
    missing = _missing_key(error)
    key = format_path([*path, missing])
    condition = _condition(root, list(error.schema_path))
    if condition:
        name, value = condition
        line, col = doc.locate([*path, name], key=True)
        hint = f"needed because {name} is {_show(value)}"
        return Problem(doc.name, line, col, key, "required", hint)
    line, col = doc.locate(path)
    return Problem(doc.name, line, col, key, "required")


def _missing_key(error: Any) -> str:
    for name in error.validator_value:
        if error.message == f"{name!r} is a required property":
            return str(name)
    return str(error.message).split("'")[1] if "'" in error.message else "?"


def _condition(root: dict[str, Any], schema_path: list[Any]) -> tuple[str, Any] | None:
    """(key, value) of the `if` whose `then` demanded a key, when it tests one
    key for one value (`if: {properties: {credit_type: {const: credit}}}`)."""
    if "then" not in schema_path or "$ref" in schema_path:
        return None
    node: Any = root
    for step in schema_path[: schema_path.index("then")]:
        node = node[step]
    tests = (node.get("if") or {}).get("properties") or {}
    if len(tests) != 1:
        return None
    name, test = next(iter(tests.items()))
    return (name, test["const"]) if "const" in test else None


def _unknown_keys(doc: Document, path: list[Any], error: Any) -> list[Problem]:
    known = list(error.schema.get("properties", {}))
    problems = []
    for name in [k for k in error.instance if k not in known]:
        where = doc.where([*path, name], key=True)
        close = difflib.get_close_matches(str(name), known, n=1)
        hint = (
            f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(known)
        )
        problems.append(Problem.at(where, f"unknown key '{name}'", hint=hint))
    return problems


def _describe(error: Any) -> tuple[str, str]:
    kind, value = error.validator, error.instance
    shown = _show(value)
    if kind == "type":
        return _wrong_type(error.validator_value, value)
    if kind == "enum":
        options = ", ".join(str(v) for v in error.validator_value if v != "")
        return f"{shown} is not one of: {options}", _did_you_mean(value, error)
    if kind == "const":
        return f"must be {_show(error.validator_value)}", ""
    if kind == "format":
        wanted = _FORMATS.get(error.validator_value, error.validator_value)
        return f"{shown} is not {wanted}", ""
    if kind == "pattern":
        about = error.schema.get("description", "")
        return f"{shown} does not have the required form", about or (
            f"it must match the pattern {error.validator_value}"
        )
    if kind in ("anyOf", "oneOf"):
        hint = _did_you_mean(value, error) or error.schema.get("description", "")
        return f"{shown} is not one of the allowed values", hint
    return _limit(error, shown)


def _limit(error: Any, shown: str) -> tuple[str, str]:
    kind, value, limit = error.validator, error.instance, error.validator_value
    if kind == "maxLength":
        return f"is {len(value)} characters long; at most {limit} allowed", ""
    if kind == "minLength":
        return "must not be empty", ""
    if kind == "minItems":
        found = f"{len(value)} item{'s' * (len(value) != 1)}"
        return f"has {found}; at least {limit} needed", ""
    if kind == "maxItems":
        return f"has {len(value)} items; at most {limit} allowed", ""
    if kind == "uniqueItems":
        return "lists the same item more than once", ""
    bounds = {
        "minimum": "at least",
        "exclusiveMinimum": "more than",
        "maximum": "at most",
        "exclusiveMaximum": "less than",
    }
    if kind in bounds:
        return f"{shown} is out of range: must be {bounds[kind]} {limit}", ""
    return str(error.message), ""


def _wrong_type(wanted: str | list[str], value: Any) -> tuple[str, str]:
    names = [wanted] if isinstance(wanted, str) else wanted
    expected = " or ".join(_TYPES.get(n, n) for n in names)
    hint = "write true or false" if "boolean" in names else ""
    return f"expected {expected}, found {_kind_of(value)} {_show(value)}".rstrip(), hint


def _did_you_mean(value: Any, error: Any) -> str:
    options = [str(v) for v in _options(error.schema) if v != ""]
    close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def _options(schema: Any) -> list[Any]:
    if not isinstance(schema, dict):
        return []
    found = list(schema.get("enum", []))
    if "const" in schema:
        found.append(schema["const"])
    for branch in schema.get("anyOf", []) + schema.get("oneOf", []):
        found += _options(branch)
    return found


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    kinds: list[tuple[type, str]] = [(str, "text"), (int, "number")]
    kinds += [(float, "number"), (list, "a list"), (dict, "a mapping")]
    for python, name in kinds:
        if isinstance(value, python):
            return name
    return "nothing" if value is None else type(value).__name__


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return ""
    if isinstance(value, str):
        text = repr(value)
    elif isinstance(value, bool):
        text = str(value).lower()
    else:
        text = str(value)
    return text if len(text) <= 60 else text[:57] + "...'"
