"""The project's two IRI schemes and the prefix map every module and export shares.

Ontology terms live under one hash namespace, data under one slash namespace, both on w3id.org so
they can be redirected if the project moves. Constants only: nothing here does any work.
"""

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, TIME, VOID, XSD

IKG = Namespace("https://w3id.org/ingenium-kg/ontology#")
"""Ontology terms (classes, properties, individuals of the ontology)."""

ONTOLOGY_IRI = "https://w3id.org/ingenium-kg/ontology"

ID = Namespace("https://w3id.org/ingenium-kg/id/")
"""Data: every entity, fact, excerpt and named graph of the knowledge graph."""

ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")

GRAPH_FACTS = ID["graph/facts"]
"""Asserted facts of the article."""
GRAPH_PROVENANCE = ID["graph/provenance"]
"""Excerpts, selectors, the source documents and which excerpt supports which statement."""
GRAPH_INFERRED = ID["graph/inferred"]
"""Triples only OWL-RL reasoning yields (never mixed into the asserted graphs)."""
GRAPH_LINKS = ID["graph/links"]
"""Reviewed links to Wikidata and identifiers from reference registries."""
GRAPH_ENRICHMENT = ID["graph/wikidata"]
"""Statements fetched from a Wikidata-shaped SPARQL endpoint, with their retrieval provenance."""
DATASET = ID["dataset"]
"""The dataset description (VoID/DCAT) every export carries."""
ARTICLE = ID["document/article"]
"""The source article, whose project copy all text selectors point into."""

PREFIXES: dict[str, str] = {
    "ikg": str(IKG),
    "id": str(ID),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "oa": str(OA),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "dcat": str(DCAT),
    "void": str(VOID),
    "time": str(TIME),
    "foaf": str(FOAF),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "sh": str(SH),
    "wd": str(WD),
    "wdt": str(WDT),
}
"""Prefixes bound in every export, query and report, in a stable order."""
