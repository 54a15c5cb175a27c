"""Run the benchmark of issue 6 and write bench/out/results.md and .json.

    python -m bench.run            (or: make bench)

Makes the data (1,000 and 10,000 records, 3 % with a planted problem; 1,000
published badges), then measures, on those same files: omc validate against
the floor and check-jsonschema, --changed-since with ten changed files
against a full validate, omc render site against rendering the badge
template alone, and omc's start-up against importing typer. Each target of
the issue is then met or missed, by how much.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from . import bundle, report
from .generate import LENIENT, MANIFEST, generate
from .harness import Case, Failed, measure
from .report import Target, ratio

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PYTHON = sys.executable
SEED = 1
CHANGED = 10
LARGE = 5000  # from this size, fewer runs and no warm-up run: they take minutes
SITE = "omc render site, 1,000 badges"
SITE_RAM = "omc render site, 1,000 badges, into memory"
LOOP = "badge template loop, 1,000 badges"
WRITES = "writing the site's files alone"
# A folder in memory (tmpfs), where writing a file costs next to nothing.
RAM = Path("/dev/shm")
TYPER = 'python -c "import typer"'


def environment() -> dict[str, str]:
    # Without PYTHONDONTWRITEBYTECODE: an installed omc, like typer beside it,
    # has its bytecode; compiling omc's source on every run is not omc's cost.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("OMC_", "GITHUB_")) and k != "PYTHONDONTWRITEBYTECODE"
    }
    return env | {
        "NO_COLOR": "1",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        raise SystemExit(
            f"error: {path} is missing - run `make bench`, or pip install -e '.[bench]'"
        )
    return str(path)


def compile_sources() -> None:
    """Bytecode for omc and the floors, as `pip install` writes it for a
    package, so that no case pays for compiling its source."""
    folders = [str(REPO / "omc"), str(REPO / "bench")]
    subprocess.run([PYTHON, "-m", "compileall", "-q", *folders], check=True)


def make_data(out: Path, sizes: list[int], site: int) -> dict[str, Path]:
    dirs = {}
    for size in sizes:
        dirs[f"data-{size}"] = _fresh(out / f"data-{size}")
        generate(dirs[f"data-{size}"], size, invalid_percent=3, seed=SEED)
        print(f"generated {size} records in {dirs[f'data-{size}']}", flush=True)
    dirs["site"] = _fresh(out / f"site-{site}")
    generate(dirs["site"], site, invalid_percent=0, seed=SEED, published_only=True)
    return dirs


def _fresh(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    return path


def git(root: Path, *args: str) -> str:
    identity = ["-c", "user.name=bench", "-c", "user.email=bench@example.edu"]
    done = subprocess.run(
        ["git", *identity, "-c", "commit.gpgsign=false", *args],
        cwd=root,
        env=environment(),
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def pull_request(root: Path) -> list[str]:
    """A repository whose last commit changes ten records, as a pull request
    does; the tag `base` is what the pull request is compared with."""
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "the office before the pull request")
    git(root, "tag", "base")
    planted = {p["rel"] for p in json.loads((root / MANIFEST).read_text())}
    candidates = sorted(
        p
        for p in root.glob("intakes/*/*.yaml")
        if p.relative_to(root).as_posix() not in planted
        and p.parent.name in ("received", "assigned", "consultation-scheduled")
    )
    changed = []
    for path in candidates[:: max(1, len(candidates) // CHANGED)][:CHANGED]:
        text = path.read_text(encoding="utf-8")
        for old, new in (
            ("online", "hybrid"),
            ("hybrid", "in-person"),
            ("in-person", "online"),
        ):
            if f"\nmodality: {old}\n" in text:
                path.write_text(
                    text.replace(f"\nmodality: {old}\n", f"\nmodality: {new}\n")
                )
                break
        changed.append(path.relative_to(root).as_posix())
    git(root, "commit", "-q", "-am", "ten records changed")
    return changed


def validate_cases(root: Path, schemas: dict[str, Path], size: int) -> list[Case]:
    omc, env = tool("omc"), environment()
    base = [omc, "--data-dir", str(root), "validate"]
    return [
        Case(
            f"omc validate --jobs 1, {size:,} records",
            [[*base, "--jobs", "1"]],
            env=env,
            codes=(1,),
        ),
        Case(f"omc validate, {size:,} records", [base], env=env, codes=(1,)),
        Case(
            f"floor, {size:,} records",
            [[PYTHON, "-m", "bench.floor", str(root)]],
            cwd=REPO,
            env=env,
            codes=(1,),
        ),
        Case(
            f"check-jsonschema, {size:,} records",
            _cjs(root, schemas),
            cwd=root,
            env=env,
            codes=(0, 1),
            # Minutes a run at 10,000 records: once keeps the benchmark short.
            runs=1 if size >= LARGE else None,
        ),
    ]


def _cjs(root: Path, schemas: dict[str, Path]) -> list[list[str]]:
    """One call per schema, as a data team would write it in CI."""
    groups: dict[str, list[str]] = {"intake": [], "proposal-draft": [], "proposal": []}
    for path in sorted(root.glob("*/*/*.yaml")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith("intakes/"):
            groups["intake"].append(rel)
        else:
            groups[
                "proposal-draft" if path.parent.name in LENIENT else "proposal"
            ].append(rel)
    cjs = tool("check-jsonschema")
    return [
        [cjs, "--schemafile", str(schemas[name]), *files]
        for name, files in groups.items()
        if files
    ]


def site_cases(root: Path, out: Path) -> list[Case]:
    """The site rendered onto the disk and into memory, the template loop, and
    the disk's share alone: the same files written with no rendering."""
    env, site, copy = environment(), out / "site-html", out / "site-copy"

    def render(folder: Path) -> list[list[str]]:
        omc = tool("omc")
        return [[omc, "--data-dir", str(root), "render", "site", "--out", str(folder)]]

    cases = [
        Case(SITE, render(site), env=env, before=lambda: _remove(site)),
        Case(LOOP, [[PYTHON, "-m", "bench.site_floor", str(root)]], cwd=REPO, env=env),
        Case(
            WRITES,
            [[PYTHON, "-m", "bench.write_floor", str(site), str(copy)]],
            cwd=REPO,
            env=env,
            before=lambda: _remove(copy),
        ),
    ]
    ram = ram_folder()
    if ram is not None:
        cases.insert(
            1, Case(SITE_RAM, render(ram), env=env, before=lambda: _remove(ram))
        )
    return cases


