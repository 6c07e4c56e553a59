"""Validation: the whole-graph engine against pyshacl on small graphs, and the report."""

import json

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD

from ingenium_kg.errors import SourceError
from ingenium_kg.namespaces import ID, IKG, OA, SH
from ingenium_kg.stages.graph import assemble, load_ontology, load_shapes
from ingenium_kg.stages.quotes import QuoteProblem
from ingenium_kg.stages.sources import Project
from ingenium_kg.stages.validation import (
    Report,
    ReportFormat,
    Severity,
    Violation,
    validate,
    validate_with_pyshacl,
)
from ingenium_kg.terms import rdflib_graph, to_ox
from kg_helpers import FIXTURE

ROUEN = ID["university/rouen"]
ALLIANCE = ID["alliance/ingenium"]


def _broken_facts() -> Graph:
    """Fixture facts with Rouen's label and country removed and a non-integer count added."""
    facts = _facts()
    facts.remove((ROUEN, RDFS.label, None))
    facts.remove((ROUEN, IKG.country, None))
    facts.add((ALLIANCE, IKG.declaredMemberCount, Literal("dix")))
    return facts


def _facts() -> Graph:
    return rdflib_graph(assemble(Project(FIXTURE)).facts)


def _store(graph: Graph) -> ox.Store:
    store = ox.Store()
    store.bulk_extend(ox.Quad(*(to_ox(t) for t in triple)) for triple in graph)  # type: ignore[misc]
    return store


def _report(facts: Graph, shapes: Graph | None = None) -> Report:
    """The engine's report, checked against pyshacl's on the very same data graph."""
    project = Project(FIXTURE)
    data = facts + rdflib_graph(load_ontology(project))
    shapes = shapes if shapes is not None else load_shapes(project)
    ours, reference = validate(_store(data), shapes), validate_with_pyshacl(data, shapes)
    key = [
        (v.focus, v.path, v.value, v.source_shape, v.constraint_component) for v in ours.violations
    ]
    assert key == [
        (v.focus, v.path, v.value, v.source_shape, v.constraint_component)
        for v in reference.violations
    ]
    return ours


def test_fixture_facts_conform() -> None:
    report = _report(_facts())
    assert report.conforms
    assert report.violations == ()


def test_violations_are_sorted_records_with_stable_shapes() -> None:
    report = _report(_broken_facts())
    assert not report.conforms
    keys = [v.sort_key() for v in report.violations]
    assert keys == sorted(keys)
    by_path = {(v.focus, v.path, v.constraint_component) for v in report.violations}
    assert (ROUEN, RDFS.label, SH.MinCountConstraintComponent) in by_path
    assert (ROUEN, IKG.country, SH.MinCountConstraintComponent) in by_path
    assert (ALLIANCE, IKG.declaredMemberCount, SH.DatatypeConstraintComponent) in by_path
    # property shapes are blank nodes: they are reported as their (IRI) node shape
    assert {v.source_shape for v in report.violations} == {IKG.UniversityShape, IKG.AllianceShape}
    label = next(v for v in report.violations if v.path == RDFS.label)
    assert label.message == "A university needs a label."
    assert ("fr", "Une université doit avoir un libellé.") in label.messages
    datatype = next(
        v for v in report.violations if v.constraint_component == SH.DatatypeConstraintComponent
    )
    assert datatype.value == Literal("dix")
    assert datatype.severity is Severity.VIOLATION


def test_renderings_are_identical_for_identical_input() -> None:
    first, second = _report(_broken_facts()), _report(_broken_facts())
    for fmt in ReportFormat:
        assert first.render(fmt) == second.render(fmt)


def test_text_rendering_has_one_line_per_violation_and_a_verdict() -> None:
    report = _report(_broken_facts())
    lines = report.render(ReportFormat.TEXT).splitlines()
    assert len(lines) == len(report.violations) + 1
    assert lines[-1] == f"Does not conform: {len(report.violations)} violation(s)."
    assert any(
        line.startswith("Violation: id:university/rouen rdfs:label: A university needs a label.")
        for line in lines
    )


def test_json_rendering() -> None:
    report = _report(_broken_facts())
    body = json.loads(report.render(ReportFormat.JSON))
    assert body["conforms"] is False
    assert len(body["violations"]) == len(report.violations)
    assert body["violations"][0]["severity"] == "Violation"


def test_turtle_rendering_is_a_blank_node_free_shacl_report() -> None:
    report = _report(_broken_facts())
    graph = Graph().parse(data=report.render(ReportFormat.TURTLE), format="turtle")
    assert not any(isinstance(t, BNode) for triple in graph for t in triple)
    root = ID["report"]
    assert (root, RDF.type, SH.ValidationReport) in graph
    assert graph.value(root, SH.conforms) == Literal(False)
    results = sorted(graph.objects(root, SH.result))
    assert results[0] == ID["report/result/1"]
    assert len(results) == len(report.violations)
    assert isomorphic(graph, Graph().parse(data=report.render(ReportFormat.TURTLE)))


