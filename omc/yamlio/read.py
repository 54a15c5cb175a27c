"""Reading YAML records: libyaml's composer, then our YAML 1.2 constructor.

Every value keeps its place (`Document.locate`), so errors can name the line
and column. The traps of real files are handled here on purpose: duplicate
keys, YAML 1.1 booleans, dates, tabs, BOMs, bad encodings, alias bombs, deep
nesting, and files too large to be records.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import InvalidData, Where

MAX_BYTES = 2 * 1024 * 1024
MAX_VALUES = 100_000
MAX_DEPTH = 64

_Loader: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_TAG = "tag:yaml.org,2002:"
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True}
_BOOLS.update({"false": False, "False": False, "FALSE": False})
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOATS = {
    ".inf": math.inf,
    ".Inf": math.inf,
    ".INF": math.inf,
    "+.inf": math.inf,
    "-.inf": -math.inf,
    "-.Inf": -math.inf,
    "-.INF": -math.inf,
    ".nan": math.nan,
    ".NaN": math.nan,
    ".NAN": math.nan,
}
_MAYBE_TYPED = set("0123456789+-.~nNtTfF")

Path_ = Sequence[str | int]


@dataclass
class Document:
    """A parsed YAML file: its plain data and the node tree that says where."""

    name: str
    data: Any
    root: yaml.Node

    def locate(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """1-based line and column of the value at `path`.

        With `key`, the position of the key that holds it. A path that goes
        past what exists stops at the deepest node found, which is the object
        that lacks the rest (what a "required" error should point at).
        """
        node, key_node = self.root, None
        for part in path:
            child = _child(node, part)
            if child is None:
                break
            key_node, node = child
        target = key_node if key and key_node is not None else node
        return target.start_mark.line + 1, target.start_mark.column + 1

    def where(self, path: Path_, *, key: bool = False) -> Where:
        line, col = self.locate(path, key=key)
        return Where(self.name, line, col, format_path(path))


def format_path(path: Path_) -> str:
    """`competencies[0].outcome` from ("competencies", 0, "outcome")."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _child(node: yaml.Node, part: str | int) -> tuple[Any, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and _scalar(k) == part:
                return k, v
    in_list = isinstance(node, yaml.SequenceNode) and isinstance(part, int)
    if in_list and 0 <= part < len(node.value):  # type: ignore[operator]
        return None, node.value[part]
    return None


def read_text(path: str | os.PathLike[str], name: str) -> str:
    """The text of a file, refusing what is too large or not UTF-8."""
    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > MAX_BYTES:
                raise InvalidData(
                    f"file is {size:,} bytes, over the {MAX_BYTES:,}-byte limit "
                    "for a record",
                    hint="a record this large is almost certainly not a record; "
                    "split it",
                    where=Where(name),
                )
            raw = file.read()
    except FileNotFoundError:
        raise InvalidData("file not found", where=Where(name)) from None
    return decode(raw, name)


