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
        # The separators word processors and phones' keyboards put in.
        "305\u2013555\u20130100",  # en dash
        "305\u2014555\u20140100",  # em dash
        "305\u2010555\u20100100",  # hyphen
        "305\u2011555\u20110100",  # no-break hyphen
        "305\u2012555\u20120100",  # figure dash
        "305\u2212555\u22120100",  # minus
        "555\u20110100",
        "305\u00a0555\u00a00100",  # no-break space
        "+44\u202f20\u202f7946\u202f0958",  # narrow no-break space
        "+44\u200920\u20097946\u20090958",  # thin space
        "+1\u00a0(305)\u00a0555\u20110100",
        "0044 20 7946 0958",
        "0033 1 23 45 67 89",
        "001-305-555-0100",
        "00 44 20 7946 0958",
        # Spaces around the dashes, a slash after the area code, brackets.
        "305 - 555 - 0100",
        "305 \u2013 555 \u2013 0100",
        "305/555-0100",
        "[305] 555 0100",
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
        "in 2026, by 2026-12-04 or 2026\u201112\u201104",
        "2025\u20132026, 2026\u20132027 academic years",
        "250\u20131000 words, 300\u2014400 pages",
        "O*NET 15-1252.00, 15\u20111252.00 and 15\u20131252.00",
        "ESCO http://data.europa.eu/esco/occupation/"
        "f2b15a0e-e65a-438a-affb-29b9d50b77d1",
        "ESCO http://data.europa.eu/esco/isco/C2512 and /esco/skill/S1.2.3",
        "STA 2023 and CSC\u00a04110",
        "45 hours, 45\u00a0hours",
        "$150, $1,500 or \u20ac150",
        "ISBN 978\u20130\u201313\u2013468599\u20131",
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


def test_the_badge_page_shows_no_phone_written_with_dashes_or_a_prefix(
    omc: Invoke, tmp_path: Path
) -> None:
    small = copy_fixture(tmp_path)
    edit_approved(
        small / "proposals/published/finance-m2x7.yaml",
        (
            "Submit a working model",
            "Call 305\u2013555\u20130100 or 0044 20 7946 0958 (2026\u20132027, "
            "STA 2023, 45 hours, $150). Submit a working model",
        ),
    )
    out = tmp_path / "site"
    result = omc("--data-dir", str(small), "render", "site", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    page = (out / "badges/finance-m2x7/index.html").read_text()
    assert "0100" not in page and "0044" not in page and "7946" not in page
    assert f"Call {GONE} or {GONE} (2026\u20132027, STA 2023, 45 hours, $150)." in page
