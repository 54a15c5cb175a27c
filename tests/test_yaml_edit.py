"""Edits made by omc keep what the author wrote: comments, blank lines, order."""

from __future__ import annotations

import pytest

from omc import yamlio

COMMENTED = """\
# Proposal for the data-viz badge. Reviewed with the chair on 3 Oct.
id: data-viz-k3f9   # do not change: other files link here
title: "Applied Data Visualization"

# --- who ---
lead:
  name: Maria Fernandez   # primary contact
  email: mfernandez@example.edu

skills: [Python, pandas]  # flow style stays flow style
flag: no

history:
  # created by hand before omc
  - at: 2026-10-01T12:00:00Z
    from: null
    to: draft
    by: mlopez
# history ends here

criteria: |
  Complete the project.
  Then present it.
"""


def _added(before: str, after: str) -> list[str]:
    old = before.splitlines()
    return [line for line in after.splitlines() if line not in old]


def test_appending_history_keeps_every_comment_and_blank_line() -> None:
    entry = {
        "at": "2026-12-04T15:00:00Z",
        "from": "draft",
        "to": "submitted",
        "by": "mlopez",
    }
    new = yamlio.edit(COMMENTED, lambda t: yamlio.append(t["history"], entry))

    for line in COMMENTED.splitlines():
        assert line in new.splitlines()
    assert _added(COMMENTED, new) == [
        "  - at: 2026-12-04T15:00:00Z",
        "    from: draft",
        "    to: submitted",
    ]
    lines = new.splitlines()
    assert lines.index("    to: submitted") < lines.index("# history ends here")


def test_key_order_and_quoting_survive() -> None:
    new = yamlio.edit(COMMENTED, lambda t: yamlio.put(t, "revision", 2))
    keys = [line.split(":")[0] for line in new.splitlines() if line[:1].isalpha()]
    assert keys == [
        "id",
        "title",
        "lead",
        "skills",
        "flag",
        "history",
        "criteria",
        "revision",
    ]
    assert 'title: "Applied Data Visualization"' in new
    assert "flag: no" in new


def test_new_values_are_written_as_a_person_would() -> None:
    def change(tree: object) -> None:
        yamlio.put(tree, "review_by", "2027-10-01")
        yamlio.put(tree, "note", "yes")
        yamlio.put(tree, "quality_assurance", "Line one\nLine two")

    new = yamlio.edit("id: x\n", change)
    assert new == (
        "id: x\nreview_by: 2027-10-01\nnote: 'yes'\nquality_assurance: |-\n"
        "  Line one\n  Line two\n"
    )
    assert yamlio.loads(new).data["note"] == "yes"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a:\n  b: 1\nl:\n  - x: 1\n", "  - x: 2\n"),
        ("a:\n    b: 1\nl:\n- x: 1\n", "- x: 2\n"),
        ("l:\n    - x: 1\n", "    - x: 2\n"),
    ],
)
def test_the_authors_indentation_is_kept(text: str, expected: str) -> None:
    new = yamlio.edit(text, lambda t: yamlio.append(t["l"], {"x": 2}))
    assert new == text + expected


def test_crlf_files_stay_crlf() -> None:
    text = "id: x\r\nhistory:\r\n  - to: draft\r\n"
    new = yamlio.edit(text, lambda t: yamlio.append(t["history"], {"to": "submitted"}))
    assert new == "id: x\r\nhistory:\r\n  - to: draft\r\n  - to: submitted\r\n"


def test_an_edit_omc_could_not_read_back_is_refused() -> None:
    from omc.errors import InvalidData

    deep: dict[str, object] = {}
    for _ in range(yamlio.MAX_DEPTH + 5):
        deep = {"k": deep}
    with pytest.raises(InvalidData, match="nested more than"):
        yamlio.edit("id: x\n", lambda tree: yamlio.put(tree, "deep", deep))
