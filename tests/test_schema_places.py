"""Every kind of schema error is placed at its line and column (issue 4).

A complete proposal in `submitted` (where the full schema applies) gets one
line changed per case; the expected output is the exact `path:line:col: key:
message (hint)` line that `omc validate` prints.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from . import prs
from .conftest import Invoke

REL = "proposals/submitted/data-viz-k3f9.yaml"
UNIT = "School of Computing and Information Sciences"
BASE = f"""\
id: data-viz-k3f9
revision: 1
title: Applied Data Visualization
description: Learners turn messy data into honest, readable charts.
lead:
  name: Maria Fernandez
  email: mfernandez@example.edu
  unit: {UNIT}
unit: {UNIT}
college: College of Engineering and Computing
credit_type: non-credit
level: intermediate
achievement_type: MicroCredential
workload_hours: 20
modality: online
audience: [Undergraduate students, Alumni]
competencies:
  - name: Clean data
    outcome: Prepares a messy data set for charting.
    assessment: Notebook project
  - name: Choose charts
    outcome: Picks a chart that fits the question.
    assessment: Critique exercise
skills: [Python, Data visualization, Data cleaning]
alignments:
  - framework: O*NET-SOC
    code: 15-2051.00
    name: Data Scientists
    url: https://www.onetonline.org/link/summary/15-2051.00
criteria: Complete both assessments at the minimum level.
fee: {{amount: 0, currency: USD}}
review_by: 2027-06-30
history:
  - at: 2026-10-01T12:00:00Z
    from: null
    to: submitted
    by: mlopez
