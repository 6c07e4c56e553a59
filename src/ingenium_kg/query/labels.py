"""Display labels for the IRIs of a result, so tables show names rather than addresses.

Looked up where the answer came from (the local view or the same endpoint), so a remote table
never mixes in labels from a graph the endpoint does not hold.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import Literal, URIRef, Variable
from rdflib.namespace import RDFS, SKOS
from rdflib.term import Node

from ..namespaces import SCHEMA
from .endpoint import QueryForm
from .results import nt_term

if TYPE_CHECKING:
    from rdflib import Dataset
    from rdflib.query import Result

LABELS = (SKOS.prefLabel, RDFS.label, SCHEMA.name)
"""Label properties, best first."""


def _iris(result: Result) -> list[URIRef]:
    if result.type != "SELECT":
        return []
    seen = {term for row in result.bindings for term in row.values() if isinstance(term, URIRef)}
    return sorted(seen)


def _pick(candidates: list[tuple[Node, Node]]) -> dict[URIRef, str]:
    """Choose one label per IRI: French first (the article's words), then English, then any."""
    rank = {"fr": 0, "en": 1}
    best: dict[URIRef, tuple[int, str]] = {}
    for iri, label in candidates:
        if not isinstance(iri, URIRef) or not isinstance(label, Literal):
            continue
        key = (rank.get(label.language or "", 2), str(label))
        if iri not in best or key < best[iri]:
            best[iri] = key
    return {iri: key[1] for iri, key in best.items()}


def local_labels(result: Result, view: Dataset) -> dict[URIRef, str]:
    """Labels from the view's default graph (the facts)."""
    graph = view.default_graph
    return _pick(
        [(iri, label) for iri in _iris(result) for p in LABELS for label in graph.objects(iri, p)]
    )


def remote_labels(result: Result, url: str, timeout: float) -> dict[URIRef, str]:
    """Labels asked of the endpoint in one query (`VALUES` of the result's IRIs).

    :raises EndpointError: as for any remote query.
    """
    from . import endpoint as remote

    iris = _iris(result)
    if not iris:
        return {}
    values = " ".join(nt_term(iri) for iri in iris)
    predicates = ", ".join(nt_term(p) for p in LABELS)
    text = (
        f"SELECT ?iri ?label WHERE {{ VALUES ?iri {{ {values} }} "
        f"?iri ?p ?label FILTER(?p IN ({predicates})) }}"
    )
    rows = remote.query(url, text, form=QueryForm.SELECT, timeout=timeout)
    return _pick([(row[Variable("iri")], row[Variable("label")]) for row in rows.bindings])
