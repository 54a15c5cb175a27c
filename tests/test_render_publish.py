"""What `omc render site` publishes: only records that pass what their status
requires, and never a preview; and where it may write."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import Invoke
from .render_helpers import copy_fixture


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path)


# Tests that aim --out at / must not be able to write there should the
# refusal ever break: while one runs, any write outside its folder fails.
_ONLY: list[Path] = []
_WRITES = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_CHANGES = ("os.mkdir", "os.remove", "os.rmdir", "os.rename", "os.replace")


def _outside(path: object) -> bool:
    if not isinstance(path, (str, bytes, os.PathLike)):
        return False
    target = Path(os.fsdecode(path)).absolute()
    return not target.is_relative_to(_ONLY[0]) and "__pycache__" not in target.parts


def _audit(event: str, args: tuple[object, ...]) -> None:
    if not _ONLY:
        return
    if event == "open" and len(args) >= 3:
        mode, flags = args[1], args[2]
        writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & _WRITES
        )
        if writes and _outside(args[0]):
            raise PermissionError(f"test wrote outside its folder: {args[0]}")
    elif event in _CHANGES and _outside(args[0]):
        raise PermissionError(f"test changed {args[0]}, outside its folder")


sys.addaudithook(_audit)


@pytest.fixture
def writes_only_here(tmp_path: Path) -> Iterator[None]:
    _ONLY[:] = [tmp_path]
    try:
        yield
    finally:
        _ONLY.clear()


def test_the_guard_stops_writes_outside(tmp_path: Path) -> None:
    _ONLY[:] = [tmp_path / "inside"]
    try:
        with pytest.raises(PermissionError):
            (tmp_path / "outside.txt").write_text("x")
        with pytest.raises(PermissionError):
            (tmp_path / "outside").mkdir()
    finally:
        _ONLY.clear()
    assert not (tmp_path / "outside.txt").exists()


def _render(omc: Invoke, root: Path, out: Path, *more: str) -> tuple[int, str]:
    result = omc("--data-dir", str(root), "render", "site", "--out", str(out), *more)
    return result.exit_code, result.stderr


def test_a_draft_moved_into_published_by_hand_is_left_out(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    draft = small / "proposals/draft/grant-writing-h7d3.yaml"
    draft.rename(small / "proposals/published/grant-writing-h7d3.yaml")
    out = tmp_path / "site"
    code, stderr = _render(omc, small, out)
    assert code == 0
    rel = "proposals/published/grant-writing-h7d3.yaml"
    assert f"warning: left out {rel}, it fails omc validate: {rel}:1:1: " in stderr
    assert f"(omc validate {rel})" in stderr
    assert not (out / "badges/grant-writing-h7d3").exists()
    assert "grant-writing" not in (out / "index.html").read_text()
    assert "grant-writing" not in (out / "sitemap.xml").read_text()
    assert (out / "badges/finance-m2x7/index.html").is_file()


def test_a_badge_edited_after_its_approvals_is_left_out(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    record = small / "proposals/published/data-viz-k3f9.yaml"
    text = record.read_text()
    record.write_text(text.replace("Turn messy public data", "Turn any data"))
    out = tmp_path / "site"
    code, stderr = _render(omc, small, out)
    assert code == 0
    rel = "proposals/published/data-viz-k3f9.yaml"
    assert f"warning: left out {rel}, it fails omc validate: {rel}:" in stderr
    assert "is for other content; the proposal changed since" in stderr
    assert not (out / "badges/data-viz-k3f9").exists()
    assert "Applied Data Visualization" not in (out / "index.html").read_text()


def _badge(omc: Invoke, root: Path, *args: str) -> tuple[int, str, str]:
    result = omc("--data-dir", str(root), "render", "badge", *args)
    return result.exit_code, result.stdout, result.stderr


def test_a_preview_goes_to_build_preview_and_claims_no_public_address(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    code, stdout, stderr = _badge(omc, small, "cyber-basics-z9w2")
    assert code == 0
    assert "rendered as a preview in build/preview/" in stderr
    page = tmp_path / "build/preview/badges/cyber-basics-z9w2/index.html"
    assert stdout.strip() == "build/preview/badges/cyber-basics-z9w2/index.html"
    assert not (tmp_path / "build/site").exists()
    html = page.read_text()
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="canonical"' not in html and "og:url" not in html
    assert "https://badges.test.example.edu/" not in html


def test_a_public_badge_still_goes_to_build_site(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    code, stdout, _ = _badge(omc, small, "finance-m2x7")
    assert code == 0
    assert stdout.strip() == "build/site/badges/finance-m2x7/index.html"
    html = (tmp_path / "build/site/badges/finance-m2x7/index.html").read_text()
    assert "noindex" not in html
    assert (
        '<link rel="canonical" href="https://badges.test.example.edu/badges/'
        'finance-m2x7/">' in html
    )


def test_a_preview_is_refused_where_the_site_is(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    assert _render(omc, small, out)[0] == 0
    code, _, stderr = _badge(omc, small, "cyber-basics-z9w2", "--out", str(out))
    assert code == 2
    assert f"{out} holds the public site; a preview of cyber-basics-z9w2" in stderr
    assert not (out / "badges/cyber-basics-z9w2").exists()


def test_render_site_removes_previews_from_its_folder(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    assert _badge(omc, small, "cyber-basics-z9w2", "--out", str(out))[0] == 0
    assert _render(omc, small, out)[0] == 0
    assert not (out / "badges/cyber-basics-z9w2").exists()
    # A preview that an earlier omc wrote into the site, before the manifest
    # listed previews: the page says what it is.
    old = out / "badges/grant-writing-h7d3/index.html"
    old.parent.mkdir()
    old.write_text('<p class="banner preview"><strong>Preview.</strong></p>')
    (out / "badges/notes.txt").write_text("mine")
    assert _render(omc, small, out)[0] == 0
    assert not old.parent.exists()
    assert (out / "badges/notes.txt").read_text() == "mine"
    assert (out / "badges/finance-m2x7/index.html").is_file()


def test_a_folder_with_other_files_is_refused_without_force(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "index.html").write_text("my own page")
    code, stderr = _render(omc, small, out)
    assert code == 2
    assert f"--out {out} is not empty, and no omc render made it" in stderr
    assert "hint: choose an empty folder, or add --force" in stderr
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]
    assert _render(omc, small, out, "--force")[0] == 0
    assert (out / "badges/finance-m2x7/index.html").is_file()
    assert _render(omc, small, out)[0] == 0  # it holds a render now


def test_an_empty_or_new_folder_needs_no_force(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    (tmp_path / "empty").mkdir()
    assert _render(omc, small, tmp_path / "empty")[0] == 0
    assert _render(omc, small, tmp_path / "new/site")[0] == 0


@pytest.mark.usefixtures("writes_only_here")
def test_the_filesystem_root_is_refused_even_with_force(
    omc: Invoke, small: Path
) -> None:
    for more in ((), ("--force",)):
        code, stderr = _render(omc, small, Path("/"), *more)
        assert code == 2
        assert "--out / is the filesystem root; omc never renders there" in stderr


@pytest.mark.usefixtures("writes_only_here")
def test_the_home_folder_is_refused_even_with_force(
    omc: Invoke, small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "users" / "me"
    home.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    code, stderr = _render(omc, small, home, "--force")
    assert code == 2 and "is your home folder; omc never renders there" in stderr
    code, stderr = _render(omc, small, home.parent, "--force")
    assert code == 2 and "is a folder that holds your home folder" in stderr
    code, stderr = _render(omc, small, Path("~"), "--force")
    assert code == 2 and "is your home folder" in stderr
    assert list(home.iterdir()) == []


def test_a_folder_that_cannot_be_written_is_an_error_not_a_crash(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code, stderr = _render(omc, small, blocker / "site")
    assert code == 1
    assert f"error: cannot write {blocker / 'site'}" in stderr
    assert "hint: make " in stderr and "writable, or choose another folder" in stderr


def test_a_read_only_folder_is_an_error_not_a_crash(
    omc: Invoke, small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, who writes into any folder: the file system says no.
    real = Path.write_text

    def read_only(path: Path, *args: Any, **kwargs: Any) -> int:
        if tmp_path / "site" in path.parents:
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", read_only)
    code, stderr = _render(omc, small, tmp_path / "site")
    assert code == 1
    assert "error: cannot write " in stderr and "Read-only file system" in stderr
