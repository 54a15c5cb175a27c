"""What the render tests share: the small office, HTML outlines, the OB3 schema."""

from __future__ import annotations

import json
import re
import shutil
from functools import cache
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from typing import Any

from .conftest import REPO, SHARED

FIXTURE = REPO / "tests" / "fixtures" / "render" / "office"
OB3_SCHEMA = SHARED / "external" / "ob3" / "achievementcredential.schema.json"

# Independent of omc's own redaction patterns on purpose.
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"(?:\+?\d{1,3}[\s.-])?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")


def copy_fixture(tmp_path: Path) -> Path:
    root = tmp_path / "small-office"
    shutil.copytree(FIXTURE, root)
    return root


@cache
def achievement_validator() -> Any:
    """The official schema with Achievement as its root, as ob3/README.md says."""
    from jsonschema import Draft201909Validator

    full = json.loads(OB3_SCHEMA.read_text("utf-8"))
    schema = {"$schema": full["$schema"], "$ref": "#/$defs/Achievement"}
    schema["$defs"] = full["$defs"]
    return Draft201909Validator(schema)


class Outline(HTMLParser):
    """The parts of a page that accessibility rules are about."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.headings: list[int] = []
        self.images: list[dict[str, str | None]] = []
        self.links: list[tuple[str, str]] = []
        self._link: list[str] | None = None
        self._href = ""
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang") or ""
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "img":
            self.images.append(found)
        elif tag == "a":
            self._link, self._href = (
                [found.get("aria-label") or ""],
                found.get("href") or "",
            )

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            self.links.append((self._href, " ".join("".join(self._link).split())))
            self._link = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._link is not None:
            self._link.append(data)


def outline(path: Path) -> Outline:
    parser = Outline()
    parser.feed(path.read_text("utf-8"))
    return parser


def heading_problems(levels: list[int]) -> list[str]:
    problems = [] if levels.count(1) == 1 and levels[0] == 1 else ["not one h1 first"]
    for before, after in pairwise(levels):
        if after > before + 1:
            problems.append(f"h{before} then h{after}")
    return problems
