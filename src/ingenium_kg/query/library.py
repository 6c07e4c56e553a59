"""The saved SPARQL library (`queries/*.rq`), and running any query locally or on an endpoint.

Both sides see the same data: the query's default graph is `graph/facts` (plus `graph/inferred`
with `inferred=True`), and every graph of the build is also a named graph, so provenance, links
and Wikidata statements are read with `GRAPH <…>`. An endpoint must hold the data the same way.

Parameters are bound as RDF terms, never pasted into text: through `initBindings` locally and a
trailing `VALUES` clause remotely. The two agree whenever a parameter occurs in a triple pattern,
as in every saved query (a parameter used only inside FILTER would be unbound remotely).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import URIRef, Variable
from rdflib.term import Node

from ..build.sources import Project
from ..errors import QueryError, SourceError
from ..namespaces import GRAPH_FACTS, GRAPH_INFERRED, PREFIXES
from .endpoint import DEFAULT_TIMEOUT, QueryForm
from .labels import local_labels, remote_labels
from .params import ParamType, typed_term
from .results import nt_term

if TYPE_CHECKING:
    from rdflib import Dataset
    from rdflib.plugins.sparql.sparql import Query
    from rdflib.query import Result

_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_HEADER = re.compile(r"#\s*(name|en|fr|param|params)\s*:\s*(.*)")
_PARAM = re.compile(r"[?$](\w+)\s+[—–-]+\s+(.+?)\s*\((\w+)\)")


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    type: ParamType


@dataclass(frozen=True)
class SavedQuery:
    """One question of the library: its header, text and form (`name` is the file stem)."""

    name: str
    question_en: str
    question_fr: str
    params: tuple[Param, ...] | None
    """Declared parameters; None when the text has no `# param`/`# params` header (any variable)."""
    text: str
    form: QueryForm


@dataclass(frozen=True)
class Answer:
    """Results plus display labels of the IRIs they mention (filled only when asked for)."""

    result: Result
    labels: Mapping[URIRef, str]


def queries_dir(project: Project | None = None) -> Path:
    return (project or Project()).root / "queries"


def list_queries(project: Project | None = None) -> tuple[SavedQuery, ...]:
    """Every saved query, sorted by name.

    :raises SourceError: for a file whose header or SPARQL is broken.
    """
    paths = sorted(queries_dir(project).glob("*.rq"), key=lambda path: path.stem)
    return tuple(read_query_file(path) for path in paths)


def find_query(name: str, project: Project | None = None) -> SavedQuery:
    """The saved query called `name`.

    :raises QueryError: no such query; the message suggests the nearest names.
    """
    path = queries_dir(project) / f"{name}.rq"
    if _NAME.fullmatch(name) and path.is_file():
        return read_query_file(path)
    from rapidfuzz import process

    names = [p.stem for p in sorted(queries_dir(project).glob("*.rq"))]
    nearest = [hit for hit, score, _ in process.extract(name, names, limit=3) if score >= 50]
    hint = f"; did you mean {', '.join(nearest)}?" if nearest else ""
    raise QueryError(f"no saved query named {name!r}{hint} (`ingenium-kg queries` lists them)")


def read_query_file(path: Path) -> SavedQuery:
    """A query from an `.rq` file; the header is optional outside the library (`queries/`).

    :raises SourceError: unreadable file; QueryError for bad SPARQL or header.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: cannot read the query ({exc})") from None
    return parse_query_text(text, name=path.stem, source=str(path))


def parse_query_text(text: str, *, name: str = "query", source: str = "query") -> SavedQuery:
    """A query from text: reads the `# name/en/fr/param` header and checks the SPARQL.

    :raises QueryError: syntax errors (with line and column), updates, undeclared variables.
    """
    header: dict[str, str] = {}
    params: list[Param] = []
    declared = False
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        declared = declared or bool(match and match[1] in ("param", "params"))
        if match and match[1] == "param":
            params.append(_param(match[2], source))
        elif match:
            header[match[1]] = match[2].strip()
    prepared = prepare(text, source=source)
    missing = [p.name for p in params if Variable(p.name) not in query_variables(prepared)]
    if missing:
        raise QueryError(f"{source}: declared parameter ?{missing[0]} is not in the query")
    return SavedQuery(
        name=header.get("name", name),
        question_en=header.get("en", ""),
        question_fr=header.get("fr", ""),
        params=tuple(params) if declared else None,
        text=text,
        form=_form(prepared),
    )


def _param(declaration: str, source: str) -> Param:
    match = _PARAM.fullmatch(declaration.strip())
    kinds = {t.value.lower(): t for t in ParamType}
    if not match or match[3].lower() not in kinds:
        raise QueryError(
            f"{source}: malformed header `# param: {declaration.strip()}`;"
            " expected `# param: ?name — description (IRI|string|integer|decimal|date|gYear)`"
        )
    return Param(match[1], match[2], kinds[match[3].lower()])