def ram_folder() -> Path | None:
    """Where to render in memory, or None on a machine without /dev/shm."""
    if not (RAM.is_dir() and os.access(RAM, os.W_OK)):
        return None
    return RAM / f"omc-bench-site-{os.getpid()}"


def _remove(folder: Path | None) -> None:
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def startup_cases() -> list[Case]:
    omc, env = tool("omc"), environment()
    return [
        Case("omc --version", [[omc, "--version"]], env=env),
        Case("omc --help", [[omc, "--help"]], env=env),
        Case(TYPER, [[PYTHON, "-c", "import typer"]], env=env),
    ]


def changed_case(root: Path) -> Case:
    argv = [tool("omc"), "--data-dir", str(root), "validate", "--changed-since", "base"]
    return Case(
        f"omc validate --changed-since, {CHANGED} changed", [argv], env=environment()
    )


def targets(by: dict[str, Case], sizes: list[int], site: bool) -> list[Target]:
    """The issue's targets: (what, case, against, limit) over the medians."""
    large = f"{max(sizes):,} records"
    specs = []
    for n in (f"{size:,} records" for size in sizes):
        specs += [
            (
                f"omc validate <= 1.5x the floor, {n}",
                f"omc validate, {n}",
                f"floor, {n}",
                1.5,
            ),
            (
                f"omc validate <= 0.25x check-jsonschema, {n}",
                f"omc validate, {n}",
                f"check-jsonschema, {n}",
                0.25,
            ),
        ]
    changed = f"omc validate --changed-since, {CHANGED} changed"
    specs.append(
        (
            f"--changed-since <= 0.1x a full validate, {large}",
            changed,
            f"omc validate, {large}",
            0.1,
        )
    )
    if site:
        specs.append(("render site <= 2x the template loop", SITE, LOOP, 2))
        if SITE_RAM in by:
            specs.append(("the same, rendered into memory", SITE_RAM, LOOP, 2))
    for command in ("omc --version", "omc --help"):
        specs.append((f"{command} <= 1.3x importing typer", command, TYPER, 1.3))
    found = [
        ratio(what, by, case, against, limit) for what, case, against, limit in specs
    ]
    return found + memory(by, sizes)


