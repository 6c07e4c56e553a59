"""Rendered answers, kept: the build never changes while the server runs, so a page or a
description is a function of its address and representation alone, and rendering it once is
enough. Least recently used answers are dropped first."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from starlette.responses import Response

PAGE_CACHE_SIZE = 4096
"""Answers kept (a page of this dataset is a few kilobytes)."""


@dataclass(frozen=True)
class CachedAnswer:
    """What a response is made of, to be sent again."""

    body: bytes
    status: int
    headers: tuple[tuple[bytes, bytes], ...]

    @classmethod
    def of(cls, response: Response) -> CachedAnswer:
        return cls(bytes(response.body), response.status_code, tuple(response.raw_headers))

    def response(self) -> Response:
        answer = Response(self.body, status_code=self.status)
        answer.raw_headers = list(self.headers)
        return answer


class PageCache:
    """Answers by key (address, representation), shared by the server's threads."""

    def __init__(self, size: int = PAGE_CACHE_SIZE) -> None:
        self.size = size
        self._answers: OrderedDict[Hashable, CachedAnswer] = OrderedDict()
        self._lock = threading.Lock()

    def answer(self, key: Hashable, render: Callable[[], Response]) -> Response:
        """The answer kept for `key`, else `render()`'s, kept when it is a success."""
        with self._lock:
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key].response()
        response = render()
        if response.status_code == 200:
            with self._lock:
                self._answers[key] = CachedAnswer.of(response)
                if len(self._answers) > self.size:
                    self._answers.popitem(last=False)
        return response
