"""JSON-LD: the generated context, and a writer whose output two parsers read back exactly."""

import json
import random

import pyoxigraph as ox
import pytest
from pyld import jsonld

from ingenium_kg.namespaces import DATA_NS, ONTOLOGY_NS, PREFIXES
from ingenium_kg.stages.graph import assemble, load_ontology
from ingenium_kg.stages.jsonld import context_document, context_from_ontology, write_jsonld
from ingenium_kg.stages.sources import Project
from kg_helpers import REPO

XSD = PREFIXES["xsd"]


@pytest.fixture(scope="module")
def context() -> dict[str, object]:
    return context_from_ontology(load_ontology(Project(REPO)))


def _read_back(data: bytes) -> tuple[set[ox.Quad], set[ox.Quad]]:
    by_oxigraph = set(ox.parse(data, format=ox.RdfFormat.JSON_LD))
    nquads = jsonld.to_rdf(json.loads(data), {"format": "application/n-quads"})
    by_pyld = set(ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS))
    return by_oxigraph, by_pyld


def test_the_context_names_every_term_with_its_coercion(context: dict[str, object]) -> None:
    assert context["id"] == DATA_NS
    assert context["country"] == {"@id": ONTOLOGY_NS + "country", "@type": "@id"}
    assert context["listPosition"] == {
        "@id": ONTOLOGY_NS + "listPosition",
        "@type": XSD + "integer",
    }
    assert context["University"] == ONTOLOGY_NS + "University"
    assert json.loads(context_document(context)) == {"@context": context}


def test_the_article_reads_back_exactly_with_both_parsers(context: dict[str, object]) -> None:
    quads = sorted(assemble(Project(REPO)).quads(), key=str)
    by_oxigraph, by_pyld = _read_back(write_jsonld(quads, context))
    assert by_oxigraph == by_pyld == set(quads)


def test_values_the_coercion_would_misread_keep_their_own_form(context: dict[str, object]) -> None:
    s, g = ox.NamedNode(DATA_NS + "thing/x"), ox.NamedNode(DATA_NS + "excerpt/e")
    country, position = (
        ox.NamedNode(ONTOLOGY_NS + "country"),
        ox.NamedNode(ONTOLOGY_NS + "listPosition"),
    )
    label = ox.NamedNode(PREFIXES["rdfs"] + "label")
    quads = [
        ox.Quad(s, country, ox.Literal("France"), g),  # a literal on an object property
        ox.Quad(s, position, ox.Literal("7", datatype=ox.NamedNode(XSD + "decimal"))),
        ox.Quad(s, position, ox.Literal("007")),  # a plain string on an integer property
        ox.Quad(s, position, ox.NamedNode("http://example.org/odd#iri")),
        ox.Quad(s, label, ox.Literal("x", language="fr"), g),
        ox.Quad(s, label, ox.Literal("1.5E0", datatype=ox.NamedNode(XSD + "double"))),
        ox.Quad(s, label, ox.BlankNode("b1")),
        ox.Quad(ox.NamedNode("http://example.org/a%20path?q#f"), label, ox.Literal("odd")),
        ox.Quad(
            s, ox.NamedNode(PREFIXES["rdf"] + "type"), ox.NamedNode(ONTOLOGY_NS + "University")
        ),
    ]
    by_oxigraph, by_pyld = _read_back(write_jsonld(quads, context))
    assert by_oxigraph == set(quads)
    assert {str(q) for q in by_pyld} - {str(q) for q in quads} <= {
        str(q)
        for q in by_pyld
        if isinstance(q.object, ox.BlankNode)  # pyld renames blank nodes
    }


def test_the_bytes_do_not_depend_on_the_input_order(context: dict[str, object]) -> None:
    quads = list(assemble(Project(REPO)).quads())
    shuffled = quads[:]
    random.Random(3).shuffle(shuffled)
    assert write_jsonld(shuffled, context) == write_jsonld(quads, context)
