"""Assembly: excerpt graphs as published, their descriptions, facts as their union."""

from pathlib import Path

import pyoxigraph as ox
import pytest

from ingenium_kg.errors import SourceError
from ingenium_kg.namespaces import DATA_NS, ONTOLOGY_NS, PREFIXES
from ingenium_kg.stages.graph import assemble, load_ontology
from ingenium_kg.stages.sources import Project
from kg_helpers import FIXTURE, edit


def iri(local: str) -> ox.NamedNode:
    return ox.NamedNode(DATA_NS + local)


ROUEN, ALLIANCE = iri("university/rouen"), iri("alliance/ingenium")
HAS_MEMBER = ox.NamedNode(PREFIXES["org"] + "hasMember")
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")


def test_facts_are_the_deduplicated_union_of_excerpt_graphs() -> None:
    assembly = assemble(Project(FIXTURE))
    assert ox.Triple(ALLIANCE, HAS_MEMBER, ROUEN) in assembly.facts
    assert len(assembly.facts) == len(set(assembly.facts)) == 20
    assert {q.triple for q in assembly.excerpts} == set(assembly.facts)
    # the excerpt descriptions are provenance, not facts
    assert not [t for t in assembly.facts if t.subject == iri("excerpt/rouen")]
    assert ox.Triple(iri("excerpt/rouen"), RDF_TYPE, ox.NamedNode(ONTOLOGY_NS + "Excerpt")) in (
        assembly.provenance
    )


def test_excerpt_graphs_hold_exactly_their_own_facts() -> None:
    assembly = assemble(Project(FIXTURE))
    graphs = {q.graph_name for q in assembly.excerpts}
    assert graphs == {iri("excerpt/members"), iri("excerpt/rouen"), iri("excerpt/oviedo")}
    rouen = {q.triple for q in assembly.excerpts if q.graph_name == iri("excerpt/rouen")}
    assert ox.Triple(ALLIANCE, HAS_MEMBER, ROUEN) in rouen
    assert not [t for t in rouen if t.subject == iri("university/oviedo")]


def test_a_fact_in_two_excerpts_is_in_both_graphs_and_once_in_the_facts(project: Project) -> None:
    edit(
        project.article_files[0],
        "<excerpt/oviedo> {\n",
        "<excerpt/oviedo> {\n    <alliance/ingenium> a ikg:EuropeanUniversityAlliance .\n",
    )
    assembly = assemble(project)
    fact = ox.Triple(ALLIANCE, RDF_TYPE, ox.NamedNode(ONTOLOGY_NS + "EuropeanUniversityAlliance"))
    holders = {q.graph_name for q in assembly.excerpts if q.triple == fact}
    assert holders == {iri("excerpt/members"), iri("excerpt/oviedo")}
    assert assembly.facts.count(fact) == 1


def test_blank_nodes_in_data_are_rejected(project: Project) -> None:
    edit(project.article_files[0], "ikg:country <country/spain>", "ikg:country [ a ikg:X ]")
    with pytest.raises(SourceError, match=r"x\.trig: blank node"):
        assemble(project)


def test_a_syntax_error_names_the_file_and_line(project: Project) -> None:
    edit(project.article_files[0], "ikg:country <country/spain>", "ikg:country <country/sp ain>")
    with pytest.raises(SourceError, match=r"x\.trig:\d+: .*IRI"):
        assemble(project)


def test_links_and_enrichment_files_fill_their_graphs(project: Project) -> None:
    links = project.root / "data" / "links"
    links.mkdir()
    (links / "wikidata.ttl").write_text(
        "<university/rouen> <http://www.w3.org/2004/02/skos/core#exactMatch>"
        " <http://www.wikidata.org/entity/Q1> .\n"
    )
    enrichment = project.root / "data" / "enrichment"
    enrichment.mkdir()
    (enrichment / "wd.trig").write_text(
        "<http://www.wikidata.org/entity/Q1> <http://www.w3.org/2000/01/rdf-schema#label> 'R' .\n"
    )
    assembly = assemble(project)
    assert len(assembly.links) == 1
    assert assembly.enrichment[0].subject == ox.NamedNode("http://www.wikidata.org/entity/Q1")


def test_a_project_without_article_data_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"no \*\.trig data files"):
        assemble(Project(tmp_path))


def test_the_ontology_is_read_with_its_blank_nodes() -> None:
    ontology = load_ontology(Project(FIXTURE))
    subclass = PREFIXES["rdfs"] + "subClassOf"
    university = ox.NamedNode(ONTOLOGY_NS + "University")
    assert [t for t in ontology if t.subject == university and t.predicate.value == subclass]
