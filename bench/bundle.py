"""One self-contained schema file per omc schema, for check-jsonschema.

omc's schemas refer to each other by `urn:omc:schema:*` ids, which a tool
outside omc cannot fetch. JSON Schema 2020-12 bundles such a family into one
document: each schema it refers to is embedded under `$defs` with its own
`$id`, so every `$ref` resolves inside the file and means what it meant.
The copies are generated from omc/schemas at every run, never kept by hand.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from omc import schemas

PREFIX = "urn:omc:schema:"


def bundle(name: str) -> dict[str, Any]:
    """Schema `name` with every schema it refers to embedded in it."""
    root = schemas.raw(name)
    embedded: dict[str, Any] = {}
    todo = list(_refs(root))
    while todo:
        ref = todo.pop()
        other = ref.removeprefix(PREFIX)
        if other == name or other in embedded:
            continue
        embedded[other] = schemas.raw(other)
        todo += _refs(embedded[other])
    defs = dict(root.get("$defs", {}))
    for other, schema in sorted(embedded.items()):
        schema.pop("$schema", None)
        defs[f"omc-{other}"] = schema
    return {**root, "$defs": defs} if defs else root


def _refs(node: Any) -> Iterator[str]:
    """The ids of other omc schemas that `node` refers to."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(PREFIX):
            yield ref.split("#", 1)[0]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def write(
    out: Path, names: tuple[str, ...] = ("intake", "proposal-draft", "proposal")
) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name in names:
        paths[name] = out / f"{name}.bundled.schema.json"
        paths[name].write_text(
            json.dumps(bundle(name), indent=1) + "\n", encoding="utf-8"
        )
    return paths
