"""Reading `--param NAME=VALUE` values into typed RDF terms, by declared type or by their shape.

Kept apart from the library so the typing rules (what is an IRI, a number, a date) are one small,
doctested unit; values are always turned into pyoxigraph terms, never spliced into query text.
"""

from __future__ import annotations

import re
from enum import Enum

import pyoxigraph as ox

from ..errors import QueryError
from ..namespaces import PREFIXES

_XSD = PREFIXES["xsd"]

Term = ox.NamedNode | ox.Literal
"""What a parameter is bound to."""

_PREFIXED = r"([A-Za-z][\w.-]*)?:([^\s<>\"{}|^`\\]*)"
"""Compiled when a parameter is first read (`re` keeps it), not on every start."""


class ParamType(Enum):
    """How a `--param` value is read into an RDF term; declared in the header, `(IRI)` etc."""

    IRI = "IRI"
    STRING = "string"
    INTEGER = "integer"
    DECIMAL = "decimal"
    DATE = "date"
    YEAR = "gYear"
    ANY = "any"


def parse_param(text: str) -> tuple[str, str]:
    """Split a `--param NAME=VALUE` option.

    :raises QueryError: no `=`, or a name that cannot be a SPARQL variable.
    """
    name, sep, value = text.partition("=")
    if not sep or not re.fullmatch(r"[?$]?\w+", name.strip()):
        raise QueryError(
            f"--param expects NAME=VALUE (e.g. member=id:university/oviedo), not {text!r}"
        )
    return name.strip().lstrip("?$"), value


def typed_term(value: str, kind: ParamType = ParamType.ANY) -> Term:
    """Read a `--param` value: `<iri>`, http(s) IRI, `prefix:local`, number, date, else string.

    >>> typed_term("ikg:Phase")
    <NamedNode value=https://w3id.org/ingenium-kg/ontology#Phase>
    >>> str(typed_term("2028", ParamType.YEAR))
    '"2028"^^<http://www.w3.org/2001/XMLSchema#gYear>'

    :raises QueryError: a value that cannot be the declared type.
    """
    readers = {
        ParamType.IRI: _iri,
        ParamType.INTEGER: lambda v: _literal(v, "integer", r"[+-]?\d+"),
        ParamType.DECIMAL: lambda v: _literal(v, "decimal", r"[+-]?(\d+\.\d*|\.?\d+)"),
        ParamType.DATE: lambda v: _literal(v, "date", r"\d{4}-\d{2}-\d{2}"),
        ParamType.YEAR: lambda v: _literal(v, "gYear", r"-?\d{4}"),
        ParamType.STRING: ox.Literal,
    }
    if kind is not ParamType.ANY:
        term = readers[kind](value)
        if term is None:
            raise QueryError(f"{value!r} is not a valid {kind.value} value")
        return term
    for reader in (_iri, *(readers[k] for k in (ParamType.INTEGER, ParamType.DECIMAL))):
        term = reader(value)
        if term is not None:
            return term
    return readers[ParamType.DATE](value) or ox.Literal(value)


def _iri(value: str) -> ox.NamedNode | None:
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    elif (match := re.fullmatch(_PREFIXED, value)) and (match[1] or "") in PREFIXES:
        value = PREFIXES[match[1] or ""] + match[2]
    if not re.fullmatch(r"https?://[^\s<>\"{}|^`\\]+", value):
        return None
    return ox.NamedNode(value)


def _literal(value: str, datatype: str, pattern: str) -> ox.Literal | None:
    if not re.fullmatch(pattern, value):
        return None
    return ox.Literal(value, datatype=ox.NamedNode(_XSD + datatype))