def decode(raw: bytes, name: str) -> str:
    """UTF-8 text without a byte-order mark; other encodings are refused."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InvalidData(
            "file is UTF-16 encoded",
            hint="save it as UTF-8",
            where=Where(name, 1, 1),
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start]
        raise InvalidData(
            f"byte 0x{byte:02X} at offset {exc.start} is not UTF-8",
            hint="save the file as UTF-8; it looks like Latin-1 or Windows-1252",
            where=Where(name, line, col),
        ) from None


RECORD_HINT = "a record needs at least an id and a title"


def load_file(
    path: Path, name: str | None = None, *, empty_hint: str = RECORD_HINT
) -> Document:
    name = name or str(path)
    return loads(read_text(path, name), name, empty_hint=empty_hint)


def loads(
    text: str, name: str = "<string>", *, empty_hint: str = RECORD_HINT
) -> Document:
    """Parse one YAML document that must be a mapping at the top level."""
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text, name) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, name) from None
    except yaml.YAMLError as exc:
        raise InvalidData(f"not valid YAML: {exc}", where=Where(name)) from None
    if root is None or (_is_empty_scalar(root)):
        raise InvalidData(
            "file is empty",
            hint=empty_hint,
            where=Where(name, 1, 1),
        )
    if not isinstance(root, yaml.MappingNode):
        found = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
        raise InvalidData(
            f"the top level must be a mapping of keys to values, found {found}",
            hint="write the record as `key: value` lines, not `- item` lines",
            where=Where(name, root.start_mark.line + 1, root.start_mark.column + 1),
        )
    data = _Builder(name).build(root)
    return Document(name, data, root)


def _reader_error(exc: yaml.reader.ReaderError, text: str, name: str) -> InvalidData:
    """A character YAML forbids (NUL, other control characters), placed."""
    position = max(0, min(exc.position, len(text)))
    line = text.count("\n", 0, position) + 1
    col = position - (text.rfind("\n", 0, position) + 1) + 1
    char = text[position] if position < len(text) else "\0"
    return InvalidData(
        f"character U+{ord(char):04X} is not allowed in YAML",
        hint="remove it (control characters often come from copy and paste)",
        where=Where(name, line, col),
    )


def _is_empty_scalar(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.value == "" and not node.style


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, name: str) -> InvalidData:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    problem = exc.problem or "syntax error"
    hint = ""
    if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
        problem = "a tab character is used for indentation"
        hint = "YAML indents with spaces only; replace the tab with spaces"
    elif "expected a single document" in str(exc.context or ""):
        problem = "more than one YAML document in the file (a second `---`)"
        hint = "keep one record per file"
    elif exc.context:
        problem = f"{problem} ({exc.context})"
    return InvalidData(
        f"YAML syntax error: {problem}", hint=hint, where=Where(name, line, col)
    )


def _char_at(text: str, line: int, col: int) -> str:
    lines = text.splitlines()
    if 0 <= line < len(lines) and 0 <= col < len(lines[line]):
        return lines[line][col]
    return ""


def _scalar(node: yaml.ScalarNode) -> Any:
    """The value of a scalar node under the YAML 1.2 core schema."""
    value, tag = node.value, node.tag
    if tag == _TAG + "str":
        if node.style:
            return value
        if not value:
            return None
        if value[0] not in _MAYBE_TYPED:
            return value
        return _resolve_plain(value)
    if tag in (_TAG + "timestamp", _TAG + "binary"):
        return value
    if tag == _TAG + "null":
        return None
    if tag == _TAG + "bool":
        return _BOOLS.get(value, value)
    if tag in (_TAG + "int", _TAG + "float"):
        resolved = _resolve_plain(value)
        return resolved if isinstance(resolved, (int, float)) else value
    raise ValueError(f"unsupported tag {tag}")


def _resolve_plain(value: str) -> Any:
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if _INT.match(value):
        try:
            return int(value)
        except ValueError:  # more digits than Python converts: keep the text
            return value
    if value.startswith(("0o", "0x")):
        try:
            return int(value[2:], 8 if value[1] == "o" else 16)
        except ValueError:
            return value
    if _FLOAT.match(value) and value not in {".", "-", "+"}:
        return float(value)
    return _SPECIAL_FLOATS.get(value, value)


class _Builder:
    """Turns composed nodes into plain Python values, with the safety rules."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.count = 0
        self.active: set[int] = set()

    def fail(self, node: yaml.Node, message: str, hint: str = "") -> InvalidData:
        mark = node.start_mark
        where = Where(self.name, mark.line + 1, mark.column + 1)
        return InvalidData(message, hint=hint, where=where)

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise self.fail(
                node,
                f"the document expands to more than {MAX_VALUES:,} values",
                "anchors and aliases (&name / *name) multiply content; "
                "write the values out or use fewer aliases",
            )
        if depth > MAX_DEPTH:
            raise self.fail(
                node, f"values are nested more than {MAX_DEPTH} levels deep"
            )
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if id(node) in self.active:
            raise self.fail(node, "an alias refers to the value that contains it")
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, depth + 1) for item in node.value]
            assert isinstance(node, yaml.MappingNode)
            return self._mapping(node, depth)
        finally:
            self.active.discard(id(node))

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        try:
            return _scalar(node)
        except ValueError as exc:
            raise self.fail(
                node, str(exc), "omc reads plain YAML only; remove the `!` tag"
            ) from None

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        seen: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(
                    key_node, "a key must be a plain value, not a list or mapping"
                )
            key = self._scalar(key_node)
            if key == "<<" and not key_node.style:
                self._merge(out, value_node, depth)
                continue
            if key in seen:
                first = seen[key].start_mark.line + 1
                raise self.fail(
                    key_node,
                    f"duplicate key {key!r}: first at line {first}, again here",
                    "YAML keeps only one of them; delete or rename one",
                )
            seen[key] = key_node
            out[key if isinstance(key, str) else str(key)] = self.build(
                value_node, depth + 1
            )
        return out

    def _merge(self, out: dict[Any, Any], node: yaml.Node, depth: int) -> None:
        sources = node.value if isinstance(node, yaml.SequenceNode) else [node]
        for source in sources:
            merged = self.build(source, depth + 1)
            if not isinstance(merged, dict):
                raise self.fail(source, "`<<` merges mappings only")
            for key, value in merged.items():
                out.setdefault(key, value)
