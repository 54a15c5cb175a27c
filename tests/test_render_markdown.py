"""Markdown written by proposers: formatting only, never markup or script."""

from __future__ import annotations

import pytest

from omc.render import markdown
from omc.render.privacy import redact


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "&#106;avascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
    ],
)
def test_links_other_than_the_web_stay_text(link: str) -> None:
    html = markdown.to_html(f"[click]({link})")
    assert "<a " not in html and "[click]" in html


def test_raw_html_is_shown_not_run() -> None:
    html = markdown.to_html('<script>alert(1)</script>\n\n<img src=x onerror="y">')
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html


def test_web_links_are_kept_and_marked_as_user_content() -> None:
    html = markdown.to_html("[the course](https://example.edu/c) and [](https://x.org)")
    assert '<a href="https://example.edu/c" rel="nofollow ugc">the course</a>' in html
    assert '<a href="https://x.org" rel="nofollow ugc">https://x.org</a>' in html


def test_images_are_not_loaded_from_elsewhere() -> None:
    assert "<img" not in markdown.to_html("![tracker](https://evil.example/p.gif)")


def test_headings_fit_under_their_section_without_gaps() -> None:
    html = markdown.to_html("# One\n\n### Three\n\n##### Five", heading_level=3)
    assert "<h3>One</h3>" in html and "<h4>Three</h4>" in html
    assert "<h5>Five</h5>" in html


def test_markdown_escape_leaves_nothing_to_format() -> None:
    assert markdown.escape("*a* _b_ [c](d) <e> | #f") == (
        "\\*a\\* \\_b\\_ \\[c\\](d) \\<e\\> \\| \\#f"
    )
    assert markdown.escape("1. not a list") == "1\\. not a list"


def test_fence_outlasts_backticks_inside() -> None:
    assert markdown.fence("a ```` b", "diff").startswith("`````diff\n")


def test_redact_keeps_codes_and_dates() -> None:
    text = "O*NET 15-2051.00, 2026-12-04, 40 hours; mail a@b.edu or 305-555-0147"
    assert redact(text) == (
        "O*NET 15-2051.00, 2026-12-04, 40 hours; mail [email address removed] "
        "or [phone number removed]"
    )