@functools.lru_cache(maxsize=128)
def prepare(text: str, *, source: str = "query") -> Query:
    """Parse and translate `text` once (project prefixes predeclared); refuse updates.

    :raises QueryError: one line naming the line and column of a syntax error.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.parser import parseUpdate

    if not text.strip():
        raise QueryError(f"{source}: the query is empty")
    try:
        return prepareQuery(text, initNs=PREFIXES)
    except ParseException as exc:
        try:
            update = parseUpdate(text)
        except ParseException:
            update = None
        if update is not None and update.request:
            raise QueryError(f"{source}: updates are refused; `query` only reads") from None
        raise QueryError(
            f"{source}: SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}"
        ) from None
    except Exception as exc:  # rdflib raises bare Exception for an unknown prefix
        raise QueryError(f"{source}: {' '.join(str(exc).split())}") from None


def _form(prepared: Query) -> QueryForm:
    name = prepared.algebra.name  # SelectQuery, AskQuery, ConstructQuery, DescribeQuery
    return QueryForm(name.removesuffix("Query").upper())


def query_variables(prepared: Query) -> frozenset[Variable]:
    """Every user-visible variable of a prepared query (rdflib's internal `__agg` ones left out)."""
    found: set[Variable] = set()
    from pyparsing import ParseResults

    pending: list[Any] = [prepared.algebra]
    while pending:  # a read-only walk: rdflib's own `traverse` rewrites the tree as it goes
        node = pending.pop()
        if isinstance(node, Variable):
            if not node.startswith("__"):
                found.add(node)
        elif isinstance(node, dict):
            pending.extend(node.values())
        elif isinstance(node, list | tuple | set | frozenset | ParseResults):
            pending.extend(node)
    return frozenset(found)


def bind_params(query: SavedQuery, values: Mapping[str, str | Node]) -> dict[Variable, Node]:
    """Typed RDF terms for `values`, checked against the declared (or the query's) variables.

    :raises QueryError: unknown parameter name or a value that does not fit its declared type.
    """
    if query.params is None:
        variables = query_variables(prepare(query.text, source=query.name))
        declared = {str(v): Param(str(v), "", ParamType.ANY) for v in variables}
    else:
        declared = {p.name: p for p in query.params}
    bound: dict[Variable, Node] = {}
    for raw_name, value in values.items():
        name = raw_name.lstrip("?$")
        if name not in declared:
            known = ", ".join(sorted(declared)) or "none"
            raise QueryError(f"unknown parameter {raw_name!r} for {query.name} (known: {known})")
        kind = declared[name].type
        bound[Variable(name)] = value if isinstance(value, Node) else typed_term(value, kind)
    return bound


def run_query(
    query: str | SavedQuery,
    *,
    params: Mapping[str, str | Node] | None = None,
    endpoint: str | None = None,
    inferred: bool = False,
    project: Project | None = None,
    dataset: Dataset | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Result:
    """Run a saved query (by name) or SPARQL text, locally or on `endpoint`; rdflib results.

    A string that looks like a kebab-case name is a saved query; anything else is SPARQL. The
    local graph is `dataset` when given (e.g. a build's), else the project's (`load_dataset`).

    :raises QueryError: unknown name, bad SPARQL, parameters; EndpointError for remote failures.
    """
    return answer(
        query,
        params=params,
        endpoint=endpoint,
        inferred=inferred,
        project=project,
        dataset=dataset,
        timeout=timeout,
    ).result


def answer(
    query: str | SavedQuery,
    *,
    params: Mapping[str, str | Node] | None = None,
    endpoint: str | None = None,
    inferred: bool = False,
    project: Project | None = None,
    dataset: Dataset | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    with_labels: bool = False,
) -> Answer:
    """`run_query`, plus display labels of the result's IRIs when `with_labels` (for tables)."""
    if isinstance(query, str):
        query = find_query(query, project) if _NAME.fullmatch(query) else parse_query_text(query)
    bindings = bind_params(query, params or {})
    if endpoint is not None:
        if inferred:
            raise QueryError("--inferred reads the local graph; an endpoint serves what it holds")
        from . import endpoint as remote

        text = remote_text(query, bindings)
        result = remote.query(endpoint, text, form=query.form, timeout=timeout)
        labels = remote_labels(result, endpoint, timeout) if with_labels else {}
        return Answer(result, labels)
    view = query_view(dataset if dataset is not None else _load_dataset(project), inferred=inferred)
    result = view.query(prepare(query.text, source=query.name), initBindings=bindings)
    return Answer(result, local_labels(result, view) if with_labels else {})


def _load_dataset(project: Project | None) -> Dataset:
    # pipeline sits above queries (it composes stages); imported here so that `import queries`
    # stays cheap and the library can be used on any dataset through `query_view`.
    from ..pipeline import load_dataset

    return load_dataset(project)


def query_view(dataset: Dataset, *, inferred: bool) -> Dataset:
    """The dataset queries see: facts (+ inferred) as default graph, every graph by name."""
    from ..build.graph import ALL_GRAPHS, new_dataset

    view = new_dataset()
    default = view.default_graph
    for name in ALL_GRAPHS:
        if name == GRAPH_INFERRED and not inferred:
            continue
        graph = view.graph(name)
        for triple in dataset.graph(name):
            graph.add(triple)
            if name in (GRAPH_FACTS, GRAPH_INFERRED):
                default.add(triple)
    return view


def remote_text(query: SavedQuery, bindings: Mapping[Variable, Node]) -> str:
    """The text sent to an endpoint: undeclared project prefixes first, bindings as `VALUES`.

    :raises QueryError: the query already ends with a VALUES clause and parameters were given.
    """
    from rdflib.plugins.sparql.parser import parseQuery

    parsed = parseQuery(query.text)
    declared = {decl.prefix or "" for decl in parsed[0] if decl.name == "PrefixDecl"}
    prologue = "".join(
        f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items() if prefix not in declared
    )
    if not bindings:
        return prologue + query.text
    if "valuesClause" in parsed[1]:
        raise QueryError(f"{query.name} ends with VALUES; cannot bind parameters remotely")
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join(nt_term(term) for term in bindings.values())
    return f"{prologue}{query.text}\nVALUES ({names}) {{ ({row}) }}\n"
