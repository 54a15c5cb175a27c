"""Refusing badge SVGs that could run script or fetch anything.

A badge image is served from the office's own site, and an SVG opened
directly in a browser is a document like any page: script in it acts with
the site's authority. Text patterns miss what the XML parser decodes
(`&#x6A;avascript:`, entities declared in a DOCTYPE), so the file is parsed
and every element, attribute and style is checked as the browser will see it.
"""

from __future__ import annotations

import re
from xml.parsers import expat

# Elements that run script or embed another document.
ACTIVE = {"script", "foreignobject", "iframe", "embed", "object", "handler"}
LINKS = {"href", "src"}
# Browsers drop tabs, newlines and controls inside a URL: `java\tscript:` runs.
_IGNORED = re.compile(r"[\x00-\x20]+")
_URL = re.compile(r"url\(")


class Unsafe(Exception):
    """What makes an SVG unsafe, and the line where the parser found it."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason, self.line = reason, line


def check(content: bytes) -> None:
    """Raise Unsafe when the SVG could run script or load anything external."""
    checker = _Checker()
    try:
        checker.parser.Parse(content, True)
    except expat.ExpatError as exc:
        reason = expat.errors.messages[exc.code]
        raise Unsafe(f"XML that is not well-formed ({reason})", exc.lineno) from None
    except Unsafe as exc:
        exc.line = exc.line or checker.parser.CurrentLineNumber
        raise
    if checker.root != "svg":
        raise Unsafe(f"<{checker.root or 'nothing'}> as its root element, not <svg>")


def local(name: str) -> str:
    """`xlink:href` is `href`, `html:script` is `script`."""
    return name.rpartition(":")[2].casefold()


def safe_link(value: str) -> bool:
    link = _IGNORED.sub("", value).casefold()
    return link.startswith("#") or link.startswith("data:image/")


def check_style(value: str) -> None:
    """An attribute value or a style sheet: no script, no outside resource."""
    folded = _IGNORED.sub("", value).casefold()
    if "javascript:" in folded or "vbscript:" in folded:
        raise Unsafe("a javascript: address")
    if "@import" in folded or "image-set(" in folded:
        raise Unsafe("a style that loads another file (@import or image-set)")
    if "\\" in value and ("(" in value or "@" in value):
        # CSS escapes can spell `url(` or `@import` so that no pattern sees them.
        raise Unsafe("a CSS escape (a backslash) in a style")
    for found in _URL.finditer(folded):
        target = folded[found.end() :].lstrip("'\"")
        if not safe_link(target):
            shown = target.partition(")")[0].rstrip("'\"")[:60]
            raise Unsafe(f"a style that loads url({shown})")


def check_attribute(tag: str, key: str, value: str) -> None:
    name = local(key)
    if name.startswith("on"):
        raise Unsafe(f"an event handler ({key}) on <{tag}>")
    if name in LINKS and not safe_link(value):
        raise Unsafe(f"a link on <{tag}> to '{value.strip()[:60]}'")
    if tag in ("set", "animate") and name == "attributename" and local(value) in LINKS:
        raise Unsafe(f"an element <{tag}> that changes a link")
    try:
        check_style(value)
    except Unsafe as exc:
        raise Unsafe(f"{exc.reason} in the {key} attribute of <{tag}>") from None


class _Checker:
    def __init__(self) -> None:
        self.root = ""
        self.open: list[str] = []
        self.style: list[str] = []
        self.parser = expat.ParserCreate()
        # Never read a DTD or an external entity, not even to refuse it later.
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartDoctypeDeclHandler = self.doctype
        self.parser.EntityDeclHandler = self.entity
        self.parser.ExternalEntityRefHandler = self.external
        self.parser.ProcessingInstructionHandler = self.instruction
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.text

    def doctype(self, *_: object) -> None:
        raise Unsafe("a DOCTYPE (it can declare entities that hide markup)")

    def entity(self, name: str, *_: object) -> None:
        raise Unsafe(f"an ENTITY declaration ({name})")

    def external(self, *_: object) -> int:
        raise Unsafe("a reference to an external entity")

    def instruction(self, target: str, _data: str) -> None:
        raise Unsafe(f"a processing instruction (<?{target})")

    def start(self, name: str, attributes: dict[str, str]) -> None:
        tag = local(name)
        self.root = self.root or tag
        if tag in ACTIVE:
            raise Unsafe(f"an element <{name}>")
        if self.open and self.open[-1] == "style":
            raise Unsafe(f"an element <{name}> inside <style>")
        for key, value in attributes.items():
            check_attribute(tag, key, value)
        self.open.append(tag)

    def end(self, _name: str) -> None:
        if self.open.pop() == "style":
            check_style("".join(self.style))
            self.style.clear()

    def text(self, data: str) -> None:
        # The parser hands text over in pieces, split at character references.
        if self.open and self.open[-1] == "style":
            self.style.append(data)
