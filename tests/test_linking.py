"""The reviewed links in data/links: what they assert, their SHACL rules, their OWL-RL footprint."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import OWL, PROV, RDFS, SKOS

from ingenium_kg.namespaces import ID, SCHEMA, WD
from ingenium_kg.pipeline import check
from ingenium_kg.stages.reasoning import entail_with_owlrl
from ingenium_kg.stages.sources import Project, parse_graph
from ingenium_kg.stages.validation import Severity
from ingenium_kg.wikidata.linking import Kind, linkables
from kg_helpers import REPO, asserted

VERIFIED = {  # ../shared/reference/wikidata.tsv, rows with status "verified", entities in the graph
    **{
        f"university/{slug}": qid
        for slug, qid in {
            "oviedo": "Q2303432",
            "medical-university-sofia": "Q1485112",
            "crete": "Q2302473",
            "karlsruhe-applied-sciences": "Q761708",
            "chieti-pescara": "Q2261128",
            "skovde": "Q1464114",
            "munster-technological": "Q58307972",
            "rouen-normandie": "Q494247",
            "iasi-technical": "Q458666",
        }.items()
    },
    **{
        f"country/{slug}": qid
        for slug, qid in {
            "spain": "Q29",
            "bulgaria": "Q219",
            "greece": "Q41",
            "germany": "Q183",
            "finland": "Q33",
            "italy": "Q38",
            "sweden": "Q34",
            "ireland": "Q27",
            "france": "Q142",
            "romania": "Q218",
        }.items()
    },
    **{
        f"city/{slug}": qid
        for slug, qid in {
            "oviedo": "Q14317",
            "sofia": "Q472",
            "heraklion": "Q160544",
            "mikkeli": "Q190583",
            "skovde": "Q21166",
            "cork": "Q36647",
            "rouen": "Q30974",
            "iasi": "Q46852",
        }.items()
    },
    "organization/european-commission": "Q8880",
    "currency/euro": "Q4916",
    "lab/idees": "Q23001757",
}


@pytest.fixture(scope="module")
def links() -> Graph:
    return parse_graph(REPO / "data" / "links" / "wikidata.ttl")


def test_the_links_are_exactly_the_verified_identifiers(links: Graph) -> None:
    found = {
        str(s).removeprefix(str(ID)): str(o) for s, o in links.subject_objects(SKOS.exactMatch)
    }
    assert found == {entity: str(WD[qid]) for entity, qid in VERIFIED.items()}


def test_every_linked_entity_is_an_entity_of_the_graph(links: Graph) -> None:
    known = {e.iri for e in linkables(asserted())}
    assert set(links.subjects(SKOS.exactMatch)) <= known
    assert {e.kind for e in linkables(asserted()) if e.link} >= {
        Kind.UNIVERSITY,
        Kind.COUNTRY,
        Kind.CITY,
        Kind.BODY,
        Kind.CURRENCY,
        Kind.LABORATORY,
    }


@pytest.mark.parametrize(
    ("entity", "name"),
    [
        ("university/crete", Literal("Πανεπιστήμιο Κρήτης", lang="el")),
        ("university/skovde", Literal("Högskolan i Skövde", lang="sv")),
        (
            "university/iasi-technical",
            Literal("Universitatea Tehnică „Gheorghe Asachi” din Iași", lang="ro"),
        ),
        (
            "university/munster-technological",
            Literal("Munster Technological University", lang="en"),
        ),
        ("country/ireland", Literal("Éire", lang="ga")),
    ],
)
def test_names_in_their_own_languages(links: Graph, entity: str, name: Literal) -> None:
    """A search over rdfs:label or schema:name in that language finds the entity."""
    names = {*links.objects(ID[entity], RDFS.label), *links.objects(ID[entity], SCHEMA.name)}
    assert name in names


def test_each_member_has_one_ror_iri_attributed_to_the_reference(links: Graph) -> None:
    members = [e for e in linkables(asserted()) if e.kind is Kind.UNIVERSITY]
    assert len(members) == 10
    for member in members:
        rors = [
            o
            for o in links.objects(member.iri, SCHEMA.identifier)
            if o.startswith("https://ror.org/")
        ]
        assert len(rors) == 1, member.iri
        assert (member.iri, PROV.wasDerivedFrom, ID["reference/identifiers"]) in links


def _violations(root: Path) -> list[tuple[str, Severity]]:
    report = check(Project(root))
    return sorted(
        (v.source_shape.removeprefix("https://w3id.org/ingenium-kg/shapes#"), v.severity)
        for v in report.violations
    )


def test_the_real_links_conform_with_one_warning_for_xamk() -> None:
    assert _violations(REPO) == [("University-wikidata-expected", Severity.WARNING)]


BROKEN = [
    (
        "a wiki page instead of the entity",
        "wd:Q494247",
        "<https://www.wikidata.org/wiki/Q494247>",
        "WikidataLink-iri",
    ),
    (
        "a leading zero",
        "wd:Q494247",
        "<http://www.wikidata.org/entity/Q0494247>",
        "WikidataLink-iri",
    ),
    ("a literal", "wd:Q494247", '"Q494247"', "WikidataLink-iri"),
    ("two links", "wd:Q494247", "wd:Q494247, wd:Q9000000104", "University-wikidata-at-most-one"),
    ("one item for two entities", "wd:Q30974 ;", "wd:Q494247 ;", "WikidataItem-one-entity"),
    ("no ROR id", "schema:identifier <https://ror.org/03nhjew95> ;", "", "University-ror"),
    (
        "a malformed ROR id",
        "<https://ror.org/03nhjew95>",
        "<https://ror.org/3nhjew95>",
        "University-ror",
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "shape"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_links_give_exactly_that_violation(
    tmp_path: Path, name: str, old: str, new: str, shape: str
) -> None:
    root = tmp_path / "project"
    for part in ("ontology", "data"):
        shutil.copytree(REPO / part, root / part)
    path = root / "data" / "links" / "wikidata.ttl"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    found = _violations(root)
    # one broken rule (a literal breaks two constraints of that one shape: IRI and pattern)
    assert {v for v in found if v[1] is Severity.VIOLATION} == {(shape, Severity.VIOLATION)}


def test_exact_match_adds_nothing_under_owl_rl_where_same_as_would() -> None:
    project = Project(REPO)
    facts = asserted()
    ontology = parse_graph(project.ontology_file)
    assert not [t for t in entail_with_owlrl(ontology, facts) if str(t[2]).startswith(str(WD))]
    as_same = Graph()
    for s, p, o in facts:
        as_same.add((s, OWL.sameAs if p == SKOS.exactMatch else p, o))
    assert [t for t in entail_with_owlrl(ontology, as_same) if str(t[2]).startswith(str(WD))]
