"""Which badge images are published: a file inside assets/, of a type that
browsers show as a picture and never run, whose content is of that type.

The site serves `assets/<name>` from the office's own address, and the web
server picks the content type from the name: `x.html` would be served as a
page, and script in it would run with the site's authority. So the name must
end as an image's, the file must begin as that image does, and an SVG must
pass `svg.check`.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from ..errors import InvalidData, Where
from . import svg

# The suffixes published, the name of their type, and its media type.
TYPES = {
    ".png": ("PNG", "image/png"),
    ".jpg": ("JPEG", "image/jpeg"),
    ".jpeg": ("JPEG", "image/jpeg"),
    ".gif": ("GIF", "image/gif"),
    ".webp": ("WebP", "image/webp"),
    ".svg": ("SVG", "image/svg+xml"),
}
NAMES = "PNG, JPEG, GIF, WebP or SVG"
# How a file of each raster type begins (a WebP file: RIFF, a size, WEBP);
# SVG is checked whole by svg.py.
MAGIC = {
    "PNG": (b"\x89PNG\r\n\x1a\n",),
    "JPEG": (b"\xff\xd8\xff",),
    "GIF": (b"GIF87a", b"GIF89a"),
}


def badge_image(root: Path, image: str) -> Path:
    """The file of a badge image in assets/, checked before it is published."""
    where = Where(f"assets/{image}")
    source = locate(root, image, where)
    if what := unsupported(image):
        raise InvalidData(
            f"{what}, not an image of a type the site publishes ({NAMES}); "
            "not published",
            hint=f"export the image as {NAMES} and name the file so",
            where=where,
        )
    kind = TYPES[PurePosixPath(image).suffix.lower()][0]
    if kind == "SVG":
        _check_svg(source, where)
    else:
        _check_magic(source, kind, where)
    return source


def unsupported(image: str) -> str:
    """What `image` is named as ("a .html file") unless the site publishes
    that type; "" when it does."""
    suffix = PurePosixPath(image).suffix
    if suffix.lower() in TYPES:
        return ""
    return f"a {suffix} file" if suffix else "a file without an extension"


def media_type(image: str) -> str:
    suffix = PurePosixPath(image).suffix.lower()
    return TYPES.get(suffix, ("", "application/octet-stream"))[1]


def locate(root: Path, image: str, where: Where) -> Path:
    """The file `image` names in assets/, following a symbolic link only when
    it stays inside assets/."""
    named = Path(os.path.normpath(root / "assets" / image))
    if not named.is_relative_to(os.path.normpath(root / "assets")):
        raise InvalidData(
            f"badge.image {image} is outside assets/; a badge image must be a "
            "file inside assets/",
            hint="copy the image into assets/ and name it from there, "
            "e.g. badges/data-viz.png",
        )
    source = named.resolve()
    if not source.is_relative_to((root / "assets").resolve()):
        raise InvalidData(
            "a symbolic link that leads outside assets/; not published",
            hint="copy the image into assets/ instead of linking to it",
            where=where,
        )
    if not source.is_file():
        raise InvalidData(_missing(named, source), where=where)
    return source


def _missing(named: Path, source: Path) -> str:
    if source.is_dir():
        return "a folder, not an image file"
    if named.is_symlink():
        return "a symbolic link to a file that does not exist"
    return "does not exist"


def _check_magic(source: Path, kind: str, where: Where) -> None:
    with source.open("rb") as file:
        head = file.read(12)
    if not _begins_as(kind, head):
        raise InvalidData(
            f"not a {kind} image (its content is of another type); not published",
            hint=f"export the image again as {kind}, or name the file after "
            "its real type",
            where=where,
        )


def _begins_as(kind: str, head: bytes) -> bool:
    if kind == "WebP":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    return head.startswith(MAGIC[kind])


def _check_svg(source: Path, where: Where) -> None:
    try:
        svg.check(source.read_bytes())
    except svg.Unsafe as exc:
        raise InvalidData(
            f"unsafe SVG, not published: it contains {exc.reason}",
            hint="remove that part, or export the image again as a plain SVG "
            "(no script, links, DOCTYPE or embedded HTML) or as PNG",
            where=Where(where.path, exc.line),
        ) from None
