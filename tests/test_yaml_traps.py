"""Every YAML trap of BRIEF.md gets a precise error or the right value."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

from omc import yamlio
from omc.errors import InvalidData

from .conftest import Invoke

RECORD = "proposals/draft/trap-k3f9.yaml"


@pytest.fixture(autouse=True)
def _inside_office(office: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the data directory, as a coordinator would."""
    monkeypatch.chdir(office)


def _validate(omc: Invoke, office: Path, raw: bytes) -> list[str]:
    path = office / RECORD
    path.write_bytes(raw)
    result = omc("--data-dir", str(office), "validate", RECORD)
    assert result.exit_code == 1, result.stdout + result.stderr
    return [line for line in result.stderr.splitlines() if line.startswith(RECORD)]


def _error(raw: bytes) -> InvalidData:
    with pytest.raises(InvalidData) as caught:
        yamlio.loads(yamlio.decode(raw, "f.yaml"), "f.yaml")
    return caught.value


def test_duplicate_key_names_both_lines(omc: Invoke, office: Path) -> None:
    raw = b"id: trap-k3f9\ntitle: First\nsummary: x\ntitle: Second\n"
    assert _validate(omc, office, raw) == [
        f"{RECORD}:4:1: duplicate key 'title': first at line 2, again here "
        "(YAML keeps only one of them; delete or rename one)"
    ]


def test_duplicate_key_inside_a_list_item(omc: Invoke, office: Path) -> None:
    raw = b"id: trap-k3f9\ncompetencies:\n  - name: a\n    name: b\n"
    lines = _validate(omc, office, raw)
    assert lines[0].startswith(f"{RECORD}:4:5: duplicate key 'name': first at line 3")


@pytest.mark.parametrize("word", ["no", "yes", "on", "off", "NO", "Yes", "y", "n"])
def test_yaml11_booleans_stay_text(word: str) -> None:
    doc = yamlio.loads(f"title: {word}\nlist: [{word}]\n")
    assert doc.data == {"title": word, "list": [word]}


def test_true_and_false_are_booleans_and_error_says_why(
    omc: Invoke, office: Path
) -> None:
    assert yamlio.loads("a: true\nb: False\n").data == {"a": True, "b": False}
    raw = b"id: trap-k3f9\ntitle: yes\nrevision: on\n"
    assert _validate(omc, office, raw) == [
        f"{RECORD}:3:11: revision: expected a whole number, found text 'on'"
    ]


def test_boolean_where_text_expected_is_explained(omc: Invoke, office: Path) -> None:
    raw = b"id: trap-k3f9\ntitle: true\n"
    assert _validate(omc, office, raw) == [
        f"{RECORD}:2:8: title: expected text, found true/false true"
    ]


def test_dates_and_times_stay_strings() -> None:
    doc = yamlio.loads("d: 2026-11-03\nt: 2026-11-03T09:12:40Z\nclock: 12:30\n")
    assert doc.data == {
        "d": "2026-11-03",
        "t": "2026-11-03T09:12:40Z",
        "clock": "12:30",
    }


def test_an_impossible_date_is_a_format_error(omc: Invoke, office: Path) -> None:
    raw = b"id: trap-k3f9\nreview_by: 2026-02-30\n"
    assert _validate(omc, office, raw) == [
        f"{RECORD}:2:12: review_by: '2026-02-30' is not a date written YYYY-MM-DD"
    ]


def test_tab_indentation(omc: Invoke, office: Path) -> None:
    raw = b"id: trap-k3f9\nlead:\n\tname: x\n"
    assert _validate(omc, office, raw) == [
        f"{RECORD}:3:1: YAML syntax error: a tab character is used for indentation "
        "(YAML indents with spaces only; replace the tab with spaces)"
    ]


def test_bom_and_crlf_are_accepted(omc: Invoke, office: Path) -> None:
    path = office / RECORD
    path.write_bytes(b"\xef\xbb\xbfid: trap-k3f9\r\ntitle: Caf\xc3\xa9\r\n")
    result = omc("--data-dir", str(office), "validate", RECORD)
    assert result.exit_code == 0, result.stderr
    assert yamlio.load_file(path).data == {"id": "trap-k3f9", "title": "Café"}


def test_non_utf8_bytes_give_offset_line_and_column(omc: Invoke, office: Path) -> None:
    raw = b"id: trap-k3f9\ntitle: Caf\xe9\n"
    assert _validate(omc, office, raw) == [
        f"{RECORD}:2:11: byte 0xE9 at offset 24 is not UTF-8 "
        "(save the file as UTF-8; it looks like Latin-1 or Windows-1252)"
    ]


def test_utf16_is_refused() -> None:
    assert "UTF-16" in _error("id: x\n".encode("utf-16")).message


