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
import threading
import time
import traceback
from collections.abc import Callable
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
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as exc:  # handed to the waiting thread, which re-raises it
            _drop_frames(exc)
            failure.append(exc)

    collecting = gc.isenabled()
    gc.disable()
    try:
        worker = threading.Thread(target=run, name="ingenium-kg-deadline", daemon=True)
        worker.start()
        worker.join(seconds)
    finally:
        if collecting:
            gc.enable()
    if worker.is_alive():
        raise on_timeout()
    if failure:
        raise failure[0]
    return outcome[0]


def _drop_frames(exc: BaseException | None) -> None:
    """Clear the locals of every frame `exc` (and its causes) holds, in the current thread."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        traceback.clear_frames(exc.__traceback__)  # type: ignore[arg-type]
        exc = exc.__cause__ or exc.__context__


def remaining(deadline: float) -> float:
    """Seconds left before a `time.monotonic()` deadline (zero when it has passed)."""
    return max(0.0, deadline - time.monotonic())
