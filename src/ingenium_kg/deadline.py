"""Deadlines that hold whatever the work is blocked in: a DNS lookup, a trickling socket, a
query the engine evaluates without returning to Python.

Socket timeouts bound each read, not an exchange, and the engine offers no cancellation; so the
work runs in a daemon thread and the caller stops waiting when the time is up. pyoxigraph and
the socket layer release the GIL while they work, so the waiting thread wakes on time. The
abandoned thread ends by itself (its socket times out, or the process exits).
"""

from __future__ import annotations

import gc
import math
import queue
import threading
import time
from collections.abc import Callable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypeVar

    T = TypeVar("T")


def check_seconds(value: float, option: str = "--timeout") -> float:
    """`value` when it is a positive, finite number of seconds.

    :raises ValueError: zero, negative, NaN or infinite (the message names `option`).
    """
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"{option} must be a positive, finite number of seconds, not {value:g}")
    return value


def within(seconds: float, work: Callable[[], T], *, on_timeout: Callable[[], Exception]) -> T:
    """`work()`'s result, or `on_timeout()` raised once `seconds` have passed.

    Exceptions raised by `work` reach the caller unchanged; Ctrl-C interrupts the wait.
    pyoxigraph's results objects must die in the thread that made them, so the cyclic
    collector is held while the caller waits (no thread frees another's objects) and a failing
    `work` drops its frames' locals in its own thread.
    """
    job = _Job(work)
    collecting = gc.isenabled()
    gc.disable()
    try:
        _WORKERS.start(job)
        finished = job.done.acquire(timeout=seconds)
    finally:
        if collecting:
            gc.enable()
    if not finished:
        raise on_timeout()
    if job.failure is not None:
        raise job.failure
    return job.outcome  # type: ignore[return-value]


class _Job:
    """One piece of work handed to a worker, and what became of it."""

    def __init__(self, work: Callable[[], object]) -> None:
        self.work = work
        self.done = threading.Lock()
        """Held until the work ends: a bare lock, lighter to wait on than an Event."""
        self.done.acquire()
        self.outcome: object = None
        self.failure: BaseException | None = None

    def run(self) -> None:
        try:
            self.outcome = self.work()
        except BaseException as exc:  # handed to the waiting thread, which re-raises it
            _drop_frames(exc)
            self.failure = exc
        self.done.release()


class _Workers:
    """Daemon threads kept between jobs, since starting a thread costs more than a small
    query: a job goes to an idle worker, or to a new one when all are busy (a worker whose job
    ran past its deadline is busy until the engine returns, then idle again). Daemons, so an
    abandoned job never holds the process open."""

    def __init__(self) -> None:
        self._idle: list[queue.SimpleQueue[_Job]] = []
        self._lock = threading.Lock()

    def start(self, job: _Job) -> None:
        with self._lock:
            inbox = self._idle.pop() if self._idle else None
        if inbox is None:
            inbox = queue.SimpleQueue()
            threading.Thread(target=self._serve, args=(inbox,), daemon=True).start()
        inbox.put(job)

    def _serve(self, inbox: queue.SimpleQueue[_Job]) -> None:
        while True:
            job = inbox.get()
            job.run()
            del job  # its work and outcome are the caller's now: nothing kept in this thread
            with self._lock:
                self._idle.append(inbox)


_WORKERS = _Workers()


def _drop_frames(exc: BaseException | None) -> None:
    """Clear the locals of every frame `exc` (and its causes) holds, in the current thread."""
    import traceback  # only when work fails: not on a fast query's start

    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        traceback.clear_frames(exc.__traceback__)  # type: ignore[arg-type]
        exc = exc.__cause__ or exc.__context__


def remaining(deadline: float) -> float:
    """Seconds left before a `time.monotonic()` deadline (zero when it has passed)."""
    return max(0.0, deadline - time.monotonic())
