"""Running a query on the build (or on an endpoint holding the same data), fast path first.

Locally the default graph is `graph/facts` (plus `graph/inferred` when asked) and every graph of
the build is a named graph. Parameters are bound as RDF terms in a VALUES block, never pasted
from user text, and the same bound text runs locally and remotely. `answer` is what the
CLI renders with the engine's writers; `run_query` hands Python users rdflib results.

Why not pyoxigraph's `substitutions` (SEP-0007) locally: in pyoxigraph 0.5 it refuses a variable
the query does not project (fact-source's ?object, members-by-country's ?country, any ASK or
CONSTRUCT whose parameter sits in a FILTER), and under it `BOUND(?x)` is false and
`?decimal = ?integer` fails, so object=7200000 would no longer find "7200000"^^xsd:decimal. A
VALUES block is SPARQL 1.1 everywhere, and one text for both sides makes local = remote.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..deadline import within
from ..errors import QueryError
from ..namespaces import PREFIXES
from .answer import Answer
from .library import (
    DEFAULT_TIMEOUT,
    SavedQuery,
    bind_params,
    find_query,
    is_query_name,
    parse_query_text,
    with_bindings,
)
from .text import syntax_message

TYPE_CHECKING = False
if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib.query import Result

    from ..dataset import BuiltDataset
    from .params import Term

_DECLARED = r"(?im)^\s*PREFIX\s+([\w.-]*):"
"""Compiled for a remote query only (`re` keeps it)."""


def resolve(query: str | SavedQuery) -> SavedQuery:
    """A saved query by name, or SPARQL text read as a query."""
    if isinstance(query, SavedQuery):
        return query
    return find_query(query) if is_query_name(query) else parse_query_text(query)


def answer(
    dataset: BuiltDataset | None,
    query: SavedQuery,
    *,
    params: Mapping[str, str] | None = None,
    inferred: bool = False,
    endpoint: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    allow_service: bool = False,
) -> Answer:
    """The query's answer from the build, or from `endpoint` when one is given, within `timeout`
    seconds (the whole evaluation locally; the whole exchange remotely).

    A local query reads only the build: `FROM` picks among its graphs, and `SERVICE` is
    refused unless `allow_service`.

    :raises QueryError: bad SPARQL (line and column), parameters, SERVICE, --inferred remotely,
        or the time limit; EndpointError for remote failures.
    """
    bindings = bind_params(query, params or {})
    if endpoint is not None:
        if inferred:
            raise QueryError("--inferred reads the local build; an endpoint serves what it holds")
        from .endpoint import query as remote

        return remote(endpoint, remote_text(query, bindings), form=query.form, timeout=timeout)
    assert dataset is not None, "a local query needs the build"
    if query.calls_services and not allow_service:
        raise QueryError(
            f"{query.name}: SERVICE is refused; a local query reads only the build"
            " (--allow-service lets it call other endpoints)"
        )
    text = with_bindings(query, bindings)

    def evaluate() -> bytes | list[ox.Triple]:
        result = dataset.query(text, inferred=inferred, own_dataset=query.declares_dataset)
        return Answer.computed(query.form, result)

    def too_long() -> QueryError:
        return QueryError(f"{query.name}: the query ran past its {timeout:g} s limit (--timeout)")

    try:
        computed = within(timeout, evaluate, on_timeout=too_long)
    except SyntaxError as exc:
        raise QueryError(f"{query.name}: {_located_syntax_message(query, exc)}") from None
    except (OSError, RuntimeError) as exc:  # evaluation errors the engine reports
        raise QueryError(f"{query.name}: {' '.join(str(exc).split())}") from None
    return Answer.of_computed(query.form, computed)


def _located_syntax_message(query: SavedQuery, error: SyntaxError) -> str:
    """The engine's message, its line and column pointing into the text the user wrote.

    The VALUES block shifts the columns of the line it opens, so the error is asked again of
    the unbound text (on an empty store: only the parser runs); the two texts fail alike.
    """
    import pyoxigraph as ox

    try:
        ox.Store().query(query.text, prefixes=PREFIXES)
    except SyntaxError as own:
        error = own
    except (OSError, RuntimeError):
        pass
    return syntax_message(error)


def remote_text(query: SavedQuery, bindings: Mapping[str, Term]) -> str:
    """The text sent to an endpoint: the project prefixes it does not declare, then the query
    with its bindings (the very text that runs locally)."""
    declared = set(re.findall(_DECLARED, query.text))
    prologue = "".join(
        f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items() if prefix not in declared
    )
    return prologue + with_bindings(query, bindings)


def run_query(
    dataset: BuiltDataset | None,
    query: str | SavedQuery,
    *,
    params: Mapping[str, str] | None = None,
    inferred: bool = False,
    endpoint: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    allow_service: bool = False,
) -> Result:
    """Run a saved query (by name) or SPARQL text on the build or `endpoint`: rdflib results.

    :raises QueryError: unknown name, bad SPARQL, parameters; EndpointError for remote failures.
    """
    from rdflib import Variable
    from rdflib.query import Result

    from ..terms import from_ox, rdflib_graph

    found = answer(
        dataset,
        resolve(query),
        params=params,
        inferred=inferred,
        endpoint=endpoint,
        timeout=timeout,
        allow_service=allow_service,
    )
    result = Result(str(found.form))
    if found.triples is not None:
        result.graph = rdflib_graph(found.triples)
    elif found.form == "ASK":
        result.askAnswer = bool(found.result)
    else:
        names, rows = found.rows()
        result.vars = [Variable(name) for name in names]
        result.bindings = [
            {Variable(n): from_ox(t) for n, t in zip(names, row, strict=True) if t is not None}
            for row in rows
        ]
    return result
