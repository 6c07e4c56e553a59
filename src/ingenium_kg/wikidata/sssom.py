"""The reviewed Wikidata links as an SSSOM mapping set, so other projects can reuse them.

SSSOM TSV: a YAML header (commented with `#`) holding the set's metadata and CURIE map, then one
row per mapping. The YAML is written by hand (a fixed, small shape: no YAML library needed) and
rows are sorted, so the same links always give the same bytes.
"""

from __future__ import annotations

from rdflib import Dataset, Graph, URIRef

from ..namespaces import GRAPH_LINKS, ID, WD
from .linking import Linkable, linkables, reviewed_on, union

LICENSE = "https://creativecommons.org/licenses/by/4.0/"
MAPPING_SET_ID = str(GRAPH_LINKS)
CURIE_MAP = {
    "id": str(ID),
    "semapv": "https://w3id.org/semapv/vocab/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "wd": str(WD),
}
COLUMNS = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "object_label",
    "mapping_justification",
    "confidence",
    "mapping_tool",
    "mapping_date",
)
JUSTIFICATION = "semapv:ManualMappingCuration"
"""Every link in data/links was checked by hand against the reference's registry records."""
TOOL = "ingenium-kg"


def sssom_tsv(dataset: Dataset | Graph) -> str:
    """The mapping set of every `skos:exactMatch` link to Wikidata, as SSSOM TSV text."""
    graph = union(dataset)
    reviewed = reviewed_on(graph)
    date = reviewed.isoformat() if reviewed else ""
    header = [
        "curie_map:",
        *(f"  {prefix}: {iri}" for prefix, iri in sorted(CURIE_MAP.items())),
        f"mapping_set_id: {MAPPING_SET_ID}",
        "mapping_set_title: INGENIUM knowledge graph to Wikidata",
        f"license: {LICENSE}",
        f"mapping_tool: {TOOL}",
        *([f"mapping_date: {date}"] if date else []),
    ]
    lines = [f"# {line}" for line in header]
    lines.append("\t".join(COLUMNS))
    for entity in linkables(graph):
        for link in entity.links:
            lines.append("\t".join(_row(entity, link, date)))
    return "\n".join(lines) + "\n"


def _row(entity: Linkable, link: str, date: str) -> tuple[str, ...]:
    return (
        _curie(entity.iri),
        _clean(entity.label),
        "skos:exactMatch",  # linking.LINK
        f"wd:{link}",
        "",  # Wikidata's label is not in the graph; reusers resolve the QID
        JUSTIFICATION,
        "1.0",
        TOOL,
        date,
    )


def _curie(iri: URIRef) -> str:
    return f"id:{iri.removeprefix(str(ID))}" if iri.startswith(str(ID)) else str(iri)


def _clean(text: str) -> str:
    """TSV cells hold no tabs or newlines."""
    return " ".join(text.split())
