"""The restricted rule set gives exactly owlrl's closure, on the article and on generated data."""

import random

import pyoxigraph as ox
import pytest

from ingenium_kg.errors import SourceError
from ingenium_kg.namespaces import DATA_NS, ONTOLOGY_NS, PREFIXES
from ingenium_kg.stages.graph import assemble, load_ontology
from ingenium_kg.stages.reasoning import entail, entail_with_owlrl
from ingenium_kg.stages.sources import Project
from ingenium_kg.terms import rdflib_graph, to_ox
from kg_helpers import FIXTURE, REPO

TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
ROUEN = ox.NamedNode(DATA_NS + "university/rouen")


def _reference(ontology: list[ox.Triple], facts: list[ox.Triple]) -> set[str]:
    inferred = entail_with_owlrl(rdflib_graph(ontology), rdflib_graph(facts))
    return {str(ox.Triple(*(to_ox(t) for t in triple))) for triple in inferred}  # type: ignore[misc]


def test_the_article_closure_equals_owlrl() -> None:
    project = Project(REPO)
    ontology, facts = load_ontology(project), list(assemble(project).facts)
    inferred = entail(ontology, facts)
    assert inferred
    assert {str(t) for t in inferred} == _reference(ontology, facts)


def _generated_facts(ontology: list[ox.Triple], size: int) -> list[ox.Triple]:
    """Copies of the article's facts under new IRIs, plus random triples over every property
    and class of the ontology, so each rule meets shapes the article does not have."""
    article = assemble(Project(REPO)).facts
    rng = random.Random(11)
    out: list[ox.Triple] = []

    def renamed(term: ox.NamedNode | ox.Literal, copy: int) -> ox.NamedNode | ox.Literal:
        if isinstance(term, ox.NamedNode) and term.value.startswith(DATA_NS):
            return ox.NamedNode(f"{term.value}-copy{copy}")
        return term

    for copy in range(3):
        out += [
            ox.Triple(renamed(t.subject, copy), t.predicate, renamed(t.object, copy))
            for t in article
        ]  # type: ignore[arg-type]
    properties = sorted(
        {t.subject for t in ontology if t.predicate.value.endswith("domain")}, key=str
    )
    classes = sorted(
        {t.subject for t in ontology if t.object == ox.NamedNode(PREFIXES["owl"] + "Class")},
        key=str,
    )
    nodes = [ox.NamedNode(f"{DATA_NS}generated/{n}") for n in range(size // 10)]
    for _ in range(size):
        s, o = rng.choice(nodes), rng.choice(nodes)
        if rng.random() < 0.3:
            out.append(ox.Triple(s, TYPE, rng.choice(classes)))
        else:
            out.append(ox.Triple(s, rng.choice(properties), o))  # type: ignore[arg-type]
    return out


def test_generated_data_closure_equals_owlrl() -> None:
    ontology = load_ontology(Project(REPO))
    facts = _generated_facts(ontology, 1500)
    assert {str(t) for t in entail(ontology, facts)} == _reference(ontology, facts)


def test_subclass_types_and_inverse_properties_are_inferred() -> None:
    project = Project(FIXTURE)
    inferred = set(entail(load_ontology(project), assemble(project).facts))
    college = ox.NamedNode(PREFIXES["schema"] + "CollegeOrUniversity")
    member_of = ox.NamedNode(PREFIXES["org"] + "memberOf")
    assert ox.Triple(ROUEN, TYPE, college) in inferred
    assert ox.Triple(ROUEN, member_of, ox.NamedNode(DATA_NS + "alliance/ingenium")) in inferred


def test_only_new_non_trivial_triples_about_our_data_are_kept_sorted() -> None:
    project = Project(FIXTURE)
    facts = assemble(project).facts
    inferred = entail(load_ontology(project), facts)
    assert inferred == sorted(inferred, key=str)
    trivial = {ox.NamedNode(PREFIXES["owl"] + "Thing"), ox.NamedNode(PREFIXES["rdfs"] + "Resource")}
    for t in inferred:
        assert isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(DATA_NS)
        assert not isinstance(t.object, ox.BlankNode)
        assert t not in facts
        assert not (t.predicate == TYPE and t.object in trivial)


def test_inputs_are_not_modified() -> None:
    project = Project(FIXTURE)
    ontology, facts = load_ontology(project), list(assemble(project).facts)
    before = (list(ontology), list(facts))
    entail(ontology, facts)
    assert (ontology, facts) == before


def test_a_construct_the_rules_do_not_implement_is_refused() -> None:
    ontology = load_ontology(Project(FIXTURE))
    transitive = ox.Triple(
        ox.NamedNode(ONTOLOGY_NS + "partOf"),
        TYPE,
        ox.NamedNode(PREFIXES["owl"] + "TransitiveProperty"),
    )
    with pytest.raises(SourceError, match=r"TransitiveProperty.*does not implement"):
        entail([*ontology, transitive], [])


def test_a_generated_tree_closure_equals_owlrl(tmp_path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("generate", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    generate.generate(2 * 2900, tmp_path / "tree")
    project = Project(tmp_path / "tree")
    ontology, facts = load_ontology(project), list(assemble(project).facts)
    assert {str(t) for t in entail(ontology, facts)} == _reference(ontology, facts)
