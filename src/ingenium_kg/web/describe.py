"""What the server says about one IRI: its triples, the triples pointing at it, and where both
come from (the excerpt graphs holding them and those excerpts' descriptions).

Quads keep their graph, so TriG and JSON-LD show which excerpt states each fact; the
single-graph formats carry their union, as the exports do. graph/facts (the union of the
excerpts), graph/inferred and the ontology are left out: the excerpt graphs already hold every
fact, and a description states what was asserted, with its provenance.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from ..dataset import BuiltDataset
from ..namespaces import FACTS_GRAPH, INFERRED_GRAPH, ONTOLOGY_IRI, PREFIXES, PROVENANCE_GRAPH
from .negotiation import JSON_LD, N_TRIPLES, RDF_XML, TRIG, TURTLE, Representation

_LEFT_OUT = (FACTS_GRAPH, INFERRED_GRAPH, ONTOLOGY_IRI)
_FORMATS = {
    TURTLE: ox.RdfFormat.TURTLE,
    JSON_LD: ox.RdfFormat.JSON_LD,
    N_TRIPLES: ox.RdfFormat.N_TRIPLES,
    RDF_XML: ox.RdfFormat.RDF_XML,
    TRIG: ox.RdfFormat.TRIG,
}


def is_known(dataset: BuiltDataset, iri: str) -> bool:
    """Whether any graph of the build mentions `iri` (as subject, object or graph name)."""
    node = f"<{iri}>"
    return bool(
        dataset.store.query(
            f"ASK {{ {{ GRAPH ?g {{ {node} ?p ?o }} }} UNION {{ GRAPH ?g {{ ?s ?p {node} }} }}"
            f" UNION {{ GRAPH {node} {{ ?s ?p ?o }} }} }}"
        )
    )


def description(dataset: BuiltDataset, iri: str) -> list[ox.Quad]:
    """The quads describing `iri`, sorted (an empty list for an IRI the build does not hold)."""
    node = f"<{iri}>"
    left_out = ", ".join(f"<{g}>" for g in _LEFT_OUT)
    rows = dataset.store.query(
        f"""SELECT ?g ?s ?p ?o WHERE {{
          {{ GRAPH ?g {{ {node} ?p ?o }} BIND({node} AS ?s) }}
          UNION {{ GRAPH ?g {{ ?s ?p {node} }} BIND({node} AS ?o) }}
          UNION {{ GRAPH {node} {{ ?s ?p ?o }} BIND({node} AS ?g) }}
          FILTER (?g NOT IN ({left_out}))
        }}"""
    )
    quads = {ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows}  # type: ignore[index, union-attr]
    quads |= set(provenance(dataset, {q.graph_name.value for q in quads}))  # type: ignore[union-attr]
    return sorted(quads, key=str)


def provenance(dataset: BuiltDataset, graphs: Iterable[str]) -> list[ox.Quad]:
    """The provenance descriptions of the excerpt graphs among `graphs`, with their selectors."""
    names = sorted(g for g in graphs if g != PROVENANCE_GRAPH)
    if not names:
        return []
    values = " ".join(f"<{g}>" for g in names)
    rows = dataset.store.query(
        f"""PREFIX oa: <{PREFIXES["oa"]}>
        SELECT ?s ?p ?o WHERE {{ VALUES ?excerpt {{ {values} }} GRAPH <{PROVENANCE_GRAPH}> {{
          {{ ?excerpt ?p ?o BIND(?excerpt AS ?s) }}
          UNION {{ ?excerpt oa:hasSelector ?s . ?s ?p ?o }}
        }} }}"""
    )
    graph = ox.NamedNode(PROVENANCE_GRAPH)
    return [ox.Quad(r["s"], r["p"], r["o"], graph) for r in rows]  # type: ignore[index, union-attr]


def serialise(quads: Sequence[ox.Quad], chosen: Representation) -> bytes:
    """`quads` in an RDF format: with their graphs in TriG and JSON-LD, merged in the others."""
    fmt = _FORMATS[chosen]
    prefixes = None if fmt is ox.RdfFormat.N_TRIPLES else PREFIXES
    if fmt.supports_datasets:
        return ox.serialize(quads, format=fmt, prefixes=prefixes) or b""
    triples = sorted({q.triple for q in quads}, key=str)
    return ox.serialize(triples, format=fmt, prefixes=prefixes) or b""
