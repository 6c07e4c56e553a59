"""The restricted rules give exactly owlrl's inferences, on the article, on generated trees and
random data, and on small ontologies that hit each subtlety; what they do not implement is
refused instead of silently giving another closure."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import owlrl
import pyoxigraph as ox
import pytest

from ingenium_kg.errors import SourceError
from ingenium_kg.namespaces import DATA_NS, PREFIXES
from ingenium_kg.stages.graph import assemble, load_ontology
from ingenium_kg.stages.reasoning import entail, entail_with_owlrl
from ingenium_kg.stages.sources import Project
from ingenium_kg.terms import rdflib_graph, to_ox
from kg_helpers import FIXTURE, REPO

RDF, RDFS, OWL = PREFIXES["rdf"], PREFIXES["rdfs"], PREFIXES["owl"]
TYPE = ox.NamedNode(RDF + "type")
SAME_AS = ox.NamedNode(OWL + "sameAs")
THING = ox.NamedNode(OWL + "Thing")
HEADER = f"""
@prefix rdf: <{RDF}> . @prefix rdfs: <{RDFS}> . @prefix owl: <{OWL}> .
@prefix xsd: <{PREFIXES["xsd"]}> . @prefix ex: <http://example.org/> . @prefix id: <{DATA_NS}> .
@prefix wd: <{PREFIXES["wd"]}> .
"""


def _turtle(text: str) -> list[ox.Triple]:
    return [q.triple for q in ox.parse(HEADER + text, format=ox.RdfFormat.TURTLE)]


def _nt(text: str) -> set[str]:
    """N-Triples strings, the way the tests compare triples."""
    return {str(t) for t in _turtle(text)}


def _same_as_owlrl(ontology: list[ox.Triple], facts: list[ox.Triple]) -> list[ox.Triple]:
    """`entail`, checked to equal the reference triple for triple and to be sorted."""
    inferred = entail(ontology, facts)
    reference = entail_with_owlrl(rdflib_graph(ontology), rdflib_graph(facts))
    expected = sorted(str(ox.Triple(*(to_ox(term) for term in t))) for t in reference)  # type: ignore[misc]
    assert [str(t) for t in inferred] == expected
    return inferred


def test_the_article_closure_equals_owlrl() -> None:
    project = Project(REPO)
    inferred = _same_as_owlrl(load_ontology(project), list(assemble(project).facts))
    member_of = ox.NamedNode(PREFIXES["org"] + "memberOf")
    alliance = ox.NamedNode(DATA_NS + "alliance/ingenium")
    assert sum(t.predicate == member_of and t.object == alliance for t in inferred) == 10


def test_a_generated_tree_closure_equals_owlrl(tmp_path: Path) -> None:
    """Two renamed copies of the article (bench/generate.py makes one copy per 2900 triples)."""
    spec = importlib.util.spec_from_file_location("generate", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    assert generate.generate(2 * 2900, tmp_path / "tree") == 2
    project = Project(tmp_path / "tree")
    _same_as_owlrl(load_ontology(project), list(assemble(project).facts))


def _random_facts(ontology: list[ox.Triple], size: int) -> list[ox.Triple]:
    """Triples over the ontology's properties and classes the article does not have: literal and
    blank-node objects on any property (inverses of literals included), blank and external
    subjects, types of any class."""
    rng = random.Random(7)
    schema = {RDFS + name for name in ("domain", "range", "subPropertyOf")} | {OWL + "inverseOf"}
    properties = sorted({t.subject for t in ontology if t.predicate.value in schema}, key=str)
    classes = sorted(
        {t.subject for t in ontology if t.object == ox.NamedNode(OWL + "Class")}, key=str
    )
    nodes: list[ox.NamedNode | ox.BlankNode] = [
        ox.NamedNode(f"{DATA_NS}random/{n}") for n in range(size // 8)
    ]
    nodes += [ox.NamedNode(f"{PREFIXES['wd']}Q{n}") for n in range(5)]
    nodes += [ox.BlankNode(f"b{n}") for n in range(5)]
    literals = [
        ox.Literal("x"),
        ox.Literal("y", language="fr"),
        ox.Literal("3", datatype=ox.NamedNode(PREFIXES["xsd"] + "integer")),
    ]
    facts = []
    for _ in range(size):
        subject, draw = rng.choice(nodes), rng.random()
        if draw < 0.3:
            facts.append(ox.Triple(subject, TYPE, rng.choice(classes)))
        else:
            value = rng.choice(literals) if draw < 0.45 else rng.choice(nodes)
            facts.append(ox.Triple(subject, rng.choice(properties), value))
    return facts


def test_random_data_closure_equals_owlrl() -> None:
    ontology = load_ontology(Project(REPO))
    assert _same_as_owlrl(ontology, _random_facts(ontology, 1200))


def test_inherited_domains_ranges_and_inverses_of_super_properties() -> None:
    """Types from inverse triples, inverses of a super-property, domains through subPropertyOf,
    and the ontology's own triples about data IRIs: read as facts, and asserted."""
    ontology = _turtle("""
        ex:headOf rdfs:subPropertyOf ex:memberOf .
        ex:memberOf owl:inverseOf ex:hasMember ; rdfs:domain ex:Agent .
        ex:hasMember rdfs:domain ex:Organization ; rdfs:range ex:Person .
        ex:Person rdfs:subClassOf ex:Agent . ex:Agent rdfs:subClassOf ex:Entity .
        ex:ontology ex:publisher id:org . ex:publisher rdfs:range ex:Publisher .
        id:org a ex:Organization .
    """)
    facts = _turtle("id:ann ex:headOf id:org .")
    inferred = _same_as_owlrl(ontology, facts)
    assert {str(t) for t in inferred} == _nt("""
        id:ann ex:memberOf id:org ; a ex:Person, ex:Agent, ex:Entity .
        id:org ex:hasMember id:ann ; a ex:Publisher .
    """)


