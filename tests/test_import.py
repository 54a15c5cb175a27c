"""`omc intake import`: the form tool's CSV export, row by row."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from omc import files, yamlio
from omc.errors import OmcError

from .conftest import CASES, Invoke, git

EXPORT = CASES / "intake-form-export.csv"


def _import(omc: Invoke, root: Path, *args: str, code: int = 0) -> Result:
    result = omc("--data-dir", str(root), "intake", "import", *args, "--by", "mlopez")
    assert result.exit_code == code, (result.stdout, result.stderr)
    return result


def _received(root: Path) -> dict[int, dict[str, Any]]:
    """Imported intakes (the sample office has none) by the row they came from."""
    found = {}
    for path in sorted((root / "intakes" / "received").glob("*.yaml")):
        data = yamlio.load_file(path).data
        if "source" in data:
            found[data["source"]["row"]] = data
    return found


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".omc" not in p.parts
    }


def test_the_six_rows_give_the_outcome_the_cases_readme_describes(
    omc: Invoke, office: Path
) -> None:
    result = _import(omc, office, str(EXPORT))

    rows = _received(office)
    assert sorted(rows) == [1, 2, 3, 6]
    assert rows[1]["submitted"] == "2026-11-03"
    assert rows[1]["collaborators"] == [
        {"name": "Daniel Okafor", "email": "dokafor@example.edu"},
        {"name": "Priya Raman", "email": "praman@example.edu"},
    ]
    assert rows[1]["credit_type"] == "non-credit"
    assert rows[1]["development_stage"] == "outline"
    assert rows[1]["audience"] == [
        "Undergraduate students",
        "Alumni",
        "Industry professionals",
    ]
    assert rows[1]["estimated_hours"] == 20
    assert rows[2]["contact"]["email"] == "jmartinez2@example.edu"
    assert rows[2]["contact"]["name"] == "José Martínez-Núñez"
    assert rows[2]["title"] == "Community Leadership Essentials 🌱"
    assert rows[2]["credit_type"] == "non-credit"
    assert "estimated_hours" not in rows[2]
    assert rows[2]["estimated_hours_note"] == "about 15"
    assert rows[3]["collaborators"] == [
        {"name": "Kevin Liu", "email": "kliu@example.edu"},
        {"name": "Sarah O'Brien", "email": "sobrien@example.edu"},
    ]
    assert rows[3]["summary"].count("\n") == 1
    assert rows[6]["collaborators"] == [
        {"name": "Tomás Rivera", "email": "trivera@example.edu"}
    ]
    assert rows[6]["submitted"] == "2026-11-12"

    out, err = result.stdout, result.stderr
    assert "duplicate row 4: same email and title as row 3" in out
    assert "row 5: contact.email ('Your email address'): missing" in err
    assert f"{EXPORT}:9: row 5" in err
    assert "warning: row 2: estimated_hours" in err and "about 15" in err
    assert out.splitlines()[-1] == (
        "imported 4, duplicates 1, "
        "skipped 1 (row 5: contact.email ('Your email address'): missing), "
        "warnings 1"
    )
    assert not any("Chen" in d["contact"]["name"] for d in rows.values())


def test_every_imported_record_says_where_it_came_from(
    omc: Invoke, office: Path
) -> None:
    _import(omc, office, str(EXPORT))

    for row, data in _received(office).items():
        assert data["source"]["file"] == "intake-form-export.csv"
        assert data["source"]["response"] == str(row)
        assert len(data["source"]["fingerprint"]) == 16
        assert data["history"] == [
            {
                "at": "2026-12-04T15:00:00Z",
                "from": None,
                "to": "received",
                "by": "mlopez",
                "note": f"imported from intake-form-export.csv, row {row}",
            }
        ]
    assert omc("--data-dir", str(office), "validate").exit_code == 0


def test_a_second_import_creates_nothing(omc: Invoke, office: Path) -> None:
    _import(omc, office, str(EXPORT))
    before = _files(office)

    result = _import(omc, office, str(EXPORT))

    assert _files(office) == before
    assert "imported 0, duplicates 5, skipped 1" in result.stdout
    assert "duplicate row 1: same email and title as intake " in result.stdout


def test_an_intake_typed_in_by_hand_counts_as_already_imported(
    omc: Invoke, office: Path
) -> None:
    typed = omc(
        "--data-dir", str(office), "intake", "new", "--by", "mlopez",
        "--title", "  applied data visualization WITH python ",
        "--name", "Maria Fernandez", "--email", "MFernandez@Example.edu",
    )  # fmt: skip
    assert typed.exit_code == 0, typed.stderr

    result = _import(omc, office, str(EXPORT))

    intake_id = typed.stdout.strip()
    assert f"duplicate row 1: same email and title as intake {intake_id}" in (
        result.stdout
    )
    assert sorted(_received(office)) == [2, 3, 6]


def test_json_report_lists_rows(omc: Invoke, office: Path) -> None:
    result = _import(omc, office, str(EXPORT), "--json")

    report = json.loads(result.stdout)
    assert [e["row"] for e in report["imported"]] == [1, 2, 3, 6]
    assert report["duplicates"][0]["row"] == 4
    assert report["duplicates"][0]["of"] == "row 3"
    assert report["duplicates"][0]["id"] == report["imported"][2]["id"]
    assert report["skipped"] == [
        {
            "row": 5,
            "line": 9,
            "field": "contact.email",
            "message": "missing",
            "column": "Your email address",
        }
    ]
    assert report["skipped_rows"] == [5]
    assert report["warnings"][0]["field"] == "estimated_hours"


def test_strict_exits_1_when_a_row_was_skipped_yet_imports_the_rest(
    omc: Invoke, office: Path
) -> None:
    result = _import(omc, office, str(EXPORT), "--strict", code=1)

    assert sorted(_received(office)) == [1, 2, 3, 6]
    assert "row 5" in result.stderr


def test_dry_run_writes_nothing(omc: Invoke, office: Path) -> None:
    before = _files(office)

    result = _import(omc, office, str(EXPORT), "--dry-run")

    assert _files(office) == before
    assert "would import 4, duplicates 1" in result.stdout
    assert "dry run" in result.stderr
    assert "the real run's id differs from this one's" in result.stderr


def test_commit_records_every_new_intake_in_one_commit(
    omc: Invoke, git_office: Path
) -> None:
    result = _import(omc, git_office, str(EXPORT), "--commit")

    log = git(git_office, "log", "--format=%s", "-2").splitlines()
    assert log[0] == "Import 4 intakes from intake-form-export.csv"
    shown = git(git_office, "show", "--name-status", "--format=", "HEAD")
    assert shown.count("A\tintakes/received/") == 4
    assert git(git_office, "status", "--porcelain") == ""
    assert "committed" in result.stderr


def test_an_interrupted_import_leaves_no_intake(
    omc: Invoke, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[str] = []

    def fail_on_the_third(step: str) -> None:
        if step.startswith("wrote "):
            written.append(step)
            if len(written) == 3:
                raise OmcError("the disk went away")

    monkeypatch.setattr(files, "_checkpoint", fail_on_the_third)

    result = _import(omc, office, str(EXPORT), code=1)

    assert "the disk went away" in result.stderr
    assert _received(office) == {}


# Other forms, other files ------------------------------------------------------

OTHER_HEADER = ["Timestamp", "Email Address", "Full name", "Idea title", "Format"]
OTHER_MAP = """\
# A form whose questions are worded differently, with day-first dates.
date_order: day-first
columns:
  Timestamp: submitted
  Email Address: contact.email
  Full name: contact.name
  Idea title: title
  Format: modality
