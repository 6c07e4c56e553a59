"""Rendering of query results: the W3C SPARQL 1.1 results formats, a readable table, RDF graphs.

CSV, TSV, JSON and XML are written here rather than by rdflib's serialisers so their bytes are
fixed by the specs and by our tests (rdflib's CSV writes `\\n` on some paths, has no TSV writer,
and its JSON/XML layout changes between releases). Every writer is a pure function of the result.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..errors import QueryError
from ..namespaces import PREFIXES
from .endpoint import QueryForm

if TYPE_CHECKING:
    from rdflib.query import Result

RESULTS_NS = "http://www.w3.org/2005/sparql-results#"


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
    if form.returns_graph:
        return OutputFormat.TURTLE
    return OutputFormat.TABLE if terminal else OutputFormat.CSV


def check_format(form: QueryForm, fmt: OutputFormat) -> None:
    """:raises QueryError: `fmt` cannot carry this form's answer (a graph vs a table)."""
    if fmt.for_graphs != form.returns_graph:
        usable = ", ".join(f.value for f in OutputFormat if f.for_graphs == form.returns_graph)
        raise QueryError(f"--format {fmt.value} does not fit a {form} query; use one of {usable}")


def render(
    result: Result, fmt: OutputFormat, *, labels: Mapping[URIRef, str] | None = None
) -> bytes:
    """The bytes of `result` in `fmt`; `labels` replace IRIs in the table only.

    :raises QueryError: `fmt` does not fit the result's query form.
    """
    check_format(QueryForm(result.type), fmt)
    if fmt.for_graphs:
        assert result.graph is not None
        return render_graph(result.graph, fmt)
    if result.type == "ASK":
        return _boolean(bool(result.askAnswer), fmt)
    names = [str(v) for v in result.vars or []]
    rows = [[row.get(v) for v in result.vars or []] for row in result.bindings]
    writers = {
        OutputFormat.CSV: _csv,
        OutputFormat.TSV: _tsv,
        OutputFormat.JSON: _json,
        OutputFormat.XML: _xml,
    }
    if fmt is OutputFormat.TABLE:
        return _table(names, rows, labels or {})
    return writers[fmt](names, rows)


def render_graph(graph: Graph, fmt: OutputFormat) -> bytes:
    """Turtle with the project prefixes, sorted N-Triples, or JSON-LD with the prefixes."""
    if fmt is OutputFormat.NT:
        return "".join(
            sorted(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n" for s, p, o in graph)
        ).encode()
    out = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        out.bind(prefix, namespace)
    for triple in graph:
        out.add(triple)
    if fmt is OutputFormat.JSON_LD:
        return out.serialize(format="json-ld", context=dict(PREFIXES), indent=2).encode()
    return out.serialize(format="turtle").encode()


def nt_term(term: Node) -> str:
    """A term in N-Triples syntax (also valid SPARQL): for TSV cells and VALUES clauses."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        lexical = (
            str(term)
            .replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t")
        )
        if term.language:
            return f'"{lexical}"@{term.language}'
        if term.datatype is not None and term.datatype != XSD.string:
            return f'"{lexical}"^^<{term.datatype}>'
        return f'"{lexical}"'
    raise TypeError(f"not an RDF term: {term!r}")


def _boolean(value: bool, fmt: OutputFormat) -> bytes:
    """ASK answers. CSV/TSV do not define booleans; we print the bare word (CRLF for CSV)."""
    word = "true" if value else "false"
    if fmt is OutputFormat.JSON:
        return _dump({"head": {}, "boolean": value})
    if fmt is OutputFormat.XML:
        return (
            f'<?xml version="1.0"?>\n<sparql xmlns="{RESULTS_NS}">\n  <head/>\n'
            f"  <boolean>{word}</boolean>\n</sparql>\n"
        ).encode()
    return (word + ("\r\n" if fmt is OutputFormat.CSV else "\n")).encode()


Rows = Sequence[Sequence[Node | None]]


def _csv(names: Sequence[str], rows: Rows) -> bytes:
    """W3C SPARQL 1.1 CSV: plain values, RFC 4180 quoting, CRLF line ends."""

    def field(value: str) -> str:
        if any(c in value for c in ',"\r\n'):
            return '"' + value.replace('"', '""') + '"'
        return value

    def plain(term: Node | None) -> str:
        if term is None:
            return ""
        return f"_:{term}" if isinstance(term, BNode) else str(term)

    lines = [",".join(field(n) for n in names)]
    lines += [",".join(field(plain(term)) for term in row) for row in rows]
    return "".join(line + "\r\n" for line in lines).encode()


def _tsv(names: Sequence[str], rows: Rows) -> bytes:
    """W3C SPARQL 1.1 TSV: `?var` headers, terms in N-Triples syntax, LF line ends."""
    lines = ["\t".join(f"?{n}" for n in names)]
    lines += ["\t".join("" if t is None else nt_term(t) for t in row) for row in rows]
    return "".join(line + "\n" for line in lines).encode()


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def _json(names: Sequence[str], rows: Rows) -> bytes:
    """W3C SPARQL 1.1 JSON, unbound variables left out of their row."""
    bindings = [
        {name: _json_term(term) for name, term in zip(names, row, strict=True) if term is not None}
        for row in rows
    ]
    return _dump({"head": {"vars": list(names)}, "results": {"bindings": bindings}})


def _dump(document: Any) -> bytes:
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()


def _xml_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    assert isinstance(term, Literal)
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(str(term))}</literal>"
    if term.datatype is not None and term.datatype != XSD.string:
        return f"<literal datatype={quoteattr(str(term.datatype))}>{escape(str(term))}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _xml(names: Sequence[str], rows: Rows) -> bytes:
    """W3C SPARQL Query Results XML, two-space indented."""
    out = ['<?xml version="1.0"?>', f'<sparql xmlns="{RESULTS_NS}">', "  <head>"]
    out += [f"    <variable name={quoteattr(n)}/>" for n in names]
    out += ["  </head>", "  <results>"]
    for row in rows:
        out.append("    <result>")
        out += [
            f"      <binding name={quoteattr(n)}>{_xml_term(t)}</binding>"
            for n, t in zip(names, row, strict=True)
            if t is not None
        ]
        out.append("    </result>")
    out += ["  </results>", "</sparql>"]
    return "".join(line + "\n" for line in out).encode()


def display(term: Node | None, labels: Mapping[URIRef, str]) -> str:
    """A cell for people: a label, else a prefixed name, else the IRI; literals as written."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        if term in labels:
            return labels[term]
        for prefix, namespace in PREFIXES.items():
            local = term.removeprefix(namespace)
            if local != term and local and "#" not in local:
                return f"{prefix}:{local}"
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return " ".join(str(term).split())


def _table(names: Sequence[str], rows: Rows, labels: Mapping[URIRef, str]) -> bytes:
    """Aligned columns under a rule, one space-padded line per row."""
    cells = [[display(term, labels) for term in row] for row in rows]
    widths = [max([len(n), *(len(r[i]) for r in cells)]) for i, n in enumerate(names)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(names), line(["-" * w for w in widths]), *(line(r) for r in cells)]
    return "".join(f"{row}\n" for row in out).encode()
