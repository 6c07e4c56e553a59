"""Talk to one SPARQL 1.1 endpoint over HTTP, through SPARQLWrapper; knows URLs and text, no graph.

`exchange` is one HTTP round trip returning the raw body, and `parse_response` turns a body into
an `Answer` through pyoxigraph's parsers, the same type a local query gives. They are kept apart
so a caller can wrap the exchange alone (retries, a disk cache of bodies) without touching
parsing. Every failure becomes a one-line `EndpointError`.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.parse
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..deadline import check_seconds, within
from ..errors import EndpointError, EndpointTimeoutError
from .answer import Answer
from .library import DEFAULT_TIMEOUT, QueryForm

if TYPE_CHECKING:
    from SPARQLWrapper import SPARQLWrapper

USER_AGENT = "ingenium-kg/0.1 (https://w3id.org/ingenium-kg; SPARQLWrapper)"


GRAPH_MEDIA_TYPES = {
    "text/turtle": "TURTLE",
    "application/x-turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "text/plain": "N_TRIPLES",
    "application/rdf+xml": "RDF_XML",
    "application/ld+json": "JSON_LD",
}
"""Graph serialisations we can parse, by media type (CONSTRUCT/DESCRIBE answers)."""
RESULTS_MEDIA_TYPES = {
    "application/sparql-results+xml": "XML",
    "application/xml": "XML",
    "text/xml": "XML",
}
"""SELECT/ASK answers we read as XML; any other type is read as SPARQL JSON, which we ask for."""

_STATUS_REASONS = {
    400: "the endpoint rejected the query",
    401: "authentication required",
    403: "access forbidden",
    404: "no SPARQL endpoint at this address",
    414: "the query is too long for this endpoint",
    500: "the endpoint failed internally",
}


@dataclass(frozen=True)
class Response:
    """The raw answer of one exchange: what a cache would store."""

    body: bytes
    content_type: str


def exchange(
    url: str,
    text: str,
    *,
    form: QueryForm,
    timeout: float = DEFAULT_TIMEOUT,
    user_agent: str = USER_AGENT,
) -> Response:
    """Send one query by HTTP POST and return the body, asking JSON results or Turtle by form.

    `timeout` bounds the whole exchange: name lookup, connection, sending, and every byte of
    the answer (a server trickling its answer is cut off on time).

    :raises EndpointError: unreachable, too slow, or an HTTP error status.
    """
    _check_url(url)
    try:
        check_seconds(timeout)
    except ValueError as exc:
        raise EndpointError(str(exc)) from None
    return within(
        timeout,
        lambda: _round_trip(url, text, form=form, timeout=timeout, user_agent=user_agent),
        on_timeout=lambda: _timed_out(url, timeout),
    )


def _round_trip(
    url: str, text: str, *, form: QueryForm, timeout: float, user_agent: str
) -> Response:
    from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    wrapper = SPARQLWrapper(url, agent=user_agent)
    wrapper.setQuery(text)
    wrapper.queryType = form.value  # we parsed the query; SPARQLWrapper's guess is a regex
    wrapper.setMethod(POST)
    wrapper.setReturnFormat(TURTLE if form.returns_graph else JSON)
    wrapper.timeout = timeout  # type: ignore[assignment]  # setTimeout() truncates to int
    try:
        body, content_type = _read(wrapper)
    except SPARQLWrapperException as exc:
        status = _status_of(exc)
        raise EndpointError(
            f"endpoint {url} answered HTTP {status}: {_STATUS_REASONS.get(status, 'error')}"
        ) from exc
    except urllib.error.HTTPError as exc:
        raise EndpointError(f"endpoint {url} answered HTTP {exc.code}: {exc.reason}") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise _timed_out(url, timeout) from exc
        raise EndpointError(f"endpoint {url} is unreachable: {exc.reason}") from exc
    except TimeoutError as exc:
        raise _timed_out(url, timeout) from exc
    except http.client.HTTPException as exc:
        raise EndpointError(f"endpoint {url} broke the HTTP exchange: {exc!r}") from exc
    except OSError as exc:
        raise EndpointError(f"endpoint {url} is unreachable: {exc}") from exc
    return Response(body, content_type.split(";")[0].strip().lower())


def parse_response(response: Response, *, form: QueryForm, url: str = "endpoint") -> Answer:
    """pyoxigraph results from a raw body: SPARQL JSON or XML for SELECT/ASK, an RDF graph
    otherwise, so a remote answer reaches the same renderers as a local one.

    :raises EndpointError: the body is not what the form calls for.
    """
    import pyoxigraph as ox

    try:
        if form.returns_graph:
            fmt = GRAPH_MEDIA_TYPES.get(response.content_type)
            if fmt is None:
                raise ValueError(f"unexpected content type {response.content_type or 'none'!r}")
            graph = ox.parse(response.body, format=getattr(ox.RdfFormat, fmt))
            return Answer(form, triples=[q.triple for q in graph])
        results = getattr(
            ox.QueryResultsFormat, RESULTS_MEDIA_TYPES.get(response.content_type, "JSON")
        )
        result = ox.parse_query_results(response.body, format=results)
        if isinstance(result, ox.QueryBoolean) != (form is QueryForm.ASK):
            raise ValueError(f"a {form} query answered with the wrong kind of result")
        if isinstance(result, ox.QuerySolutions):
            # The parser is lazy: read the body through once so a broken answer fails here,
            # as one line, rather than halfway through writing it; then hand over a fresh one.
            for _ in result:
                pass
            result = ox.parse_query_results(response.body, format=results)
        return Answer.of(form, result)
    except (ValueError, SyntaxError, TypeError) as exc:
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise EndpointError(f"endpoint {url} sent a malformed {form} answer: {reason}") from exc


def query(
    url: str,
    text: str,
    *,
    form: QueryForm,
    timeout: float = DEFAULT_TIMEOUT,
    user_agent: str = USER_AGENT,
) -> Answer:
    """Run `text` on the endpoint at `url` and return its answer.

    :raises EndpointError: see `exchange` and `parse_response`.
    """
    response = exchange(url, text, form=form, timeout=timeout, user_agent=user_agent)
    return parse_response(response, form=form, url=url)


def _check_url(url: str) -> None:
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018  # reading it checks the port: "http://host:x" fails here
    except ValueError as exc:
        raise EndpointError(f"endpoint URL {url!r} is malformed: {exc}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"endpoint must be an http(s) URL, not {url!r}")


def _timed_out(url: str, timeout: float) -> EndpointError:
    return EndpointTimeoutError(
        f"endpoint {url} did not answer within {timeout:g} s; allow a longer timeout"
    )


def _read(wrapper: SPARQLWrapper) -> tuple[bytes, str]:
    """The answer's body and media type. An HTTP error's own response is closed at once: its
    status and headers stay readable, and its socket is not left open for the collector."""
    try:
        with wrapper.query().response as answer:
            return answer.read(), answer.headers.get("Content-Type", "")
    except Exception as exc:
        if (error := http_error_behind(exc)) is not None:
            error.close()
        raise


def http_error_behind(exc: BaseException) -> urllib.error.HTTPError | None:
    """The HTTP error `exc` was raised from or while handling (SPARQLWrapper wraps it), if any."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, urllib.error.HTTPError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _status_of(exc: Exception) -> int:
    from SPARQLWrapper import SPARQLExceptions

    statuses: dict[type[Exception], int] = {
        SPARQLExceptions.QueryBadFormed: 400,
        SPARQLExceptions.Unauthorized: 401,
        SPARQLExceptions.EndPointNotFound: 404,
        SPARQLExceptions.URITooLong: 414,
        SPARQLExceptions.EndPointInternalError: 500,
    }
    return next((code for kind, code in statuses.items() if isinstance(exc, kind)), 0)
