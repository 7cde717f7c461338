"""Work on many group files at once: a pool of processes (the work is Python, so threads would
share one core), each given the directory once and then chunks of files, returning plain values.

A few hundred files are done in this process: starting the pool would cost more than it saves.
Where no pool can be started (a system without process support, a worker killed), the work is
done here instead: the answer is the same, only slower.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from assetdir.store.directory import Directory

T = TypeVar("T")

PARALLEL_MIN = 300  # fewer files than this are done in this process
CHUNK = 64  # files sent to a worker at a time

_worker: dict[str, Any] = {}  # in a worker: the directory and the work, given once


def workers() -> int:
    return os.cpu_count() or 1


def each_file(
    directory: Directory, work: Callable[[Directory, str], T], rels: list[str], parallel: int | None = None
) -> Iterator[T]:
    """`work(directory, rel)` for every file, in the order given, as each is done; in a pool of
    processes when there are many files and more than one core. `work` is a module-level
    function (it is sent to the workers by name) and returns plain values (they are sent back)."""
    count = workers() if parallel is None else parallel
    done = 0
    if count >= 2 and len(rels) >= PARALLEL_MIN:
        try:
            for result in _in_pool(directory, work, rels, count):
                done += 1
                yield result
            return
        except (OSError, ImportError, NotImplementedError, _broken()):
            pass  # the rest done here
    for rel in rels[done:]:
        yield work(directory, rel)


def _broken() -> type[Exception]:
    from concurrent.futures.process import BrokenProcessPool

    return BrokenProcessPool


def _in_pool(directory: Directory, work: Callable[[Directory, str], T], rels: list[str], count: int) -> Iterator[T]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    # forked workers start at once with the modules already loaded; elsewhere they are spawned
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunks = [rels[i : i + CHUNK] for i in range(0, len(rels), CHUNK)]
    pool = ProcessPoolExecutor(count, mp_context=context, initializer=_start, initargs=(directory, work))
    try:
        for chunk in pool.map(_chunk, chunks):
            yield from chunk
    finally:  # when the work stops midway (an error, Ctrl-C), the chunks not started are dropped
        pool.shutdown(wait=True, cancel_futures=True)


def _start(directory: Directory, work: Callable[[Directory, str], Any]) -> None:
    _worker["directory"], _worker["work"] = directory, work


def _chunk(rels: list[str]) -> list[Any]:
    directory, work = _worker["directory"], _worker["work"]
    return [work(directory, rel) for rel in rels]
