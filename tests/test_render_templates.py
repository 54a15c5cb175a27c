"""Templates: an office's own override them, run sandboxed, and fail loudly;
the package ships them so that an installed wheel finds them."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from omc.errors import InvalidData, NotFound, Refused
from omc.render.templating import Templates, package_templates
from omc.render.views import quantity

from .conftest import REPO, Invoke
from .render_helpers import copy_fixture


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path)


def _override(root: Path, name: str, text: str) -> None:
    folder = root / "templates"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text)


def test_an_office_template_wins(omc: Invoke, small: Path, tmp_path: Path) -> None:
    _override(
        small,
        "badge.html",
        '{% extends "base.html" %}{% block main %}<h1>{{ badge.title }}</h1>'
        "<p>Our own page for {{ badge.unit }}</p>{% endblock %}",
    )
    out = tmp_path / "site"
    assert (
        omc("--data-dir", str(small), "render", "site", "--out", str(out)).exit_code
        == 0
    )
    page = (out / "badges/finance-m2x7/index.html").read_text()
    assert "Our own page for Department of Accounting" in page
    assert "Skills A to Z" in page  # base.html still comes from the package
    assert "Our own page" not in (out / "index.html").read_text()


def test_overrides_are_sandboxed(small: Path) -> None:
    _override(small, "x.html", "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    templates = Templates(small)
    assert templates.sandboxed
    with pytest.raises((Refused, InvalidData)) as caught:
        templates.render("x.html")
    assert "unsafe" in caught.value.message or "sandbox" in caught.value.message
    assert str(caught.value.where) == "templates/x.html:1"


def test_the_sandbox_refuses_calling_unsafe_methods(small: Path) -> None:
    _override(small, "y.html", "line one\n{{ items.append(1) }}")
    with pytest.raises(Refused) as caught:
        Templates(small).render("y.html", items=[])
    assert str(caught.value.where) == "templates/y.html:2"


def test_an_override_cannot_include_files_outside_templates(small: Path) -> None:
    _override(small, "z.html", '{% include "../omc.yaml" %}')
    with pytest.raises(NotFound):
        Templates(small).render("z.html")


def test_an_undefined_variable_is_an_error_with_template_and_line(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    _override(
        small,
        "skills.html",
        '{% extends "base.html" %}{% block main %}\n<h1>x</h1>\n'
        "<p>{{ badge.titel }}</p>{% endblock %}",
    )
    result = omc(
        "--data-dir", str(small), "render", "site", "--out", str(tmp_path / "s")
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "error: templates/skills.html:3: template uses something undefined: "
        "'badge' is undefined"
    )
    assert (
        "hint: check the spelling against the variables listed in the template's "
        "header comment; a badge's fields are those of Badge in omc/render/views.py"
    ) in " ".join(result.stderr.split())


def test_a_typo_in_a_package_template_would_name_it(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "t.html").write_text("{% if %}")
    with pytest.raises(InvalidData) as caught:
        Templates(tmp_path).render("t.html")
    assert str(caught.value.where) == "templates/t.html:1"


def test_an_unknown_template_is_not_found() -> None:
    with pytest.raises(NotFound):
        Templates().render("nothing-like-this.html")


def test_the_wheel_ships_the_templates_and_finds_them_installed(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("omc", "templates"):
        shutil.copytree(REPO / folder, source / folder, ignore=ignore)
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
         "--no-build-isolation", "-w", str(dist), str(source)],
        check=True, capture_output=True, cwd=tmp_path,
    )  # fmt: skip
    wheel = next(dist.glob("omc_microcredentials-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {Path(n).name for n in names if n.startswith("omc/templates/")}
    assert shipped == {p.name for p in package_templates().iterdir() if p.is_file()}

    installed = tmp_path / "installed"
    zipfile.ZipFile(wheel).extractall(installed)
    probe = (
        "import omc, omc.render.templating as t; "
        "print(omc.__file__); print(t.package_templates())"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True, text=True, check=True, cwd=tmp_path,
        env={"PYTHONPATH": str(installed), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    module, templates = done.stdout.split()
    assert Path(module).is_relative_to(installed)
    assert Path(templates) == installed / "omc" / "templates"


@pytest.mark.parametrize(
    ("number", "noun", "said"),
    [
        (1, "credit hour", "1 credit hour"),
        (1.0, "credit hour", "1 credit hour"),
        (3, "credit hour", "3 credit hours"),
        (1.5, "hour", "1.5 hours"),
        (0, "day", "0 days"),
        (-1, "day", "-1 days"),
    ],
)
def test_a_quantity_agrees_with_its_number(number: float, noun: str, said: str) -> None:
    assert quantity(number, noun) == said


def test_one_of_anything_is_singular_on_the_page(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    record = small / "proposals/unit-review/cyber-basics-z9w2.yaml"
    text = record.read_text().replace("credit_type: non-credit", "credit_type: credit")
    ones = "workload_hours: 1\ncredit_hours: 1\nexpires_after_months: 1"
    record.write_text(text.replace("workload_hours: 8", ones))
    out = tmp_path / "preview"
    result = omc(
        "--data-dir", str(small), "render", "badge", "cyber-basics-z9w2", "-o", str(out)
    )
    assert result.exit_code == 0, result.stderr
    page = " ".join((out / "badges/cyber-basics-z9w2/index.html").read_text().split())
    assert "<dd>1 hour</dd>" in page
    assert "For credit: 1 credit hour</dd>" in page
    assert "Expires 1 month after it is earned" in page
