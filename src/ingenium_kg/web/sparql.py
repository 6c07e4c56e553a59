"""The SPARQL 1.1 Protocol endpoint (`/sparql`), read-only, with time and size limits.

A query comes by GET (`?query=`), by POST as a form or as a direct `application/sparql-query`
body. `default-graph-uri`/`named-graph-uri` choose the dataset as the Protocol says; without
them a query's own `FROM`/`FROM NAMED` pick among the build's graphs, and with neither the
default graph is graph/facts. The store never fetches anything for `FROM`; `SERVICE` (which
pyoxigraph would call) is refused unless the server was started with it allowed. Updates are
refused whichever way they come.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import Response

from ..namespaces import PREFIXES
from ..query.text import (
    FORMS,
    UPDATES,
    blank_noise,
    opening_keyword,
    syntax_message,
    uses_keyword,
)
from .limits import Deadline, QueryTimeoutError, TooManyResultsError, take
from .negotiation import HTML, JSON_LD, N_TRIPLES, TURTLE, Representation, choose
from .site import Site
from .writers import ResultsFormat, Row, write_boolean, write_rows

MAX_QUERY_BYTES = 64 * 1024
"""Largest query (or form body) accepted; beyond it, 413."""

_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*")

RESULTS = tuple(
    Representation(name, fmt.value)
    for name, fmt in (
        ("json", ResultsFormat.JSON),
        ("xml", ResultsFormat.XML),
        ("csv", ResultsFormat.CSV),
        ("tsv", ResultsFormat.TSV),
    )
)
"""What SELECT and ASK answers offer (then an HTML table)."""
GRAPHS = (TURTLE, N_TRIPLES, JSON_LD)
"""What CONSTRUCT and DESCRIBE answers offer (then an HTML page)."""
_RDF_FORMATS = {
    TURTLE: ox.RdfFormat.TURTLE,
    N_TRIPLES: ox.RdfFormat.N_TRIPLES,
    JSON_LD: ox.RdfFormat.JSON_LD,
}


class ProtocolError(Exception):
    """A request the endpoint refuses, with the HTTP status that says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Operation:
    """One query request, read from whichever way it came."""

    query: str | None
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None


@dataclass
class Outcome:
    """A query's answer, held in Python (already within the limits)."""

    form: str
    names: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)


async def read_operation(request: Request) -> Operation:
    """The query and dataset of a Protocol request.

    :raises ProtocolError: an update, an oversized or repeated query, a bad graph IRI, or a
        body type the Protocol does not define.
    """
    params = list(request.query_params.multi_items())
    query: str | None = None
    if request.method == "POST":
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "application/sparql-update":
            raise ProtocolError(403, "this endpoint is read-only: updates are refused")
        body = await _read_body(request)
        if kind == "application/x-www-form-urlencoded":
            params += parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
        elif kind == "application/sparql-query":
            query = body.decode("utf-8", "replace")
        else:
            raise ProtocolError(
                415,
                "POST a query as application/x-www-form-urlencoded (query=…) or as an"
                " application/sparql-query body",
            )
    names = [name for name, _ in params]
    if "update" in names:
        raise ProtocolError(403, "this endpoint is read-only: updates are refused")
    queries = [value for name, value in params if name == "query"]
    if len(queries) + (query is not None) > 1:
        raise ProtocolError(400, "give exactly one query")
    query = query if query is not None else (queries[0] if queries else None)
    if query is not None and len(query.encode("utf-8")) > MAX_QUERY_BYTES:
        raise ProtocolError(413, f"the query is larger than {MAX_QUERY_BYTES // 1024} KB")
    default = tuple(_graph_iri(v) for n, v in params if n == "default-graph-uri")
    named = tuple(_graph_iri(v) for n, v in params if n == "named-graph-uri")
    if not default and not named:
        return Operation(query)
    return Operation(query, default, named or None)


