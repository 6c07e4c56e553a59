"""Assemble the project's files into one dataset of named graphs, with statement-level provenance.

Every named graph of `data/article/*.trig` is an excerpt; the build needs the facts (their union)
apart from the provenance (which excerpt supports which triple), so both queries over plain facts
and `explain` over their sources stay simple.

Blank nodes are rejected in data files rather than skolemised: every entity in docs/model.md has
an IRI, and rejecting keeps exports byte-stable without a canonical relabelling step. The ontology
and shapes may use blank nodes freely (OWL lists, property shapes): they are never exported.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import PROV, RDF, NamespaceManager
from rdflib.term import Node

from ..errors import SourceError
from ..namespaces import (
    GRAPH_ENRICHMENT,
    GRAPH_FACTS,
    GRAPH_INFERRED,
    GRAPH_LINKS,
    GRAPH_PROVENANCE,
    ID,
    ONTOLOGY_IRI,
    PREFIXES,
)
from ..terms import nt_line
from .sources import Project, parse_dataset, parse_graph

DATA_GRAPHS: tuple[URIRef, ...] = (GRAPH_FACTS, GRAPH_PROVENANCE, GRAPH_LINKS, GRAPH_ENRICHMENT)
"""The asserted graphs, in the order exports and reports list them."""
ALL_GRAPHS: tuple[URIRef, ...] = (*DATA_GRAPHS, GRAPH_INFERRED)


def new_dataset() -> Dataset:
    """An empty dataset with only our prefixes bound (no rdflib defaults leaking into exports)."""
    dataset = Dataset(default_union=False)
    dataset.namespace_manager = NamespaceManager(dataset, bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True, replace=True)
    return dataset


def merge(graphs: Iterable[Graph]) -> Graph:
    """The given graphs read as one: validation, labels and linking ignore graph names."""
    merged = Graph(bind_namespaces="none")
    for graph in graphs:
        for triple in graph:
            merged.add(triple)
    return merged


def statement_iri(s: Node, p: Node, o: Node) -> URIRef:
    """The stable id of a fact's rdf:Statement: a hash of its canonical N-Triples line."""
    digest = hashlib.sha256(nt_line(s, p, o).encode("utf-8")).hexdigest()
    return ID[f"statement/{digest[:16]}"]


def load_ontology(project: Project) -> Graph:
    """The ontology as a graph named by the ontology IRI (for reasoning and validation only).

    :raises SourceError: when ontology/ingenium.ttl is missing or does not parse.
    """
    graph = Graph(identifier=URIRef(ONTOLOGY_IRI), bind_namespaces="none")
    for triple in parse_graph(project.ontology_file):
        graph.add(triple)
    return graph


def load_shapes(project: Project, path: Path | None = None) -> Graph:
    """The SHACL shapes (the project's, or the file given).

    :raises SourceError: when the file is missing or does not parse.
    """
    return parse_graph(path or project.shapes_file)


def assemble(project: Project) -> Dataset:
    """The asserted dataset: facts, provenance, and links/wikidata graphs when their files exist.

    :raises SourceError: for a missing, unparsable or blank-node-bearing data file, or a
        project without any data/article/*.trig.
    """
    if not project.article_files:
        raise SourceError(f"{project.root / 'data' / 'article'}: no *.trig data files found")
    dataset = new_dataset()
    facts = dataset.graph(GRAPH_FACTS)
    provenance = dataset.graph(GRAPH_PROVENANCE)
    for path in project.article_files:
        for s, p, o, g in _quads_without_bnodes(path):
            if g == DATASET_DEFAULT_GRAPH_ID:
                provenance.add((s, p, o))
                continue
            facts.add((s, p, o))
            if isinstance(s, URIRef):
                provenance.add((s, PROV.wasDerivedFrom, g))
            _add_statement(provenance, s, p, o, g)
    for paths, name in (
        (project.links_files, GRAPH_LINKS),
        (project.enrichment_files, GRAPH_ENRICHMENT),
    ):
        target = dataset.graph(name)
        for path in paths:
            for s, p, o, _ in _quads_without_bnodes(path):
                target.add((s, p, o))
    return dataset


def _add_statement(provenance: Graph, s: Node, p: Node, o: Node, excerpt: Node) -> None:
    node = statement_iri(s, p, o)
    provenance.add((node, RDF.type, RDF.Statement))
    provenance.add((node, RDF.subject, s))
    provenance.add((node, RDF.predicate, p))
    provenance.add((node, RDF.object, o))
    provenance.add((node, PROV.wasDerivedFrom, excerpt))


def _quads_without_bnodes(path: Path) -> Iterable[tuple[Node, Node, Node, Node]]:
    for s, p, o, g in parse_dataset(path).quads((None, None, None, None)):
        if any(isinstance(term, BNode) for term in (s, o, g)):
            raise SourceError(
                f"{path}: blank node in a data file (triple with predicate <{p}>); "
                "give every node an IRI such as id:kind/slug"
            )
        yield s, p, o, g


def triple_counts(dataset: Dataset) -> tuple[tuple[URIRef, int], ...]:
    """How many triples each of our named graphs holds (absent graphs count 0)."""
    return tuple((name, len(dataset.graph(name))) for name in ALL_GRAPHS)
