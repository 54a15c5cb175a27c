"""Keeping people's contact details off public pages.

Public views are built from a list of fields that carry no contact details,
but proposers write free text too, and a description may well say "write to
jane@university.edu". Public text therefore passes through `redact`.
"""

from __future__ import annotations

import re

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# A number is taken for a phone only in a phone's shape, so that years (2026),
# standards (ISO 27001), course codes (CSC 4110), O*NET codes (15-2051.00)
# and dates stay: nothing inside a word, a code, a decimal or a price.
PHONE = re.compile(
    r"""
    (?<![\w.+/$€£-])
    (?P<number>
        \+\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){2,6}                # +44 20 7946 0958
      | (?:1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}  # (305) 555-0100
      | \d{2,4}[\s.-]\d{3,4}[\s.-]\d{3,4}                     # 020 7946 0958
      | \d{10,15}                                             # 3055550100
      | [2-9]\d{2}-\d{4}                                      # 555-0100
    )
    (?:\s*,?\s*(?:x|ext\.?|extension)\s*\d{1,6})?             # x12, ext. 12
    (?![\w-]|\.\d)
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Fewer digits than a local number are a count or a code, not a phone.
MIN_DIGITS = 7


def redact(text: str) -> str:
    text = EMAIL.sub("[email address removed]", text)
    return PHONE.sub(_phone, text)


def _phone(found: re.Match[str]) -> str:
    digits = sum(c.isdigit() for c in found["number"])
    return "[phone number removed]" if digits >= MIN_DIGITS else found[0]
