"""The fast check and jsonschema reach the same verdict on every document.

omc asks fastjsonschema "valid?" first and lets jsonschema explain only what
it rejects (omc/schemas). If the two ever disagreed, an invalid record could
pass unseen; so every key of real records is spoiled in every way a person
(or a merge) spoils it, and both must agree.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from omc import schemas, yamlio

from . import builders
from .conftest import SAMPLE

BAD_VALUES: list[Any] = [
    None, True, False, 0, 1, -1, 2.5, "", "x", "x" * 600, "yes", [], ["x"], [1],
    [{}], {}, {"zz": 1}, "not-an-email", "2026-02-30", "2026-12-04",
    "2026-12-04T15:00:00", "2026-12-04T15:00:00Z", "ftp://x", "https://",
    "https://example.edu/a", "MicroCredential", "ext:Thing", "credit", "online",
]  # fmt: skip


def _paths(value: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield here
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*here, key))
    elif isinstance(value, list):
        for index, child in enumerate(value[:2]):
            yield from _paths(child, (*here, index))


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    spoiled = copy.deepcopy(doc)
    target = spoiled
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return spoiled


def _delete(doc: Any, path: tuple[Any, ...]) -> Any:
    spoiled = copy.deepcopy(doc)
    target = spoiled
    for part in path[:-1]:
        target = target[part]
    del target[path[-1]]
    return spoiled


def _variants(doc: dict[str, Any]) -> Iterator[Any]:
    yield doc
    for path in _paths(doc):
        if not path:
            continue
        for value in BAD_VALUES:
            yield _set(doc, path, value)
        yield _delete(doc, path)
        parent = _set(doc, path, {"unknown_key": 1})
        yield parent


def _agree(name: str, doc: Any) -> bool:
    checker = schemas.validator(name)
    return checker.is_valid(doc) == (not list(checker.full.iter_errors(doc)))


def _sample(kind: str) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path in sorted((SAMPLE / f"{kind}s").glob("*/*.yaml")):
        status = path.parent.name
        name = kind
        if kind == "proposal":
            lenient = status in ("draft", "returned", "withdrawn")
            name = "proposal-draft" if lenient else "proposal"
        found.append((name, yamlio.load_file(path).data))
    return found


CASES = [
    ("proposal", builders.proposal()),
    ("proposal", builders.proposal(credit_type="credit", credit_hours=3)),
    ("proposal-draft", builders.proposal()),
    ("intake", builders.intake()),
    ("config", yamlio.load_file(SAMPLE / "omc.yaml").data),
]


@pytest.mark.parametrize(("name", "doc"), CASES, ids=[c[0] for c in CASES])
def test_both_checkers_agree_on_every_spoiled_key(name: str, doc: Any) -> None:
    disagreements = [v for v in _variants(doc) if not _agree(name, v)]
    assert disagreements == []


def test_both_checkers_agree_on_the_sample_office() -> None:
    docs = _sample("intake") + _sample("proposal")
    assert len(docs) > 20
    assert [n for n, d in docs if not _agree(n, d)] == []


def test_a_rejected_document_is_explained(tmp_path: Path) -> None:
    doc = builders.proposal(title="x" * 61)
    checker = schemas.validator("proposal")
    assert not checker.is_valid(doc)
    assert [e.validator for e in checker.iter_errors(doc)] == ["maxLength"]


def _checker(name: str = "intake") -> Any:
    from omc.schemas.compiled import checker

    documents = {s["$id"]: s for s in map(schemas.raw, schemas.NAMES)}
    formats = {"email": schemas.is_email, "date": schemas.is_date}
    formats |= {"date-time": schemas.is_datetime, "uri": schemas.is_uri}
    return checker(name, documents, formats)


def _rejects(check: Any, doc: Any) -> bool:
    import fastjsonschema

    try:
        check(doc)
    except fastjsonschema.JsonSchemaException:
        return True
    return False


def test_the_compiled_code_is_kept_and_used_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fastjsonschema

    _checker()
    (kept,) = (tmp_path / "cache").glob("schema-intake-*.py")

    def broken(*args: object, **kwargs: object) -> str:
        raise AssertionError("generated again")

    monkeypatch.setattr(fastjsonschema, "compile_to_code", broken)
    check = _checker()
    assert not _rejects(check, builders.intake())
    assert _rejects(check, builders.intake(contact={"name": "x", "email": "nope"}))
    assert kept.exists()


def test_a_damaged_cache_is_generated_again(tmp_path: Path) -> None:
    _checker()
    (kept,) = (tmp_path / "cache").glob("schema-intake-*.py")
    kept.write_text("garbage")
    assert _rejects(_checker(), {"id": "x"})
    assert kept.read_text().startswith("VERSION")


def test_a_cache_that_cannot_be_written_is_no_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("OMC_CACHE_DIR", str(blocker / "cache"))
    assert _rejects(_checker(), {"id": "x"})


def test_a_cached_file_that_will_not_run_is_generated_again(tmp_path: Path) -> None:
    _checker()
    (kept,) = (tmp_path / "cache").glob("schema-intake-*.py")
    kept.write_text("def validate_x(data, custom_formats={}):\n    raise ?\n")
    assert _rejects(_checker(), {"id": "x"})
