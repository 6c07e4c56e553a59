"""The bridge between pyoxigraph (the engine every stage runs on) and rdflib (the type the
Python API hands its users), and short display names for terms.

Kept in one small module so every reader converts terms the same way: xsd:string literals become
plain rdflib literals, the default graph becomes rdflib's default-graph id.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rdflib import BNode, Dataset, Graph, Literal, URIRef
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


def merge(graphs: Iterable[Graph]) -> Graph:
    """The given graphs read as one: the Wikidata jobs ignore graph names."""
    merged = Graph(bind_namespaces="none")
    for graph in graphs:
        for triple in graph:
            merged.add(triple)
    return merged


def rdflib_graph(triples: Iterable[ox.Triple]) -> Graph:
    """pyoxigraph triples as an rdflib graph with the project prefixes bound."""
    graph = Graph(bind_namespaces="none")
    graph.namespace_manager = _names()
    for t in triples:
        graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
    return graph


def rdflib_dataset(quads: Iterable[ox.Quad]) -> Dataset:
    """pyoxigraph quads as an rdflib dataset (no default union), project prefixes bound."""
    dataset = Dataset(default_union=False)
    dataset.namespace_manager = NamespaceManager(dataset, bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True, replace=True)
    for q in quads:
        graph = dataset.graph(from_ox(q.graph_name))  # type: ignore[arg-type]
        graph.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    return dataset


def _names() -> NamespaceManager:
    manager = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        manager.bind(prefix, namespace, override=True, replace=True)
    return manager


_NAMES = _names()


def short_iri(iri: str) -> str:
    """`id:graph/facts` for a full IRI in one of the project's namespaces, else `<iri>`."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"


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
