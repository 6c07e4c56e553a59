"""Assemble the project's files into the dataset's named graphs, as pyoxigraph quads.

Every named graph of `data/article/*.trig` is an excerpt and holds exactly the facts that excerpt
supports; its description (selectors, source document) sits in the file's default graph. The
build keeps that one representation of provenance as it is: the excerpt graphs are published as
named graphs (`GRAPH ?excerpt { s p o }` answers "which words say this"), their descriptions
form `graph/provenance`, and `graph/facts` is the deduplicated union of the excerpts, the
default graph queries read.

Blank nodes are rejected in data files rather than skolemised: every entity in docs/model.md has
an IRI, and rejecting keeps exports byte-stable without a canonical relabelling step. The
ontology and shapes may use blank nodes freely (OWL lists, property shapes).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from ..errors import SourceError
from ..namespaces import (
    ENRICHMENT_GRAPH,
    FACTS_GRAPH,
    INFERRED_GRAPH,
    LINKS_GRAPH,
    PROVENANCE_GRAPH,
)
from .sources import Project, parse_graph, parse_quads

DATA_GRAPHS: tuple[str, ...] = (FACTS_GRAPH, PROVENANCE_GRAPH, LINKS_GRAPH, ENRICHMENT_GRAPH)
"""The asserted graphs, in the order exports and reports list them (excerpt graphs aside)."""
ALL_GRAPHS: tuple[str, ...] = (*DATA_GRAPHS, INFERRED_GRAPH)


@dataclass(frozen=True)
class Assembly:
    """The asserted dataset before reasoning: each graph's triples, in file order, deduplicated."""

    facts: tuple[ox.Triple, ...]
    excerpts: tuple[ox.Quad, ...]
    """Each fact in the excerpt graph(s) that state it (graph name = the excerpt's IRI)."""
    provenance: tuple[ox.Triple, ...]
    links: tuple[ox.Triple, ...]
    enrichment: tuple[ox.Triple, ...]

    def graphs(self) -> Iterator[tuple[str, tuple[ox.Triple, ...]]]:
        """The main named graphs (IRI, triples), in DATA_GRAPHS order."""
        yield from zip(
            DATA_GRAPHS, (self.facts, self.provenance, self.links, self.enrichment), strict=True
        )

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the asserted dataset: the main graphs, then the excerpt graphs."""
        for name, triples in self.graphs():
            yield from in_graph(triples, name)
        yield from self.excerpts


def in_graph(triples: Iterable[ox.Triple], name: str) -> Iterator[ox.Quad]:
    """The triples as quads of the named graph `name`."""
    graph = ox.NamedNode(name)
    for t in triples:
        yield ox.Quad(t.subject, t.predicate, t.object, graph)


def load_ontology(project: Project) -> list[ox.Triple]:
    """The ontology's triples (for reasoning, validation and the JSON-LD context).

    :raises SourceError: when ontology/ingenium.ttl is missing or does not parse.
    """
    return [q.triple for q in parse_quads(project.ontology_file)]


def load_shapes(project: Project, path: Path | None = None) -> Graph:
    """The SHACL shapes (the project's, or the file given), as an rdflib graph.

    :raises SourceError: when the file is missing, does not parse, or holds no shape (an empty
        file would otherwise let any data "conform").
    """
    from rdflib import RDF

    from ..namespaces import SH

    source = path or project.shapes_file
    shapes = parse_graph(source)
    kinds = {SH.NodeShape, SH.PropertyShape}
    if not any(kind in kinds for kind in shapes.objects(None, RDF.type)):
        raise SourceError(f"{source}: holds no SHACL shape (no sh:NodeShape or sh:PropertyShape)")
    return shapes


def assemble(project: Project) -> Assembly:
    """The asserted graphs: facts, excerpts, provenance, and links/wikidata when their files exist.

    :raises SourceError: for a missing, unparsable or blank-node-bearing data file, or a
        project without any data/article/*.trig.
    """
    if not project.article_files:
        raise SourceError(f"{project.root / 'data' / 'article'}: no *.trig data files found")
    facts: dict[ox.Triple, None] = {}
    excerpts: dict[ox.Quad, None] = {}
    provenance: dict[ox.Triple, None] = {}
    for path in project.article_files:
        for quad in _quads_without_bnodes(path):
            if isinstance(quad.graph_name, ox.DefaultGraph):
                provenance[quad.triple] = None
            else:
                facts[quad.triple] = None
                excerpts[quad] = None
    return Assembly(
        facts=tuple(facts),
        excerpts=tuple(excerpts),
        provenance=tuple(provenance),
        links=_triples(project.links_files),
        enrichment=_triples(project.enrichment_files),
    )


def _triples(paths: Iterable[Path]) -> tuple[ox.Triple, ...]:
    """Every triple of the files, all their graphs merged, deduplicated in file order."""
    found: dict[ox.Triple, None] = {}
    for path in paths:
        for quad in _quads_without_bnodes(path):
            found[quad.triple] = None
    return tuple(found)


def _quads_without_bnodes(path: Path) -> Iterator[ox.Quad]:
    for quad in parse_quads(path):
        if any(isinstance(t, ox.BlankNode) for t in (quad.subject, quad.object, quad.graph_name)):
            raise SourceError(
                f"{path}: blank node in a data file (triple with predicate {quad.predicate}); "
                "give every node an IRI such as id:kind/slug"
            )
        yield quad


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a stage (or a whole build) makes millions of small
    objects, few of them in cycles.

    The collector would only rescan them and could free almost nothing: a third of the loading
    time at a million quads, and 23 full passes taking 8 s of a whole build (which was then a
    fifth faster without them, for 3 % more peak memory). The previous state is restored however
    the block ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
