"""The rendered sample office in a real headless Chromium, checked by the Nu
HTML checker and axe-core.

A missing tool fails these tests (never skips them): CI must run them all.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ..conftest import NOW, SAMPLE
from . import harness


@dataclass
class Rendered:
    root: Path
    badge: Any
    packet_id: str
    packet_title: str
    stage: str


@pytest.fixture(scope="module")
def tools() -> None:
    missing = harness.missing_tools()
    if missing:
        pytest.fail(
            "browser tools missing: " + "; ".join(missing) + f". {harness.FIX}",
            pytrace=False,
        )


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The sample office's site and packets, rendered once for this module."""
    from omc.office import open_office
    from omc.render import packets, site

    base = tmp_path_factory.mktemp("rendered")
    office_root = base / "office"
    shutil.copytree(SAMPLE, office_root, ignore=shutil.ignore_patterns(".omc", "build"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OMC_NOW", NOW)
        office = open_office(office_root)
        result = site.render_site(office, base / "out" / "site")
        waiting = packets.open_proposals(office)
        flow = office.workflows["proposal"]
        review = [r for r in waiting if flow.status(r.status).review]
        packets.render_all(office, "html", base / "out" / "packets")
    chosen = review[0]
    return Rendered(
        base / "out", result.listed[0], chosen.id, chosen.data["title"], chosen.status
    )


@pytest.fixture(scope="module")
def served(rendered: Rendered, tools: None) -> Iterator[str]:
    with harness.serve(rendered.root) as url:
        yield url


@pytest.fixture
def chromium(tmp_path: Path, tools: None) -> Iterator[Any]:
    with harness.browser(tmp_path / "profile") as context:
        yield context


def _clean(visit: harness.Visit) -> None:
    assert visit.errors == [], "the page logged errors: " + "; ".join(visit.errors)


def test_badge_page(
    chromium: Any, served: str, rendered: Rendered, tmp_path: Path
) -> None:
    page, visit = harness.open_page(chromium, f"{served}site/{rendered.badge.path}")
    assert page.locator("h1").inner_text() == rendered.badge.title
    assert page.locator("img.art").evaluate("img => img.naturalWidth") > 0
    assert "How to earn it" in page.inner_text("main")
    page.screenshot(path=str(tmp_path / "badge.png"), full_page=True)
    _clean(visit)
    assert harness.axe_violations(page) == []


def test_catalogue_search_and_filters(
    chromium: Any, served: str, rendered: Rendered, tmp_path: Path
) -> None:
    page, visit = harness.open_page(chromium, f"{served}site/index.html")
    assert page.locator("#finder").is_visible()
    cards = page.locator("section[aria-labelledby='listed'] .card")
    total = cards.count()
    assert total >= 3
    page.fill("#q", rendered.badge.title.split()[-1].lower())
    visible = [c for c in cards.all() if c.is_visible()]
    assert 1 <= len(visible) < total
    assert rendered.badge.title in " ".join(c.inner_text() for c in visible)
    assert f"of {total}" in page.inner_text("#count")
    page.screenshot(path=str(tmp_path / "catalogue.png"), full_page=True)
    _clean(visit)
    assert harness.axe_violations(page) == []


def test_catalogue_filters_without_javascript(
    tmp_path: Path, served: str, rendered: Rendered, tools: None
) -> None:
    with harness.browser(tmp_path / "profile", javascript=False) as context:
        page, visit = harness.open_page(context, f"{served}site/index.html")
        assert not page.locator("#finder").is_visible()
        page.click(f"nav.facets a:has-text('{rendered.badge.college}')")
        assert rendered.badge.college in page.locator("h1").inner_text()
        assert rendered.badge.title in page.inner_text("main")
        _clean(visit)


def test_packet_and_agenda(
    chromium: Any, served: str, rendered: Rendered, tmp_path: Path
) -> None:
    page, visit = harness.open_page(
        chromium, f"{served}packets/{rendered.packet_id}.html"
    )
    assert page.locator("h1").inner_text() == rendered.packet_title
    text = page.inner_text("main")
    for heading in ("Where it stands", "Checklist", "Validation", "Contacts"):
        assert heading in text
    page.screenshot(path=str(tmp_path / "packet.png"), full_page=True)
    _clean(visit)
    assert harness.axe_violations(page) == []
    page, visit = harness.open_page(
        chromium, f"{served}packets/agenda-{rendered.stage}.html"
    )
    assert rendered.packet_title in page.inner_text("nav")
    _clean(visit)
    assert harness.axe_violations(page) == []


def test_nu_html_checker_finds_no_error(rendered: Rendered, tools: None) -> None:
    pages = sorted(rendered.root.rglob("*.html")) + sorted(rendered.root.rglob("*.css"))
    assert len(pages) > 10
    assert harness.nu_errors(pages) == []


def test_the_nu_checker_does_catch_errors(tmp_path: Path, tools: None) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html lang=en><title>x</title><h1 foo=1>x</h1>")
    assert any("foo" in e for e in harness.nu_errors([bad]))