def test_literal_objects_reason_as_owlrl_does() -> None:
    """owlrl derives `"v" ex:codeOf id:a` and reasons on it: the range of the inverse types the
    subject, an inverse of its super-property comes back to it. Literals keep their exact form."""
    ontology = _turtle("""
        ex:code a owl:DatatypeProperty ; rdfs:domain ex:Coded ; rdfs:range xsd:string .
        ex:codeOf owl:inverseOf ex:code ; rdfs:range ex:HasCode ; rdfs:subPropertyOf ex:codeOf2 .
        ex:codeOf2 owl:inverseOf ex:code2 .
        ex:name rdfs:subPropertyOf rdfs:label .
    """)
    facts = _turtle("""
        id:a ex:code "a \\"quoted\\"\\nline, é, 😀"@fr ; ex:name "A"^^xsd:token .
    """)
    inferred = _same_as_owlrl(ontology, facts)
    assert {str(t) for t in inferred} == _nt("""
        id:a a ex:Coded, ex:HasCode ; rdfs:label "A"^^xsd:token ;
            ex:code2 "a \\"quoted\\"\\nline, é, 😀"@fr .
    """)


def test_only_new_non_trivial_triples_about_our_data_are_kept() -> None:
    """owlrl's closure has each of these; the filter leaves them out, in both implementations."""
    ontology = _turtle("""
        ex:Unit a owl:Class ; rdfs:subClassOf ex:Organization .
        ex:partOf rdfs:domain owl:Thing ; rdfs:range ex:Unit ; owl:inverseOf ex:hasPart .
    """)
    facts = _turtle("""
        id:a ex:partOf id:b . id:b a ex:Organization .
        wd:Q1 ex:partOf id:c . id:d ex:partOf [] . [] ex:partOf id:e .
    """)
    graph = rdflib_graph([*ontology, *facts])
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, rdfs_closure=False, axiomatic_triples=False, datatype_axioms=False
    ).expand(graph)
    closure = {ox.Triple(*(to_ox(term) for term in t)) for t in graph}  # type: ignore[misc]
    a, b, e = (ox.NamedNode(DATA_NS + name) for name in "abe")
    left_out = {
        ox.Triple(a, SAME_AS, a),  # eq-ref
        ox.Triple(a, TYPE, THING),  # prp-dom on owl:Thing, and scm-cls
        ox.Triple(b, TYPE, ox.NamedNode("http://example.org/Organization")),  # asserted
        ox.Triple(ox.NamedNode(PREFIXES["wd"] + "Q1"), TYPE, THING),  # not our data
    }
    assert left_out <= closure
    assert any(t.subject == e and isinstance(t.object, ox.BlankNode) for t in closure)
    inferred = _same_as_owlrl(ontology, facts)
    assert not left_out & set(inferred)
    for t in inferred:
        assert isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(DATA_NS)
        assert not isinstance(t.object, ox.BlankNode)
        assert t.predicate != SAME_AS and t not in facts
    assert ox.Triple(b, TYPE, ox.NamedNode("http://example.org/Unit")) in inferred


