"""The four W3C SPARQL results formats, written from rows already held in Python.

The endpoint reads solutions one by one so it can stop at the deadline or the row limit, and
pyoxigraph cannot serialise rows once they have left its iterator; these writers produce the
very bytes its own writers would (tested against them), so clients see no difference.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from enum import Enum
from xml.sax.saxutils import escape

import pyoxigraph as ox

from ..namespaces import PREFIXES

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Row = Sequence[Term | None]

_XSD = PREFIXES["xsd"]
_XML_ENTITIES = {'"': "&quot;", "'": "&apos;"}
_BARE = {
    _XSD + "boolean": re.compile(r"true|false"),
    _XSD + "integer": re.compile(r"[+-]?\d+"),
    _XSD + "decimal": re.compile(r"[+-]?\d*\.\d+"),
    _XSD + "double": re.compile(r"[+-]?(?:\d+\.\d*|\.?\d+)[eE][+-]?\d+"),
}
"""Literals TSV writes bare, as Turtle would (numbers and booleans in their short form)."""
_EDGE_SPACE = re.compile(r"^[ \t\n\r]+|[ \t\n\r]+$")
"""Whitespace at either end of a value, which XML parsers may trim: written as character refs."""
_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


class ResultsFormat(Enum):
    """A results format: its media type is the value."""

    JSON = "application/sparql-results+json"
    XML = "application/sparql-results+xml"
    CSV = "text/csv"
    TSV = "text/tab-separated-values"


def write_rows(fmt: ResultsFormat, names: Sequence[str], rows: Sequence[Row]) -> bytes:
    """A SELECT answer in `fmt`."""
    writers: dict[ResultsFormat, Callable[[Sequence[str], Sequence[Row]], str]] = {
        ResultsFormat.JSON: _json_rows,
        ResultsFormat.XML: _xml_rows,
        ResultsFormat.CSV: _csv_rows,
        ResultsFormat.TSV: _tsv_rows,
    }
    return writers[fmt](names, rows).encode("utf-8")


def write_boolean(fmt: ResultsFormat, value: bool) -> bytes:
    """An ASK answer in `fmt` (CSV and TSV have no boolean form: the word, as pyoxigraph does)."""
    word = "true" if value else "false"
    if fmt is ResultsFormat.JSON:
        return f'{{"head":{{}},"boolean":{word}}}'.encode()
    if fmt is ResultsFormat.XML:
        return f"{_XML_HEAD}<head></head><boolean>{word}</boolean></sparql>".encode()
    return word.encode()


def _json_term(term: Term) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        parts = {"subject": term.subject, "predicate": term.predicate, "object": term.object}
        return {"type": "triple", "value": {k: _json_term(v) for k, v in parts.items()}}
    found: dict[str, object] = {"type": "literal", "value": term.value}
    if term.language:
        found["xml:lang"] = term.language
    elif term.datatype.value != _XSD + "string":
        found["datatype"] = term.datatype.value
    return found


def _json_rows(names: Sequence[str], rows: Sequence[Row]) -> str:
    bindings = [
        {n: _json_term(t) for n, t in zip(names, row, strict=True) if t is not None} for row in rows
    ]
    body = {"head": {"vars": list(names)}, "results": {"bindings": bindings}}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


_XML_HEAD = '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value, _XML_ENTITIES)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value, _XML_ENTITIES)}</bnode>"
    if isinstance(term, ox.Triple):
        return (
            f"<triple><subject>{_xml_term(term.subject)}</subject>"
            f"<predicate>{_xml_term(term.predicate)}</predicate>"
            f"<object>{_xml_term(term.object)}</object></triple>"
        )
    value = _EDGE_SPACE.sub(
        lambda m: "".join(f"&#{ord(c)};" for c in m.group()), escape(term.value, _XML_ENTITIES)
    )
    if term.language:
        return f'<literal xml:lang="{escape(term.language, _XML_ENTITIES)}">{value}</literal>'
    if term.datatype.value != _XSD + "string":
        return f'<literal datatype="{escape(term.datatype.value, _XML_ENTITIES)}">{value}</literal>'
    return f"<literal>{value}</literal>"


def _xml_rows(names: Sequence[str], rows: Sequence[Row]) -> str:
    head = "".join(f'<variable name="{escape(n, _XML_ENTITIES)}"/>' for n in names)
    results = "".join(
        "<result>"
        + "".join(
            f'<binding name="{escape(n, _XML_ENTITIES)}">{_xml_term(t)}</binding>'
            for n, t in zip(names, row, strict=True)
            if t is not None
        )
        + "</result>"
        for row in rows
    )
    return f"{_XML_HEAD}<head>{head}</head><results>{results}</results></sparql>"


def _csv_cell(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        text = f"_:{term.value}"
    elif isinstance(term, ox.Triple):
        text = str(term)
    else:
        text = term.value
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_rows(names: Sequence[str], rows: Sequence[Row]) -> str:
    lines = [",".join(names), *(",".join(_csv_cell(t) for t in row) for row in rows)]
    return "".join(f"{line}\r\n" for line in lines)


def _tsv_cell(term: Term | None) -> str:
    if term is None:
        return ""
    if not isinstance(term, ox.Literal):
        return str(term)
    quoted = '"' + term.value.translate(_TSV_ESCAPES) + '"'
    if term.language:
        return f"{quoted}@{term.language}"
    datatype = term.datatype.value
    bare = _BARE.get(datatype)
    if bare is not None and bare.fullmatch(term.value):
        return term.value
    return quoted if datatype == _XSD + "string" else f"{quoted}^^<{datatype}>"


def _tsv_rows(names: Sequence[str], rows: Sequence[Row]) -> str:
    lines = ["\t".join(f"?{n}" for n in names), *("\t".join(map(_tsv_cell, r)) for r in rows)]
    return "".join(f"{line}\n" for line in lines)
