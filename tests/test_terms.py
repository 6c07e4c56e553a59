from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from ingenium_kg.terms import from_ox, short, short_iri, to_ox

TERMS = [
    URIRef("https://w3id.org/ingenium-kg/id/university/rouen"),
    Literal("Université d’Oviedo", lang="fr"),
    Literal("7200000.0", datatype=XSD.decimal),
    Literal('quote " and\nnewline'),
]


def test_terms_round_trip_through_pyoxigraph() -> None:
    for term in TERMS:
        assert from_ox(to_ox(term)) == term


def test_short_names_use_our_prefixes_even_with_slashes() -> None:
    assert short(TERMS[0]) == "id:university/rouen"
    assert short(URIRef("http://example.org/x")) == "<http://example.org/x>"
    assert short(TERMS[2]) == '"7200000.0"^^xsd:decimal'
    assert short(BNode()) == "[]"
    assert short(None) == "-"


def test_short_iri_names_graphs_without_rdflib() -> None:
    assert short_iri("https://w3id.org/ingenium-kg/id/graph/facts") == "id:graph/facts"
    assert short_iri("http://example.org/x") == "<http://example.org/x>"
