"""The benchmark's generator: valid records, the planted problems exactly, and
the same directory for the same seed. Nothing here is timed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bench import bundle, floor, report, write_floor
from bench.generate import MANIFEST, PLANTS, generate
from omc import parallel, yamlio

from .conftest import Invoke

RECORDS = 240  # above omc.parallel.PARALLEL_MIN, so --jobs 2 uses two processes


def _files(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _problems(omc: Invoke, root: Path, jobs: str = "1") -> list[dict[str, object]]:
    result = omc("--data-dir", str(root), "validate", "--format", "json", "-j", jobs)
    problems: list[dict[str, object]] = json.loads(result.stdout)["problems"]
    return problems


@pytest.fixture(scope="module")
def spoiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small office, a tenth of whose records carry a planted problem."""
    root = tmp_path_factory.mktemp("bench") / "office"
    generate(root, RECORDS, invalid_percent=10, seed=7)
    return root


def test_valid_records_pass_validate(tmp_path: Path, omc: Invoke) -> None:
    root = tmp_path / "office"
    assert generate(root, RECORDS, invalid_percent=0, seed=3) == []
    assert _problems(omc, root) == []


def test_validate_reports_exactly_the_planted_problems(
    spoiled: Path, omc: Invoke
) -> None:
    planted = json.loads((spoiled / MANIFEST).read_text(encoding="utf-8"))
    found = {(p["path"], p["key"], p["code"]) for p in _problems(omc, spoiled)}
    assert len(planted) == RECORDS // 10
    assert found == {(p["rel"], p["key"], "schema") for p in planted}
    assert len(_problems(omc, spoiled)) == len(planted)


def test_every_kind_of_problem_is_planted(spoiled: Path) -> None:
    planted = json.loads((spoiled / MANIFEST).read_text(encoding="utf-8"))
    assert {p["what"] for p in planted} == set(PLANTS)


def test_records_span_kinds_and_statuses(spoiled: Path) -> None:
    folders = {
        p.parent.relative_to(spoiled).as_posix() for p in spoiled.rglob("*.yaml")
    }
    assert len([f for f in folders if f.startswith("intakes/")]) >= 5
    assert len([f for f in folders if f.startswith("proposals/")]) >= 9


def test_same_seed_same_directory(tmp_path: Path) -> None:
    generate(tmp_path / "a", 60, seed=11)
    generate(tmp_path / "b", 60, seed=11)
    generate(tmp_path / "c", 60, seed=12)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_text_reads_back_the_same_in_omc_and_the_floor(spoiled: Path) -> None:
    for path in sorted(spoiled.glob("*/*/*.yaml")):
        text = path.read_text(encoding="utf-8")
        ours = yamlio.loads(text, path.name).data
        assert yaml.load(text, Loader=floor.Loader) == ours, path


def test_floor_finds_the_planted_problems(spoiled: Path) -> None:
    planted = json.loads((spoiled / MANIFEST).read_text(encoding="utf-8"))
    assert floor.check(spoiled) == len(planted)


def test_published_only(tmp_path: Path, omc: Invoke) -> None:
    root = tmp_path / "site"
    generate(root, 30, invalid_percent=0, seed=5, published_only=True)
    assert len(list((root / "proposals" / "published").glob("*.yaml"))) == 30
    assert _problems(omc, root) == []


def test_bundled_schemas_refer_only_to_themselves() -> None:
    for name in ("intake", "proposal-draft", "proposal"):
        text = json.dumps(bundle.bundle(name))
        ids = set(json.loads(text).get("$defs", {}))
        refs = {r for r in bundle._refs(json.loads(text))}
        embedded = {f"urn:omc:schema:{n.removeprefix('omc-')}" for n in ids}
        assert refs <= embedded | {f"urn:omc:schema:{name}"}


def test_two_jobs_report_what_one_job_does(spoiled: Path, omc: Invoke) -> None:
    assert _problems(omc, spoiled, "2") == _problems(omc, spoiled, "1")


def test_a_missed_target_says_by_how_much() -> None:
    assert report.Target("site", 3.0, 2.0).verdict() == "missed by 50%"
    assert report.Target("memory", 74, 150, "MB").verdict() == "met"
    doc = {
        "machine": {"cpu": "X", "cores": 2, "memory_gb": 24, "python": "3.11"}
        | {"system": "Linux", "date": "today", "commit": "abc", "load_before": 0},
        "cases": [
            {"name": "a", "runs": [{}], "median_wall": 0.05}
            | {"median_cpu": 1.5, "peak_rss_mb": 30}
        ],
        "targets": [{"what": "t", "value": 3.0, "limit": 2.0, "unit": "x"}],
    }
    table = report.markdown(doc)
    assert "| a | 1 | 50 ms | 1.50 s | 30 MB |" in table
    assert "| t | 3.00x | 2.00x | missed by 50% |" in table


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_two_jobs_render_the_site_one_job_does(
    tmp_path: Path, omc: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "site"
    generate(root, 60, invalid_percent=10, seed=3, published_only=True)
    # Worker processes from 2 badges on, and chunks of 25: three of them.
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 2)
    runs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        result = omc(
            "--data-dir", str(root), "render", "site", "-o", str(out), "-j", jobs
        )
        assert result.exit_code == 0, result.stderr
        runs.append((result.stderr.replace(str(out), "OUT"), _tree(out)))
    (one_err, one), (two_err, two) = runs
    assert "left out" in one_err and two_err == one_err
    assert len(one) > 100 and two == one


def test_the_write_floor_writes_the_site_it_is_given(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "badges" / "a").mkdir(parents=True)
    (site / "badges" / "a" / "index.html").write_bytes(b"<p>a</p>")
    (site / "robots.txt").write_bytes(b"User-agent: *\n")
    copy = tmp_path / "copy"
    assert write_floor.main([str(site), str(copy)]) == 0
    assert _tree(copy) == _tree(site)
    assert write_floor.main([str(site), str(copy)]) == 2  # never into a used folder
