"""Markdown in and out: proposer-written Markdown to safe HTML, and plain
values escaped for the Markdown packets.

Proposers write the criteria in Markdown. On a page it must not be able to do
anything but format text: raw HTML is off, only web links survive, images are
not loaded from elsewhere, and headings fit under the section they sit in.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

SAFE_SCHEMES = ("http", "https")


def _valid_link(url: str) -> bool:
    scheme = urlsplit(url.strip()).scheme.lower()
    return scheme in SAFE_SCHEMES or (not scheme and not url.strip().startswith("//"))


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    # An image in the criteria would load from a third party on every visit.
    md.disable("image")
    md.validateLink = _valid_link  # type: ignore[method-assign]
    return md


_MD = _parser()


def to_html(text: Any, heading_level: int = 3) -> Markup:
    """Proposer Markdown as HTML; its headings start at `heading_level`."""
    tokens = _MD.parse(str(text or ""))
    _fit_headings(tokens, heading_level)
    _label_links(tokens)
    html = _MD.renderer.render(tokens, _MD.options, {})
    return Markup(html)  # markdown-it escapes text; raw HTML is off


def _fit_headings(tokens: list[Token], base: int) -> None:
    """Renumber headings to run base, base+1, ... with no level skipped."""
    used = sorted({int(t.tag[1]) for t in tokens if t.type == "heading_open"})
    levels = {level: min(6, base + i) for i, level in enumerate(used)}
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{levels[int(token.tag[1])]}"


def _label_links(tokens: list[Token]) -> None:
    """Give an empty link its address as text, and mark links as user content."""
    for token in tokens:
        children = token.children or []
        for index, child in enumerate(children):
            if child.type != "link_open":
                continue
            child.attrSet("rel", "nofollow ugc")
            after = children[index + 1] if index + 1 < len(children) else None
            if after is not None and after.type == "link_close":
                text = Token("text", "", 0, content=str(child.attrGet("href") or ""))
                children.insert(index + 1, text)


_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~])")


def escape(value: Any) -> Markup:
    """A value as literal text in Markdown: nothing in it formats or links."""
    text = _SPECIAL.sub(r"\\\1", str(value)).replace("&", "&amp;")
    # A line that starts like a list item would become one.
    text = re.sub(r"^(\s*)([-+])(\s)", r"\1\\\2\3", text, flags=re.M)
    text = re.sub(r"^(\s*\d+)([.)])(\s)", r"\1\\\2\3", text, flags=re.M)
    return Markup(text)


def cell(value: Any) -> Markup:
    """A value inside a Markdown table cell: one line, pipes escaped."""
    return Markup(" ".join(str(escape(value)).split()))


def quote(value: Any) -> Markup:
    """Proposer Markdown shown as a quotation, with raw HTML and odd links made inert.

    The packet's reader sees the criteria formatted as the author meant; a
    forge renders the quotation, never any HTML or script inside it.
    """
    text = str(value or "").replace("&", "&amp;").replace("<", "&lt;")
    text = _LINK.sub(_inert_link, text)
    lines = text.splitlines() or [""]
    return Markup("\n".join(f"> {line}".rstrip() for line in lines))


# [text](address "title"), the address allowed one level of parentheses.
_LINK = re.compile(r"\[([^\]]*)\]\(\s*((?:[^()\s]|\([^()]*\))*)[^)]*\)")


def _inert_link(match: re.Match[str]) -> str:
    if _valid_link(match.group(2)) and urlsplit(match.group(2)).scheme:
        return match.group(0)
    return f"{match.group(1)} (link removed: `{match.group(2).replace('`', '')}`)"


def link(text: Any, url: Any) -> Markup:
    """A Markdown link, or the text alone when the address is not a web link."""
    address = str(url or "").strip()
    label = str(escape(text or address))
    if not address or urlsplit(address).scheme.lower() not in SAFE_SCHEMES:
        return Markup(label)
    safe = address.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return Markup(f"[{label}]({safe})")


def fence(text: Any, language: str = "") -> Markup:
    """A fenced code block that no backticks inside `text` can close early."""
    body = str(text)
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    marks = "`" * max(3, longest + 1)
    return Markup(f"{marks}{language}\n{body}\n{marks}")
