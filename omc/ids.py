"""Record ids: readable, safe as file names, and unlikely to collide.

An id is a slug of the title plus four random characters, so two coordinators
who create records in different clones at the same moment get different ids
(one chance in about a million that the same title gets the same suffix).
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Container

_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_WORDS_MAX = 6
_SLUG_MAX = 48
_SMALL_WORDS = {"a", "an", "and", "the", "of", "for", "in", "on", "to", "with"}


def slug(title: str) -> str:
    """`applied-data-visualization-python` from a free-text title."""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = re.findall(r"[a-z0-9]+", text.lower())
    kept = [w for w in words if w not in _SMALL_WORDS] or words
    out = ""
    for word in kept[:_WORDS_MAX]:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > _SLUG_MAX:
            break
        out = candidate
    return out or "record"


def new_id(title: str, taken: Container[str] = ()) -> str:
    base = slug(title)
    while True:
        suffix = "".join(secrets.choice(_ALPHABET) for _ in range(4))
        candidate = f"{base}-{suffix}"
        if candidate not in taken:
            return candidate
