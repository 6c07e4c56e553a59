"""Which entities of the graph can have a Wikidata item, what we know to match them, what is linked.

Every Wikidata job (`link`, `enrich`, `wikidata-check`, `quickstatements`, the SSSOM export)
starts from the same view of the dataset, so they can never disagree on what "linked" means: a
link is a `skos:exactMatch` to a `wd:Q…` IRI (docs/linking.md says why not `owl:sameAs`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS
from rdflib.term import Node

from ..namespaces import GRAPH_LINKS, IKG, SCHEMA
from ..query.labels import pick_label
from ..terms import merge

LINK = SKOS.exactMatch
"""The linking property (a mapping, not an identity: see docs/linking.md)."""

QID_PATTERN = re.compile(r"^http://www\.wikidata\.org/entity/(Q[1-9][0-9]*)$")
LABEL_PROPERTIES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SCHEMA.name)


class Kind(Enum):
    """A kind of linkable entity: its class here and the Wikidata classes a match must be under.

    A candidate's type agrees when it is an instance (P31) of one of `wikidata_classes` or of a
    subclass of one (P279*). Broad roots on purpose: "university of applied sciences" and "public
    university" sit under higher education institution (Q38723), not always under Q3918.
    """

    UNIVERSITY = ("university", IKG.University, ("Q38723",))
    COUNTRY = ("country", SCHEMA.Country, ("Q6256",))
    CITY = ("city", SCHEMA.City, ("Q486972",))
    BODY = ("body", IKG.PublicBody, ("Q43229",))
    CURRENCY = ("currency", IKG.Currency, ("Q8142",))
    LABORATORY = ("laboratory", IKG.Laboratory, ("Q483242", "Q31855"))
    PROGRAMME = ("programme", IKG.FundingProgramme, ())  # no class we could verify
    ALLIANCE = ("alliance", IKG.EuropeanUniversityAlliance, ("Q43229",))

    def __init__(self, slug: str, cls: URIRef, wikidata_classes: tuple[str, ...]) -> None:
        self.slug = slug
        self.cls = cls
        self.wikidata_classes = wikidata_classes


@dataclass(frozen=True)
class Linkable:
    """One entity to link, with everything the reconciler compares (QIDs as "Q…" strings)."""

    iri: URIRef
    kind: Kind
    labels: tuple[Literal, ...]
    links: tuple[str, ...]
    country: str | None = None
    city: str | None = None

    @property
    def label(self) -> str:
        """A display label: English, else French, else any (the CSV's `label` column)."""
        pairs = ((label.language or "", str(label)) for label in self.labels)
        return pick_label(pairs, ("en", "fr")) or str(self.iri)

    @property
    def link(self) -> str | None:
        """The QID the data links to (None when unlinked; SHACL forbids more than one)."""
        return self.links[0] if self.links else None


def union(dataset: Dataset | Graph) -> Graph:
    """All graphs of the dataset as one graph (facts, links, enrichment are read together)."""
    return merge(dataset.graphs()) if isinstance(dataset, Dataset) else dataset


def qid(term: Node) -> str | None:
    """ "Q42" for a Wikidata entity IRI, None for anything else."""
    match = QID_PATTERN.match(str(term)) if isinstance(term, URIRef) else None
    return match.group(1) if match else None


def reviewed_on(graph: Graph) -> date | None:
    """When the links were last reviewed (the links graph's dcterms:created), if recorded."""
    dates = sorted(d.toPython() for d in graph.objects(GRAPH_LINKS, DCTERMS.created))
    return next((d for d in dates if isinstance(d, date)), None)


def links_of(graph: Graph, entity: Node) -> tuple[str, ...]:
    """The QIDs `entity` is linked to, sorted."""
    return tuple(sorted(q for o in graph.objects(entity, LINK) if (q := qid(o))))


def linkables(dataset: Dataset | Graph) -> tuple[Linkable, ...]:
    """Every entity of a linkable kind, sorted by IRI (the order of every report)."""
    graph = union(dataset)
    found: dict[URIRef, Linkable] = {}
    for kind in Kind:
        for entity in graph.subjects(RDF.type, kind.cls):
            if isinstance(entity, URIRef) and entity not in found:
                found[entity] = _linkable(graph, entity, kind)
    return tuple(found[iri] for iri in sorted(found))


def _linkable(graph: Graph, entity: URIRef, kind: Kind) -> Linkable:
    return Linkable(
        iri=entity,
        kind=kind,
        labels=_labels(graph, entity),
        links=links_of(graph, entity),
        country=_first_link(graph, (IKG.country, SCHEMA.containedInPlace), entity),
        city=_first_link(graph, (SCHEMA.location,), entity),
    )


def _labels(graph: Graph, entity: URIRef) -> tuple[Literal, ...]:
    labels = {
        o for p in LABEL_PROPERTIES for o in graph.objects(entity, p) if isinstance(o, Literal)
    }
    return tuple(sorted(labels, key=lambda lit: (lit.language or "", str(lit))))


def _first_link(graph: Graph, properties: Iterable[URIRef], entity: URIRef) -> str | None:
    """The QID of the first place `entity` points to through `properties` that is linked."""
    places = sorted({o for p in properties for o in graph.objects(entity, p)})
    return next((links[0] for place in places if (links := links_of(graph, place))), None)
