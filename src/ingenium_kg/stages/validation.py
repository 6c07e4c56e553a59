"""SHACL validation and the build's one report.

The shapes are compiled to whole-graph SPARQL queries run on the build's store (`shacl`); pyshacl,
far too slow beyond a few thousand triples, stays the reference the tests compare against.
`Report` holds sorted frozen `Violation` records and renders them as text, JSON or a
blank-node-free Turtle graph, so two runs over the same input give the same bytes. Quote-check
problems join the same report as violations of `ikg:QuoteCheck`, so a build has a single verdict.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import TYPE_CHECKING

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from ..namespaces import ID, IKG, PREFIXES, SH
from ..terms import short, to_ox
from .locations import StatementIndex
from .quotes import QuoteProblem

if TYPE_CHECKING:
    import pyoxigraph as ox

    from .shacl import Result


class Severity(Enum):
    """SHACL severities; only `VIOLATION` makes a report fail."""

    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"

    @property
    def iri(self) -> URIRef:
        return SH[self.value]


class ReportFormat(Enum):
    """How a report is rendered."""

    TEXT = "text"
    TURTLE = "turtle"
    JSON = "json"


@dataclass(frozen=True)
class Violation:
    """One validation result; `message` is the English (else any) message, `messages` all."""

    focus: Node
    path: URIRef | None
    value: Node | None
    source_shape: URIRef
    constraint_component: URIRef
    severity: Severity
    message: str
    messages: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    location: str = field(default="", compare=False)
    """`file:line` of the data statement the result is about, where it can be found."""

    def text(self, lang: str) -> str:
        """The message in `lang`, else the English one."""
        return next((text for tag, text in self.messages if tag == lang), self.message)

    def sort_key(self) -> tuple[str, ...]:
        return (
            _key(self.focus),
            _key(self.path),
            _key(self.value),
            str(self.source_shape),
            str(self.constraint_component),
            self.severity.value,
            self.message,
        )


@dataclass(frozen=True)
class Report:
    """The verdict of a build or a `validate` run: sorted violations, worst first not implied."""

    violations: tuple[Violation, ...] = ()

    @property
    def conforms(self) -> bool:
        """SHACL's `sh:conforms` (§3.6.1): true only when there is no result at all."""
        return not self.violations

    @property
    def valid(self) -> bool:
        """The verdict: no result of severity Violation (warnings and infos do not fail)."""
        return not self.count(Severity.VIOLATION)

    def count(self, severity: Severity) -> int:
        return sum(v.severity is severity for v in self.violations)

    def including(self, problems: tuple[QuoteProblem, ...]) -> Report:
        """This report plus quote-check problems, as `ikg:QuoteCheck` violations."""
        extra = tuple(_quote_violation(p) for p in problems)
        return Report(tuple(sorted((*self.violations, *extra), key=Violation.sort_key)))

    def located(self, files: Mapping[str, str]) -> Report:
        """This report with each result's `file:line`, searched in `files` (name -> text) for
        the statement of the focus node about the result's path."""
        indexes = {name: StatementIndex(text) for name, text in files.items()}
        found = []
        for v in self.violations:
            where = ""
            if isinstance(v.focus, URIRef):
                path = str(v.path) if v.path is not None else None
                for name, index in indexes.items():
                    if (line := index.locate(str(v.focus), path)) is not None:
                        where = f"{name}:{line}"
                        break
            found.append(replace(v, location=where))
        return Report(tuple(found))

    def render(self, fmt: ReportFormat, *, lang: str = "en") -> str:
        """The report as text (one line per result), JSON, or a sh:ValidationReport in Turtle;
        text and JSON give each message in `lang` (en or fr) where the result has one."""
        if fmt is ReportFormat.TEXT:
            return render_text(self, lang)
        if fmt is ReportFormat.JSON:
            return render_json(self, lang)
        return render_turtle(self)


def validate(data: ox.Store, shapes: Graph) -> Report:
    """Validate the store's default graph against `shapes`, each shape compiled to whole-graph
    SPARQL queries (`shacl`), with exactly pyshacl's results but in a fraction of its time.

    The caller loads there the union of every data graph, the OWL-RL inferences and the ontology
    (for class hierarchies); no inference runs here.

    :raises SourceError: the shapes use a construct the compiler does not implement.
    """
    from .shacl import evaluate

    violations = [_from_result(r, shapes) for r in evaluate(data, shapes)]
    return Report(tuple(sorted(violations, key=Violation.sort_key)))


def _from_result(result: Result, shapes: Graph) -> Violation:
    messages = sorted(
        ((m.language or "", str(m)) for m in result.messages),
        key=lambda pair: (_LANG_ORDER.get(pair[0], 3), pair),
    )
    return Violation(
        focus=result.focus,
        path=result.path if isinstance(result.path, URIRef) else None,
        value=result.value,
        source_shape=_shape_iri(result.source_shape, shapes, shapes),
        constraint_component=result.component,
        severity=Severity(str(result.severity).removeprefix(str(SH))),
        message=messages[0][1],
        messages=tuple(messages),
    )


