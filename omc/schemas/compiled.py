"""fastjsonschema's code for omc's schemas, kept between runs.

Generating the code costs about 15 ms a schema, on every command. It depends
only on the schemas and on fastjsonschema's version, so it is cached in
$OMC_CACHE_DIR (default: $XDG_CACHE_HOME/omc, else ~/.cache/omc) under a name
that hashes both. Whatever goes wrong with the cache (none yet, a folder that
cannot be written, a damaged file) only means the code is generated again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_ENTRY = re.compile(r"^def (\w+)\(", re.MULTILINE)

Check = Callable[[Any], Any]


def cache_dir() -> Path:
    given = os.environ.get("OMC_CACHE_DIR")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "omc"


def checker(
    name: str,
    documents: dict[str, dict[str, Any]],
    formats: Mapping[str, Callable[[object], bool]],
) -> Check:
    """A function that raises fastjsonschema's exception for an invalid document."""
    path, code = _code(name, documents)
    namespace = _load(path, code)
    if namespace is None:
        code = _generate(name, documents)
        namespace = _load(None, code)
    entry = namespace[_ENTRY.search(code).group(1)]  # type: ignore[index,union-attr]

    def check(data: Any) -> Any:
        return entry(data, custom_formats=formats)

    return check


def _load(path: Path | None, code: str) -> dict[str, Any] | None:
    """The module's names: imported from the cache (with its bytecode kept in
    __pycache__, so even compiling is skipped), else executed from memory;
    None when a cached file will not load."""
    namespace: dict[str, Any] = {}
    if path is None:
        exec(compile(code, "<omc schema>", "exec"), namespace)
        return namespace
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"_omc_{path.stem}", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # a damaged file: generate the code again
        log.debug("cached schema code not loaded: %s", exc)
        return None
    return vars(module)


def _code(name: str, documents: dict[str, dict[str, Any]]) -> tuple[Path | None, str]:
    import fastjsonschema

    digest = hashlib.sha256(
        json.dumps([name, fastjsonschema.VERSION, documents], sort_keys=True).encode()
    ).hexdigest()[:20]
    path = cache_dir() / f"schema-{name}-{digest}.py"
    try:
        code = path.read_text("utf-8")
        if _ENTRY.search(code):
            return path, code
    except OSError:
        pass
    code = _generate(name, documents)
    return (path if _keep(path, code) else None), code


def _generate(name: str, documents: dict[str, dict[str, Any]]) -> str:
    import fastjsonschema

    def resolve(uri: str) -> dict[str, Any]:
        return documents[uri.split("#", 1)[0]]

    schema = next(s for s in documents.values() if s["$id"].endswith(f":{name}"))
    # The format functions are given at each call (custom_formats), so the
    # code only needs to know their names.
    formats = dict.fromkeys(("email", "date", "date-time", "uri"), _unused)
    code: str = fastjsonschema.compile_to_code(
        schema, handlers={"urn": resolve}, formats=formats
    )
    return code


def _unused(value: Any) -> bool:
    return True


def _keep(path: Path, code: str) -> bool:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(code, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        log.debug("schema code not cached in %s: %s", path.parent, exc)
        return False
    return True
