"""The workflow graph: the default, an office's override, and broken graphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from omc import workflow
from omc.errors import Refused, Where
from omc.office import open_office

from . import builders
from .conftest import Invoke


def _default(kind: str = "proposal") -> workflow.Workflow:
    return workflow.build(kind, None, lambda path: Where("omc.yaml"))


def test_the_default_main_line_is_the_briefs() -> None:
    assert _default().main_line() == [
        "draft",
        "submitted",
        "unit-review",
        "college-review",
        "dasa-review",
        "approved",
        "published",
        "retired",
    ]
    assert _default("intake").main_line() == [
        "received",
        "assigned",
        "consultation-scheduled",
        "consulted",
        "converted",
    ]
    assert [s.name for s in _default().review_stages()] == [
        "unit-review",
        "college-review",
        "dasa-review",
    ]


def test_path_names_the_skipped_steps() -> None:
    assert _default().path("draft", "approved") == [
        "draft",
        "submitted",
        "unit-review",
        "college-review",
        "dasa-review",
        "approved",
    ]
    assert _default().path("rejected", "draft") is None


def test_advance_with_two_targets_asks_for_to() -> None:
    flow = _default()
    flow.moves.append(workflow.Move("advance", "submitted", "dasa-review", ("admin",)))
    with pytest.raises(Refused, match="can lead to unit-review, dasa-review"):
        flow.move("advance", "submitted")
    assert flow.move("advance", "submitted", "dasa-review").target == "dasa-review"


def _office_with(office: Path, workflow_yaml: str) -> Path:
    config = office / "omc.yaml"
    config.write_text(config.read_text() + "\nworkflow:\n" + workflow_yaml)
    return office


EXTRA_STAGE = """\
  proposal:
    extend: true
    statuses:
      senate-review: {review: {role: dean}}
    moves:
      - {verb: advance, from: dasa-review, to: senate-review}
      - {verb: advance, from: senate-review, to: approved}
"""


def test_an_office_can_extend_the_proposal_workflow(omc: Invoke, office: Path) -> None:
    _office_with(office, EXTRA_STAGE)
    flow = open_office(office).workflows["proposal"]
    assert "senate-review" in [s.name for s in flow.review_stages()]
    assert [m.target for m in flow.moves_from("dasa-review", "advance")] == [
        "senate-review"
    ]
    assert flow.main_line()[4:7] == ["dasa-review", "senate-review", "approved"]
    builders.write(office, "proposal", "dasa-review", builders.proposal())
    args = ["proposal", "advance", "data-viz-k3f9", "--by", "ebennett"]
    result = omc("--data-dir", str(office), *args)
    assert result.exit_code == 0, result.stderr
    assert (office / "proposals/senate-review/data-viz-k3f9.yaml").exists()


def test_a_broken_extension_is_reported_at_its_own_line(
    omc: Invoke, office: Path
) -> None:
    base = len((office / "omc.yaml").read_text().splitlines()) + 3
    broken = EXTRA_STAGE.replace("to: approved}", "to: aproved}")
    _office_with(office, broken)
    result = omc("--data-dir", str(office), "status")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"error: omc.yaml:{base + 6}:9: workflow.proposal.moves[1]: the proposal "
        "workflow is broken: move names 'aproved', which is not a status"
    )


REPLACED = """\
  intake:
    initial: new
    statuses:
      new: {}
      done: {terminal: true}
    moves:
      - {verb: convert, from: new, to: done, by: [coordinator]}
"""


def test_an_office_can_replace_a_workflow(office: Path) -> None:
    flow = open_office(_office_with(office, REPLACED)).workflows["intake"]
    assert flow.main_line() == ["new", "done"]
    assert list(flow.statuses) == ["new", "done"]


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        (
            "  proposal:\n    initial: start\n    statuses:\n      draft: {}\n"
            "      end: {terminal: true}\n    moves:\n"
            "      - {verb: advance, from: draft, to: end, by: [admin]}\n",
            "omc.yaml:{line}:14: workflow.proposal.initial: the proposal workflow is "
            "broken: initial status 'start' is not among the statuses",
        ),
        (
            "  proposal:\n    initial: draft\n    statuses:\n      draft: {}\n"
            "      end: {terminal: true}\n    moves:\n"
            "      - {verb: advance, from: draft, to: nowhere, by: [admin]}\n",
            "omc.yaml:{line6}:9: workflow.proposal.moves[0]: the proposal workflow is "
            "broken: move names 'nowhere', which is not a status",
        ),
        (
            "  proposal:\n    initial: draft\n    statuses:\n      draft: {}\n"
            "      end: {terminal: true}\n    moves:\n"
            "      - {verb: advance, from: draft, to: end}\n",
            "omc.yaml:{line6}:9: workflow.proposal.moves[0]: the proposal workflow is "
            "broken: nobody may make the 'advance' move from 'draft'",
        ),
        (
            "  proposal:\n    initial: draft\n    statuses:\n      draft: {}\n"
            "      island: {}\n      end: {terminal: true}\n    moves:\n"
            "      - {verb: advance, from: draft, to: end, by: [admin]}\n"
            "      - {verb: advance, from: island, to: end, by: [admin]}\n",
            "omc.yaml:{line4}:15: workflow.proposal.statuses.island: the proposal "
            "workflow is broken: 'island' cannot be reached from 'draft'",
        ),
        (
            "  proposal:\n    initial: draft\n    statuses:\n      draft: {}\n"
            "      stuck: {}\n      end: {terminal: true}\n    moves:\n"
            "      - {verb: advance, from: draft, to: stuck, by: [admin]}\n"
            "      - {verb: advance, from: draft, to: end, by: [admin]}\n",
            "omc.yaml:{line4}:14: workflow.proposal.statuses.stuck: the proposal "
            "workflow is broken: 'stuck' is not terminal, yet no move leaves it",
        ),
        (
            "  proposal:\n    initial: draft\n    statuses:\n"
            "      draft: {review: {role: provost}}\n"
            "      end: {terminal: true}\n    moves:\n"
            "      - {verb: advance, from: draft, to: end}\n",
            "omc.yaml:{line3}:30: workflow.proposal.statuses.draft.review.role: "
            "'provost' is not one of: coordinator, unit-head, dean, "
            "dasa-reviewer, admin",
        ),
    ],
)
def test_a_broken_graph_is_reported_at_its_line(
    omc: Invoke, office: Path, graph: str, expected: str
) -> None:
    base = len((office / "omc.yaml").read_text().splitlines()) + 3
    _office_with(office, graph)
    result = omc("--data-dir", str(office), "status")
    assert result.exit_code == 1
    line = {"line": base + 1, "line3": base + 3, "line4": base + 4, "line6": base + 6}
    assert result.stderr.startswith("error: " + expected.format(**line))
