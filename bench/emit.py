"""YAML text for generated records, in omc's house style, quickly.

PyYAML's pure-Python emitter took most of the time of making 10,000 records,
and its C emitter cannot indent lists under their key as omc does. Records
are plain data (mappings, lists, text, numbers, dates), so a small writer is
enough: text stays plain where YAML reads it back as the same text, long text
is folded, multi-line text is a literal block, and anything else is quoted.
tests/test_bench.py checks that every generated record reads back the same.
"""

from __future__ import annotations

import json
import re
import textwrap
from typing import Any

from .records import Stamp

WIDTH = 80
_PLAIN = re.compile(r"[A-Za-z][^\n\t]*\Z")
_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null"}


def dump(data: dict[str, Any]) -> str:
    lines: list[str] = []
    _mapping(data, 0, lines, "")
    return "\n".join(lines) + "\n"


def _mapping(data: dict[str, Any], indent: int, lines: list[str], first: str) -> None:
    pad = " " * indent
    for n, (key, value) in enumerate(data.items()):
        _entry(f"{first if n == 0 else pad}{key}:", value, indent, lines)


def _entry(head: str, value: Any, indent: int, lines: list[str]) -> None:
    if isinstance(value, dict) and value:
        lines.append(head)
        _mapping(value, indent + 2, lines, " " * (indent + 2))
    elif isinstance(value, list) and value:
        lines.append(head)
        _sequence(value, indent + 2, lines)
    else:
        lines += _scalar(head, value, indent + 2)


def _sequence(items: list[Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict) and item:
            _mapping(item, indent + 2, lines, pad + "- ")
        else:
            _entry(pad + "-", item, indent, lines)


def _scalar(head: str, value: Any, indent: int) -> list[str]:
    if value is None:
        return [f"{head} null"]
    if isinstance(value, bool):
        return [f"{head} {'true' if value else 'false'}"]
    if isinstance(value, (int, float)):
        return [f"{head} {value!r}"]
    if isinstance(value, dict):
        return [f"{head} {{}}"]
    if isinstance(value, list):
        return [f"{head} []"]
    return _text(head, str(value), indent, isinstance(value, Stamp))


def _text(head: str, text: str, indent: int, stamp: bool) -> list[str]:
    pad = " " * indent
    if stamp or (_plain(text) and len(text) <= WIDTH - len(head) - 1):
        return [f"{head} {text}"]
    if "\n" in text and _blockable(text):
        chomp = "" if text.endswith("\n") else "-"
        body = text[:-1] if text.endswith("\n") else text
        return [f"{head} |{chomp}"] + [
            pad + line if line else "" for line in body.split("\n")
        ]
    if _plain(text) and "  " not in text:
        wrapped = textwrap.wrap(
            text, WIDTH - indent, break_long_words=False, break_on_hyphens=False
        )
        return [f"{head} >-"] + [pad + line for line in wrapped]
    if "\n" in text:
        return [f"{head} {json.dumps(text, ensure_ascii=False)}"]  # JSON is YAML
    return [f"{head} '" + text.replace("'", "''") + "'"]


def _plain(text: str) -> bool:
    """Read back as this very text when written without quotes."""
    return (
        bool(_PLAIN.match(text))
        and text.lower() not in _WORDS
        and ": " not in text
        and " #" not in text
        and not text.endswith((" ", ":"))
    )


def _blockable(text: str) -> bool:
    lines = text.rstrip("\n").split("\n")
    return (
        not text.endswith("\n\n")
        and not lines[0].startswith(" ")
        and all(line == line.rstrip() for line in lines)
    )
