"""Running queries off the event loop, each under a deadline, with a bounded number at once.

pyoxigraph releases the GIL while it evaluates, so a query in a worker thread leaves the server
answering other requests. It cannot be cancelled, though: the worker checks the deadline between
solutions and stops there, and a single step that runs long (an aggregate over a huge join) keeps
its thread until it ends. A request waits a moment for a free slot (a burst of small queries
queues briefly); when every slot stays taken the server says so (503) rather than piling up.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")
WORKERS = 4
"""Queries evaluated at the same time; a slow one holds its slot until the engine returns."""
QUEUE_WAIT = 2.0
"""Seconds a request may wait for a free slot before the server answers 503."""


class QueryTimeoutError(Exception):
    """The query ran past the server's time limit."""

    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"the query ran longer than the server's limit of {seconds:g} s and was stopped;"
            " narrow it (a LIMIT, more specific patterns) or download a dump from /dumps/"
        )


class ServerBusyError(Exception):
    """Every query slot is taken by a running query."""

    def __init__(self) -> None:
        super().__init__(f"all {WORKERS} query slots are busy; try again in a few seconds")


class TooManyResultsError(Exception):
    """The answer has more rows (or triples) than the server hands out."""

    def __init__(self, limit: int, what: str) -> None:
        super().__init__(
            f"the answer has more than {limit} {what}, the server's limit; add a LIMIT"
            " (and OFFSET to page through it) or download a dump from /dumps/"
        )


@dataclass(frozen=True)
class Deadline:
    """When the query must be done by; workers call `check` between solutions."""

    at: float
    seconds: float

    def check(self) -> None:
        """:raises QueryTimeoutError: the time is up."""
        if time.monotonic() > self.at:
            raise QueryTimeoutError(self.seconds)


def take(items: Iterable[T], *, limit: int, deadline: Deadline, what: str) -> list[T]:
    """Up to `limit` items, read before the deadline.

    :raises TooManyResultsError: more than `limit`; QueryTimeoutError: the deadline passed.
    """
    taken: list[T] = []
    for item in items:
        deadline.check()
        if len(taken) == limit:
            raise TooManyResultsError(limit, what)
        taken.append(item)
    return taken


class QueryRunner:
    """A small pool of worker threads with a deadline on each job."""

    def __init__(self, *, timeout: float) -> None:
        self.timeout = timeout
        self._pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="ikg-query")
        self._slots: asyncio.Semaphore | None = None  # made on the server's event loop

    async def run(self, job: Callable[[Deadline], T]) -> T:
        """`job(deadline)` in a worker; its result, or its exception.

        :raises ServerBusyError: no slot freed in time; QueryTimeoutError: the job was too slow.
        """
        loop = asyncio.get_running_loop()
        if self._slots is None:
            self._slots = asyncio.Semaphore(WORKERS)
        slots = self._slots
        try:
            await asyncio.wait_for(slots.acquire(), QUEUE_WAIT)
        except TimeoutError:
            raise ServerBusyError() from None
        deadline = Deadline(time.monotonic() + self.timeout, self.timeout)
        future = self._pool.submit(job, deadline)
        future.add_done_callback(lambda _: _free(loop, slots))
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except TimeoutError:
            raise QueryTimeoutError(self.timeout) from None

    def close(self) -> None:
        """Stop taking jobs; running ones finish in the background."""
        self._pool.shutdown(wait=False, cancel_futures=True)


def _free(loop: asyncio.AbstractEventLoop, slots: asyncio.Semaphore) -> None:
    """A slot is free when the engine returns, not when the request stopped waiting; a server
    stopped in between has no slots left to free."""
    with contextlib.suppress(RuntimeError):  # the event loop is closed
        loop.call_soon_threadsafe(slots.release)
