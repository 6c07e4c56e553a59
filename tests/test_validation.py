import json

from rdflib import BNode, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS

from ingenium_kg.build.graph import assemble, load_ontology, load_shapes
from ingenium_kg.build.quotes import QuoteProblem
from ingenium_kg.build.sources import Project
from ingenium_kg.build.validation import Report, ReportFormat, Severity, Violation, validate
from ingenium_kg.namespaces import GRAPH_FACTS, ID, IKG, OA, SH
from kg_helpers import FIXTURE

ROUEN = ID["university/rouen"]
ALLIANCE = ID["alliance/ingenium"]


def _broken_facts() -> Graph:
    """Fixture facts with Rouen's label and country removed and a non-integer count added."""
    facts = Graph()
    for triple in assemble(Project(FIXTURE)).graph(GRAPH_FACTS):
        facts.add(triple)
    facts.remove((ROUEN, RDFS.label, None))
    facts.remove((ROUEN, IKG.country, None))
    facts.add((ALLIANCE, IKG.declaredMemberCount, Literal("dix")))
    return facts


def _report(facts: Graph) -> Report:
    project = Project(FIXTURE)
    return validate(facts, load_shapes(project), load_ontology(project))


def test_fixture_facts_conform() -> None:
    report = _report(assemble(Project(FIXTURE)).graph(GRAPH_FACTS))
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
