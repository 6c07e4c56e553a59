from dataclasses import replace

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from ingenium_kg.build.sources import Project
from ingenium_kg.errors import UnknownTermError
from ingenium_kg.explain import Explanation, Support, explain, label, render_text, resolve
from ingenium_kg.namespaces import GRAPH_FACTS, GRAPH_INFERRED, ID, IKG, ORG, SCHEMA
from ingenium_kg.pipeline import load
from kg_helpers import FIXTURE

ROUEN = ID["university/rouen"]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load(Project(FIXTURE))


def test_resolve_prefixed_names_with_slashes_and_full_iris() -> None:
    assert resolve("id:university/oviedo") == ID["university/oviedo"]
    assert resolve("ikg:University") == IKG.University
    assert resolve(f"<{ROUEN}>") == ROUEN
    assert resolve(str(ROUEN)) == ROUEN


def test_facts_come_with_their_quotes(dataset: Dataset) -> None:
    explanation = explain(dataset, "id:university/rouen")
    assert explanation.term == ROUEN
    assert explanation.label == "University of Rouen Normandy"
    country = next(f for f in explanation.facts if f.predicate == IKG.country)
    assert country.object == ID["country/france"]
    assert country.object_label == "France"
    assert not country.inferred
    (support,) = country.supports
    assert support.excerpt == ID["excerpt/rouen"]
    assert support.exact == "membre de l’alliance INGENIUM"
    assert (support.start, support.end) == (72, 101)


def test_asserted_facts_come_before_inferred_ones(dataset: Dataset) -> None:
    facts = explain(dataset, "id:university/rouen").facts
    graphs = [f.graph for f in facts]
    assert graphs == sorted(graphs, key=lambda g: g == GRAPH_INFERRED)
    assert graphs[0] == GRAPH_FACTS
    inferred = {(f.predicate, f.object) for f in facts if f.inferred}
    assert (RDF.type, SCHEMA.CollegeOrUniversity) in inferred
    assert (ORG.memberOf, ID["alliance/ingenium"]) in inferred
    assert all(not f.supports for f in facts if f.inferred)


def test_rendered_text(dataset: Dataset) -> None:
    text = render_text(explain(dataset, "id:university/oviedo"))
    lines = text.splitlines()
    assert lines[0] == "University of Oviedo (id:university/oviedo)"
    assert "  ikg:country Spain (id:country/spain)" in lines
    assert "      « université d’Oviedo » (id:excerpt/oviedo, 105–124)" in lines
    assert "  rdf:type schema:CollegeOrUniversity  [inferred]" in lines


def test_quotes_spanning_lines_are_shown_on_one(dataset: Dataset) -> None:
    explanation = explain(dataset, "id:university/rouen")
    fact = explanation.facts[0]
    support = fact.supports[0]
    multi = Support(support.excerpt, "membre de\nl’alliance", 1, 2)
    changed = Explanation(explanation.term, None, (replace(fact, supports=(multi,)),))
    assert "      « membre de l’alliance » (id:excerpt/rouen, 1–2)" in render_text(changed)


def test_labels_prefer_english_then_french(dataset: Dataset) -> None:
    facts = dataset.graph(GRAPH_FACTS)
    assert label(facts, ID["country/spain"]) == "Spain"
    facts.remove((ID["country/spain"], RDFS.label, Literal("Spain", lang="en")))
    assert label(facts, ID["country/spain"]) == "Espagne"
    facts.add((ID["country/spain"], RDFS.label, Literal("Spain", lang="en")))


def test_unknown_term_suggests_the_nearest(dataset: Dataset) -> None:
    with pytest.raises(UnknownTermError, match="did you mean id:university/rouen"):
        explain(dataset, "id:university/rouan")


def test_unknown_prefix(dataset: Dataset) -> None:
    with pytest.raises(UnknownTermError, match=r"unknown prefix 'ikgg:'; did you mean ikg:\?"):
        explain(dataset, "ikgg:University")


def test_a_term_that_is_not_an_iri(dataset: Dataset) -> None:
    with pytest.raises(UnknownTermError, match="neither an IRI nor a prefixed name"):
        explain(dataset, "rouen")
    with pytest.raises(UnknownTermError, match="is not in the graph"):
        explain(dataset, str(URIRef("http://example.org/nothing")))
