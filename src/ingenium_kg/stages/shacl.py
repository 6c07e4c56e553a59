"""SHACL Core and SHACL-SPARQL evaluated over the whole graph at once, on a pyoxigraph store.

pyshacl walks focus node by focus node and re-runs each SPARQL constraint per node; on a million
triples that never ends. Here every question is asked of the whole graph once: one query per
target (its focus nodes), one per property path (every subject's values), one per class named
by sh:class (its instances, through rdfs:subClassOf*), one per SPARQL constraint (with the
target pattern put in place of the pre-bound `$this`). The per-value checks (counts, datatypes,
patterns, ranges, languages) then run in Python over those answers, linear in their size.

The semantics are pySHACL's, which stays the reference (`validation.validate_with_pyshacl`):
the tests compare both on the article and on every broken-rule case. Constructs outside the set
this module implements raise SourceError instead of being skipped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from ..errors import SourceError
from ..terms import from_ox, to_ox

Value = ox.NamedNode | ox.BlankNode | ox.Literal

_SHAPE_KEYS = {
    SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.property, SH.sparql,
    SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.nodeKind, SH.pattern,
    SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive, SH.minLength,
    SH.maxLength, SH["in"], SH.uniqueLang, SH.languageIn, SH.qualifiedValueShape,
    SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.severity, SH.message, SH.deactivated,
    SH.name, SH.description, SH.order, SH.group,
}  # fmt: skip
_IGNORED_NAMESPACES = (
    "http://www.w3.org/2000/01/rdf-schema#",
    str(RDF),
    "http://www.w3.org/2002/07/owl#",
)
_XSD_INTEGERS = {XSD.integer, XSD.nonNegativeInteger, XSD.positiveInteger, XSD.int, XSD.long}
_LEXICAL = {
    XSD.integer: r"[+-]?\d+",
    XSD.nonNegativeInteger: r"\+?\d+",
    XSD.positiveInteger: r"\+?0*[1-9]\d*",
    XSD.decimal: r"[+-]?(\d+(\.\d*)?|\.\d+)",
    XSD.double: r"[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF|NaN)",
    XSD.boolean: r"true|false|1|0",
    XSD.date: r"-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?",
    XSD.gYear: r"-?\d{4,}(Z|[+-]\d{2}:\d{2})?",
    XSD.gYearMonth: r"-?\d{4,}-\d{2}(Z|[+-]\d{2}:\d{2})?",
    XSD.duration: r"-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?",
}
"""Lexical spaces of the datatypes the shapes name: an ill-typed literal fails sh:datatype."""


@dataclass(frozen=True)
class Result:
    """One validation result, in rdflib terms (the report's currency)."""

    focus: Node
    path: Node | None
    value: Node | None
    source_shape: Node
    component: URIRef
    severity: URIRef
    messages: tuple[Literal, ...]


class Engine:
    """The shapes of one shapes graph, evaluated against the default graph of a store."""

    def __init__(self, store: ox.Store, shapes: Graph) -> None:
        self.store, self.shapes = store, shapes
        self._values: dict[Node, dict[Value, set[Value]]] = {}
        self._instances: dict[Node, set[Value]] = {}

    def results(self) -> Iterator[Result]:
        for node_shape in sorted(set(self.shapes.subjects(RDF.type, SH.NodeShape)), key=str):
            if self._active(node_shape):
                yield from self._node_shape(node_shape)

    def _active(self, shape: Node) -> bool:
        return not bool(self.shapes.value(shape, SH.deactivated, default=Literal(False)).toPython())  # type: ignore[union-attr]

    def _node_shape(self, shape: Node) -> Iterator[Result]:
        self.check_keys(shape)
        focus = self._focus(shape)
        if not focus:
            return
        for prop in sorted(self.shapes.objects(shape, SH.property), key=str):
            if self._active(prop):
                yield from self._property_shape(prop, focus)
        for constraint in sorted(self.shapes.objects(shape, SH.sparql), key=str):
            if self._active(constraint):
                yield from self._sparql(shape, constraint, focus)

    def check_keys(self, shape: Node) -> None:
        for key in set(self.shapes.predicates(shape)):
            if key == RDF.type or str(key).startswith(_IGNORED_NAMESPACES) or key in _SHAPE_KEYS:
                continue
            raise SourceError(
                f"shape {shape.n3()} uses {key.n3()}, which the validator does not implement"
            )

    def _focus(self, shape: Node) -> set[Value]:
        patterns = [
            f"?this rdf:type/rdfs:subClassOf* {_nt(c)}"
            for c in self.shapes.objects(shape, SH.targetClass)
        ]
        patterns += [
            f"?this {_nt(p)} ?any" for p in self.shapes.objects(shape, SH.targetSubjectsOf)
        ]
        patterns += [f"?any {_nt(p)} ?this" for p in self.shapes.objects(shape, SH.targetObjectsOf)]
        if not patterns:
            return set()
        union = " UNION ".join(f"{{ {p} }}" for p in patterns)
        return {s["this"] for s in self._select(f"SELECT DISTINCT ?this WHERE {{ {union} }}")}  # type: ignore[misc]

    def _select(self, text: str) -> ox.QuerySolutions:
        prefixes = {"rdf": str(RDF), "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}
        return self.store.query(text, prefixes=prefixes)  # type: ignore[return-value]

    def values(self, path: Node) -> dict[Value, set[Value]]:
        """Every node's values along `path` (an IRI or [sh:inversePath IRI]), from one query."""
        if path not in self._values:
            inverse = self.shapes.value(path, SH.inversePath) if isinstance(path, BNode) else None
            if isinstance(path, BNode) and (
                not isinstance(inverse, URIRef)
                or len(set(self.shapes.predicate_objects(path))) != 1
            ):
                raise SourceError("only IRI paths and [sh:inversePath IRI] are implemented")
            if inverse is not None:
                pattern = f"?v {_nt(inverse)} ?s"
            elif isinstance(path, URIRef):
                pattern = f"?s {_nt(path)} ?v"
            else:
                raise SourceError(f"unsupported sh:path {path.n3()}")
            found: dict[Value, set[Value]] = defaultdict(set)
            for s in self._select(f"SELECT ?s ?v WHERE {{ {pattern} }}"):
                found[s["s"]].add(s["v"])  # type: ignore[index, arg-type]
            self._values[path] = found
        return self._values[path]

    def instances(self, cls: Node) -> set[Value]:
        if cls not in self._instances:
            rows = self._select(
                f"SELECT DISTINCT ?v WHERE {{ ?v rdf:type/rdfs:subClassOf* {_nt(cls)} }}"
            )
            self._instances[cls] = {s["v"] for s in rows}  # type: ignore[misc]
        return self._instances[cls]

    def _property_shape(self, prop: Node, focus: set[Value]) -> Iterator[Result]:
        self.check_keys(prop)
        path = self.shapes.value(prop, SH.path)
        if path is None:
            raise SourceError(f"property shape {prop.n3()} has no sh:path")
        values = self.values(path)
        checks = _Checks(self, prop)
        for node in sorted(focus, key=str):
            for component, value in checks.run(values.get(node, set())):
                yield self._result(prop, node, path, value, component)

    def _result(
        self, shape: Node, focus: Value, path: Node | None, value: Value | None, component: URIRef
    ) -> Result:
        severity = self.shapes.value(shape, SH.severity) or SH.Violation
        messages = tuple(
            sorted(m for m in self.shapes.objects(shape, SH.message) if isinstance(m, Literal))
        )
        return Result(
            focus=from_ox(focus),
            path=path,
            value=from_ox(value) if value is not None else None,
            source_shape=shape,
            component=component,
            severity=severity,  # type: ignore[arg-type]
            messages=messages,
        )

    def _sparql(self, shape: Node, constraint: Node, focus: set[Value]) -> Iterator[Result]:
        text = self.shapes.value(constraint, SH.select)
        if text is None:
            raise SourceError(f"SPARQL constraint {constraint.n3()} has no sh:select")
        query = _whole_graph(str(text), self._target_group(shape))
        prologue = "".join(f"PREFIX {p}: <{n}>\n" for p, n in self._declared(constraint))
        try:
            rows = self._select(prologue + query)
        except SyntaxError as exc:
            reason = " ".join(str(exc).split())
            raise SourceError(f"SPARQL constraint {constraint.n3()}: {reason}") from None
        messages = tuple(
            sorted(m for m in self.shapes.objects(constraint, SH.message) if isinstance(m, Literal))
        )
        severity = (
            self.shapes.value(constraint, SH.severity)
            or self.shapes.value(shape, SH.severity)
            or SH.Violation
        )
        seen: set[tuple[Value, Value | None]] = set()
        has_value = "value" in _variables(rows)
        for row in rows:
            node = row["this"]  # type: ignore[index]
            value = row["value"] if has_value else None  # type: ignore[index]
            value = node if value is None else value  # SHACL: an unbound ?value is $this
            if node not in focus or (node, value) in seen:
                continue
            seen.add((node, value))
            yield Result(
                focus=from_ox(node),
                path=None,
                value=from_ox(value) if value is not None else None,
                source_shape=shape,
                component=SH.SPARQLConstraintComponent,
                severity=severity,  # type: ignore[arg-type]
                messages=messages,
            )

    def _target_group(self, shape: Node) -> str:
        patterns = [
            f"?this rdf:type/rdfs:subClassOf* {_nt(c)}"
            for c in self.shapes.objects(shape, SH.targetClass)
        ]
        patterns += [
            f"?this {_nt(p)} ?targetAny" for p in self.shapes.objects(shape, SH.targetSubjectsOf)
        ]
        patterns += [
            f"?targetAny {_nt(p)} ?this" for p in self.shapes.objects(shape, SH.targetObjectsOf)
        ]
        union = " UNION ".join(f"{{ {p} }}" for p in patterns)
        return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"

    def _declared(self, constraint: Node) -> Iterator[tuple[str, str]]:
        for ontology in self.shapes.objects(constraint, SH.prefixes):
            for declaration in self.shapes.objects(ontology, SH.declare):
                prefix = self.shapes.value(declaration, SH.prefix)
                namespace = self.shapes.value(declaration, SH.namespace)
                if prefix is not None and namespace is not None:
                    yield str(prefix), str(namespace)


def _variables(rows: ox.QuerySolutions) -> set[str]:
    return {v.value for v in rows.variables}


def _whole_graph(text: str, target: str) -> str:
    """The constraint with `$this` as a variable bound by the target pattern, not pre-bound."""
    query = re.sub(r"\$this\b", "?this", text)
    match = re.search(r"\bWHERE\s*\{", query, re.IGNORECASE)
    if match is None:
        raise SourceError("a SPARQL constraint's sh:select needs a WHERE clause")
    return query[: match.end()] + f" {target} " + query[match.end() :]


class _Checks:
    """The Core constraints of one property shape, applied to one focus node's values."""

    def __init__(self, engine: Engine, shape: Node) -> None:
        g = engine.shapes
        self.engine, self.shape = engine, shape
        self.min_count = _int(g.value(shape, SH.minCount))
        self.max_count = _int(g.value(shape, SH.maxCount))
        self.qualified = g.value(shape, SH.qualifiedValueShape)
        self.qualified_min = _int(g.value(shape, SH.qualifiedMinCount))
        self.qualified_max = _int(g.value(shape, SH.qualifiedMaxCount))
        self.unique_lang = bool(g.value(shape, SH.uniqueLang, default=Literal(False)).toPython())  # type: ignore[union-attr]
        self.value_checks = _value_checks(engine, shape)
        self.qualified_checks = (
            _value_checks(engine, self.qualified) if self.qualified is not None else []
        )

    def run(self, values: set[Value]) -> Iterator[tuple[URIRef, Value | None]]:
        if self.min_count is not None and len(values) < self.min_count:
            yield SH.MinCountConstraintComponent, None
        if self.max_count is not None and len(values) > self.max_count:
            yield SH.MaxCountConstraintComponent, None
        ordered = sorted(values, key=str)
        for component, test in self.value_checks:
            for value in ordered:
                if not test(value):
                    yield component, value
        if self.unique_lang:
            langs = [v.language for v in ordered if isinstance(v, ox.Literal) and v.language]
            for _ in sorted(
                {
                    lang.lower()
                    for lang in langs
                    if [x.lower() for x in langs].count(lang.lower()) > 1
                }
            ):
                yield SH.UniqueLangConstraintComponent, None
        if self.qualified is not None:
            conforming = sum(all(test(v) for _, test in self.qualified_checks) for v in ordered)
            if self.qualified_min is not None and conforming < self.qualified_min:
                yield SH.QualifiedMinCountConstraintComponent, None
            if self.qualified_max is not None and conforming > self.qualified_max:
                yield SH.QualifiedMaxCountConstraintComponent, None


def _value_checks(engine: Engine, shape: Node) -> list[tuple[URIRef, object]]:
    """(component, predicate on one value) for each value-level constraint of `shape`."""
    g = engine.shapes
    engine.check_keys(shape)
    checks: list[tuple[URIRef, object]] = []
    for datatype in g.objects(shape, SH.datatype):
        checks.append((SH.DatatypeConstraintComponent, _datatype_test(datatype)))
    for cls in g.objects(shape, SH["class"]):
        checks.append((SH.ClassConstraintComponent, lambda v, c=cls: v in engine.instances(c)))
    for kind in g.objects(shape, SH.nodeKind):
        checks.append((SH.NodeKindConstraintComponent, _node_kind_test(kind)))
    for pattern in g.objects(shape, SH.pattern):
        regex = re.compile(str(pattern))
        checks.append(
            (
                SH.PatternConstraintComponent,
                lambda v, r=regex: (
                    not isinstance(v, ox.BlankNode) and r.search(v.value) is not None
                ),
            )
        )
    for key, component, accept in (
        (SH.minInclusive, SH.MinInclusiveConstraintComponent, lambda a, b: a >= b),
        (SH.maxInclusive, SH.MaxInclusiveConstraintComponent, lambda a, b: a <= b),
        (SH.minExclusive, SH.MinExclusiveConstraintComponent, lambda a, b: a > b),
        (SH.maxExclusive, SH.MaxExclusiveConstraintComponent, lambda a, b: a < b),
    ):
        for bound in g.objects(shape, key):
            checks.append((component, _range_test(bound, accept)))
    for key, component, accept in (
        (SH.minLength, SH.MinLengthConstraintComponent, lambda n, b: n >= b),
        (SH.maxLength, SH.MaxLengthConstraintComponent, lambda n, b: n <= b),
    ):
        for bound in g.objects(shape, key):
            checks.append(
                (
                    component,
                    lambda v, b=int(bound), a=accept: (
                        not isinstance(v, ox.BlankNode) and a(len(v.value), b)
                    ),
                )
            )
    for members in g.objects(shape, SH["in"]):
        allowed = {to_ox(m) for m in Collection(g, members)}
        checks.append((SH.InConstraintComponent, lambda v, a=allowed: v in a))
    for ranges in g.objects(shape, SH.languageIn):
        tags = [str(t).lower() for t in Collection(g, ranges)]
        checks.append((SH.LanguageInConstraintComponent, lambda v, t=tags: _language_in(v, t)))
    return checks


def _datatype_test(datatype: Node) -> object:
    lexical = re.compile(_LEXICAL[datatype]) if datatype in _LEXICAL else None  # type: ignore[index]

    def test(v: Value) -> bool:
        if not isinstance(v, ox.Literal) or v.datatype.value != str(datatype):
            return False
        return lexical is None or lexical.fullmatch(v.value) is not None

    return test


def _node_kind_test(kind: Node) -> object:
    kinds = {
        SH.IRI: (ox.NamedNode,),
        SH.BlankNode: (ox.BlankNode,),
        SH.Literal: (ox.Literal,),
        SH.BlankNodeOrIRI: (ox.BlankNode, ox.NamedNode),
        SH.BlankNodeOrLiteral: (ox.BlankNode, ox.Literal),
        SH.IRIOrLiteral: (ox.NamedNode, ox.Literal),
    }
    if kind not in kinds:
        raise SourceError(f"unknown sh:nodeKind {kind.n3()}")
    return lambda v: isinstance(v, kinds[kind])  # type: ignore[index]


def _number(literal: ox.Literal) -> Decimal | None:
    if literal.datatype.value not in {
        str(t) for t in (*_XSD_INTEGERS, XSD.decimal, XSD.double, XSD.float)
    }:
        return None
    try:
        return Decimal(literal.value)
    except InvalidOperation:
        return None


def _range_test(bound: Node, accept: object) -> object:
    limit = _number(to_ox(bound))  # type: ignore[arg-type]
    if limit is None:
        raise SourceError(f"only numeric range bounds are implemented, not {bound.n3()}")

    def test(v: Value) -> bool:
        number = _number(v) if isinstance(v, ox.Literal) else None
        return number is not None and accept(number, limit)  # type: ignore[operator]

    return test


def _language_in(v: Value, tags: list[str]) -> bool:
    if not isinstance(v, ox.Literal) or not v.language:
        return False
    lang = v.language.lower()
    return any(tag == "*" or lang == tag or lang.startswith(tag + "-") for tag in tags)


def _int(value: Node | None) -> int | None:
    return int(value) if value is not None else None  # type: ignore[call-overload]


def _nt(term: Node) -> str:
    if not isinstance(term, URIRef):
        raise SourceError(f"expected an IRI in the shapes, found {term.n3()}")
    return f"<{term}>"


def evaluate(store: ox.Store, shapes: Graph) -> Iterable[Result]:
    """Every result of `shapes` on the store's default graph (see the module docstring)."""
    return list(Engine(store, shapes).results())