def test_the_output_is_sorted_and_does_not_depend_on_input_order() -> None:
    project = Project(FIXTURE)
    ontology, facts = load_ontology(project), list(assemble(project).facts)
    inferred = entail(ontology, facts)
    assert inferred and inferred == sorted(inferred, key=str)
    shuffled = facts[:]
    random.Random(3).shuffle(shuffled)
    assert entail(ontology[::-1], shuffled) == inferred


def test_inputs_are_not_modified_and_may_be_iterators() -> None:
    project = Project(FIXTURE)
    ontology, facts = load_ontology(project), list(assemble(project).facts)
    before = (list(ontology), list(facts))
    inferred = entail(ontology, facts)
    assert (ontology, facts) == before
    assert entail(iter(ontology), (t for t in facts)) == inferred


def test_the_rules_infer_nothing_from_nothing() -> None:
    assert entail(load_ontology(Project(FIXTURE)), []) == []


@pytest.mark.parametrize(
    ("ontology", "facts", "message"),
    [
        ("ex:partOf a owl:TransitiveProperty .", "", r"ontology states <\S+/partOf> .*Transitive"),
        ("ex:A owl:equivalentClass ex:B .", "", r"ontology uses owl:equivalentClass"),
        ("ex:p owl:propertyChainAxiom (ex:q ex:r) .", "", r"owl:propertyChainAxiom"),
        ("ex:A rdfs:subClassOf [ owl:onProperty ex:p ; owl:hasValue ex:v ] .", "", "owl:hasValue"),
        ("", "id:a owl:sameAs id:b .", r"data uses owl:sameAs \(on id:a\)"),
        ("ex:kind rdfs:subPropertyOf rdf:type .", "", r"rdf:type about the OWL vocabulary"),
        ("owl:Thing rdfs:subClassOf ex:A .", "", r"owl:Thing rdfs:subClassOf <\S+/A> about"),
        ("ex:p rdfs:range owl:Class .", "", r"infer the type owl:Class"),
        ("", "id:x a owl:Class .", r"data states id:x rdf:type owl:Class"),
        ("", "id:x a xsd:integer .", r"data states id:x rdf:type xsd:integer"),
        ("", "id:x rdfs:subClassOf ex:A .", r"data uses the data IRI id:x as a class"),
        ("", "id:x a owl:Nothing .", r"owl:Nothing"),
    ],
)
def test_a_construct_the_rules_do_not_implement_is_refused(
    ontology: str, facts: str, message: str
) -> None:
    base = load_ontology(Project(FIXTURE))
    with pytest.raises(SourceError, match=rf"{message}.*does not implement"):
        entail([*base, *_turtle(ontology)], _turtle(facts))


def test_declarations_and_datatypes_outside_our_data_are_accepted() -> None:
    """Only a data IRI declared a class or typed with a datatype changes owlrl's output."""
    ontology = _turtle("ex:A a owl:Class . xsd:integer a rdfs:Datatype . ex:p rdfs:domain ex:A .")
    assert {str(t) for t in _same_as_owlrl(ontology, _turtle("id:x ex:p 1 ."))} == _nt(
        "id:x a ex:A ."
    )
