"""The benchmark's results: the machine, a table of medians, each target.

Written as Markdown (bench/out/results.md, shown in the README) and JSON
(bench/out/results.json, for comparing runs).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .harness import Case


@dataclass(frozen=True)
class Target:
    """A ratio (`case` over `against`, or an absolute value) and its limit."""

    what: str
    value: float
    limit: float
    unit: str = "x"

    @property
    def met(self) -> bool:
        return self.value <= self.limit

    def verdict(self) -> str:
        if self.met:
            return "met"
        over = (self.value / self.limit - 1) * 100
        return f"missed by {over:.0f}%"

    def show(self, number: float) -> str:
        if self.unit == "MB":
            return f"{number:.0f} MB"
        return f"{number:.2f}x"


def ratio(
    what: str, cases: dict[str, Case], case: str, against: str, limit: float
) -> Target:
    return Target(what, cases[case].wall / cases[against].wall, limit)


def machine(repo: Path) -> dict[str, Any]:
    return {
        "cpu": _cpu_model(),
        "cores": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "memory_gb": round(
            os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1
        ),
        "python": platform.python_version(),
        "system": platform.platform(terse=True),
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _commit(repo),
        "load_before": round(os.getloadavg()[0], 2),
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _commit(repo: Path) -> str:
    done = subprocess.run(
        ["git", "describe", "--always", "--dirty"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or "unknown"


def document(
    info: dict[str, Any], cases: list[Case], targets: list[Target]
) -> dict[str, Any]:
    """Everything the run found, as plain data: results.json, and the table."""
    return {
        "machine": info,
        "cases": [
            {
                "name": c.name,
                "runs": [
                    {"wall": s.wall, "cpu": s.cpu, "rss_mb": s.rss_mb}
                    for s in c.samples
                ],
                "median_wall": c.wall,
                "median_cpu": c.cpu,
                "peak_rss_mb": c.rss_mb,
            }
            for c in cases
        ],
        "targets": [
            {"what": t.what, "value": t.value, "limit": t.limit, "unit": t.unit}
            for t in targets
        ],
    }


def markdown(doc: dict[str, Any]) -> str:
    info = doc["machine"]
    lines = [
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB; "
        f"Python {info['python']}; {info['system']}; {info['date']}; omc at "
        f"{info['commit']}; load average {info['load_before']} before the run, "
        f"{info.get('load_after', '?')} after.",
        "",
        "| what | runs | median wall | median CPU | peak memory |",
        "|---|---:|---:|---:|---:|",
    ]
    for case in doc["cases"]:
        lines.append(
            f"| {case['name']} | {len(case['runs'])} | {_time(case['median_wall'])} "
            f"| {_time(case['median_cpu'])} | {case['peak_rss_mb']:.0f} MB |"
        )
    lines += ["", "| target | measured | limit | verdict |", "|---|---:|---:|---|"]
    for found in doc["targets"]:
        target = Target(found["what"], found["value"], found["limit"], found["unit"])
        lines.append(
            f"| {target.what} | {target.show(target.value)} | "
            f"{target.show(target.limit)} | {target.verdict()} |"
        )
    return "\n".join(lines) + "\n"


def _time(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main(argv: list[str]) -> int:
    """Write the table again from a results.json (after a change of format)."""
    doc = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    print(markdown(doc), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
