"""Keeping people's contact details off public pages.

Public views are built from a list of fields that carry no contact details,
but proposers write free text too, and a description may well say "write to
jane@university.edu". Public text therefore passes through `redact`.
"""

from __future__ import annotations

import re

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# What joins digits within a code as well as within a phone number: the hyphen
# and the characters word processors put for it (U+2010 hyphen, U+2011
# no-break hyphen, U+2012 figure dash, U+2212 minus).
HYPHENS = "\\-\u2010\u2011\u2012\u2212"
# Between a phone number's groups people also write dashes (en, em), dots and
# spaces; `\s` covers the no-break and thin ones (U+00A0, U+2009, U+202F).
# A dash or dot may have a space on each side (305 - 555 - 0100).
SEP = f"(?:\\s?[.{HYPHENS}\u2013\u2014]\\s?|\\s)"
# A group in brackets is closed: "(2026" after a number is no part of it.
GROUP = r"(?:\(\d{1,5}\)|\d{1,5})"
# A number is taken for a phone only in a phone's shape, so that years (2026),
# standards (ISO 27001), course codes (CSC 4110), O*NET codes (15-2051.00)
# and dates stay: nothing inside a word, a code, a decimal or a price. The
# seven-digit local shape takes a hyphen only: with an en dash it is a range
# (250 to 1000 words).
SHAPES = r"""
    (?<![\w.+/$€£<hyphen>])
    (?P<number>
        \+\d{1,3}(?:<sep>?<group>){2,6}                         # +44 20 7946 0958
      | 00<sep>?\d{1,3}(?:<sep><group>){2,6}                    # 0044 20 7946 0958
      | (?:1<sep>?)?(?:[(\[]\d{3}[)\]]\s?|\d{3}(?:<sep>|/))   # (305) 555-0100
        \d{3}<sep>\d{4}
      | \d{2,4}<sep>\d{3,4}<sep>\d{3,4}                        # 020 7946 0958
      | \d{10,15}                                            # 3055550100
      | [2-9]\d{2}[<hyphen>]\d{4}                             # 555-0100
    )
    (?:\s*,?\s*(?:x|ext\.?|extension)\s*\d{1,6})?            # x12, ext. 12
    (?![\w<hyphen>]|\.\d)
"""
PHONE = re.compile(
    SHAPES.replace("<sep>", SEP).replace("<hyphen>", HYPHENS).replace("<group>", GROUP),
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
