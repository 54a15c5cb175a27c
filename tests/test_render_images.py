"""Badge images: only a file inside assets/, of an image type, whose content is
of that type, is published; anything else leaves the page without an image
and a warning that says which record and which file."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from omc.errors import InvalidData
from omc.render.checklist import checklist
from omc.render.images import badge_image

from . import builders
from .conftest import Invoke
from .render_helpers import copy_fixture
from .test_render_site import edit_approved

SCRIPT_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n'
)
PLAIN_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><title>t</title></svg>\n'
# The first bytes of a real file of each type, and a little more.
RASTER = {
    "badge.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(20),
    "badge.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(20),
    "badge.JPEG": b"\xff\xd8\xff\xdb" + bytes(20),
    "badge.gif": b"GIF89a\x01\x00\x01\x00" + bytes(20),
    "old.gif": b"GIF87a\x01\x00\x01\x00" + bytes(20),
    "badge.webp": b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(20),
}


def _asset(root: Path, name: str, content: bytes) -> str:
    path = root / "assets" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return name


@pytest.mark.parametrize("name", sorted(RASTER))
def test_an_image_of_a_published_type_is_published(tmp_path: Path, name: str) -> None:
    assert badge_image(tmp_path, _asset(tmp_path, name, RASTER[name])).is_file()


@pytest.mark.parametrize(
    ("name", "content", "what"),
    [
        ("x.html", b"<script>alert(1)</script>", "a .html file"),
        ("x.htm", b"<script>alert(1)</script>", "a .htm file"),
        ("evil.xml", SCRIPT_SVG, "a .xml file"),
        ("evil.xhtml", SCRIPT_SVG, "a .xhtml file"),
        ("plain.xml", PLAIN_SVG, "a .xml file"),
        ("badge.svgz", PLAIN_SVG, "a .svgz file"),
        ("badge.pdf", b"%PDF-1.7", "a .pdf file"),
        ("badge", RASTER["badge.png"], "a file without an extension"),
        ("badge.png.html", RASTER["badge.png"], "a .html file"),
    ],
)
def test_a_file_of_another_type_is_refused(
    tmp_path: Path, name: str, content: bytes, what: str
) -> None:
    with pytest.raises(InvalidData) as refused:
        badge_image(tmp_path, _asset(tmp_path, name, content))
    assert str(refused.value) == (
        f"assets/{name}: {what}, not an image of a type the site publishes "
        "(PNG, JPEG, GIF, WebP or SVG); not published"
    )


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("x.png", b"<script>alert(1)</script>", "PNG"),
        ("x.jpg", b"<html><script>alert(1)</script>", "JPEG"),
        ("x.gif", b"GIF8", "GIF"),
        ("x.webp", b"RIFF\x24\x00\x00\x00WAVEfmt ", "WebP"),
        ("x.png", b"", "PNG"),
        ("x.jpeg", RASTER["badge.png"], "JPEG"),
    ],
)
def test_content_of_another_type_is_refused(
    tmp_path: Path, name: str, content: bytes, kind: str
) -> None:
    with pytest.raises(InvalidData) as refused:
        badge_image(tmp_path, _asset(tmp_path, name, content))
    assert str(refused.value) == (
        f"assets/{name}: not a {kind} image (its content is of another type); "
        "not published"
    )
    assert refused.value.hint.startswith(f"export the image again as {kind}")


def test_an_svg_that_is_no_svg_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidData) as refused:
        badge_image(tmp_path, _asset(tmp_path, "x.svg", b"<html><p>hi</p></html>"))
    assert "unsafe SVG, not published: it contains <html> as its root" in str(
        refused.value
    )


def _publish_image(root: Path, name: str) -> None:
    edit_approved(
        root / "proposals/published/finance-m2x7.yaml",
        ("image: badges/finance.svg", f"image: {name}"),
    )


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("x.html", b"<script>alert(document.domain)</script>", "a .html file"),
        ("evil.xml", SCRIPT_SVG, "a .xml file"),
        ("badges/fake.png", b"<script>alert(1)</script>", "not a PNG image"),
    ],
)
def test_the_site_leaves_out_an_image_that_is_no_image(
    omc: Invoke, tmp_path: Path, name: str, content: bytes, said: str
) -> None:
    small = copy_fixture(tmp_path)
    _asset(small, name, content)
    _publish_image(small, name)
    out = tmp_path / "site"
    result = omc("--data-dir", str(small), "render", "site", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert f"warning: finance-m2x7: assets/{name}: {said}" in result.stderr
    assert not (out / "assets" / name).exists()
    page = out / "badges/finance-m2x7/index.html"
    assert page.is_file()
    for rel in ("index.html", "achievement.json"):
        shown = (out / "badges/finance-m2x7" / rel).read_text()
        assert f"assets/{name}" not in shown and "og:image" not in shown


def test_validate_warns_of_an_image_of_another_type(
    omc: Invoke, tmp_path: Path
) -> None:
    small = copy_fixture(tmp_path)
    _asset(small, "x.html", b"<script>alert(1)</script>")
    _publish_image(small, "x.html")
    rel = "proposals/published/finance-m2x7.yaml"
    result = omc("--data-dir", str(small), "validate", rel)
    assert result.exit_code == 0, result.stderr
    assert "all valid, 1 warning" in result.stdout
    assert (
        f"{rel}:20:16: badge.image: assets/x.html is a .html file, not an image of "
        "a type the site publishes (PNG, JPEG, GIF, WebP or SVG); the site leaves "
        "it out (export the image as"
    ) in result.stderr


def test_the_checklist_and_packet_refuse_an_image_of_another_type(
    omc: Invoke, tmp_path: Path
) -> None:
    _asset(tmp_path, "badges/x.html", b"<script>alert(1)</script>")
    data = builders.proposal()
    data["badge"]["image"] = "badges/x.html"
    (check,) = [c for c in checklist(tmp_path, data) if "Badge image" in c.label]
    assert not check.ok
    assert check.detail.startswith("assets/badges/x.html: a .html file, not an image")


def test_a_packet_embeds_a_png_as_a_png(omc: Invoke, tmp_path: Path) -> None:
    small = copy_fixture(tmp_path)
    _asset(small, "badges/finance.png", RASTER["badge.png"])
    _publish_image(small, "badges/finance.png")
    result = omc(
        "--data-dir", str(small), "render", "packet", "finance-m2x7",
        "--out", str(tmp_path / "packets"),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    html = (tmp_path / "packets/finance-m2x7.html").read_text()
    encoded = base64.b64encode(RASTER["badge.png"]).decode()
    assert f'src="data:image/png;base64,{encoded}"' in html


# Where the file is: inside assets/, and links followed only while they stay there.


def test_a_path_outside_assets_says_so(tmp_path: Path) -> None:
    (tmp_path / "omc.yaml").write_text("office: {}\n")
    for image in ("../omc.yaml", "badges/../../omc.yaml", "/etc/passwd"):
        with pytest.raises(InvalidData) as refused:
            badge_image(tmp_path, image)
        assert str(refused.value) == (
            f"badge.image {image} is outside assets/; a badge image must be a "
            "file inside assets/"
        )


def test_a_link_inside_assets_is_followed(tmp_path: Path) -> None:
    real = builders.badge_image(tmp_path)
    os.symlink("data-viz.svg", tmp_path / "assets/badges/link.svg")
    assert badge_image(tmp_path, "badges/link.svg") == real.resolve()


def test_a_link_leaving_assets_is_refused(tmp_path: Path) -> None:
    builders.badge_image(tmp_path)
    (tmp_path / "secret.svg").write_bytes(PLAIN_SVG)
    os.symlink("../../secret.svg", tmp_path / "assets/badges/out.svg")
    os.symlink(tmp_path, tmp_path / "assets/up")
    for image in ("badges/out.svg", "up/secret.svg"):
        with pytest.raises(InvalidData) as refused:
            badge_image(tmp_path, image)
        assert str(refused.value) == (
            f"assets/{image}: a symbolic link that leads outside assets/; not published"
        )
        assert (
            refused.value.hint == "copy the image into assets/ instead of linking to it"
        )


def test_a_broken_link_or_a_folder_says_what_it_is(tmp_path: Path) -> None:
    builders.badge_image(tmp_path)
    os.symlink("gone.svg", tmp_path / "assets/badges/broken.svg")
    cases = {
        "badges/broken.svg": "a symbolic link to a file that does not exist",
        "badges": "a folder, not an image file",
        "badges/nope.svg": "does not exist",
    }
    for image, said in cases.items():
        with pytest.raises(InvalidData) as refused:
            badge_image(tmp_path, image)
        assert str(refused.value) == f"assets/{image}: {said}"


def test_the_checklist_says_an_image_is_outside_assets(tmp_path: Path) -> None:
    (tmp_path / "omc.yaml").write_text("office: {}\n")
    data = builders.proposal()
    data["badge"]["image"] = "../omc.yaml"
    (check,) = [c for c in checklist(tmp_path, data) if "Badge image" in c.label]
    assert check.detail == (
        "badge.image ../omc.yaml is outside assets/; a badge image must be a file "
        "inside assets/"
    )


def test_the_site_publishes_a_linked_image_as_a_file(
    omc: Invoke, tmp_path: Path
) -> None:
    small = copy_fixture(tmp_path)
    os.symlink("finance.svg", small / "assets/badges/link.svg")
    _publish_image(small, "badges/link.svg")
    out = tmp_path / "site"
    result = omc("--data-dir", str(small), "render", "site", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    published = out / "assets/badges/link.svg"
    assert published.is_file() and not published.is_symlink()
    assert (
        'src="../../assets/badges/link.svg"'
        in (out / "badges/finance-m2x7/index.html").read_text()
    )


def test_validate_says_where_an_image_is_before_what_type_it_is(
    omc: Invoke, tmp_path: Path
) -> None:
    small = copy_fixture(tmp_path)
    (small / "assets/badges/sub").mkdir(parents=True, exist_ok=True)
    rel = "proposals/published/finance-m2x7.yaml"
    original = (small / rel).read_text()
    for image, said in (
        ("badges/sub", "assets/badges/sub is a folder, not an image file"),
        ("../omc.yaml", "../omc.yaml is outside assets/"),
    ):
        (small / rel).write_text(original)
        _publish_image(small, image)
        result = omc("--data-dir", str(small), "validate", rel)
        lines = [x for x in result.stderr.splitlines() if "badge.image" in x]
        assert any(said in line for line in lines), lines
        assert not any("not an image of a type" in line for line in lines), lines
