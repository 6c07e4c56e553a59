"""The dataset's VoID and DCAT description, counted from the build itself.

Served at `/.well-known/void` (RFC 5785's VoID location) and at the dataset's own IRI, and
reusable by the build: `dataset_description` needs only the dataset and the base the server is
published under (where its endpoint and dumps live).
"""

from __future__ import annotations

import pyoxigraph as ox

from ..dataset import BuiltDataset
from ..namespaces import (
    ARTICLE_IRI,
    ENRICHMENT_GRAPH,
    FACTS_GRAPH,
    INFERRED_GRAPH,
    LINKS_GRAPH,
    ONTOLOGY_IRI,
    PREFIXES,
    PROVENANCE_GRAPH,
)
from ..stages.export import LICENSE, TITLE, ExportFormat, export_name
from .dumps import dump_media_type

WIKIDATA = "https://www.wikidata.org/"
_MAIN_GRAPHS = (FACTS_GRAPH, PROVENANCE_GRAPH, LINKS_GRAPH, ENRICHMENT_GRAPH, INFERRED_GRAPH)


def _iri(prefix: str, local: str) -> ox.NamedNode:
    return ox.NamedNode(PREFIXES[prefix] + local)


def _count(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_iri("xsd", "integer"))


def _number(dataset: BuiltDataset, select: str) -> int:
    rows = list(dataset.store.query(select))  # type: ignore[arg-type]
    return int(rows[0]["n"].value) if rows else 0  # type: ignore[index]


def dataset_description(dataset: BuiltDataset, base: str) -> list[ox.Triple]:
    """VoID + DCAT triples about the build: sizes, classes, properties, the Wikidata linkset,
    licence, source, endpoint and dumps, sorted."""
    me = ox.NamedNode(base + "id/dataset")
    a = _iri("rdf", "type")
    facts = f"<{FACTS_GRAPH}>"
    triples = [
        ox.Triple(me, a, _iri("void", "Dataset")),
        ox.Triple(me, a, _iri("dcat", "Dataset")),
        ox.Triple(me, _iri("dcterms", "title"), ox.Literal(TITLE, language="en")),
        ox.Triple(
            me,
            _iri("dcterms", "title"),
            ox.Literal("Graphe de connaissances INGENIUM", language="fr"),
        ),
        ox.Triple(me, _iri("dcterms", "license"), ox.NamedNode(LICENSE)),
        ox.Triple(me, _iri("dcterms", "source"), ox.NamedNode(ARTICLE_IRI)),
        ox.Triple(me, _iri("void", "uriSpace"), ox.Literal(base + "id/")),
        ox.Triple(me, _iri("void", "vocabulary"), ox.NamedNode(ONTOLOGY_IRI)),
        ox.Triple(me, _iri("void", "sparqlEndpoint"), ox.NamedNode(base + "sparql")),
        ox.Triple(
            me,
            _iri("void", "triples"),
            _count(
                _number(
                    dataset, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {facts} {{ ?s ?p ?o }} }}"
                )
            ),
        ),
        ox.Triple(
            me,
            _iri("void", "entities"),
            _count(
                _number(
                    dataset,
                    f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH {facts} {{ ?s ?p ?o }}"
                    " FILTER isIRI(?s) }",
                )
            ),
        ),
        ox.Triple(
            me,
            _iri("void", "distinctObjects"),
            _count(
                _number(
                    dataset,
                    f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ GRAPH {facts} {{ ?s ?p ?o }} }}",
                )
            ),
        ),
    ]
    service = ox.NamedNode(base + "sparql")
    triples += [
        ox.Triple(me, _iri("dcat", "accessService"), service),
        ox.Triple(service, a, _iri("dcat", "DataService")),
        ox.Triple(service, _iri("dcat", "endpointURL"), service),
        ox.Triple(service, _iri("dcat", "servesDataset"), me),
    ]
    triples += _partitions(dataset, me)
    triples += _graphs(dataset, me)
    triples += _linkset(dataset, me, base)
    triples += _dumps(dataset, me, base)
    return sorted(set(triples), key=str)