@pytest.mark.parametrize("raw", [b"", b"\n\n", b"# only a comment\n", b"---\n"])
def test_empty_file(omc: Invoke, office: Path, raw: bytes) -> None:
    assert _validate(omc, office, raw) == [
        f"{RECORD}:1:1: file is empty (a record needs at least an id and a title)"
    ]


def test_top_level_list(omc: Invoke, office: Path) -> None:
    assert _validate(omc, office, b"- id: trap-k3f9\n- title: x\n") == [
        f"{RECORD}:1:1: the top level must be a mapping of keys to values, found a "
        "list (write the record as `key: value` lines, not `- item` lines)"
    ]


def test_top_level_scalar() -> None:
    assert "found a single value" in _error(b"just text\n").message


def test_two_documents() -> None:
    error = _error(b"id: a\n---\nid: b\n")
    assert error.message.startswith("YAML syntax error: more than one YAML document")
    assert (error.where.line, error.where.col) == (2, 1)  # type: ignore[union-attr]


def _bomb(levels: int) -> bytes:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for n in range(1, levels):
        refs = ", ".join([f"*a{n - 1}"] * 10)
        lines.append(f"a{n}: &a{n} [{refs}]")
    return ("\n".join(lines) + "\n").encode()


def test_alias_bomb_is_refused_quickly_with_bounded_memory(
    omc: Invoke, office: Path
) -> None:
    raw = _bomb(9)  # a billion values if expanded
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    lines = _validate(omc, office, raw)
    spent = time.process_time() - started
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert len(lines) == 1
    assert "the document expands to more than 100,000 values" in lines[0]
    assert "anchors and aliases" in lines[0]
    assert spent < 5 and grown_kib < 200_000


def test_aliases_within_the_budget_are_expanded() -> None:
    doc = yamlio.loads("base: &b {a: 1}\ncopy: *b\nmerged:\n  <<: *b\n  c: 2\n")
    assert doc.data == {"base": {"a": 1}, "copy": {"a": 1}, "merged": {"a": 1, "c": 2}}


def test_recursive_alias() -> None:
    error = _error(b"x: &x\n  - *x\n")
    assert "an alias refers to the value that contains it" in error.message


def test_deep_nesting() -> None:
    raw = ("a: " + "[" * 80 + "]" * 80 + "\n").encode()
    assert "nested more than 64 levels deep" in _error(raw).message


def test_file_over_the_size_limit(omc: Invoke, office: Path) -> None:
    raw = b"id: trap-k3f9\nsummary: " + b"x" * (yamlio.MAX_BYTES + 10) + b"\n"
    lines = _validate(omc, office, raw)
    assert lines == [
        f"{RECORD}: file is {len(raw):,} bytes, "
        f"over the {yamlio.MAX_BYTES:,}-byte limit for a record "
        "(a record this large is almost certainly not a record; split it)"
    ]


def test_unknown_tags_are_refused() -> None:
    error = _error(b"a: !!python/object:os.system x\n")
    assert "unsupported tag" in error.message
    assert (error.where.line, error.where.col) == (1, 4)  # type: ignore[union-attr]


def test_numbers_follow_yaml_12() -> None:
    doc = yamlio.loads(
        "a: 012\nb: 0o17\nc: 0x1f\nd: 1_000\ne: .5\nf: 1e3\ng: .inf\nh: ~\n"
    )
    assert doc.data == {
        "a": 12,
        "b": 15,
        "c": 31,
        "d": "1_000",
        "e": 0.5,
        "f": 1000.0,
        "g": float("inf"),
        "h": None,
    }


def test_quoted_values_stay_text() -> None:
    assert yamlio.loads("a: '12'\nb: \"true\"\nc: 'null'\n").data == {
        "a": "12",
        "b": "true",
        "c": "null",
    }


def test_locate_points_at_keys_values_and_missing_keys() -> None:
    doc = yamlio.loads("id: x\nlist:\n  - name: a\n    deep: {k: v}\n")
    assert doc.locate(["list", 0, "deep", "k"]) == (4, 15)
    assert doc.locate(["list", 0, "deep"], key=True) == (4, 5)
    assert doc.locate(["list", 0, "missing"]) == (3, 5)
    assert yamlio.format_path(["list", 0, "deep", "k"]) == "list[0].deep.k"


def test_an_empty_value_is_null_and_quoted_empty_is_text() -> None:
    doc = yamlio.loads("a:\nb: \"\"\nc: ''\nd: ~\n")
    assert doc.data == {"a": None, "b": "", "c": "", "d": None}


def test_a_control_character_is_placed() -> None:
    error = _error(b"id: x\ntitle: a\x00b\n")
    assert error.message == "character U+0000 is not allowed in YAML"
    assert (error.where.line, error.where.col) == (2, 9)  # type: ignore[union-attr]


def test_a_number_too_long_for_python_stays_text() -> None:
    digits = "9" * 5000
    assert yamlio.loads(f"n: {digits}\n").data == {"n": digits}
