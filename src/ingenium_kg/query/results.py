"""Rendering an answer: the W3C SPARQL results formats and RDF graphs by the engine's own
writers, and a readable table for people.

Nothing here imports rdflib, so rendering stays on the fast path of `ingenium-kg query`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from enum import Enum

from ..errors import QueryError
from ..namespaces import PREFIXES

TYPE_CHECKING = False
if TYPE_CHECKING:
    import pyoxigraph as ox

    from .answer import Answer
    from .library import QueryForm

_GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
_LOCAL = r"[\w-](?:[\w./-]*[\w-])?"
"""A readable local part: no `#`, `%`, `?` or `:`, and no `.` at either end (compiled when a
name is first shortened, and kept by `re`: CSV and JSON never shorten one)."""


class OutputFormat(Enum):
    """What `query --format` accepts; the value is the CLI name."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    XML = "xml"
    TURTLE = "turtle"
    JSON_LD = "json-ld"
    NT = "nt"

    @property
    def for_graphs(self) -> bool:
        return self in (OutputFormat.TURTLE, OutputFormat.JSON_LD, OutputFormat.NT)


def default_format(form: QueryForm, *, terminal: bool) -> OutputFormat:
    """A table for people at a terminal, W3C CSV for pipes; Turtle for graphs."""
    if str(form) in _GRAPH_FORMS:
        return OutputFormat.TURTLE
    return OutputFormat.TABLE if terminal else OutputFormat.CSV


def check_format(form: QueryForm, fmt: OutputFormat) -> None:
    """:raises QueryError: `fmt` cannot carry this form's answer (a graph vs a table)."""
    graph = str(form) in _GRAPH_FORMS
    if fmt.for_graphs != graph:
        usable = ", ".join(f.value for f in OutputFormat if f.for_graphs == graph)
        raise QueryError(f"--format {fmt.value} does not fit a {form} query; use one of {usable}")


def render(answer: Answer, fmt: OutputFormat, *, labels: Mapping[str, str] | None = None) -> bytes:
    """The bytes of `answer` in `fmt` (it consumes the answer); `labels` (IRI -> label) are for
    the table only.

    :raises QueryError: `fmt` does not fit the answer's query form.
    """
    import pyoxigraph as ox

    check_format(answer.form, fmt)
    if answer.triples is not None:
        triples = sorted(answer.triples, key=str)
        rdf = {
            OutputFormat.TURTLE: ox.RdfFormat.TURTLE,
            OutputFormat.NT: ox.RdfFormat.N_TRIPLES,
            OutputFormat.JSON_LD: ox.RdfFormat.JSON_LD,
        }[fmt]
        prefixes = None if fmt is OutputFormat.NT else _used_prefixes(triples)
        return _ended(ox.serialize(triples, format=rdf, prefixes=prefixes) or b"")
    assert answer.result is not None
    if fmt is OutputFormat.TABLE:
        if isinstance(answer.result, ox.QueryBoolean):
            return b"true\n" if bool(answer.result) else b"false\n"
        names, rows = answer.rows()
        return table(names, rows, labels or {})
    results = {
        OutputFormat.CSV: ox.QueryResultsFormat.CSV,
        OutputFormat.TSV: ox.QueryResultsFormat.TSV,
        OutputFormat.JSON: ox.QueryResultsFormat.JSON,
        OutputFormat.XML: ox.QueryResultsFormat.XML,
    }[fmt]
    return _ended(answer.result.serialize(format=results) or b"")


def _used_prefixes(triples: Sequence[ox.Triple]) -> dict[str, str]:
    """The project prefixes the triples use, so a graph's output declares only what it needs."""
    iris = {t.value for triple in triples for t in triple if hasattr(t, "value")}
    namespaces = {ns for iri in iris for ns in PREFIXES.values() if iri.startswith(ns)}
    return {prefix: ns for prefix, ns in PREFIXES.items() if ns in namespaces}


def _ended(data: bytes) -> bytes:
    """Output for a terminal or a file ends with a newline, as Unix tools expect."""
    return data if data.endswith(b"\n") else data + b"\n"


def display(
    term: ox.NamedNode | ox.BlankNode | ox.Literal | None, labels: Mapping[str, str]
) -> str:
    """A cell for people: a label, else a correct prefixed name, else <IRI>; literals as written."""
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        if term.value in labels:
            return labels[term.value]
        return prefixed(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return " ".join(term.value.split())


def prefixed(iri: str) -> str:
    """`prefix:local` when the IRI is in a project namespace (the longest that fits) and the
    local part is plain words joined by `-_./`, so the name reads back as exactly this IRI
    (`id:university/oviedo`, as `--param` and `explain` take it); else the whole `<IRI>`."""
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and re.fullmatch(_LOCAL, local := iri[len(namespace) :]):
            return f"{prefix}:{local}"
    return f"<{iri}>"


def table(
    names: Sequence[str],
    rows: Sequence[Sequence[ox.NamedNode | ox.BlankNode | ox.Literal | None]],
    labels: Mapping[str, str],
) -> bytes:
    """Aligned columns under a rule, one space-padded line per row."""
    cells = [[display(term, labels) for term in row] for row in rows]
    widths = [max([len(n), *(len(r[i]) for r in cells)]) for i, n in enumerate(names)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(names), line(["-" * w for w in widths]), *(line(r) for r in cells)]
    return "".join(f"{row}\n" for row in out).encode()
