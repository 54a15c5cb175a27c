"""Work spread over several cores. Results come back in the input order, so
what omc prints and writes is the same whatever `--jobs` is."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items, starting worker processes costs more than it saves.
PARALLEL_MIN = 200

# What every worker needs and the parent already has (the office, loaded
# schemas, templates): inherited through fork, never sent item by item.
_SHARED: dict[str, Any] = {}


def default_jobs() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def worth_it(jobs: int, items: int) -> bool:
    return jobs > 1 and items >= PARALLEL_MIN


def _init(shared: dict[str, Any]) -> None:
    _SHARED.clear()
    _SHARED.update(shared)


def _apply(
    work: Callable[[dict[str, Any], Item], Result], chunk: list[Item]
) -> list[Result]:
    return [work(_SHARED, item) for item in chunk]


def ordered_map(
    work: Callable[[dict[str, Any], Item], Result],
    items: Sequence[Item],
    jobs: int,
    shared: dict[str, Any],
    progress: Callable[[int, int], None] | None = None,
) -> list[Result]:
    """`work(shared, item)` for every item on `jobs` processes, in item order.

    `work` must be a module-level function (it is sent by name); `shared` is
    given to every worker once.
    """
    # Imported here: a small office, checked in one process, never pays for them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Chunks amortise the cost of sending work to a process; eight per worker
    # keep every core busy to the end.
    size = max(25, len(items) // (jobs * 8))
    chunks = [list(items[i : i + size]) for i in range(0, len(items), size)]
    # fork starts workers in milliseconds and they inherit what is loaded.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    results: list[Result] = []
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_init, initargs=(shared,)
    ) as pool:
        for chunk_results in pool.map(partial(_apply, work), chunks):
            results.extend(chunk_results)
            if progress is not None:
                progress(len(results), len(items))
    return results
