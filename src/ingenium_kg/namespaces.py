"""The project's two IRI schemes and the prefix map every module and export shares.

Ontology terms live under one hash namespace, data under one slash namespace, both on w3id.org so
they can be redirected if the project moves. Constants only: nothing here does any work.

Everything is a plain string at import time, so a fast path (`ingenium-kg query`) never loads
rdflib; the rdflib forms (`IKG.University`, `GRAPH_FACTS` as a URIRef, ...) are made on first use.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

ONTOLOGY_NS = "https://w3id.org/ingenium-kg/ontology#"
"""Ontology terms (classes, properties, individuals of the ontology)."""
ONTOLOGY_IRI = "https://w3id.org/ingenium-kg/ontology"
DATA_NS = "https://w3id.org/ingenium-kg/id/"
"""Data: every entity, excerpt and named graph of the knowledge graph."""

FACTS_GRAPH = DATA_NS + "graph/facts"
"""Asserted facts of the article: the union of the excerpt graphs (the queries' default graph)."""
PROVENANCE_GRAPH = DATA_NS + "graph/provenance"
"""The excerpts' descriptions: their selectors and the source documents."""
INFERRED_GRAPH = DATA_NS + "graph/inferred"
"""Triples only OWL-RL reasoning yields (never mixed into the asserted graphs)."""
LINKS_GRAPH = DATA_NS + "graph/links"
"""Reviewed links to Wikidata and identifiers from reference registries."""
ENRICHMENT_GRAPH = DATA_NS + "graph/wikidata"
"""Statements fetched from a Wikidata-shaped SPARQL endpoint, with their retrieval provenance."""
DATASET_IRI = DATA_NS + "dataset"
"""The dataset description (VoID/DCAT) every export carries."""
ARTICLE_IRI = DATA_NS + "document/article"
"""The source article, whose project copy all text selectors point into."""

PREFIXES: dict[str, str] = {
    "ikg": ONTOLOGY_NS,
    "id": DATA_NS,
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "void": "http://rdfs.org/ns/void#",
    "time": "http://www.w3.org/2006/time#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "wd": "http://www.wikidata.org/entity/",
    "wdt": "http://www.wikidata.org/prop/direct/",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "wgs84": "http://www.w3.org/2003/01/geo/wgs84_pos#",
}
"""Prefixes bound in every export, query and report, in a stable order."""

_NAMESPACES = {
    "IKG": ONTOLOGY_NS,
    "ID": DATA_NS,
    "ORG": PREFIXES["org"],
    "SCHEMA": PREFIXES["schema"],
    "OA": PREFIXES["oa"],
    "SH": PREFIXES["sh"],
    "WD": PREFIXES["wd"],
    "WDT": PREFIXES["wdt"],
}
_IRIS = {
    "GRAPH_FACTS": FACTS_GRAPH,
    "GRAPH_PROVENANCE": PROVENANCE_GRAPH,
    "GRAPH_INFERRED": INFERRED_GRAPH,
    "GRAPH_LINKS": LINKS_GRAPH,
    "GRAPH_ENRICHMENT": ENRICHMENT_GRAPH,
    "DATASET": DATASET_IRI,
    "ARTICLE": ARTICLE_IRI,
}


def __getattr__(name: str) -> Any:
    """rdflib's `Namespace`/`URIRef` forms of the constants above, made when first asked for."""
    if name in _NAMESPACES:
        from rdflib import Namespace

        value: Any = Namespace(_NAMESPACES[name])
    elif name in _IRIS:
        from rdflib import URIRef

        value = URIRef(_IRIS[name])
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value
