"""Badge SVGs: what could run script or load another file is never published.

Each file of fixtures/render/svg/unsafe must be refused and each of safe/
accepted; the two first cases are those a tester got past the old pattern.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from omc.errors import InvalidData
from omc.render.checklist import checklist
from omc.render.images import badge_image

from . import builders
from .conftest import Invoke
from .render_helpers import FIXTURE, copy_fixture

EXAMPLES = FIXTURE.parent / "svg"
UNSAFE = sorted((EXAMPLES / "unsafe").glob("*.svg"))
SAFE = sorted((EXAMPLES / "safe").glob("*.svg"))


def _image(tmp_path: Path, example: Path) -> str:
    target = tmp_path / "assets" / "badges" / example.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(example, target)
    return f"badges/{example.name}"


@pytest.mark.parametrize("example", UNSAFE, ids=[p.stem for p in UNSAFE])
def test_an_unsafe_svg_is_refused(tmp_path: Path, example: Path) -> None:
    with pytest.raises(InvalidData) as refused:
        badge_image(tmp_path, _image(tmp_path, example))
    assert str(refused.value).startswith(f"assets/badges/{example.name}")
    assert "unsafe SVG, not published" in refused.value.message
    assert "export the image again as a plain SVG" in refused.value.hint


@pytest.mark.parametrize("example", SAFE, ids=[p.stem for p in SAFE])
def test_a_plain_svg_is_published(tmp_path: Path, example: Path) -> None:
    assert badge_image(tmp_path, _image(tmp_path, example)).is_file()


def test_the_examples_are_there() -> None:
    assert len(UNSAFE) >= 20 and len(SAFE) >= 3


def test_refusal_names_the_line_and_what_it_found(tmp_path: Path) -> None:
    example = EXAMPLES / "unsafe" / "style-external-url.svg"
    with pytest.raises(InvalidData) as refused:
        badge_image(tmp_path, _image(tmp_path, example))
    assert str(refused.value) == (
        "assets/badges/style-external-url.svg:1: unsafe SVG, not published: it "
        "contains a style that loads url(https://example.com/p.svg#g)"
    )


@pytest.mark.parametrize(
    ("example", "found"),
    [
        ("charref-javascript-link.svg", "a link on <a> to 'javascript:alert(1)'"),
        ("entity-hides-script.svg", "a DOCTYPE"),
    ],
)
def test_site_leaves_out_what_a_browser_would_run(
    omc: Invoke, tmp_path: Path, example: str, found: str
) -> None:
    small = copy_fixture(tmp_path)
    shutil.copyfile(EXAMPLES / "unsafe" / example, small / "assets/badges/finance.svg")
    out = tmp_path / "site"
    result = omc("--data-dir", str(small), "render", "site", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    warning = (
        "warning: finance-m2x7: assets/badges/finance.svg:1: unsafe SVG, not "
        f"published: it contains {found}"
    )
    assert warning in result.stderr
    assert "; remove that part, or export the image again" in result.stderr
    assert not (out / "assets/badges/finance.svg").exists()
    for rel in ("index.html", "achievement.json"):
        assert "finance.svg" not in (out / "badges/finance-m2x7" / rel).read_text()


def test_the_review_checklist_says_the_image_would_be_left_out(
    tmp_path: Path,
) -> None:
    image = builders.badge_image(tmp_path)
    image.write_text((EXAMPLES / "unsafe" / "onload.svg").read_text())
    checks = checklist(tmp_path, builders.proposal())
    (check,) = [c for c in checks if c.label == "Badge image present and safe"]
    assert not check.ok
    assert check.detail.startswith(
        "assets/badges/data-viz.svg:1: unsafe SVG, not published: it contains an "
        "event handler (onload) on <svg>"
    )
