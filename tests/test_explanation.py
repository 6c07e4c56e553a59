from dataclasses import replace

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

from ingenium_kg.dataset import BuiltDataset
from ingenium_kg.errors import UnknownTermError
from ingenium_kg.explanation import Explanation, Support, explain, render_text, resolve
from ingenium_kg.namespaces import GRAPH_FACTS, GRAPH_INFERRED, ID, IKG, ORG, SCHEMA
from ingenium_kg.pipeline import open_dataset
from ingenium_kg.stages.sources import Project
from kg_helpers import edit

ROUEN = ID["university/rouen"]


@pytest.fixture(scope="module")
def dataset(built_fixture: BuiltDataset) -> BuiltDataset:
    return built_fixture


def test_resolve_prefixed_names_with_slashes_and_full_iris() -> None:
    assert resolve("id:university/oviedo") == ID["university/oviedo"]
    assert resolve("ikg:University") == IKG.University
    assert resolve(f"<{ROUEN}>") == ROUEN
    assert resolve(str(ROUEN)) == ROUEN


def test_facts_come_with_their_quotes(dataset: BuiltDataset) -> None:
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


def test_asserted_facts_come_before_inferred_ones(dataset: BuiltDataset) -> None:
    facts = explain(dataset, "id:university/rouen").facts
    graphs = [f.graph for f in facts]
    assert graphs == sorted(graphs, key=lambda g: g == GRAPH_INFERRED)
    assert graphs[0] == GRAPH_FACTS
    inferred = {(f.predicate, f.object) for f in facts if f.inferred}
    assert (RDF.type, SCHEMA.CollegeOrUniversity) in inferred
    assert (ORG.memberOf, ID["alliance/ingenium"]) in inferred
    assert all(not f.supports for f in facts if f.inferred)


def test_rendered_text(dataset: BuiltDataset) -> None:
    text = render_text(explain(dataset, "id:university/oviedo"))
    lines = text.splitlines()
    assert lines[0] == "University of Oviedo (id:university/oviedo)"
    assert "  ikg:country Spain (id:country/spain)" in lines
    assert "      « université d’Oviedo » (id:excerpt/oviedo, 105–124)" in lines
    assert "  rdf:type schema:CollegeOrUniversity  [inferred]" in lines


def test_quotes_spanning_lines_are_shown_on_one(dataset: BuiltDataset) -> None:
    explanation = explain(dataset, "id:university/rouen")
    fact = explanation.facts[0]
    support = fact.supports[0]
    multi = Support(support.excerpt, "membre de\nl’alliance", 1, 2)
    changed = Explanation(explanation.term, None, (replace(fact, supports=(multi,)),))
    assert "      « membre de l’alliance » (id:excerpt/rouen, 1–2)" in render_text(changed)


def test_unknown_term_suggests_the_nearest(dataset: BuiltDataset) -> None:
    with pytest.raises(UnknownTermError, match="did you mean id:university/rouen"):
        explain(dataset, "id:university/rouan")


def test_unknown_prefix(dataset: BuiltDataset) -> None:
    with pytest.raises(UnknownTermError, match=r"unknown prefix 'ikgg:'; did you mean ikg:\?"):
        explain(dataset, "ikgg:University")


def test_a_term_that_is_not_an_iri(dataset: BuiltDataset) -> None:
    with pytest.raises(UnknownTermError, match="neither an IRI nor a prefixed name"):
        explain(dataset, "rouen")
    with pytest.raises(UnknownTermError, match="is not in the graph"):
        explain(dataset, str(URIRef("http://example.org/nothing")))


def test_a_fact_in_two_excerpts_shows_both_quotes(project: Project) -> None:
    edit(
        project.article_files[0],
        "<excerpt/oviedo> {\n",
        "<excerpt/oviedo> {\n    <alliance/ingenium> a ikg:EuropeanUniversityAlliance .\n",
    )
    facts = explain(open_dataset(project), "id:alliance/ingenium").facts
    typed = next(f for f in facts if f.predicate == RDF.type and not f.inferred)
    assert [s.excerpt for s in typed.supports] == [ID["excerpt/members"], ID["excerpt/oviedo"]]
