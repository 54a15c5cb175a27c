"""What `omc render site` publishes: only records that pass what their status
requires, and never a preview; and where it may write."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Invoke
from .render_helpers import copy_fixture


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path)


def _render(omc: Invoke, root: Path, out: Path, *more: str) -> tuple[int, str]:
    result = omc("--data-dir", str(root), "render", "site", "--out", str(out), *more)
    return result.exit_code, result.stderr


def test_a_draft_moved_into_published_by_hand_is_left_out(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    draft = small / "proposals/draft/grant-writing-h7d3.yaml"
    draft.rename(small / "proposals/published/grant-writing-h7d3.yaml")
    out = tmp_path / "site"
    code, stderr = _render(omc, small, out)
    assert code == 0
    rel = "proposals/published/grant-writing-h7d3.yaml"
    assert f"warning: left out {rel}, it fails omc validate: {rel}:1:1: " in stderr
    assert f"(omc validate {rel})" in stderr
    assert not (out / "badges/grant-writing-h7d3").exists()
    assert "grant-writing" not in (out / "index.html").read_text()
    assert "grant-writing" not in (out / "sitemap.xml").read_text()
    assert (out / "badges/finance-m2x7/index.html").is_file()


def test_a_badge_edited_after_its_approvals_is_left_out(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    record = small / "proposals/published/data-viz-k3f9.yaml"
    text = record.read_text()
    record.write_text(text.replace("Turn messy public data", "Turn any data"))
    out = tmp_path / "site"
    code, stderr = _render(omc, small, out)
    assert code == 0
    rel = "proposals/published/data-viz-k3f9.yaml"
    assert f"warning: left out {rel}, it fails omc validate: {rel}:" in stderr
    assert "is for other content; the proposal changed since" in stderr
    assert not (out / "badges/data-viz-k3f9").exists()
    assert "Applied Data Visualization" not in (out / "index.html").read_text()
