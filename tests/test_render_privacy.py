"""Phone numbers in free text are removed from public pages; numbers that
only look alike (years, standards, course and occupation codes) stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from omc.render.privacy import redact

from .conftest import Invoke
from .render_helpers import copy_fixture
from .test_render_site import edit_approved

GONE = "[phone number removed]"


@pytest.mark.parametrize(
    "phone",
    [
        "3055550100",
        "555-0100",
        "(305) 555-0147",
        "305-555-0100",
        "305.555.0100",
        "305 555 0100",
        "1-305-555-0100",
        "+1 305 555 0100",
        "+1 (305) 555-0100",
        "+13055550100",
        "+44 20 7946 0958",
        "+33 1 23 45 67 89",
        "+49 30 1234567",
        "+91 98765 43210",
        "020 7946 0958",
        "305-555-0100 x123",
        "305-555-0100 ext. 45",
        "555-0100, extension 7",
    ],
)
def test_a_phone_number_is_removed(phone: str) -> None:
    assert redact(f"Call {phone} to enrol.") == f"Call {GONE} to enrol."


@pytest.mark.parametrize(
    "text",
    [
        "Since 2026, in 2025-2026",
        "ISO 9001:2015, ISO/IEC 27001 and ISO 8601",
        "ISO 3166-1 alpha-2",
        "CSC 4110 and CSC 4120",
        "O*NET 15-2051.00 and 15-1211.00",
        "CIP 11.0701",
        "2026-02-02T10:00:00Z",
        "20-30 hours, 100-1000 words, $500-1000",
        "1,500 USD for 3.0 credits",
        "ISBN 978-0-13-468599-1",
        "+3 points",
        "commit 1234567890abcdef",
    ],
)
def test_numbers_that_are_no_phone_stay(text: str) -> None:
    assert redact(text) == text


def test_the_badge_page_shows_no_phone_but_keeps_codes(
    omc: Invoke, tmp_path: Path
) -> None:
    small = copy_fixture(tmp_path)
    edit_approved(
        small / "proposals/published/finance-m2x7.yaml",
        (
            "Submit a working model",
            "Call 3055550100 or the desk on 555-0100 (CSC 4110, O*NET 15-2051.00). "
            "Submit a working model",
        ),
    )
    out = tmp_path / "site"
    result = omc("--data-dir", str(small), "render", "site", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    page = (out / "badges/finance-m2x7/index.html").read_text()
    assert "3055550100" not in page and "555-0100" not in page
    assert f"Call {GONE} or the desk on {GONE} (CSC 4110, O*NET 15-2051.00)." in page