answers:
  modality:
    Online course: online
"""


def _write_csv(path: Path, header: list[str], *rows: list[str]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path


def test_a_different_form_reads_through_its_map(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    export = _write_csv(
        tmp_path / "other.csv",
        OTHER_HEADER,
        ["03/11/2026 14:02", "lena@example.edu", "Lena Ortiz", "Lab Safety",
         "Online course"],
    )  # fmt: skip
    (tmp_path / "other-map.yaml").write_text(OTHER_MAP)

    _import(omc, office, str(export), "--map", str(tmp_path / "other-map.yaml"))

    (data,) = _received(office).values()
    assert data["submitted"] == "2026-11-03"
    assert data["modality"] == "online"
    assert data["contact"] == {"name": "Lena Ortiz", "email": "lena@example.edu"}


def test_bad_answers_are_reported_by_row_and_field_and_the_rest_import(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    export = _write_csv(
        tmp_path / "other.csv",
        OTHER_HEADER,
        ["03/11/2026", "lena at example", "Lena Ortiz", "Lab Safety", "Online course"],
        ["31/02/2026", "kim@example.edu", "Kim Ng", "Soldering", "By carrier pigeon"],
        ["04/11/2026", "bo@example.edu", "Bo Park", "Welding", "Online course"],
    )
    (tmp_path / "other-map.yaml").write_text(OTHER_MAP)

    result = _import(
        omc, office, str(export), "--map", str(tmp_path / "other-map.yaml")
    )

    err = result.stderr
    assert (
        f"{export}:2: row 1: contact.email ('Email Address'): "
        "'lena at example' is not an email address"
    ) in err
    assert "row 2: submitted ('Timestamp'): '31/02/2026' is not a real date" in err
    assert "row 2: modality ('Format'): 'By carrier pigeon' is not one of" in err
    assert [d["title"] for d in _received(office).values()] == ["Welding"]
    assert "imported 1, duplicates 0, skipped 2" in result.stdout


def test_a_map_beside_the_csv_is_used_without_map(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    export = _write_csv(
        tmp_path / "spring.csv",
        OTHER_HEADER,
        ["4/11/2026", "kim@example.edu", "Kim Ng", "Soldering", "Online course"],
    )
    (tmp_path / "spring.columns.yaml").write_text(OTHER_MAP)

    result = _import(omc, office, str(export))

    (data,) = _received(office).values()
    assert data["submitted"] == "2026-11-04"
    assert "column map: " + str(tmp_path / "spring.columns.yaml") in result.stderr


def test_a_map_naming_an_unknown_field_is_refused_at_its_line(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    (tmp_path / "bad.yaml").write_text("columns:\n  Email Address: contact.mail\n")

    bad = str(tmp_path / "bad.yaml")
    result = _import(omc, office, str(EXPORT), "--map", bad, code=1)

    assert f"{tmp_path / 'bad.yaml'}:2:18: columns.Email Address" in result.stderr
    assert "did you mean 'contact.email'?" in result.stderr


def test_latin_1_is_refused_with_where_and_nothing_is_written(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    text = EXPORT.read_text("utf-8-sig").replace("🌱", "")
    export = tmp_path / "latin.csv"
    export.write_bytes(text.encode("latin-1"))

    result = _import(omc, office, str(export), code=1)

    assert f"{export}:4:" in result.stderr
    assert "is not UTF-8" in result.stderr
    assert "save the file as UTF-8" in result.stderr
    assert result.stdout == ""
    assert _received(office) == {}


def test_an_empty_file_is_refused(omc: Invoke, office: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_bytes(b"")

    result = _import(omc, office, str(tmp_path / "empty.csv"), code=1)

    assert "the file is empty: it has no header row" in result.stderr
    assert _received(office) == {}


def test_a_header_without_responses_imports_nothing(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    header = EXPORT.read_bytes().split(b"\r\n", 1)[0] + b"\r\n"
    (tmp_path / "none.csv").write_bytes(header)

    result = _import(omc, office, str(tmp_path / "none.csv"))

    assert result.stdout.splitlines() == [
        "imported 0, duplicates 0, skipped 0, warnings 0"
    ]


def test_a_header_missing_a_mapped_column_is_refused(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    text = EXPORT.read_text("utf-8-sig")
    export = tmp_path / "renamed.csv"
    export.write_text(text.replace("Your email address", "E-mail"), "utf-8")

    result = _import(omc, office, str(export), code=1)

    assert f"{export}:1: the header has no column 'Your email address'" in (
        result.stderr
    )
    assert "omc.yaml" in result.stderr
    assert _received(office) == {}


def test_a_missing_file_is_not_found(omc: Invoke, office: Path) -> None:
    result = _import(omc, office, "nowhere.csv", code=1)

    assert "nowhere.csv: no such file" in result.stderr


def test_a_folder_is_not_a_csv_file(omc: Invoke, office: Path, tmp_path: Path) -> None:
    result = _import(omc, office, str(tmp_path), code=2)

    assert f"{tmp_path} is a folder" in result.stderr
    assert "give the CSV file the form tool exported" in result.stderr


def test_the_case_file_is_read_from_anywhere(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "downloads" / "export.csv"
    outside.parent.mkdir()
    shutil.copy(EXPORT, outside)

    _import(omc, office, str(outside))

    assert {d["source"]["file"] for d in _received(office).values()} == {"export.csv"}
    assert not list(outside.parent.glob("*.yaml"))


@pytest.mark.parametrize(
    ("typed", "people"),
    [
        ("Ann Lee, alee@example.edu", [("Ann Lee", "alee@example.edu")]),
        ("Ann Lee <ALee@example.edu>", [("Ann Lee", "alee@example.edu")]),
        (
            "Ann Lee <alee@example.edu>; Bo Park <bpark@example.edu>",
            [("Ann Lee", "alee@example.edu"), ("Bo Park", "bpark@example.edu")],
        ),
        (
            "Ann Lee, alee@example.edu\nBo Park, bpark@example.edu",
            [("Ann Lee", "alee@example.edu"), ("Bo Park", "bpark@example.edu")],
        ),
        ("alee@example.edu (Ann Lee)", [("Ann Lee", "alee@example.edu")]),
        ("Ann Lee", [("Ann Lee", None)]),
        (
            "Ann Lee <alee@example.edu>, Bo Park",
            [("Ann Lee", "alee@example.edu"), ("Bo Park", None)],
        ),
        (
            "Ann Lee, alee@example.edu, Bo Park",
            [("Ann Lee", "alee@example.edu"), ("Bo Park", None)],
        ),
        (
            "alee@example.edu (Ann Lee), bpark@example.edu (Bo Park)",
            [("Ann Lee", "alee@example.edu"), ("Bo Park", "bpark@example.edu")],
        ),
        (
            "alee@example.edu, Bo Park <bpark@example.edu>",
            [
                ("alee@example.edu", "alee@example.edu"),
                ("Bo Park", "bpark@example.edu"),
            ],
        ),
        (
            "Lee, Ann <alee@example.edu>, Park, Bo <bpark@example.edu>",
            [("Lee, Ann", "alee@example.edu"), ("Park, Bo", "bpark@example.edu")],
        ),
        ("Ann Lee <alee@example.edu>.", [("Ann Lee", "alee@example.edu")]),
    ],
)
def test_collaborators_split_whichever_way_typed(
    typed: str, people: list[tuple[str, str | None]]
) -> None:
    from omc.form import collaborators

    expected = [
        {"name": name, "email": email} if email else {"name": name}
        for name, email in people
    ]
    assert collaborators(typed) == expected


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("Bo Park <nope>", "'nope' is not an email address"),
        ("<script>@x.com", "'<script>@x.com' is not an email address"),
        ("Ann <b> Lee <alee@example.edu>", "'b' is not an email address"),
        ("Bo <Park", "a name may not hold < or >"),
        ("Bo Park, nope@", "'nope@' is not an email address"),
        ("Bo Park <bo@@example.edu>", "'bo@@example.edu' is not an email address"),
        (
            "Bo Park <bpark@example.edu> Al",
            "cannot tell who 'Al' after bpark@example.edu is",
        ),
        (
            "Bo Park, bpark@example.edu (Biology)",
            "cannot tell who 'Biology' after bpark@example.edu is",
        ),
    ],
)
def test_collaborators_that_do_not_split_cleanly_are_refused(
    typed: str, said: str
) -> None:
    from omc.errors import InvalidData
    from omc.form import collaborators

    with pytest.raises(InvalidData) as caught:
        collaborators(f"Ann Lee <alee@example.edu>\n{typed}")

    assert caught.value.message == f"collaborator '{typed}': {said}; write Name <email>"


# Rows with problems, each told once ---------------------------------------------

PEOPLE_HEADER = [*OTHER_HEADER, "Collaborators"]
PEOPLE_MAP = OTHER_MAP.replace(
    "  Format: modality\n", "  Format: modality\n  Collaborators: collaborators\n"
)


def _import_other(
    omc: Invoke, tmp_path: Path, office: Path, *rows: list[str]
) -> tuple[Result, dict[str, Any]]:
    """Import rows under PEOPLE_HEADER (day-first dates); the output and --json."""
    export = _write_csv(tmp_path / "other.csv", PEOPLE_HEADER, *rows)
    (tmp_path / "other-map.yaml").write_text(PEOPLE_MAP)
    args = (str(export), "--map", str(tmp_path / "other-map.yaml"))
    report = json.loads(_import(omc, office, *args, "--dry-run", "--json").stdout)
    return _import(omc, office, *args), report


def test_a_collaborator_that_is_not_name_and_email_skips_the_row(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    result, report = _import_other(
        omc, tmp_path, office,
        ["03/11/2026", "lena@example.edu", "Lena Ortiz", "Lab Safety", "", "Bo <x>"],
        ["04/11/2026", "bo@example.edu", "Bo Park", "Welding", "", ""],
    )  # fmt: skip

    assert (
        f"{tmp_path / 'other.csv'}:2: row 1: collaborators ('Collaborators'): "
        "collaborator 'Bo <x>': 'x' is not an email address"
    ) in result.stderr
    assert report["skipped_rows"] == [1]
    assert [d["title"] for d in _received(office).values()] == ["Welding"]


def test_every_part_of_a_collaborator_cell_is_kept_or_the_row_is_skipped(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    result, report = _import_other(
        omc, tmp_path, office,
        ["03/11/2026", "lena@example.edu", "Lena Ortiz", "Lab Safety", "",
         "Bo <bo@example.edu>, Al Smith"],
        ["04/11/2026", "kim@example.edu", "Kim Ng", "Welding", "",
         "Bo <bo@example.edu> Al"],
    )  # fmt: skip

    assert (
        f"{tmp_path / 'other.csv'}:3: row 2: collaborators ('Collaborators'): "
        "collaborator 'Bo <bo@example.edu> Al': cannot tell who 'Al' after "
        "bo@example.edu is"
    ) in result.stderr
    assert report["skipped_rows"] == [2]
    (imported,) = _received(office).values()
    assert imported["collaborators"] == [
        {"name": "Bo", "email": "bo@example.edu"},
        {"name": "Al Smith"},
    ]


def test_a_bad_email_is_reported_once(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    result, report = _import_other(
        omc, tmp_path, office,
        ["03/11/2026", "x", "Lena Ortiz", "Lab Safety", "", ""],
    )  # fmt: skip

    assert [(n["field"], n["message"]) for n in report["skipped"]] == [
        ("contact.email", "'x' is not an email address")
    ]
    assert result.stderr.count("row 1:") == 1
    assert "missing" not in result.stderr


def test_a_short_or_overfull_row_says_how_many_cells_it_has(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    result, report = _import_other(
        omc, tmp_path, office,
        ["03/11/2026", "lena@example.edu"],
        ["03/11/2026", "kim@example.edu", "Kim Ng", "Soldering", "", "", "Jan"],
        ["04/11/2026", "bo@example.edu", "Bo Park", "Welding", "", "", "", ""],
    )  # fmt: skip

    assert report["skipped"] == [
        {"row": 1, "line": 2, "field": "", "column": "",
         "message": "this row has 2 cells where the header has 6"},
        {"row": 2, "line": 3, "field": "", "column": "",
         "message": "this row has 7 cells where the header has 6"},
    ]  # fmt: skip
    assert "other.csv:2: row 1: this row has 2 cells where the header has 6" in (
        result.stderr
    )
    assert "missing" not in result.stderr
    assert [d["title"] for d in _received(office).values()] == ["Welding"]


# Submission dates -----------------------------------------------------------------


def test_a_submitted_date_after_today_skips_the_row(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    result, report = _import_other(
        omc, tmp_path, office,
        ["1/1/2099 9:00:00", "lena@example.edu", "Lena Ortiz", "Lab Safety", "", ""],
        ["31/12/26 9:00:00", "kim@example.edu", "Kim Ng", "Soldering", "", ""],
        ["04/12/26 9:00:00", "bo@example.edu", "Bo Park", "Welding", "", ""],
    )  # fmt: skip

    assert (
        "row 1: submitted ('Timestamp'): "
        "'1/1/2099 9:00:00' is later than today (2026-12-04)"
    ) in result.stderr
    assert "row 2: submitted ('Timestamp'): '31/12/26 9:00:00' is later than" in (
        result.stderr
    )
    assert report["skipped_rows"] == [1, 2]
    (data,) = _received(office).values()
    assert data["submitted"] == "2026-12-04"


def test_a_two_digit_year_is_the_latest_such_year_not_after_this_one(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    result, report = _import_other(
        omc, tmp_path, office,
        ["1/1/99 9:00:00", "lena@example.edu", "Lena Ortiz", "Lab Safety", "", ""],
        ["3/11/00", "bo@example.edu", "Bo Park", "Welding", "", ""],
    )  # fmt: skip

    dates = {d["title"]: d["submitted"] for d in _received(office).values()}
    assert dates == {"Lab Safety": "1999-01-01", "Welding": "2000-11-03"}
    assert (
        "warning: row 1: submitted ('Timestamp'): "
        "'1/1/99 9:00:00': the two-digit year is read as 1999"
    ) in result.stderr
    assert [w["row"] for w in report["warnings"]] == [1]
