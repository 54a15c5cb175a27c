"""The floor of a full validate: read, parse and schema-check each file, nothing more.

    python -m bench.floor DIR

One process; each file parsed with libyaml's C loader and checked with a
validator built once, from the same schemas omc uses (omc.schemas.validator),
picked by folder as omc picks it. No line numbers, no checks across files, no
report: the cost any schema checker must pay on these files.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

LENIENT = ("draft", "returned", "withdrawn")


class Loader(yaml.CSafeLoader):
    """The C loader, reading dates as text as JSON Schema expects (and as
    check-jsonschema does): the files write dates unquoted, as people do."""


Loader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    yaml.constructor.SafeConstructor.construct_yaml_str,  # type: ignore[type-var]
)


def schema_for(path: Path) -> str:
    kind, status = path.parent.parent.name, path.parent.name
    if kind == "intakes":
        return "intake"
    return "proposal-draft" if status in LENIENT else "proposal"


def check(root: Path) -> int:
    from omc.schemas import validator

    validators: dict[str, Any] = {}
    errors = 0
    for path in sorted(root.glob("*/*/*.yaml")):
        name = schema_for(path)
        if name not in validators:
            validators[name] = validator(name)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
        errors += sum(1 for _ in validators[name].iter_errors(data))
    return errors


def main(argv: list[str]) -> int:
    errors = check(Path(argv[0]))
    print(f"{errors} schema errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