def memory(by: dict[str, Case], sizes: list[int]) -> list[Target]:
    """Under 150 MB at the largest size, and about the same at every size."""
    large = f"{max(sizes):,} records"
    found = [
        Target(
            f"peak memory, {jobs}, {large}", by[f"{jobs}, {large}"].rss_mb, 150, "MB"
        )
        for jobs in ("omc validate --jobs 1", "omc validate")
    ]
    small, big = (
        by[f"omc validate --jobs 1, {s:,} records"].rss_mb
        for s in (min(sizes), max(sizes))
    )
    growth = f"memory growth, {min(sizes):,} to {max(sizes):,} records (--jobs 1)"
    return [*found, Target(growth, big / small, 1.2)]


def check(cases: list[Case], dirs: dict[str, Path]) -> None:
    """The runs did the work they stand for: every planted problem found."""
    for key, root in dirs.items():
        if not key.startswith("data-"):
            continue
        planted = len(json.loads((root / MANIFEST).read_text()))
        suffix = f", {int(key.removeprefix('data-')):,} records"
        for case in cases:
            said = case.samples[-1].output
            wanted = (
                f": {planted} errors"
                if case.name.startswith("omc")
                else f"{planted} schema errors"
            )
            if (
                case.name.endswith(suffix)
                and "check-jsonschema" not in case.name
                and wanted not in said
            ):
                raise Failed(f"{case.name} missed planted problems:\n{said[-500:]}")


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    info = report.machine(REPO)
    compile_sources()
    dirs = make_data(args.out, args.sizes, 1000)
    site = _has_site()
    cases = run_cases(args, dirs, site)
    check(cases, dirs)

    info["load_after"] = round(os.getloadavg()[0], 2)
    found = targets({c.name: c for c in cases}, args.sizes, site)
    doc = report.document(info, cases, found)
    table = report.markdown(doc)
    (args.out / "results.md").write_text(table, encoding="utf-8")
    (args.out / "results.json").write_text(
        json.dumps(doc, indent=1) + "\n", encoding="utf-8"
    )
    print("\n" + table)
    if not site:
        print("omc render site is not available: the site was not measured")
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs of each case under 5,000 records"
    )
    parser.add_argument(
        "--repeat-large",
        type=int,
        default=3,
        help="runs of each case from 5,000 records",
    )
    return parser.parse_args(argv)


def run_cases(
    args: argparse.Namespace, dirs: dict[str, Path], site: bool
) -> list[Case]:
    """Every case, measured group by group; a group's cases run in turns."""
    schemas = bundle.write(args.out / "schemas")
    large = dirs[f"data-{max(args.sizes)}"]
    pull_request(large)
    cases: list[Case] = []
    for size in args.sizes:
        group = validate_cases(dirs[f"data-{size}"], schemas, size)
        if dirs[f"data-{size}"] == large:
            group.append(changed_case(large))
        repeat = args.repeat_large if size >= LARGE else args.repeat
        cases += _measure(group, repeat, warmup=size < LARGE)
    if site:
        try:
            cases += _measure(site_cases(dirs["site"], args.out), args.repeat)
        finally:
            _remove(ram_folder())
    return cases + _measure(startup_cases(), args.repeat * 2)


def _measure(group: list[Case], repeat: int, warmup: bool = True) -> list[Case]:
    measure(group, repeat, warmup)
    for case in group:
        print(f"  {case.name}: {case.wall:.2f} s, {case.rss_mb:.0f} MB", flush=True)
    return group


def _has_site() -> bool:
    done = subprocess.run(
        [tool("omc"), "render", "site", "--help"], capture_output=True, check=False
    )
    return done.returncode == 0


if __name__ == "__main__":
    sys.exit(main())
