"""Editing YAML records in place with ruamel.yaml's round-trip mode.

Comments, blank lines, key order, quoting and the author's indentation survive
a change made by omc; new values are written the way a person would write
them; and an edit is parsed again by the strict reader before it is kept.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Callable
from typing import Any

from .read import _TAG, loads

_ISO_DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?\Z"
)
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}


def _round_tripper(text: str) -> Any:
    from ruamel.yaml import YAML

    mapping, offset = guess_indent(text)
    rt = YAML()
    rt.preserve_quotes = True
    rt.width = 4096
    rt.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    _add_representers(rt.representer)
    return rt


def guess_indent(text: str) -> tuple[int, int]:
    """(mapping indent, dash offset) as the file's author used them.

    Read from the first nested mapping and the first block list under a key;
    omc's own style (2 and 2) where the file has neither.
    """
    mapping = offset = None
    lines = [
        line
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    for parent, child in itertools.pairwise(lines):
        if not parent.rstrip().endswith(":"):
            continue
        depth = len(child) - len(child.lstrip())
        step = depth - (len(parent) - len(parent.lstrip()))
        if child.lstrip().startswith("- "):
            offset = step if offset is None else offset
        elif step > 0:
            mapping = step if mapping is None else mapping
        if mapping is not None and offset is not None:
            break
    return mapping or 2, 2 if offset is None else max(offset, 0)


def _add_representers(representer: Any) -> None:
    def null(rep: Any, _value: None) -> Any:
        return rep.represent_scalar(_TAG + "null", "null")

    def timestamp(rep: Any, value: str) -> Any:
        return rep.represent_scalar(_TAG + "timestamp", str(value))

    representer.add_representer(type(None), null)
    representer.add_representer(_Timestamp, timestamp)


class _Timestamp(str):
    """A date or date-time string written plain, the way people write dates."""


def to_yaml(value: Any) -> Any:
    """A new value as a round-trip node, styled as a person would write it.

    Multi-line text becomes a `|` block; ISO dates stay unquoted; words that
    YAML 1.1 tools read as booleans or null (`yes`, `no`, `on`, `~`) are quoted.
    Values already in a file are never restyled.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString, SingleQuotedScalarString

    if isinstance(value, dict):
        return CommentedMap((k, to_yaml(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return CommentedSeq(to_yaml(v) for v in value)
    if not isinstance(value, str) or type(value) is not str:
        return value
    if "\n" in value:
        return LiteralScalarString(value)
    if _ISO_DATE.match(value):
        return _Timestamp(value)
    if value.lower() in _YAML11_WORDS or value != value.strip():
        return SingleQuotedScalarString(value)
    return value


def edit(text: str, change: Callable[[Any], None], name: str = "<string>") -> str:
    """Apply `change` to the round-trip tree of `text`; return the new text.

    The new text is parsed again with the strict loader before it is returned,
    so an edit can never produce a file that omc itself cannot read.
    """
    crlf = "\r\n" in text
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    rt = _round_tripper(text)
    tree = rt.load(text)
    change(tree)
    out = io.StringIO()
    rt.dump(tree, out)
    new = out.getvalue()
    loads(new, name)
    return new.replace("\n", "\r\n") if crlf else new


def dump(data: dict[str, Any]) -> str:
    """YAML text for a new record, in the house style."""
    rt = _round_tripper("a: 1\n")
    rt.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    rt.dump(data, out)
    return out.getvalue()


def append(seq: Any, item: Any) -> None:
    """Append to a round-trip list, keeping the comment that closed it in place.

    ruamel attaches comments and blank lines that follow a list to its last
    item; moved along, they stay after the list rather than before the new item.
    """
    from ruamel.yaml.comments import CommentedSeq

    item = to_yaml(item)
    if not isinstance(seq, CommentedSeq) or not seq:
        seq.append(item)
        return
    tail = _pop_trailing(seq)
    seq.append(item)
    if tail:
        _put_trailing(seq, tail)


def _last_slot(node: Any) -> tuple[Any, Any] | None:
    """The innermost (container, key) where a comment after `node` is kept."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap) and node:
        key = list(node.keys())[-1]
        deeper = _last_slot(node[key])
        return deeper or (node, key)
    if isinstance(node, CommentedSeq) and node:
        deeper = _last_slot(node[-1])
        return deeper or (node, len(node) - 1)
    return None


def _pop_trailing(seq: Any) -> str:
    slot = _last_slot(seq)
    if slot is None:
        return ""
    container, key = slot
    entry = container.ca.items.get(key)
    index = 2 if isinstance(key, str) or not isinstance(container, list) else 0
    if not entry or len(entry) <= index or entry[index] is None:
        return ""
    token = entry[index]
    if "\n" in str(container[key]):
        entry[index] = None
        return str(token.value)
    head, sep, rest = token.value.partition("\n")
    if not sep or not rest:
        return ""
    token.value = head + "\n"
    return rest


def _put_trailing(seq: Any, rest: str) -> None:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    slot = _last_slot(seq)
    if slot is None:
        return
    container, key = slot
    index = 2 if isinstance(key, str) or not isinstance(container, list) else 0
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    while len(entry) <= index:
        entry.append(None)
    token = entry[index]
    eol = "" if "\n" in str(container[key]) else "\n"
    if token is None:
        entry[index] = CommentToken(eol + rest, CommentMark(0), None)
    else:
        token.value = token.value.rstrip("\n") + "\n" + rest


def put(tree: Any, key: str, value: Any) -> None:
    """Set `key` of a round-trip mapping, keeping its place and comment."""
    tree[key] = to_yaml(value)