def _partitions(dataset: BuiltDataset, me: ox.NamedNode) -> list[ox.Triple]:
    """One class partition per class used, one property partition per property, with counts."""
    triples: list[ox.Triple] = []
    classes = dataset.store.query(
        f"SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH <{FACTS_GRAPH}> {{ ?s a ?c }} }}"
        " GROUP BY ?c"
    )
    properties = dataset.store.query(
        f"SELECT ?c (COUNT(*) AS ?n) WHERE {{ GRAPH <{FACTS_GRAPH}> {{ ?s ?c ?o }} }} GROUP BY ?c"
    )
    for kind, rows, counted in (
        ("class", classes, "entities"),
        ("property", properties, "triples"),
    ):
        found = sorted(((r["c"].value, int(r["n"].value)) for r in rows), key=lambda x: x[0])  # type: ignore[index, union-attr]
        plural = "classes" if kind == "class" else "properties"
        triples.append(ox.Triple(me, _iri("void", plural), _count(len(found))))
        for term, count in found:
            part = ox.NamedNode(f"{me.value}/{kind}-partition/{_slug(term)}")
            triples += [
                ox.Triple(me, _iri("void", f"{kind}Partition"), part),
                ox.Triple(part, _iri("void", kind), ox.NamedNode(term)),
                ox.Triple(part, _iri("void", counted), _count(count)),
            ]
    return triples


def _slug(iri: str) -> str:
    """A stable, readable partition name: the term's prefixed name."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}-{iri[len(namespace) :]}".replace("/", "-")
    return "".join(c if c.isalnum() else "-" for c in iri)


def _graphs(dataset: BuiltDataset, me: ox.NamedNode) -> list[ox.Triple]:
    """Each main named graph as a part, with its size."""
    triples = []
    for name in _MAIN_GRAPHS:
        count = _number(
            dataset, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"
        )
        graph = ox.NamedNode(name)
        triples += [
            ox.Triple(me, _iri("dcterms", "hasPart"), graph),
            ox.Triple(me, _iri("void", "subset"), graph),
            ox.Triple(graph, _iri("rdf", "type"), _iri("void", "Dataset")),
            ox.Triple(graph, _iri("void", "triples"), _count(count)),
        ]
    return triples


def _linkset(dataset: BuiltDataset, me: ox.NamedNode, base: str) -> list[ox.Triple]:
    """The reviewed skos:exactMatch links to Wikidata, as a VoID linkset."""
    links = _number(
        dataset,
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{LINKS_GRAPH}>"
        f" {{ ?s <{PREFIXES['skos']}exactMatch> ?o }}"
        f' FILTER STRSTARTS(STR(?o), "{PREFIXES["wd"]}") }}',
    )
    linkset = ox.NamedNode(base + "id/dataset/linkset/wikidata")
    wikidata = ox.NamedNode(WIKIDATA)
    return [
        ox.Triple(me, _iri("void", "subset"), linkset),
        ox.Triple(linkset, _iri("rdf", "type"), _iri("void", "Linkset")),
        ox.Triple(linkset, _iri("void", "subjectsTarget"), me),
        ox.Triple(linkset, _iri("void", "objectsTarget"), wikidata),
        ox.Triple(linkset, _iri("void", "linkPredicate"), _iri("skos", "exactMatch")),
        ox.Triple(linkset, _iri("void", "triples"), _count(links)),
        ox.Triple(wikidata, _iri("rdf", "type"), _iri("void", "Dataset")),
        ox.Triple(wikidata, _iri("void", "uriSpace"), ox.Literal(PREFIXES["wd"])),
        ox.Triple(wikidata, _iri("dcterms", "title"), ox.Literal("Wikidata", language="en")),
    ]


def _dumps(dataset: BuiltDataset, me: ox.NamedNode, base: str) -> list[ox.Triple]:
    """Every RDF export of the build as a void:dataDump and a dcat:Distribution."""
    exports = {export_name(f, inferred=i) for f in ExportFormat for i in (False, True)}
    triples = []
    for name in dataset.manifest.outputs:
        media = dump_media_type(name)
        if media is None or name not in exports:
            continue
        url = ox.NamedNode(f"{base}dumps/{name}")
        size = (dataset.files / name).stat().st_size
        triples += [
            ox.Triple(me, _iri("void", "dataDump"), url),
            ox.Triple(me, _iri("dcat", "distribution"), url),
            ox.Triple(url, _iri("rdf", "type"), _iri("dcat", "Distribution")),
            ox.Triple(url, _iri("dcat", "downloadURL"), url),
            ox.Triple(
                url,
                _iri("dcat", "mediaType"),
                ox.NamedNode(f"https://www.iana.org/assignments/media-types/{media}"),
            ),
            ox.Triple(
                url,
                _iri("dcat", "byteSize"),
                ox.Literal(str(size), datatype=_iri("xsd", "nonNegativeInteger")),
            ),
            ox.Triple(url, _iri("dcterms", "license"), ox.NamedNode(LICENSE)),
        ]
    return triples
