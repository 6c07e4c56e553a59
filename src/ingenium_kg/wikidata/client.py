"""A polite client for a Wikidata-shaped SPARQL endpoint: retries, an on-disk answer cache, a UA.

`endpoint.exchange` is one HTTP round trip; public endpoints ask for more around it: back off and
retry on 429/5xx (honouring Retry-After), say who is asking, and never ask twice. Answers are
cached by hash of endpoint + query, with the time they were fetched, so a re-run is offline and
whatever is derived from them (the enrichment file's retrieval time) is reproducible.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from rdflib.term import Identifier

from ..deadline import remaining
from ..errors import EndpointError, EndpointTimeoutError
from ..files import write_atomic
from ..query.answer import Answer as Results
from ..query.endpoint import Response, exchange, http_error_behind, parse_response
from ..query.library import QueryForm

WIKIDATA_SPARQL = "https://query.wikidata.org/sparql"
USER_AGENT = (
    "ingenium-kg/0.1 (https://w3id.org/ingenium-kg; links the INGENIUM alliance knowledge graph "
    "to Wikidata; read-only, cached) SPARQLWrapper/2"
)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CACHE_ENV = "INGENIUM_KG_CACHE"


def default_cache_dir() -> Path:
    """$INGENIUM_KG_CACHE, else the user's cache directory (XDG), so answers outlive a clone."""
    if env := os.environ.get(CACHE_ENV):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "ingenium-kg" / "sparql"


Row = dict[str, Identifier]


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Answer:
    """Rows of a SELECT (variable name → term) and when the endpoint gave them."""

    rows: tuple[Row, ...]
    retrieved: datetime


@dataclass(frozen=True)
class WikidataEndpoint:
    """Where to ask and how politely; `cache_dir=None` disables the cache (always online)."""

    url: str = WIKIDATA_SPARQL
    cache_dir: Path | None = field(default_factory=default_cache_dir)
    timeout: float = 60.0
    attempts: int = 4
    backoff: float = 2.0
    max_wait: float = 120.0
    user_agent: str = USER_AGENT
    clock: Callable[[], datetime] = utc_now
    """When an answer counts as retrieved (tests pin it to get golden files)."""

    def select(self, query: str) -> Answer:
        """Rows of a SELECT query, from the cache when this endpoint already answered it.

        :raises EndpointError: unreachable, timed out, an HTTP error left after the retries, or
            an answer that is not SPARQL JSON results (never cached).
        """
        cached = self._cached(query)
        if cached is not None:
            return cached
        response = self._exchange_with_retries(query)
        result = parse_response(response, form=QueryForm.SELECT, url=self.url)
        answer = Answer(_rows(result), self.clock())
        self._store(query, response, answer.retrieved)
        return answer

    def _exchange_with_retries(self, query: str) -> Response:
        """One answer within `timeout` seconds, every attempt and every wait between included."""
        from tenacity import Retrying, retry_if_exception, stop_after_attempt

        deadline = time.monotonic() + self.timeout

        def attempt() -> Response:
            left = remaining(deadline)
            if left <= 0:
                raise self._out_of_time()
            try:
                return exchange(
                    self.url, query, form=QueryForm.SELECT, timeout=left, user_agent=self.user_agent
                )
            except EndpointTimeoutError:
                raise self._out_of_time() from None

        def wait(state: object) -> float:
            seconds = self._wait(state)
            if seconds >= remaining(deadline):  # no time left to retry: the last error stands
                outcome = getattr(state, "outcome", None)
                failure = outcome.exception() if outcome is not None else None
                raise failure or self._out_of_time()
            return seconds

        retrying = Retrying(
            stop=stop_after_attempt(max(1, self.attempts)),
            retry=retry_if_exception(lambda exc: _status(exc) in RETRY_STATUSES),
            wait=wait,
            reraise=True,
        )
        return retrying(attempt)

    def _out_of_time(self) -> EndpointError:
        return EndpointTimeoutError(
            f"endpoint {self.url} did not answer within {self.timeout:g} s (retries included);"
            " allow a longer --timeout"
        )

    def _wait(self, state: object) -> float:
        """Retry-After when the server gives one, else exponential backoff; never beyond max."""
        outcome = getattr(state, "outcome", None)
        exc = outcome.exception() if outcome is not None else None
        attempt = int(getattr(state, "attempt_number", 1))
        asked = _retry_after(exc) if exc is not None else None
        wait = asked if asked is not None else self.backoff * 2 ** (attempt - 1)
        if wait > self.max_wait:
            raise EndpointError(
                f"endpoint {self.url} asks to wait {wait:g} s before retrying, more than "
                f"{self.max_wait:g} s; try again later"
            )
        return wait

    def _path(self, query: str) -> Path | None:
        if self.cache_dir is None:
            return None
        key = hashlib.sha256(f"{self.url}\n{query}".encode()).hexdigest()
        return self.cache_dir / key[:2] / f"{key}.json"

    def _cached(self, query: str) -> Answer | None:
        path = self._path(query)
        if path is None or not path.is_file():
            return None
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            response = Response(entry["body"].encode("utf-8"), entry["content_type"])
            retrieved = datetime.fromisoformat(entry["retrieved"])
            result = parse_response(response, form=QueryForm.SELECT, url=self.url)
        except (OSError, ValueError, KeyError, TypeError, EndpointError):
            return None  # an unreadable entry is a miss: ask again and overwrite it
        return Answer(_rows(result), retrieved)

    def _store(self, query: str, response: Response, retrieved: datetime) -> None:
        path = self._path(query)
        if path is None:
            return
        entry = {
            "endpoint": self.url,
            "query": query,
            "retrieved": retrieved.isoformat(),
            "content_type": response.content_type,
            "body": response.body.decode("utf-8"),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(entry, ensure_ascii=False, indent=1).encode("utf-8"))


def _rows(result: Results) -> tuple[Row, ...]:
    """Each solution as variable name -> rdflib term (what the Wikidata jobs compare)."""
    from ..terms import from_ox

    names, rows = result.rows()
    return tuple(
        {name: from_ox(term) for name, term in zip(names, row, strict=True) if term is not None}  # type: ignore[misc]
        for row in rows
    )


def _status(exc: BaseException) -> int | None:
    """The HTTP status behind an EndpointError (`exchange` keeps the HTTPError as a cause)."""
    if not isinstance(exc, EndpointError):
        return None
    error = http_error_behind(exc)
    return error.code if error is not None else None


def _retry_after(exc: BaseException) -> float | None:
    """Retry-After in seconds, from either of its two forms (delta-seconds or an HTTP date)."""
    error = http_error_behind(exc)
    value = error.headers.get("Retry-After") if error is not None and error.headers else None
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
