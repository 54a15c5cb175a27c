"""Where `omc render packet` may write: the same rule as the site's (an empty
folder or one an earlier packet render made; --force for others; never the
root, home or the data directory), and never where the public site is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Invoke
from .render_helpers import copy_fixture
from .test_render_publish import writes_only_here

CYBER = "cyber-basics-z9w2"
__all__ = ["writes_only_here"]


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path)


def _packet(omc: Invoke, root: Path, out: Path, *more: str) -> tuple[int, str]:
    result = omc("--data-dir", str(root), "render", "packet", *more, "--out", str(out))
    return result.exit_code, result.stderr


def _site(omc: Invoke, root: Path, out: Path, *more: str) -> tuple[int, str]:
    result = omc("--data-dir", str(root), "render", "site", "--out", str(out), *more)
    return result.exit_code, result.stderr


@pytest.mark.parametrize("which", [("--all",), (CYBER,), ("--status", "unit-review")])
def test_a_folder_of_other_files_is_refused_without_force(
    omc: Invoke, small: Path, tmp_path: Path, which: tuple[str, ...]
) -> None:
    out = tmp_path / "d"
    out.mkdir()
    (out / "index.html").write_text("notes")
    code, stderr = _packet(omc, small, out, *which)
    assert code == 2
    assert f"--out {out} is not empty, and no omc render made it" in stderr
    assert "hint: choose an empty folder, or add --force" in stderr
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]
    assert (out / "index.html").read_text() == "notes"
    assert _packet(omc, small, out, *which, "--force")[0] == 0
    assert _packet(omc, small, out, *which)[0] == 0  # it holds packets now


def test_an_empty_or_new_folder_needs_no_force(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    (tmp_path / "empty").mkdir()
    assert _packet(omc, small, tmp_path / "empty", "--all")[0] == 0
    assert _packet(omc, small, tmp_path / "new/packets", "--all")[0] == 0


@pytest.mark.usefixtures("writes_only_here")
def test_the_root_and_home_are_refused_even_with_force(
    omc: Invoke, small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "users" / "me"
    home.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    for out, said in (
        (Path("/"), "--out / is the filesystem root; omc never renders there"),
        (home, "is your home folder; omc never renders there"),
        (home.parent, "is a folder that holds your home folder"),
    ):
        code, stderr = _packet(omc, small, out, "--all", "--force")
        assert code == 2 and said in stderr
    assert list(home.iterdir()) == []


@pytest.mark.parametrize("inside", ["", "proposals", "proposals/draft", "assets"])
def test_the_data_directory_is_refused_even_with_force(
    omc: Invoke, small: Path, inside: str
) -> None:
    before = sorted(p.relative_to(small) for p in small.rglob("*"))
    code, stderr = _packet(omc, small, small / inside, "--all", "--force")
    assert code == 2
    assert "would write into the data directory" in stderr
    assert sorted(p.relative_to(small) for p in small.rglob("*")) == before


def test_packets_never_go_where_the_site_is(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    assert _site(omc, small, site)[0] == 0
    page = (site / "index.html").read_text()
    for out in (site, site / "packets"):
        for more in ((), ("--force",)):
            code, stderr = _packet(omc, small, out, "--all", *more)
            assert code == 2, stderr
            assert "pages of the public site (omc render site or badge)" in stderr
            assert "review packets are internal and never go where the public" in (
                stderr
            )
            assert "hint: render packets into a folder of their own" in stderr
    assert (site / "index.html").read_text() == page
    assert not (site / f"{CYBER}.html").exists() and not (site / "packets").exists()
    # A site whose manifest is lost is still known by what only a site holds.
    (site / ".omc-render.json").unlink()
    code, stderr = _packet(omc, small, site, "--all", "--force")
    assert code == 2 and "review packets are internal" in stderr
    assert (site / "index.html").read_text() == page


def test_packets_never_go_where_a_preview_or_badge_page_is(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    out = tmp_path / "preview"
    result = omc("--data-dir", str(small), "render", "badge", CYBER, "--out", str(out))
    assert result.exit_code == 0, result.stderr
    code, stderr = _packet(omc, small, out, CYBER, "--force")
    assert code == 2 and f"--out {out} holds pages of the public site" in stderr


def test_the_site_never_goes_where_packets_are(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    packets = tmp_path / "build/packets"
    assert _packet(omc, small, packets, "--all")[0] == 0
    written = sorted(p.name for p in packets.iterdir())
    for out in (packets, packets / "site", tmp_path / "build"):
        for more in ((), ("--force",)):
            code, stderr = _site(omc, small, out, *more)
            assert code == 2, stderr
            assert "internal review packets (omc render packet)" in stderr
            assert "the site's folder is published whole" in stderr
    code, stderr = _site(omc, small, tmp_path / "build", "--force")
    assert f"--out {tmp_path / 'build'} holds internal review packets" in stderr
    assert f", in {packets.resolve()};" in stderr
    code, stderr = _site(omc, small, packets / "site")
    assert f"is inside {packets.resolve()}, which holds internal review" in stderr
    assert sorted(p.name for p in packets.iterdir()) == written
    result = omc("--data-dir", str(small), "render", "badge", "finance-m2x7")
    assert result.exit_code == 0  # beside build/packets, in build/site
    result = omc(
        "--data-dir", str(small), "render", "badge", "finance-m2x7",
        "--out", str(packets),
    )  # fmt: skip
    assert result.exit_code == 2 and "holds internal review packets" in result.stderr


def test_site_and_packets_side_by_side(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    assert _site(omc, small, tmp_path / "build/site")[0] == 0
    assert _packet(omc, small, tmp_path / "build/packets", "--all")[0] == 0
    assert _site(omc, small, tmp_path / "build/site")[0] == 0
    assert _packet(omc, small, tmp_path / "build/packets", "--all", "-f", "md")[0] == 0


def test_rendering_packets_again_removes_those_no_longer_open(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    out = tmp_path / "packets"
    assert _packet(omc, small, out, "--all")[0] == 0
    assert _packet(omc, small, out, "--all", "-f", "md")[0] == 0
    (out / "notes.txt").write_text("mine")
    draft = small / "proposals/draft/grant-writing-h7d3.yaml"
    (small / "proposals/withdrawn").mkdir()
    draft.rename(small / "proposals/withdrawn/grant-writing-h7d3.yaml")
    assert _packet(omc, small, out, "--all")[0] == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        [
            ".omc-render.json",
            "agenda-unit-review.html",
            "agenda-unit-review.md",
            f"{CYBER}.html",
            f"{CYBER}.md",
            "grant-writing-h7d3.md",  # of the Markdown render, not touched
            "index.html",
            "index.md",
            "notes.txt",
        ]
    )
    manifest = json.loads((out / ".omc-render.json").read_text())
    assert sorted(manifest) == ["packets-html", "packets-md"]
    assert "grant-writing-h7d3.html" not in manifest["packets-html"]


def test_one_packet_is_added_to_the_folder_removing_nothing(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    out = tmp_path / "packets"
    assert _packet(omc, small, out, "--all")[0] == 0
    assert _packet(omc, small, out, "data-viz-k3f9")[0] == 0
    assert _packet(omc, small, out, "--status", "unit-review")[0] == 0
    assert (out / "data-viz-k3f9.html").is_file() and (out / "index.html").is_file()
    manifest = json.loads((out / ".omc-render.json").read_text())
    assert "data-viz-k3f9.html" in manifest["packets-html"]
    assert _packet(omc, small, out, "--all")[0] == 0  # data-viz is published
    assert not (out / "data-viz-k3f9.html").exists()


def test_render_site_removes_packets_an_older_omc_wrote_into_it(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    site, packets = tmp_path / "site", tmp_path / "packets"
    assert _site(omc, small, site)[0] == 0
    assert _packet(omc, small, packets, "--all")[0] == 0
    assert _packet(omc, small, packets, "--all", "-f", "md")[0] == 0
    # What an omc without the manifest's families left: packets, no record.
    for name in (f"{CYBER}.html", "agenda-unit-review.md"):
        (site / name).write_text((packets / name).read_text())
    (site / f"{CYBER}.pdf").write_bytes(b"%PDF-1.7 the same packet")
    (site / "notes.html").write_text("<p>mine</p>")
    (site / "report.pdf").write_bytes(b"%PDF-1.7 mine")
    code, stderr = _site(omc, small, site)
    assert code == 0
    assert (
        f"warning: removed review packets from {site}, which is published: "
        f"{CYBER}.html, agenda-unit-review.md, {CYBER}.pdf"
    ) in stderr
    assert not (site / f"{CYBER}.pdf").exists()
    assert (site / "report.pdf").exists()
    assert not (site / f"{CYBER}.html").exists()
    assert not (site / "agenda-unit-review.md").exists()
    assert (site / "notes.html").read_text() == "<p>mine</p>"
