"""`omc render site` and `omc render badge`: the public pages and OB 3.0 files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from omc import yamlio
from omc.review import content_hash

from .conftest import Invoke
from .render_helpers import (
    EMAIL,
    PHONE,
    achievement_validator,
    copy_fixture,
    heading_problems,
    outline,
)


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path)


def edit_approved(record: Path, *changes: tuple[str, str]) -> None:
    """Edit a published record as if every review stage approved the change:
    an edit after the approvals would keep it off the site."""
    before = after = record.read_text()
    for old, new in changes:
        assert old in after
        after = after.replace(old, new)
    was, now = (content_hash(yamlio.loads(t).data) for t in (before, after))
    record.write_text(after.replace(was, now))


def _site(omc: Invoke, root: Path, out: Path) -> Path:
    result = omc("--data-dir", str(root), "render", "site", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == str(out / "index.html")
    return out


def test_site_has_catalogue_badge_pages_filters_and_sitemap(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    out = _site(omc, small, tmp_path / "site")
    for rel in (
        "index.html",
        "site.css",
        "search.js",
        "sitemap.xml",
        "robots.txt",
        "skills/index.html",
        "badges/data-viz-k3f9/index.html",
        "badges/data-viz-k3f9/achievement.json",
        "badges/intro-gis-p4q1/index.html",
        "college/college-of-business/index.html",
        "level/intermediate/index.html",
        "skill/pandas/index.html",
        "assets/badges/data-viz.svg",
    ):
        assert (out / rel).is_file(), rel
    assert not (out / "badges" / "cyber-basics-z9w2").exists()
    sitemap = (out / "sitemap.xml").read_text()
    assert "<loc>https://badges.test.example.edu/badges/data-viz-k3f9/</loc>" in sitemap
    assert "cyber-basics" not in sitemap


def test_retired_badges_are_marked_not_dropped(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    out = _site(omc, small, tmp_path / "site")
    catalogue = (out / "index.html").read_text()
    listed, retired = catalogue.split('<h2 id="retired">')
    assert "Introduction to GIS" not in listed and "Introduction to GIS" in retired
    page = (out / "badges" / "intro-gis-p4q1" / "index.html").read_text()
    assert "Retired on 2026-06-30" in page


def test_badge_page_shows_everything_a_learner_asks(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    out = _site(omc, small, tmp_path / "site")
    text = " ".join(outline(out / "badges/finance-m2x7/index.html").text)
    for shown in (
        "Financial Modeling in Excel",
        "Advanced",
        "45 hours",
        "Hybrid",
        "For credit: 1 credit hour",
        "150 USD",
        "Expires 36 months after it is earned",
        "Department of Accounting",
        "College of Business",
        "Build the model",
        "Assessed by:",
        "Forecasting",
        "Revision",
        "Last reviewed",
    ):
        assert shown in text, shown
    page = (out / "badges/data-viz-k3f9/index.html").read_text()
    assert 'alt="A navy hexagon with four rising orange bars' in page
    assert 'href="https://www.onetonline.org/link/summary/15-2051.00"' in page
    image = "https://badges.test.example.edu/assets/badges/data-viz.svg"
    assert f'<meta property="og:image" content="{image}">' in page


def test_every_achievement_validates_against_the_official_schema(
    omc: Invoke, small: Path, office: Path, tmp_path: Path
) -> None:
    validator = achievement_validator()
    for root, out in ((small, tmp_path / "a"), (office, tmp_path / "b")):
        _site(omc, root, out)
        found = sorted(out.glob("badges/*/achievement.json"))
        assert len(found) >= 3
        for path in found:
            doc = json.loads(path.read_text())
            errors = [e.message for e in validator.iter_errors(doc)]
            assert errors == [], path


def test_achievement_fields(omc: Invoke, small: Path, tmp_path: Path) -> None:
    out = _site(omc, small, tmp_path / "site")
    doc = json.loads((out / "badges/data-viz-k3f9/achievement.json").read_text())
    base = "https://badges.test.example.edu/"
    assert doc["id"] == f"{base}badges/data-viz-k3f9/achievement.json"
    assert (
        doc["type"] == ["Achievement"] and doc["achievementType"] == "MicroCredential"
    )
    assert doc["criteria"]["narrative"].startswith("Complete **all three**")
    assert doc["image"] == {
        "id": f"{base}assets/badges/data-viz.svg",
        "type": "Image",
        "caption": "A navy hexagon with four rising orange bars and the words "
        "Data Viz.",
    }
    assert doc["alignment"] == [
        {
            "type": ["Alignment"],
            "targetName": "Data Scientists",
            "targetUrl": "https://www.onetonline.org/link/summary/15-2051.00",
            "targetCode": "15-2051.00",
            "targetFramework": "O*NET",
        }
    ]
    assert doc["creator"]["name"] == "Test State University"
    assert doc["creator"]["type"] == ["Profile"]
    assert doc["inLanguage"] == "en-US"
    assert doc["tag"] == ["Data visualization", "Python", "pandas", "Data storytelling"]
    finance = json.loads((out / "badges/finance-m2x7/achievement.json").read_text())
    assert finance["creditsAvailable"] == 1.0


def test_json_ld_in_the_page_is_the_achievement(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    out = _site(omc, small, tmp_path / "site")
    page = (out / "badges/data-viz-k3f9/index.html").read_text()
    embedded = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', page, re.S
    )
    assert embedded is not None
    saved = json.loads((out / "badges/data-viz-k3f9/achievement.json").read_text())
    assert json.loads(embedded.group(1)) == saved


def test_no_email_or_phone_of_anyone_in_any_output_file(
    omc: Invoke, small: Path, office: Path, tmp_path: Path
) -> None:
    edit_approved(
        small / "proposals/published/finance-m2x7.yaml",
        (
            "Submit a working model",
            "Questions to pshah@example.edu or (305) 555-0147. Submit a working model",
        ),
    )
    for root, out in ((small, tmp_path / "a"), (office, tmp_path / "b")):
        _site(omc, root, out)
        files = [p for p in out.rglob("*") if p.is_file()]
        assert len(files) > 10
        for path in files:
            content = path.read_bytes().decode("utf-8", "replace")
            assert EMAIL.findall(content) == [], path
            assert PHONE.findall(content) == [], path
    assert (
        "[email address removed]"
        in (tmp_path / "a/badges/finance-m2x7/index.html").read_text()
    )


def test_proposer_text_arrives_as_harmless_text(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    edit_approved(
        small / "proposals/published/data-viz-k3f9.yaml",
        (
            "title: Applied Data Visualization with Python",
            "title: <script>alert(1)</script> Charts",
        ),
        (
            "See the [course page](https://example.edu/dataviz) for dates.",
            "See [this](javascript:alert(2)) and <img src=x onerror=alert(3)>."
            "\n  # Big",
        ),
    )
    out = _site(omc, small, tmp_path / "site")
    page = (out / "badges/data-viz-k3f9/index.html").read_text()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Charts" in page
    assert 'href="javascript:' not in page and "[this](javascript:alert(2))" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(3)&gt;" in page
    assert "<h3>Big</h3>" in page
    catalogue = (out / "index.html").read_text()
    assert "<script>alert" not in catalogue


@pytest.mark.parametrize("rel", ["index.html", "badges/data-viz-k3f9/index.html",
                                 "college/college-of-business/index.html",
                                 "skills/index.html"])  # fmt: skip
def test_pages_have_a_language_ordered_headings_alt_text_and_labelled_links(
    omc: Invoke, small: Path, tmp_path: Path, rel: str
) -> None:
    out = _site(omc, small, tmp_path / "site")
    page = outline(out / rel)
    assert page.lang == "en-US"
    assert heading_problems(page.headings) == []
    assert all(img.get("alt") is not None for img in page.images)
    assert [href for href, text in page.links if not text] == []


def test_a_render_again_removes_what_is_no_longer_public(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    out = _site(omc, small, tmp_path / "site")
    (out / "notes.txt").write_text("mine")
    moved = small / "proposals/withdrawn/finance-m2x7.yaml"
    moved.parent.mkdir(exist_ok=True)  # git keeps no empty folder in the fixture
    (small / "proposals/published/finance-m2x7.yaml").rename(moved)
    _site(omc, small, out)
    assert not (out / "badges/finance-m2x7/index.html").exists()
    assert not (out / "college/college-of-business/index.html").exists()
    assert (out / "notes.txt").read_text() == "mine"


def test_out_inside_the_records_is_refused(omc: Invoke, small: Path) -> None:
    result = omc(
        "--data-dir", str(small), "render", "site", "--out", str(small / "proposals")
    )
    assert result.exit_code == 2
    assert "would write into the data directory" in result.stderr
    above = omc(
        "--data-dir", str(small), "render", "site", "--out", str(small.parent),
        "--force",
    )  # fmt: skip
    assert above.exit_code == 2
    assert f"holds the data directory {small}" in above.stderr
    assert not (small.parent / "index.html").exists()


def test_an_svg_that_runs_script_is_not_published(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    svg = small / "assets/badges/finance.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>')
    out = tmp_path / "site"
    result = omc("--data-dir", str(small), "render", "site", "--out", str(out))
    assert result.exit_code == 0
    assert (
        "warning: finance-m2x7: assets/badges/finance.svg:1: unsafe SVG, not "
        "published: it contains an event handler (onload) on <svg>" in result.stderr
    )
    assert not (out / "assets/badges/finance.svg").exists()
    assert (
        "<img"
        not in (out / "badges/finance-m2x7/index.html").read_text().split("<main")[1]
    )


def test_site_json_lists_what_was_rendered(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    result = omc(
        "--data-dir",
        str(small),
        "render",
        "site",
        "--out",
        str(tmp_path / "s"),
        "--json",
    )
    data = json.loads(result.stdout)
    assert data["listed"] == ["data-viz-k3f9", "finance-m2x7"]
    assert data["retired"] == ["intro-gis-p4q1"]


def test_render_badge_one_page_and_a_preview_for_unpublished(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    out = tmp_path / "one"
    result = omc(
        "--data-dir", str(small), "render", "badge", "finance-m2x7", "--out", str(out)
    )
    assert result.exit_code == 0
    assert (out / "badges/finance-m2x7/achievement.json").is_file()
    result = omc(
        "--data-dir",
        str(small),
        "render",
        "badge",
        "cyber-basics-z9w2",
        "--out",
        str(out),
    )
    assert (
        result.exit_code == 0 and "not public: rendered as a preview" in result.stderr
    )
    page = (out / "badges/cyber-basics-z9w2/index.html").read_text()
    assert "Preview." in page and "application/ld+json" not in page
    assert not (out / "badges/cyber-basics-z9w2/achievement.json").exists()
    assert omc("--data-dir", str(small), "render", "badge", "nope").exit_code == 1
    assert omc("--data-dir", str(small), "render", "badge", "../x").exit_code == 2


def test_a_first_render_cut_short_does_not_block_the_next(
    omc: Invoke, small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from omc.render import pages

    def cut(self: object, item: object) -> None:
        raise KeyboardInterrupt

    out = tmp_path / "site"
    with monkeypatch.context() as patch:
        patch.setattr(pages.Pages, "badge", cut)
        stopped = omc("--data-dir", str(small), "render", "site", "--out", str(out))
    assert stopped.exit_code == 130
    assert any(out.iterdir())  # part of the site was written
    _site(omc, small, out)  # no --force needed: omc knows the folder as its own
    assert json.loads((out / ".omc-render.json").read_text()).keys() == {"site"}


def test_skills_without_a_plain_spelling_get_pages_of_their_own() -> None:
    from omc.render.site import facets
    from omc.render.views import slug

    names = ["日本語", "中文", "Русский язык", "Other"]
    names += ["ßkill", "kill", "Ωmega", "mega"]
    slugs = [slug(n) for n in names]
    assert len(set(slugs)) == len(names), slugs
    assert all(re.fullmatch(r"[a-z0-9-]+", s) for s in slugs)
    assert slug("Ångström") == slug("angstrom") == "angstrom"

    class Item:
        def __init__(self, n: int, skills: list[str]) -> None:
            self.id, self.college, self.level, self.skills = f"b{n}", "", "", skills

    found = facets([Item(1, names[:3]), Item(2, ["Other"])])  # type: ignore[list-item]
    assert sorted(f.name for f in found["skill"]) == sorted(names[:4])
