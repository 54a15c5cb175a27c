"""Checking files on several cores. Results come back in the input order, so
the report is the same whatever `--jobs` is."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .office import Office
    from .store import Ref
    from .validate import FileResult, Progress

_OFFICE: list[Office] = []


def default_jobs() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _init(office: Office) -> None:
    _OFFICE[:] = [office]


def _check_chunk(refs: list[Ref]) -> list[FileResult]:
    from .validate import check_file

    return [check_file(_OFFICE[0], ref) for ref in refs]


def check_parallel(
    office: Office, refs: list[Ref], jobs: int, progress: Progress | None
) -> list[FileResult]:
    # Chunks amortise the cost of sending work to a process; eight per worker
    # keep every core busy to the end.
    size = max(25, len(refs) // (jobs * 8))
    chunks = [refs[i : i + size] for i in range(0, len(refs), size)]
    # fork starts workers in milliseconds and they inherit the loaded schemas.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    results: list[FileResult] = []
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_init, initargs=(office,)
    ) as pool:
        for chunk_results in pool.map(_check_chunk, chunks):
            results.extend(chunk_results)
            if progress is not None:
                progress(len(results), len(refs))
    return results
