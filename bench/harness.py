"""Timing commands: wall and CPU time and peak memory of each run, and medians.

Each run is a fresh process waited for with os.wait4, which gives that
process's own resource use: CPU time of it and its children, and the peak
resident memory of the largest process among them (with `--jobs`, each
worker counts alone, not their sum). Cases of one comparison run in turns
(A B C, A B C, ...) so that a busy machine slows them alike.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    cpu: float  # seconds, user + system, the process and its children
    rss_mb: float  # peak resident memory of the largest process
    codes: tuple[int, ...]
    output: str  # stdout and stderr of the last command, for checks


@dataclass
class Case:
    """One thing measured: commands run one after the other, timed together."""

    name: str
    commands: list[list[str]]
    cwd: Path | None = None
    env: dict[str, str] | None = None
    codes: tuple[int, ...] = (0,)  # exit codes that mean it worked
    before: Callable[[], None] | None = None  # untimed, before every run
    runs: int | None = None  # at most this many samples (for the slowest tools)
    samples: list[Sample] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    @property
    def rss_mb(self) -> float:
        return max(s.rss_mb for s in self.samples)


class Failed(Exception):
    """A measured command did not do what it should: its numbers mean nothing."""


def run_once(case: Case) -> Sample:
    if case.before is not None:
        case.before()
    wall = cpu = rss = 0.0
    codes, output = [], ""
    for argv in case.commands:
        with tempfile.TemporaryFile() as out:
            start = time.perf_counter()
            child = subprocess.Popen(
                argv, cwd=case.cwd, env=case.env, stdout=out, stderr=out
            )
            _, status, usage = os.wait4(child.pid, 0)
            wall += time.perf_counter() - start
            child.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            output = out.read().decode("utf-8", "replace")
        cpu += usage.ru_utime + usage.ru_stime
        rss = max(rss, usage.ru_maxrss / 1024)  # Linux reports KiB
        codes.append(child.returncode)
    if any(code not in case.codes for code in codes):
        raise Failed(f"{case.name}: exit codes {codes}\n{output[-2000:]}")
    return Sample(wall, cpu, rss, tuple(codes), output)


def measure(cases: Sequence[Case], repeat: int, warmup: bool = True) -> None:
    """`repeat` samples of every case, in turns, after one untimed run each."""
    if warmup:
        for case in cases:
            run_once(case)
    for _ in range(repeat):
        for case in cases:
            if case.runs is None or len(case.samples) < case.runs:
                case.samples.append(run_once(case))
