"""The JSON Schemas of omc's files, compiled once per process.

Formats are checked with omc's own small checkers rather than jsonschema's
optional extras, so a plain install checks email, date, date-time and uri.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from functools import cache, cached_property
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

NAMES = ("defs", "intake", "proposal-draft", "proposal", "config")

_EMAIL = re.compile(r"[^@\s<>(),;:\"\[\]]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+\Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})\Z"
)


def raw(name: str) -> dict[str, Any]:
    """The schema document `name` as shipped in the package."""
    text = resources.files(__name__).joinpath(f"{name}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def is_email(value: object) -> bool:
    return not isinstance(value, str) or bool(_EMAIL.match(value))


def is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATETIME.match(value):
        return False
    try:
        dt.datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if any(c.isspace() for c in value):
        return False
    parts = urlsplit(value)
    if parts.scheme in ("http", "https"):
        return bool(parts.netloc)
    return bool(parts.scheme)


@cache
def _format_checker() -> Any:
    from jsonschema import FormatChecker

    checker = FormatChecker(formats=())
    checker.checks("email")(is_email)
    checker.checks("date")(is_date)
    checker.checks("date-time")(is_datetime)
    checker.checks("uri")(is_uri)
    return checker


@cache
def _registry() -> Any:
    from referencing import Registry, Resource

    resources_ = []
    for name in NAMES:
        schema = raw(name)
        resources_.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources_)


class Validator:
    """Checks documents against one schema: fast when they are valid.

    Most files are valid, and jsonschema spends most of `omc validate`'s time
    proving it. fastjsonschema compiles the same schema to Python code and
    answers "valid?" about ten times faster; only a document it rejects goes
    through jsonschema, whose errors carry the paths omc turns into lines.
    tests/test_schemas.py holds the two to the same verdict.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.schema = raw(name)
        self.quick = _compiled(name)

    @cached_property
    def full(self) -> Any:
        """jsonschema, imported only once a document needs explaining."""
        from jsonschema import Draft202012Validator

        return Draft202012Validator(
            self.schema, registry=_registry(), format_checker=_format_checker()
        )

    def is_valid(self, instance: Any) -> bool:
        import fastjsonschema

        try:
            self.quick(instance)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    def iter_errors(self, instance: Any) -> Iterator[Any]:
        if self.is_valid(instance):
            return iter(())
        return iter(self.full.iter_errors(instance))


def _compiled(name: str) -> Callable[[Any], Any]:
    from .compiled import checker

    documents = {schema["$id"]: schema for schema in map(raw, NAMES)}
    formats = {
        "email": is_email,
        "date": is_date,
        "date-time": is_datetime,
        "uri": is_uri,
    }
    return checker(name, documents, formats)


@cache
def validator(name: str) -> Validator:
    """A ready validator for the schema `name`."""
    return Validator(name)
