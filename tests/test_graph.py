import hashlib
from pathlib import Path

import pytest
from rdflib import BNode, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from ingenium_kg.build.graph import assemble, load_ontology, statement_iri, triple_counts
from ingenium_kg.build.sources import Project
from ingenium_kg.errors import SourceError
from ingenium_kg.namespaces import (
    GRAPH_ENRICHMENT,
    GRAPH_FACTS,
    GRAPH_LINKS,
    GRAPH_PROVENANCE,
    ID,
    IKG,
    ONTOLOGY_IRI,
    ORG,
)
from kg_helpers import FIXTURE, edit

ROUEN = ID["university/rouen"]
ALLIANCE = ID["alliance/ingenium"]


def test_facts_are_the_union_of_excerpt_graphs() -> None:
    dataset = assemble(Project(FIXTURE))
    facts = dataset.graph(GRAPH_FACTS)
    assert (ALLIANCE, ORG.hasMember, ROUEN) in facts
    assert (ALLIANCE, ORG.hasMember, ID["university/oviedo"]) in facts
    # the excerpt descriptions are provenance, not facts
    assert not list(facts.triples((ID["excerpt/rouen"], None, None)))
    assert len(facts) == 20


def test_provenance_links_entities_and_statements_to_excerpts() -> None:
    dataset = assemble(Project(FIXTURE))
    provenance = dataset.graph(GRAPH_PROVENANCE)
    assert (ROUEN, PROV.wasDerivedFrom, ID["excerpt/rouen"]) in provenance
    # the alliance is a subject in all three excerpts
    assert set(provenance.objects(ALLIANCE, PROV.wasDerivedFrom)) == {
        ID["excerpt/members"],
        ID["excerpt/rouen"],
        ID["excerpt/oviedo"],
    }
    node = statement_iri(ROUEN, RDF.type, IKG.University)
    assert (node, RDF.type, RDF.Statement) in provenance
    assert provenance.value(node, RDF.subject) == ROUEN
    assert provenance.value(node, RDF.predicate) == RDF.type
    assert provenance.value(node, RDF.object) == IKG.University
    assert list(provenance.objects(node, PROV.wasDerivedFrom)) == [ID["excerpt/rouen"]]
    # the default graph (excerpt descriptions) is provenance too
    assert (ID["excerpt/rouen"], RDF.type, IKG.Excerpt) in provenance


def test_statement_iri_is_a_hash_of_the_n_triples_line() -> None:
    line = f"<{ROUEN}> <{RDF.type}> <{IKG.University}> ."
    digest = hashlib.sha256(line.encode()).hexdigest()[:16]
    assert statement_iri(ROUEN, RDF.type, IKG.University) == ID[f"statement/{digest}"]


def test_a_fact_in_two_excerpts_gets_both(project: Project) -> None:
    edit(
        project.article_files[0],
        "<excerpt/oviedo> {\n",
        "<excerpt/oviedo> {\n    <alliance/ingenium> a ikg:EuropeanUniversityAlliance .\n",
    )
    provenance = assemble(project).graph(GRAPH_PROVENANCE)
    node = statement_iri(ALLIANCE, RDF.type, IKG.EuropeanUniversityAlliance)
    assert set(provenance.objects(node, PROV.wasDerivedFrom)) == {
        ID["excerpt/members"],
        ID["excerpt/oviedo"],
    }


def test_no_blank_nodes_anywhere() -> None:
    dataset = assemble(Project(FIXTURE))
    for quad in dataset.quads((None, None, None, None)):
        assert not any(isinstance(term, BNode) for term in quad)


def test_blank_nodes_in_data_are_rejected(project: Project) -> None:
    edit(project.article_files[0], "ikg:country <country/spain>", "ikg:country [ a ikg:X ]")
    with pytest.raises(SourceError, match=r"x\.trig: blank node"):
        assemble(project)


def test_links_and_enrichment_files_fill_their_graphs(project: Project) -> None:
    links = project.root / "data" / "links"
    links.mkdir()
    (links / "wikidata.ttl").write_text(
        "<university/rouen> <http://www.w3.org/2002/07/owl#sameAs>"
        " <http://www.wikidata.org/entity/Q1> .\n"
    )
    enrichment = project.root / "data" / "enrichment"
    enrichment.mkdir()
    (enrichment / "wd.trig").write_text(
        "<http://www.wikidata.org/entity/Q1> <http://www.w3.org/2000/01/rdf-schema#label> 'R' .\n"
    )
    dataset = assemble(project)
    assert len(dataset.graph(GRAPH_LINKS)) == 1
    assert (URIRef("http://www.wikidata.org/entity/Q1"), RDFS.label, None) in dataset.graph(
        GRAPH_ENRICHMENT
    )
    counts = dict(triple_counts(dataset))
    assert counts[GRAPH_LINKS] == 1
    assert counts[GRAPH_ENRICHMENT] == 1


def test_a_project_without_article_data_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"no \*\.trig data files"):
        assemble(Project(tmp_path))


def test_ontology_is_a_graph_named_by_the_ontology_iri() -> None:
    ontology = load_ontology(Project(FIXTURE))
    assert ontology.identifier == URIRef(ONTOLOGY_IRI)
    assert (IKG.University, RDFS.subClassOf, None) in ontology
