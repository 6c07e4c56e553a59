from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from ingenium_kg.terms import from_ox, nt_line, ox_quads, short, to_ox

TERMS = [
    URIRef("https://w3id.org/ingenium-kg/id/university/rouen"),
    Literal("Université d’Oviedo", lang="fr"),
    Literal("7200000.0", datatype=XSD.decimal),
    Literal('quote " and\nnewline'),
]


def test_terms_round_trip_through_pyoxigraph() -> None:
    for term in TERMS:
        assert from_ox(to_ox(term)) == term


def test_nt_line_is_canonical_n_triples() -> None:
    s, o = TERMS[0], TERMS[3]
    line = nt_line(s, URIRef("http://ex/p"), o)
    assert line == f'<{s}> <http://ex/p> "quote \\" and\\nnewline" .'


def test_quads_come_sorted_whatever_the_input_order() -> None:
    p = URIRef("http://ex/p")
    rows = [(URIRef(f"http://ex/{n}"), p, Literal(n), None) for n in "cab"]
    assert [str(q.subject.value) for q in ox_quads(rows)] == [
        "http://ex/a",
        "http://ex/b",
        "http://ex/c",
    ]


def test_short_names_use_our_prefixes_even_with_slashes() -> None:
    assert short(TERMS[0]) == "id:university/rouen"
    assert short(URIRef("http://example.org/x")) == "<http://example.org/x>"
    assert short(TERMS[2]) == '"7200000.0"^^xsd:decimal'
    assert short(BNode()) == "[]"
    assert short(None) == "-"