def validate_with_pyshacl(data: Graph, shapes: Graph) -> Report:
    """The reference: pyshacl on the same union graph (used by the tests and the benchmark)."""
    import pyshacl

    _, results, _ = pyshacl.validate(
        data_graph=data,
        inplace=True,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    violations = [
        _violation(results, shapes, r) for r in results.subjects(RDF.type, SH.ValidationResult)
    ]
    return Report(tuple(sorted(violations, key=Violation.sort_key)))


def _violation(results: Graph, shapes: Graph, node: Node) -> Violation:
    messages = sorted(
        ((m.language or "", str(m)) for m in results.objects(node, SH.resultMessage)),
        key=lambda pair: (_LANG_ORDER.get(pair[0], 3), pair),
    )
    path = results.value(node, SH.resultPath)
    severity = results.value(node, SH.resultSeverity)
    return Violation(
        focus=results.value(node, SH.focusNode),  # type: ignore[arg-type]
        path=path if isinstance(path, URIRef) else None,
        value=results.value(node, SH.value),
        source_shape=_shape_iri(results.value(node, SH.sourceShape), shapes, results),
        constraint_component=results.value(node, SH.sourceConstraintComponent),  # type: ignore[arg-type]
        severity=Severity(str(severity).removeprefix(str(SH))) if severity else Severity.VIOLATION,
        message=messages[0][1] if messages else "",
        messages=tuple(messages),
    )


_LANG_ORDER = {"en": 0, "": 1, "fr": 2}


def _shape_iri(shape: Node | None, shapes: Graph, results: Graph) -> URIRef:
    """A stable IRI for a (possibly anonymous) shape: its parent node shape, else a hash."""
    if isinstance(shape, URIRef):
        return shape
    for graph in (shapes, results):
        parents = sorted(p for p in graph.subjects(SH.property, shape) if isinstance(p, URIRef))
        if parents:
            return parents[0]
    own = sorted(
        f"{p} {_key(o)}" for graph in (shapes, results) for p, o in graph.predicate_objects(shape)
    )
    digest = hashlib.sha256("\n".join(own).encode()).hexdigest()[:16]
    return ID[f"report/shape/{digest}"]


def _quote_violation(problem: QuoteProblem) -> Violation:
    facts = ", ".join(short(f) for f in problem.facts) or "none"
    message = f"{problem.message} (supports {facts})"
    return Violation(
        focus=problem.excerpt,
        path=problem.path,
        value=None,
        source_shape=IKG.QuoteCheck,
        constraint_component=IKG.QuoteCheck,
        severity=Severity.VIOLATION,
        message=message,
        messages=(("en", message),),
    )


def _key(term: Node | None) -> str:
    """A process-independent sort/display key (blank node ids are random, so they all read [])."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return "[]"
    return term.n3()


_VERDICTS = {
    "en": ("Conforms.", "Conforms, with {w} warning(s).", "Does not conform: {v} violation(s)."),
    "fr": ("Conforme.", "Conforme, avec {w} avertissement(s).", "Non conforme : {v} violation(s)."),
}


def render_text(report: Report, lang: str = "en") -> str:
    """One line per result (with the data file and line where known), then a verdict line."""
    lines = [
        f"{v.severity.value}: {short(v.focus)} {short(v.path)}: {v.text(lang) or '(no message)'}"
        f" [value {short(v.value)}; {short(v.source_shape)}, {short(v.constraint_component)}]"
        + (f" at {v.location}" if v.location else "")
        for v in report.violations
    ]
    clean, warned, failed = _VERDICTS.get(lang, _VERDICTS["en"])
    counts = {"v": report.count(Severity.VIOLATION), "w": len(report.violations)}
    verdict = clean if report.conforms else warned if report.valid else failed
    lines.append(verdict.format(**counts))
    return "\n".join(lines) + "\n"


def render_json(report: Report, lang: str = "en") -> str:
    """A JSON object: SHACL's `conforms`, the verdict, counts by severity and the sorted results,
    every RDF term written in N-Triples notation (`<iri>`, `"text"@fr`, `_:b`)."""
    body = {
        "conforms": report.conforms,
        "valid": report.valid,
        "counts": {s.value.lower(): report.count(s) for s in Severity},
        "results": [
            {
                "focus": _key(v.focus),
                "path": _key(v.path) or None,
                "value": _key(v.value) or None,
                "source_shape": _key(v.source_shape),
                "constraint_component": _key(v.constraint_component),
                "severity": v.severity.value,
                "message": v.text(lang),
                "messages": [{"language": tag, "text": text} for tag, text in v.messages],
                "location": v.location or None,
            }
            for v in report.violations
        ],
    }
    return json.dumps(body, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def report_triples(report: Report) -> list[ox.Triple]:
    """A sh:ValidationReport whose results are `id:report/result/{n}` in sorted order."""
    import pyoxigraph as ox

    facts: list[tuple[Node, Node, Node]] = []
    root = ID["report"]
    facts.append((root, RDF.type, SH.ValidationReport))
    facts.append((root, SH.conforms, Literal(report.conforms)))
    for number, v in enumerate(report.violations, start=1):
        node = ID[f"report/result/{number}"]
        facts.append((root, SH.result, node))
        facts.append((node, RDF.type, SH.ValidationResult))
        facts.append((node, SH.resultSeverity, v.severity.iri))
        facts.append((node, SH.sourceShape, v.source_shape))
        facts.append((node, SH.sourceConstraintComponent, v.constraint_component))
        for prop, term in ((SH.focusNode, v.focus), (SH.resultPath, v.path), (SH.value, v.value)):
            if term is not None and not isinstance(term, BNode):
                facts.append((node, prop, term))
        for lang, text in v.messages:
            facts.append((node, SH.resultMessage, Literal(text, lang=lang or None)))
    return [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in facts]


def render_turtle(report: Report) -> str:
    """The report's triples in Turtle, written by pyoxigraph as the exports are: at a million
    triples a report of thousands of results took rdflib seconds."""
    import pyoxigraph as ox

    text = ox.serialize(report_triples(report), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return (text or b"").decode("utf-8")
