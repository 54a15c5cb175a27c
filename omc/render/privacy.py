"""Keeping people's contact details off public pages.

Public views are built from a list of fields that carry no contact details,
but proposers write free text too, and a description may well say "write to
jane@university.edu". Public text therefore passes through `redact`.
"""

from __future__ import annotations

import re

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# North American and international forms: (555) 123-4567, 555.123.4567,
# +1 555 123 4567, +44 20 7946 0958. Codes such as O*NET 15-1211.00 or
# years and hours do not match: a phone number needs seven digits or more
# in separated groups.
PHONE = re.compile(
    r"(?<![\w.-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\d{2,4}[\s.-])"
    r"\d{3,4}[\s.-]\d{3,4}(?![\w-])"
)


def redact(text: str) -> str:
    text = EMAIL.sub("[email address removed]", text)
    return PHONE.sub("[phone number removed]", text)
