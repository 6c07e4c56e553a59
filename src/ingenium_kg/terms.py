"""Conversions between rdflib and pyoxigraph terms, and the one N-Triples form we hash and sort.

rdflib holds the graphs; pyoxigraph gives canonical, process-independent serialisations. Keeping
the bridge in one small module means both `graph` (statement ids) and `export` agree on the same
N-Triples spelling of a term.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from .namespaces import PREFIXES

if TYPE_CHECKING:
    import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph twin of an rdflib IRI, blank node or literal."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.DefaultGraph) -> Node:
    """The rdflib twin of a pyoxigraph term (xsd:string literals become plain literals)."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.DefaultGraph):
        return DATASET_DEFAULT_GRAPH_ID
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value in (XSD_STRING, RDF_LANG_STRING):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def ox_quads(quads: Iterable[tuple[Node, Node, Node, Node | None]]) -> list[ox.Quad]:
    """pyoxigraph quads sorted by their N-Quads line, so any serialiser sees one fixed order.

    A graph name of None or rdflib's default-graph id means the default graph.
    """
    import pyoxigraph as ox

    out = []
    for s, p, o, g in quads:
        graph = (
            ox.DefaultGraph()
            if g is None or g == DATASET_DEFAULT_GRAPH_ID
            else ox.NamedNode(str(g))
        )
        out.append(ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph))  # type: ignore[arg-type]
    out.sort(key=str)
    return out


def nt_line(s: Node, p: Node, o: Node) -> str:
    """The canonical N-Triples line of one triple (without the final newline)."""
    import pyoxigraph as ox

    return f"{ox.Triple(to_ox(s), to_ox(p), to_ox(o))} ."  # type: ignore[arg-type]


def _names() -> NamespaceManager:
    manager = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        manager.bind(prefix, namespace, override=True, replace=True)
    return manager


_NAMES = _names()


def short(term: Node | None) -> str:
    """A prefixed name when one fits (slashes allowed: `id:university/rouen`), else N3.

    Blank nodes read `[]` because their ids differ between runs; None reads `-`.
    """
    if term is None:
        return "-"
    if isinstance(term, URIRef):
        for prefix, namespace in PREFIXES.items():
            if term.startswith(namespace) and len(term) > len(namespace):
                return f"{prefix}:{term[len(namespace) :]}"
        return term.n3()
    if isinstance(term, BNode):
        return "[]"
    return term.n3(_NAMES)
