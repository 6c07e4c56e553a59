from rdflib import BNode, Graph, Literal
from rdflib.compare import to_isomorphic
from rdflib.namespace import OWL, RDF, RDFS

from ingenium_kg.build.graph import assemble, load_ontology
from ingenium_kg.build.reasoning import entail
from ingenium_kg.build.sources import Project
from ingenium_kg.namespaces import GRAPH_FACTS, ID, ORG, SCHEMA
from kg_helpers import FIXTURE

ROUEN = ID["university/rouen"]


def _inputs() -> tuple[Graph, Graph]:
    project = Project(FIXTURE)
    return load_ontology(project), assemble(project).graph(GRAPH_FACTS)


def test_subclass_type_and_inverse_property_are_inferred() -> None:
    ontology, facts = _inputs()
    inferred = entail(ontology, facts)
    assert (ROUEN, RDF.type, SCHEMA.CollegeOrUniversity) in inferred
    assert (ROUEN, ORG.memberOf, ID["alliance/ingenium"]) in inferred
    assert (ROUEN, RDF.type, SCHEMA.CollegeOrUniversity) not in facts


def test_only_new_triples_about_our_data_are_kept() -> None:
    ontology, facts = _inputs()
    inferred = entail(ontology, facts)
    assert len(inferred) > 0
    for s, p, o in inferred:
        assert str(s).startswith(str(ID))
        assert not isinstance(o, BNode)
        assert (s, p, o) not in facts
        assert not (p == OWL.sameAs and s == o)
        assert not (p == RDF.type and o in (OWL.Thing, RDFS.Resource))
    assert not any(isinstance(s, Literal) for s in inferred.subjects())


def test_inputs_are_not_modified() -> None:
    ontology, facts = _inputs()
    before = (to_isomorphic(ontology), to_isomorphic(facts))
    sizes = (len(ontology), len(facts))
    entail(ontology, facts)
    assert (len(ontology), len(facts)) == sizes
    assert (to_isomorphic(ontology), to_isomorphic(facts)) == before