"""

CASES = {
    "required at the top level": (
        {30: None},
        ["1:1: criteria: required"],
    ),
    "required in a nested object": (
        {8: None},
        ["6:3: lead.unit: required"],
    ),
    "required in a list item": (
        {20: "    rubric: Four levels"},
        ["18:5: competencies[0].assessment: required"],
    ),
    "required by a condition (if/then)": (
        {11: "credit_type: credit"},
        ["11:1: credit_hours: required (needed because credit_type is 'credit')"],
    ),
    "unknown key with did-you-mean": (
        {30: "critera: Complete both assessments."},
        [
            "1:1: criteria: required",
            "30:1: critera: unknown key 'critera' (did you mean 'criteria'?)",
        ],
    ),
    "unknown key inside a list item": (
        {27: "    cod: 15-2051.00"},
        ["27:5: alignments[0].cod: unknown key 'cod' (did you mean 'code'?)"],
    ),
    "two unknown keys, each at its own line": (
        {6: "  nmae: Maria Fernandez", 7: "  e-mail: mfernandez@example.edu"},
        [
            "6:3: lead.email: required",
            "6:3: lead.name: required",
            "6:3: lead.nmae: unknown key 'nmae' (did you mean 'name'?)",
            "7:3: lead.e-mail: unknown key 'e-mail' (did you mean 'email'?)",
        ],
    ),
    "type": (
        {14: "workload_hours: twenty"},
        ["14:17: workload_hours: expected a number, found text 'twenty'"],
    ),
    "type inside a list": (
        {24: "skills: [Python, 42, Data cleaning]"},
        ["24:18: skills[1]: expected text, found number 42"],
    ),
    "type of a whole object": (
        {5: "lead: Maria Fernandez", 6: None, 7: None, 8: None},
        [
            "5:7: lead: expected a mapping of keys to values, "
            "found text 'Maria Fernandez'"
        ],
    ),
    "enum with did-you-mean": (
        {15: "modality: onlin"},
        [
            "15:11: modality: 'onlin' is not one of: online, hybrid, in-person "
            "(did you mean 'online'?)"
        ],
    ),
    "enum the full schema narrows (one error, not two)": (
        {12: "level: expert"},
        ["12:8: level: 'expert' is not one of: foundational, intermediate, advanced"],
    ),
    "format email": (
        {7: "  email: maria-at-example.edu"},
        ["7:10: lead.email: 'maria-at-example.edu' is not an email address"],
    ),
    "format date": (
        {32: "review_by: 2027-02-30"},
        ["32:12: review_by: '2027-02-30' is not a date written YYYY-MM-DD"],
    ),
    "format date-time inside a list": (
        {34: "  - at: 2026-10-01 12:00"},
        [
            "34:9: history[0].at: '2026-10-01 12:00' is not a date and time written "
            "YYYY-MM-DDTHH:MM:SS with a zone (Z or +01:00)"
        ],
    ),
    "format uri (the pattern that says the same is not repeated)": (
        {29: "    url: www.onetonline.org/link/summary/15-2051.00"},
        [
            "29:10: alignments[0].url: 'www.onetonline.org/link/summary/15-2051.00' "
            "is not a web address starting with https://"
        ],
    ),
    "maxLength": (
        {3: "title: Applied Data Visualization for Analysts, Managers and Journalists"},
        ["3:8: title: is 65 characters long; at most 60 allowed"],
    ),
    "minLength": (
        {4: 'description: ""'},
        ["4:14: description: must not be empty"],
    ),
    "minItems": (
        {24: "skills: [Python, SQL]"},
        ["24:9: skills: has 2 items; at least 3 needed"],
    ),
    "pattern": (
        {31: "fee: {amount: 0, currency: usd}"},
        [
            "31:28: fee.currency: 'usd' does not have the required form "
            "(it must match the pattern ^[A-Z]{3}$)"
        ],
    ),
    "pattern explained by the schema's description": (
        {2: "revision: 1\nintake: Telehealth_2026"},
        [
            "3:9: intake: 'Telehealth_2026' does not have the required form "
            "(Lower-case letters, digits and single hyphens; the file name without "
            ".yaml.)",
            "3:9: intake: links to intake Telehealth_2026, which does not exist "
            "(fix the id, or remove `intake`)",
        ],
    ),
    "anyOf with did-you-mean": (
        {13: "achievement_type: Microcredential"},
        [
            "13:19: achievement_type: 'Microcredential' is not one of the allowed "
            "values (did you mean 'MicroCredential'?)"
        ],
    ),
    "exclusiveMinimum": (
        {14: "workload_hours: 0"},
        ["14:17: workload_hours: 0 is out of range: must be more than 0"],
    ),
    "uniqueItems": (
        {16: "audience: [Alumni, Alumni]"},
        ["16:11: audience: lists the same item more than once"],
    ),
    "YAML: duplicate key": (
        {30: "title: Again"},
        [
            "30:1: duplicate key 'title': first at line 3, again here "
            "(YAML keeps only one of them; delete or rename one)"
        ],
    ),
    "YAML: unclosed flow list": (
        {16: "audience: [Undergraduate students, Alumni"},
        [
            "17:13: YAML syntax error: did not find expected ',' or ']' "
            "(while parsing a flow sequence)"
        ],
    ),
    "YAML: tab indentation": (
        {20: "\tassessment: Notebook project"},
        [
            "20:1: YAML syntax error: a tab character is used for indentation "
            "(YAML indents with spaces only; replace the tab with spaces)"
        ],
    ),
}


def _text(changes: dict[int, str | None]) -> str:
    lines = BASE.splitlines()
    for number, line in changes.items():
        lines[number - 1] = "\0" if line is None else line
    return "\n".join(line for line in lines if line != "\0") + "\n"


@pytest.mark.parametrize("name", CASES)
def test_each_schema_error_is_placed(name: str, omc: Invoke, tmp_path: Path) -> None:
    changes, expected = CASES[name]
    root = prs.new_office(tmp_path / "office")
    (root / REL).write_text(_text(changes))
    result = omc("--data-dir", str(root), "validate", str(root / REL))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:-1] == [
        f"office/{REL}:{line}" for line in expected
    ]


def test_the_unchanged_proposal_is_valid(omc: Invoke, tmp_path: Path) -> None:
    root = prs.new_office(tmp_path / "office")
    (root / REL).write_text(BASE)
    result = omc("--data-dir", str(root), "validate")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "checked 2 files: all valid\n"


def test_an_unknown_key_with_nothing_close_lists_the_keys(
    omc: Invoke, tmp_path: Path
) -> None:
    root = prs.new_office(tmp_path / "office")
    (root / REL).write_text(_text({6: "  zzz: Maria Fernandez"}))
    result = omc("--data-dir", str(root), "validate")
    assert result.stderr.splitlines()[:2] == [
        f"office/{REL}:6:3: lead.name: required",
        f"office/{REL}:6:3: lead.zzz: unknown key 'zzz' "
        "(allowed: name, email, unit, college)",
    ]
