"""A review stage an office adds decides within its scope, as README shows."""

from __future__ import annotations

from pathlib import Path

from . import builders
from .conftest import Invoke

SENATE = """
workflow:
  proposal:
    extend: true
    statuses:
      senate-review: {review: {role: dean, scope: college}}
    moves:
      - {verb: advance, from: dasa-review, to: senate-review}
      - {verb: advance, from: senate-review, to: approved}
"""


def test_a_scoped_stage_of_the_office_takes_only_its_own_dean(
    omc: Invoke, office: Path
) -> None:
    config = office / "omc.yaml"
    config.write_text(config.read_text() + SENATE)
    builders.write(office, "proposal", "senate-review", builders.proposal())
    args = ["--data-dir", str(office), "proposal", "advance", "data-viz-k3f9"]

    other = omc(*args, "--by", "gkim")  # the dean of the College of Business
    assert other.exit_code == 1
    assert "it needs the dean of College of Engineering and Computing" in other.stderr
    assert "who may: Sofía Ramírez (sramirez)" in other.stderr
    assert (office / "proposals/senate-review/data-viz-k3f9.yaml").exists()
