"""Talk to one SPARQL 1.1 endpoint over HTTP, through SPARQLWrapper; knows URLs and text, no graph.

`exchange` is one HTTP round trip returning the raw body, and `parse_response` turns a body into
rdflib results. They are kept apart so a caller can wrap the exchange alone (retries, a disk
cache of bodies) without touching parsing. Every failure becomes a one-line `EndpointError`.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.parse
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Identifier

from ..errors import EndpointError

USER_AGENT = "ingenium-kg/0.1 (https://w3id.org/ingenium-kg; SPARQLWrapper)"
DEFAULT_TIMEOUT = 30.0


class QueryForm(StrEnum):
    """The four SPARQL query forms (the values are SPARQLWrapper's query-type names)."""

    SELECT = "SELECT"
    ASK = "ASK"
    CONSTRUCT = "CONSTRUCT"
    DESCRIBE = "DESCRIBE"

    @property
    def returns_graph(self) -> bool:
        return self in (QueryForm.CONSTRUCT, QueryForm.DESCRIBE)


GRAPH_MEDIA_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}
"""Graph serialisations we can parse, by media type (CONSTRUCT/DESCRIBE answers)."""

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

    :raises EndpointError: unreachable, too slow, or an HTTP error status.
    """
    from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    _check_url(url)
    if timeout <= 0:
        raise EndpointError(f"timeout must be a positive number of seconds, not {timeout}")
    wrapper = SPARQLWrapper(url, agent=user_agent)
    wrapper.setQuery(text)
    wrapper.queryType = form.value  # we parsed the query; SPARQLWrapper's guess is a regex
    wrapper.setMethod(POST)
    wrapper.setReturnFormat(TURTLE if form.returns_graph else JSON)
    wrapper.timeout = timeout  # type: ignore[assignment]  # setTimeout() truncates to int
    try:
        with wrapper.query().response as answer:
            body = answer.read()
            content_type = answer.headers.get("Content-Type", "")
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


def parse_response(response: Response, *, form: QueryForm, url: str = "endpoint") -> Result:
    """rdflib results from a raw body: JSON results for SELECT/ASK, an RDF graph otherwise.

    :raises EndpointError: the body is not what the form calls for.
    """
    try:
        if form.returns_graph:
            return _graph_result(response, form)
        return _json_result(json.loads(response.body), form)
    except KeyError as exc:
        raise EndpointError(f"endpoint {url} sent a {form} answer without {exc}") from exc
    except (ValueError, TypeError, SyntaxError) as exc:
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise EndpointError(f"endpoint {url} sent a malformed {form} answer: {reason}") from exc


def query(
    url: str,
    text: str,
    *,
    form: QueryForm,
    timeout: float = DEFAULT_TIMEOUT,
    user_agent: str = USER_AGENT,
) -> Result:
    """Run `text` on the endpoint at `url` and return rdflib results.

    :raises EndpointError: see `exchange` and `parse_response`.
    """
    response = exchange(url, text, form=form, timeout=timeout, user_agent=user_agent)
    return parse_response(response, form=form, url=url)


def _check_url(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointError(f"endpoint must be an http(s) URL, not {url!r}")


def _timed_out(url: str, timeout: float) -> EndpointError:
    return EndpointError(
        f"endpoint {url} did not answer within {timeout:g} s; allow a longer timeout"
    )


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


def _graph_result(response: Response, form: QueryForm) -> Result:
    fmt = GRAPH_MEDIA_TYPES.get(response.content_type)
    if fmt is None:
        raise ValueError(f"unexpected content type {response.content_type or 'none'!r}")
    result = Result(form.value)
    result.graph = Graph().parse(data=response.body, format=fmt)
    return result


def _json_result(document: Any, form: QueryForm) -> Result:
    """SPARQL 1.1 Query Results JSON → rdflib results, validating the shape as we go."""
    if not isinstance(document, dict) or not isinstance(document.get("head"), dict):
        raise ValueError("no 'head' object")
    result = Result(form.value)
    if form is QueryForm.ASK:
        if not isinstance(document.get("boolean"), bool):
            raise ValueError("no 'boolean' in an ASK answer")
        result.askAnswer = document["boolean"]
        return result
    names = document["head"].get("vars", [])
    rows = document["results"]["bindings"]
    if not isinstance(names, list) or not isinstance(rows, list):
        raise ValueError("'vars' and 'bindings' must be lists")
    result.vars = [Variable(name) for name in names]
    result.bindings = [
        {Variable(name): _term(value) for name, value in row.items()} for row in rows
    ]
    return result


def _term(value: dict[str, str]) -> Identifier:
    kind, lexical = value["type"], value["value"]
    if kind == "uri":
        return URIRef(lexical)
    if kind == "bnode":
        return BNode(lexical)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return Literal(lexical, lang=value["xml:lang"])
        datatype = value.get("datatype")
        return Literal(lexical, datatype=URIRef(datatype) if datatype else None)
    raise ValueError(f"unknown term type {kind!r}")