async def _read_body(request: Request) -> bytes:
    """The body, refused (413) as soon as it grows past the limit rather than read whole."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_QUERY_BYTES:
            raise ProtocolError(
                413, f"the request body is larger than {MAX_QUERY_BYTES // 1024} KB"
            )
    return bytes(body)


def _graph_iri(value: str) -> str:
    if not _IRI.fullmatch(value):
        raise ProtocolError(
            400, f"{value!r} is not an absolute IRI (default-graph-uri, named-graph-uri)"
        )
    return value


def query_form(text: str, *, allow_service: bool) -> str | None:
    """The query's form (SELECT, ASK, CONSTRUCT, DESCRIBE) when it reads as one, else None
    (the engine then reports the syntax error).

    :raises ProtocolError: an update (403), or SERVICE when it is not allowed (403).
    """
    blanked = blank_noise(text)
    keyword = opening_keyword(blanked)
    if keyword in UPDATES:
        raise ProtocolError(403, "this endpoint is read-only: updates are refused")
    if not allow_service and uses_keyword(blanked, "SERVICE"):
        raise ProtocolError(403, "SERVICE is refused: this endpoint answers from its own data only")
    return keyword if keyword in FORMS else None


def offers(form: str | None) -> tuple[Representation, ...]:
    """The representations an answer of `form` can take, the HTML page last."""
    return (*GRAPHS, HTML) if form in ("CONSTRUCT", "DESCRIBE") else (*RESULTS, HTML)


def run(site: Site, operation: Operation, deadline: Deadline) -> Outcome:
    """Evaluate the query on the build, reading at most the result limit before the deadline.

    :raises ProtocolError: a syntax or evaluation error (400, with the engine's line and column);
        TooManyResultsError, QueryTimeoutError from `limits`.
    """
    assert operation.query is not None
    dataset = site.dataset
    default: Sequence[ox.NamedNode] | None = None
    named: Sequence[ox.NamedNode] | None = None
    if operation.default_graphs is not None:
        default = [ox.NamedNode(g) for g in operation.default_graphs]
        named = [ox.NamedNode(g) for g in operation.named_graphs or ()]
    elif not uses_keyword(blank_noise(operation.query), "FROM"):
        default = dataset.default_graphs()
    try:
        result = dataset.store.query(
            operation.query,
            prefixes=PREFIXES,
            default_graph=default,  # type: ignore[arg-type]
            named_graphs=named,  # type: ignore[arg-type]
        )
    except SyntaxError as exc:
        raise ProtocolError(400, syntax_message(exc)) from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise ProtocolError(400, _failed(exc)) from None
    # The engine's iterators must be dropped in the thread that made them: no exception leaving
    # this function may keep a frame holding one (hence fresh exceptions, raised after `del`).
    try:
        return _read(result, site.result_limit, deadline)
    except (TooManyResultsError, QueryTimeoutError) as exc:
        failure: Exception = exc.with_traceback(None)
    except (OSError, RuntimeError, ValueError, SyntaxError) as exc:
        failure = ProtocolError(400, _failed(exc))
    finally:
        del result
    raise failure


def _read(
    result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, limit: int, deadline: Deadline
) -> Outcome:
    if isinstance(result, ox.QueryBoolean):
        return Outcome("ASK", boolean=bool(result))
    if isinstance(result, ox.QueryTriples):
        return Outcome(
            "CONSTRUCT", triples=take(result, limit=limit, deadline=deadline, what="triples")
        )
    names = [v.value for v in result.variables]
    solutions = take(result, limit=limit, deadline=deadline, what="rows")
    return Outcome("SELECT", names, [[s[n] for n in names] for s in solutions])


def _failed(error: Exception) -> str:
    return f"the query failed: {' '.join(str(error).split())}"


def write(outcome: Outcome, chosen: Representation) -> bytes:
    """The answer's bytes in a machine format (not HTML)."""
    if outcome.form == "CONSTRUCT":
        fmt = _RDF_FORMATS[chosen]
        prefixes = None if fmt is ox.RdfFormat.N_TRIPLES else PREFIXES
        return ox.serialize(sorted(outcome.triples, key=str), format=fmt, prefixes=prefixes) or b""
    results = ResultsFormat(chosen.media_type)
    if outcome.boolean is not None:
        return write_boolean(results, outcome.boolean)
    return write_rows(results, outcome.names, outcome.rows)


def choose_for(request: Request, form: str | None) -> Representation:
    """The answer's representation (raises NotAcceptableError as `choose` does)."""
    return choose(request, offers(form))


def response(outcome: Outcome, chosen: Representation) -> Response:
    """A machine-format answer; `Vary: Accept` since the same URL answers in several."""
    return Response(
        write(outcome, chosen), media_type=chosen.media_type, headers={"Vary": "Accept"}
    )