def test_quote_problems_join_the_report() -> None:
    problem = QuoteProblem(ID["excerpt/x"], "text at 1–2 is «a»", (ROUEN,), OA.start)
    report = Report().including((problem,))
    assert not report.conforms
    (violation,) = report.violations
    assert violation.constraint_component == IKG.QuoteCheck
    assert violation.source_shape == IKG.QuoteCheck
    assert violation.focus == ID["excerpt/x"]
    assert violation.message == "text at 1–2 is «a» (supports id:university/rouen)"


def test_warnings_do_not_fail_a_report() -> None:
    warning = Violation(
        ROUEN, None, None, IKG.S, SH.MinCountConstraintComponent, Severity.WARNING, "w"
    )
    assert Report((warning,)).conforms
    assert Report((warning,)).render(ReportFormat.TEXT).endswith("Conforms.\n")


SHAPES_PREFIXES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://ex.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
EX = "http://ex.org/"


@pytest.mark.parametrize(
    ("constraint", "values"),
    [
        ("sh:datatype xsd:integer", ['"nine"^^xsd:integer', "7", '"7"']),
        ("sh:nodeKind sh:IRI", ["ex:a", '"a"']),
        ('sh:pattern "^[A-Z]{3}$"', ['"EUR"', '"euro"']),
        ("sh:minInclusive 1", ["0", "1", '"x"']),
        ("sh:maxInclusive 8", ["8", "9"]),
        ("sh:minExclusive 0", ["0", "1"]),
        ("sh:minLength 2", ['"a"', '"ab"']),
        ("sh:in ( ex:a ex:b )", ["ex:a", "ex:c"]),
        ('sh:languageIn ( "fr" )', ['"x"@fr', '"x"@fr-CA', '"x"@en', '"x"']),
        ("sh:class ex:C", ["ex:c1", "ex:c2", '"x"']),
        ("sh:maxCount 1", ["1", "2"]),
        ("sh:minCount 3", ["1", "2"]),
        ("sh:uniqueLang true", ['"a"@fr', '"b"@fr', '"c"@en']),
        ('sh:qualifiedValueShape [ sh:languageIn ( "en" ) ] ; sh:qualifiedMinCount 1', ['"a"@fr']),
        ("sh:qualifiedValueShape [ sh:class ex:C ] ; sh:qualifiedMaxCount 1", ["ex:c1", "ex:c3"]),
    ],
)
def test_each_constraint_kind_matches_pyshacl(constraint: str, values: list[str]) -> None:
    shapes = Graph().parse(
        data=SHAPES_PREFIXES
        + "ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:property ex:P .\n"
        + f"ex:P sh:path ex:p ; {constraint} .\n",
        format="turtle",
    )
    facts = Graph().parse(
        data=SHAPES_PREFIXES
        + "ex:c1 a ex:C . ex:c3 a ex:D .\n"
        + "ex:D <http://www.w3.org/2000/01/rdf-schema#subClassOf> ex:C .\n"
        + "ex:focus a ex:T ; ex:p "
        + ", ".join(values)
        + " .\n",
        format="turtle",
    )
    report = _report(facts, shapes)
    assert not report.conforms


def test_sparql_constraints_see_every_focus_node_at_once() -> None:
    shapes = Graph().parse(
        data=SHAPES_PREFIXES
        + """ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:sparql [
            sh:message "no label"@en ;
            sh:select "SELECT $this WHERE { FILTER NOT EXISTS { $this <http://ex.org/label> ?l } }"
        ] .""",
        format="turtle",
    )
    facts = Graph().parse(
        data=SHAPES_PREFIXES + 'ex:a a ex:T ; ex:label "A" . ex:b a ex:T . ex:c a ex:T .',
        format="turtle",
    )
    report = _report(facts, shapes)
    assert [(v.focus, v.value) for v in report.violations] == [
        (URIRef(EX + "b"), URIRef(EX + "b")),
        (URIRef(EX + "c"), URIRef(EX + "c")),
    ]


def test_a_construct_the_engine_does_not_implement_is_refused() -> None:
    shapes = Graph().parse(
        data=SHAPES_PREFIXES + "ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:or ( ex:A ex:B ) .",
        format="turtle",
    )
    store = _store(Graph().parse(data=SHAPES_PREFIXES + "ex:x a ex:T .", format="turtle"))
    with pytest.raises(SourceError, match=r"shacl#or"):
        validate(store, shapes)


def test_an_ill_typed_literal_is_a_datatype_violation() -> None:
    facts = _facts()
    facts.add(
        (ID["alliance/ingenium"], IKG.declaredMemberCount, Literal("nine", datatype=XSD.integer))
    )
    report = _report(facts)
    assert any(v.value == Literal("nine", datatype=XSD.integer) for v in report.violations)
