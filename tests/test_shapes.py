"""Every rule of ontology/shapes.ttl, broken on purpose, must produce exactly its own violation,
and pyshacl must give the same results as the compiled engine on every broken graph.

Rules are not listed by hand: each constraint of each named property shape is read from the
shapes graph and turned into the smallest edit of the real data that breaks it (remove the values,
add one too many, change a datatype, point at a node of the wrong class, ...). SHACL-SPARQL rules,
which no generic edit can break, have hand-written edits below. Edits that cannot disturb each
other run together in batches, so the whole rule set is checked with a few validations (pyshacl
takes seconds for each), and each batch must report exactly the union of its cases' violations.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from functools import cache

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import ORG, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from ingenium_kg.namespaces import ID, IKG, OA, SH
from ingenium_kg.stages.graph import load_ontology, load_shapes
from ingenium_kg.stages.reasoning import entail_with_owlrl
from ingenium_kg.stages.sources import Project, parse_dataset
from ingenium_kg.stages.validation import (
    Report,
    Severity,
    Violation,
    validate,
    validate_with_pyshacl,
)
from ingenium_kg.terms import rdflib_graph, to_ox
from kg_helpers import REPO

SHAPES_NS = "https://w3id.org/ingenium-kg/shapes#"
WRONG_CLASS = ID["document/article"]  # an ikg:Article: the wrong class for every rule naming one

# A datatype that keeps the value comparable (so range rules still pass) but is not the one asked.
SAME_VALUE_OTHER_TYPE = {
    XSD.integer: XSD.decimal,
    XSD.nonNegativeInteger: XSD.integer,
    XSD.decimal: XSD.double,
    XSD.string: XSD.normalizedString,
}

Expected = tuple[Node, URIRef, URIRef, str]  # focus, source shape, component, SPARQL message or ""


@dataclass
class Case:
    """One broken rule: the triples to take out and put in, and the violations it must cause."""

    rule: str
    remove: set[tuple[Node, Node, Node]] = field(default_factory=set)
    add: set[tuple[Node, Node, Node]] = field(default_factory=set)
    expected: set[Expected] = field(default_factory=set)
    reads: set[Node] = field(default_factory=set)

    def nodes(self) -> set[Node]:
        """The nodes it edits, reads or is judged on: no other case of its batch may touch them."""
        return {t[0] for t in self.remove | self.add} | {e[0] for e in self.expected} | self.reads


@pytest.fixture(autouse=True)
def _lexical_forms_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Literals keep their lexical form, as in the store (rdflib would otherwise rewrite some)."""
    monkeypatch.setattr(rdflib, "NORMALIZE_LITERALS", False)


@cache
def project() -> Project:
    return Project(REPO)


@cache
def shapes() -> Graph:
    return load_shapes(project())


@cache
def base() -> Graph:
    """What the build validates: every graph of data/article and data/links merged, the ontology,
    and the OWL-RL closure kept to our own entities (the build's inferred graph)."""
    facts = Graph()
    for path in (*project().article_files, *project().links_files):
        for s, p, o, _ in parse_dataset(path).quads((None, None, None, None)):
            facts.add((s, p, o))
    ontology = rdflib_graph(load_ontology(project()))
    return facts + ontology + entail_with_owlrl(ontology, facts)


Triple = tuple[Node, Node, Node]


@cache
def base_quads() -> dict[Triple, ox.Quad]:
    return {t: ox.Quad(*(to_ox(x) for x in t)) for t in base()}  # type: ignore[misc]


def edited(cases: Iterable[Case]) -> dict[Triple, ox.Quad]:
    """The real data with the edits of `cases` applied, in order."""
    data = dict(base_quads())
    for case in cases:
        for triple in case.remove:
            data.pop(triple, None)
        for triple in case.add:
            data[triple] = ox.Quad(*(to_ox(x) for x in triple))  # type: ignore[misc]
    return data


def engine_store(data: dict[Triple, ox.Quad]) -> ox.Store:
    store = ox.Store()
    store.bulk_extend(data.values())
    return store


def stored(store: ox.Store) -> Graph:
    """The graph as the store holds it (numbers in canonical form), for pyshacl to see the same."""
    return rdflib_graph(q.triple for q in store)


def engine_outcome(cases: Iterable[Case]) -> set[Expected]:
    return outcome(validate(engine_store(edited(cases)), shapes()))


def outcome(report: Report) -> set[Expected]:
    return {
        (v.focus, v.source_shape, v.constraint_component, _sparql_message(v))
        for v in report.violations
        if v.severity is Severity.VIOLATION
    }


def _sparql_message(violation: Violation) -> str:
    """SPARQL rules share their node shape, so their English message tells them apart."""
    texts = {text for _, text in violation.messages} & set(sparql_messages())
    return min(texts) if texts else ""


@cache
def sparql_messages() -> dict[str, URIRef]:
    """Each SPARQL rule's English message, and the rule."""
    return {
        str(m): c
        for c in shapes().subjects(RDF.type, SH.SPARQLConstraint)
        for m in shapes().objects(c, SH.message)
        if m.language == "en"
    }


def sparql_message(name: str) -> str:
    return next(m for m, c in sparql_messages().items() if c == URIRef(SHAPES_NS + name))


# ---------------------------------------------------------------- generic edits from the shapes


def instances(cls: Node) -> list[Node]:
    return sorted(base().subjects(RDF.type, cls), key=str)


def another(value: Literal) -> Literal:
    """A different valid literal of the same datatype, as close to `value` as can be."""
    if value.language:
        return Literal(f"{value} (bis)", lang=value.language)
    python = value.toPython()
    if value.datatype == XSD.boolean:
        return Literal(not python)
    if value.datatype == XSD.date:
        return Literal(python - timedelta(days=1), datatype=XSD.date)
    if value.datatype == XSD.duration:
        return Literal("P3Y", datatype=XSD.duration)
    if value.datatype in (XSD.gYear, XSD.gYearMonth):
        return Literal("1999" + str(value)[4:], datatype=value.datatype)
    if isinstance(python, int | Decimal):
        return Literal(python + 1, datatype=value.datatype)
    if str(value).isupper():  # a code (currency): another well-formed code
        return Literal("XXX", datatype=value.datatype)
    return Literal(f"{value} (bis)", datatype=value.datatype)


def extra_value(
    prop: Node, values: list[Node], some: Node
) -> tuple[Node, set[tuple[Node, Node, Node]]]:
    """A value to add next to `values` that is valid on its own, and the triples it needs."""
    allowed = shapes().value(prop, SH["in"])
    if allowed is not None:
        others = [v for v in Collection(shapes(), allowed) if v not in values]
        return (others[0] if others else IKG.NotAnAllowedValue), set()
    if isinstance(some, Literal):
        return another(some), set()
    kinds = set(base().objects(some, RDF.type))
    if not kinds:  # an outside identifier (a Wikidata item): another one of the same form
        return URIRef(f"{some}0"), set()
    alike = set.intersection(*(set(base().subjects(RDF.type, k)) for k in kinds))
    for other in sorted(alike - set(values), key=str):
        if set(base().objects(other, RDF.type)) == kinds:
            return other, set()
    # no other: a copy of the node, valid wherever it is, but for the Wikidata link only it may hold
    twin = URIRef(f"{some}-twin")
    copy = {(twin, p, o) for p, o in base().predicate_objects(some) if p != SKOS.exactMatch}
    return twin, copy


def wrong_class_node(cls: Node) -> URIRef:
    """A node that is not an instance of `cls`."""
    return WRONG_CLASS if cls != IKG.Article else ID["topic/visit"]


COMPONENTS = {
    SH.minCount: SH.MinCountConstraintComponent,
    SH.maxCount: SH.MaxCountConstraintComponent,
    SH.datatype: SH.DatatypeConstraintComponent,
    SH["class"]: SH.ClassConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent,
    SH.pattern: SH.PatternConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent,
    SH.maxInclusive: SH.MaxInclusiveConstraintComponent,
    SH.minExclusive: SH.MinExclusiveConstraintComponent,
    SH["in"]: SH.InConstraintComponent,
    SH.minLength: SH.MinLengthConstraintComponent,
    SH.qualifiedMinCount: SH.QualifiedMinCountConstraintComponent,
    SH.qualifiedMaxCount: SH.QualifiedMaxCountConstraintComponent,
    SH.uniqueLang: SH.UniqueLangConstraintComponent,
}


def generic_cases() -> Iterator[Case]:
    """One case per (property shape, constraint) of every node shape that targets a class."""
    g = shapes()
    for node_shape in sorted(g.subjects(RDF.type, SH.NodeShape), key=str):
        cls = g.value(node_shape, SH.targetClass)
        if cls is None:
            continue
        for prop in sorted(g.objects(node_shape, SH.property), key=str):
            if g.value(prop, SH.severity, default=SH.Violation) != SH.Violation:
                continue  # warnings are reported, not failures (test_linking checks Xamk's)
            path = g.value(prop, SH.path)
            for constraint, value in sorted(g.predicate_objects(prop), key=str):
                if constraint in COMPONENTS and not (constraint == SH.minCount and int(value) == 0):
                    yield edit(node_shape, prop, cls, path, constraint, value)


def edit(shape: Node, prop: Node, cls: Node, path: Node, constraint: Node, value: Node) -> Case:
    """The case that breaks `constraint` of `prop` on the first fitting instance of `cls`."""
    g, data, component = shapes(), base(), COMPONENTS[constraint]  # type: ignore[index]
    rule = f"{_local(shape)}/{_local(prop)}:{_local(component)}"
    qualifier = g.value(prop, SH.qualifiedValueShape)
    lang = next(iter(Collection(g, g.value(qualifier, SH.languageIn) or RDF.nil)), None)
    wanted_class = g.value(qualifier, SH["class"])

    def matches(v: Node) -> bool:
        if lang is not None:
            return isinstance(v, Literal) and v.language == str(lang)
        if wanted_class is not None:
            return (v, RDF.type, wanted_class) in data
        return True

    candidates = [
        node
        for node in instances(cls)
        if constraint == SH.minCount or any(matches(v) for v in data.objects(node, path))
    ]
    if not candidates:
        raise AssertionError(f"{rule}: no instance of {cls} to break it on")
    focus = candidates[0]
    values = sorted(data.objects(focus, path), key=str)
    some = next(v for v in values if matches(v)) if values else None
    case = Case(rule, expected={(focus, prop, component, "")})  # type: ignore[arg-type]
    if constraint == SH.minCount:
        case.remove = {(focus, path, v) for v in values}
    elif constraint == SH.qualifiedMinCount:
        case.remove = {(focus, path, v) for v in values if matches(v)}
    elif constraint == SH.qualifiedMaxCount:
        # another instance's value passes the qualifier just as it does there
        pool = {
            o for n in instances(cls) if n != focus for o in data.objects(n, path) if matches(o)
        }
        case.add.add((focus, path, sorted(pool - set(values), key=str)[0]))
    elif constraint == SH.maxCount:
        extra, needs = extra_value(prop, values, some)  # type: ignore[arg-type]
        case.add = needs | {(focus, path, extra)}
    elif constraint == SH.uniqueLang:
        some = next(v for v in values if isinstance(v, Literal) and v.language)
        case.add.add((focus, path, another(some)))
    else:
        case.remove = {(focus, path, some)}  # type: ignore[arg-type]
        case.add.add((focus, path, broken(constraint, value, some)))  # type: ignore[arg-type]
    return case


def broken(constraint: Node, value: Node, some: Node) -> Node:
    """`some` changed just enough to break `constraint` (with parameter `value`)."""
    if constraint == SH.datatype:  # an xsd:string literal is written plain, as parsers give it
        other = SAME_VALUE_OTHER_TYPE.get(value, XSD.string)  # type: ignore[call-overload]
        return Literal(str(some), datatype=None if other == XSD.string else other)
    if constraint == SH["class"]:
        return wrong_class_node(value)
    if constraint == SH.nodeKind:
        return Literal(str(some))
    if constraint == SH.pattern:
        if isinstance(some, URIRef):
            return URIRef("urn:broken:" + str(some).replace("://", ":"))
        return Literal("not-" + str(some), datatype=some.datatype)  # type: ignore[attr-defined]
    if constraint == SH.minInclusive:
        return Literal(value.toPython() - 1, datatype=some.datatype)  # type: ignore[attr-defined]
    if constraint == SH.maxInclusive:
        return Literal(value.toPython() + 1, datatype=some.datatype)  # type: ignore[attr-defined]
    if constraint == SH.minExclusive:
        return Literal(str(value.toPython()), datatype=some.datatype)  # type: ignore[attr-defined]
    if constraint == SH["in"]:
        return IKG.NotAnAllowedValue
    if constraint == SH.minLength:
        return Literal("", datatype=some.datatype)  # type: ignore[attr-defined]
    raise AssertionError(f"no edit for {constraint}")


# ---------------------------------------------------------------- side effects and SPARQL rules


def _local(term: Node) -> str:
    return str(term).rsplit("#", 1)[-1]


def _shape(name: str) -> URIRef:
    return URIRef(SHAPES_NS + name)


ALLIANCE = ID["alliance/ingenium"]
NEXT = ID["phase/next-ingenium"]
FIRST = ID["phase/first"]
ALLIANCE_TWIN = URIRef(f"{ALLIANCE}-twin")


def sparql(focus: Node, shape: str, rule: str) -> Expected:
    return (focus, _shape(shape), SH.SPARQLConstraintComponent, sparql_message(rule))


def core(focus: Node, prop: str, component: str) -> Expected:
    return (focus, _shape(prop), SH[f"{component}ConstraintComponent"], "")


def consequences() -> dict[str, set[Expected]]:
    """Rules whose breaking necessarily breaks another rule too: each pair is by design."""
    chieti, skovde = ID["membership/chieti-pescara"], ID["membership/skovde"]
    period = ID["programme/erasmus-plus-2028-2034"]
    wp1, wp2 = ID["work-package/1"], ID["work-package/2"]
    lost_membership = {sparql(ALLIANCE, "Alliance", "member-has-membership")}
    return {
        "Alliance/Alliance-declared-member-count:MaxCount": {
            sparql(ALLIANCE, "Alliance", "member-count-matches-declared")
        },
        "Alliance/Alliance-members:Class": lost_membership
        | {sparql(ALLIANCE, "Alliance", "member-has-one-country")},
        "AllianceMembership/AllianceMembership-list-position:MaxCount": {
            sparql(m, "AllianceMembership", "list-position-unique") for m in (chieti, skovde)
        },
        "AllianceMembership/AllianceMembership-member:Class": lost_membership,
        "AllianceMembership/AllianceMembership-member:MinCount": lost_membership,
        "AllianceMembership/AllianceMembership-organization:Class": lost_membership,
        "AllianceMembership/AllianceMembership-organization:MinCount": lost_membership,
        # a second phase that ended in 2026 makes the 2028 deadline late for it
        "Objective/Objective-phase:MaxCount": {
            sparql(ID["objective/joint-courses"], "Objective", "deadline-within-phase")
        },
        "Phase/Phase-end-year:MaxCount": {sparql(FIRST, "Phase", "starts-before-it-ends")},
        "TextPositionSelector/TextPositionSelector-end:MinInclusive": {
            sparql(
                ID["excerpt/aim-campuses#position"],
                "TextPositionSelector",
                "selector-start-before-end",
            )
        },
        "Phase/Phase-previous:MaxCount": {sparql(NEXT, "Phase", "follows-previous-phase")},
        "ProgrammePeriod/ProgrammePeriod-end-year:MaxCount": {
            sparql(period, "ProgrammePeriod", "starts-before-it-ends")
        },
        "ThesisGroup/ThesisGroup-mode:MaxCount": {
            core(ID["thesis-group/2026-co-supervised"], "ThesisGroup-mode", "In")
        },
        "University/University-country:NodeKind": {
            core(ID["university/chieti-pescara"], "University-country", "Class")
        },
        "WorkPackage/WorkPackage-notation:MaxCount": {
            sparql(wp1, "WorkPackage", "notation-matches-number"),
            core(wp1, "WorkPackage-notation", "Pattern"),
        },
        "WorkPackage/WorkPackage-notation:Pattern": {
            sparql(wp1, "WorkPackage", "notation-matches-number")
        },
        "WorkPackage/WorkPackage-number:MaxCount": {
            sparql(wp1, "WorkPackage", "notation-matches-number"),
            sparql(wp1, "WorkPackage", "number-unique"),
            sparql(wp2, "WorkPackage", "number-unique"),
        },
        "WorkPackage/WorkPackage-number:MinInclusive": {
            sparql(wp1, "WorkPackage", "notation-matches-number")
        },
    }


def adjust(case: Case) -> Case:
    """Add the consequences a case must also expect; fix the one edit that needs a second step."""
    rule = case.rule.removesuffix("ConstraintComponent")
    case.expected |= consequences().get(rule, set())
    twins = {s for s, _, _ in case.add if str(s).endswith("-twin")}
    if ALLIANCE_TWIN in twins:  # a second alliance has members but no membership facts of its own
        case.expected.add(sparql(ALLIANCE_TWIN, "Alliance", "member-has-membership"))
    return case


def sparql_cases() -> Iterator[Case]:
    def case(
        name: str,
        focus: URIRef,
        shape: str,
        remove: Iterable[tuple[Node, Node, Node]] = (),
        add: Iterable[tuple[Node, Node, Node]] = (),
        also: Iterable[Expected] = (),
    ) -> Case:
        expected = {(focus, _shape(shape), SH.SPARQLConstraintComponent, sparql_message(name))}
        return Case(
            f"{name}:SPARQLConstraintComponent", set(remove), set(add), expected | set(also)
        )

    declared = (ALLIANCE, IKG.declaredMemberCount, Literal(10))
    yield case(
        "member-count-matches-declared",
        ALLIANCE,
        "Alliance",
        [declared],
        [(ALLIANCE, IKG.declaredMemberCount, Literal(11))],
    )
    oviedo = ID["university/oviedo"]
    yield case(
        "member-has-one-country",
        ALLIANCE,
        "Alliance",
        add=[(oviedo, IKG.country, ID["country/france"])],
    )
    skovde = ID["membership/skovde"]
    yield case(
        "member-has-membership",
        ALLIANCE,
        "Alliance",
        remove=[(skovde, p, o) for p, o in base().predicate_objects(skovde)],
    )
    # no member at all still breaks the declared count (there is no sh:minCount on members)
    members = [(ALLIANCE, ORG.hasMember, m) for m in base().objects(ALLIANCE, ORG.hasMember)]
    no_members = case("member-count-matches-declared", ALLIANCE, "Alliance", remove=members)
    no_members.rule = "member-count-matches-declared:no-members"
    yield no_members
    iasi, rouen = ID["membership/iasi-technical"], ID["membership/rouen-normandie"]
    position = (iasi, IKG.listPosition, Literal(10))
    unique = sparql(rouen, "AllianceMembership", "list-position-unique")
    yield case(
        "list-position-unique", iasi, "AllianceMembership", [position],
        [(iasi, IKG.listPosition, Literal(9))], also=[unique],
    )  # fmt: skip
    # the declared count is the bound: ten members, so a position of 11 is out of range
    yield case(
        "list-position-within-count", iasi, "AllianceMembership", [position],
        [(iasi, IKG.listPosition, Literal(11))],
    )  # fmt: skip
    period = ID["programme/erasmus-plus-2028-2034"]
    yield case(
        "starts-before-it-ends",
        period,
        "ProgrammePeriod",
        [(period, IKG.endYear, Literal("2034", datatype=XSD.gYear))],
        [(period, IKG.endYear, Literal("2027", datatype=XSD.gYear))],
    )
    yield case(
        "follows-previous-phase",
        NEXT,
        "Phase",
        [(NEXT, IKG.startYear, Literal("2027", datatype=XSD.gYear))],
        [(NEXT, IKG.startYear, Literal("2026", datatype=XSD.gYear))],
    )
    wp4 = ID["work-package/4"]
    yield case(
        "notation-matches-number",
        wp4,
        "WorkPackage",
        [(wp4, SKOS.notation, Literal("WP4"))],
        [(wp4, SKOS.notation, Literal("WP5"))],
    )
    wp7, wp8 = ID["work-package/7"], ID["work-package/8"]
    yield case(
        "number-unique",
        wp8,
        "WorkPackage",
        {(wp8, IKG.wpNumber, Literal(8)), (wp8, SKOS.notation, Literal("WP8"))},
        {(wp8, IKG.wpNumber, Literal(7)), (wp8, SKOS.notation, Literal("WP7"))},
        also=[sparql(wp7, "WorkPackage", "number-unique")],
    )
    # the same number in another phase is no duplicate: a copy of WP3 in the first phase is valid
    wp3 = ID["work-package/3"]
    twin = URIRef(f"{wp3}-first-phase")
    copy = {(twin, p, o) for p, o in base().predicate_objects(wp3) if p != IKG.partOfPhase}
    add = copy | {(twin, IKG.partOfPhase, FIRST)}
    yield Case("number-unique:other-phase", add=add, reads={wp3, FIRST, NEXT})
    courses = ID["objective/joint-courses"]
    yield case(
        "positive-target",
        courses,
        "Objective",
        [(courses, IKG.targetValue, Literal(100))],
        [(courses, IKG.targetValue, Literal(-100))],
    )
    # the phase it is pursued in ends in 2028: a 2029 deadline is late, 2028 is not
    credentials = ID["objective/micro-credentials"]
    yield case(
        "deadline-within-phase",
        credentials,
        "Objective",
        [(credentials, IKG.deadline, Literal("2028", datatype=XSD.gYear))],
        [(credentials, IKG.deadline, Literal("2029", datatype=XSD.gYear))],
    )
    page = URIRef("urn:example:not-a-web-page")
    yield case(
        "web-address",
        page,
        "SourceDocument",
        add=[(page, RDF.type, IKG.SourceDocument), (page, RDFS.label, Literal("x"))],
    )
    position_selector = ID["excerpt/renewal#position"]
    (start,) = base().objects(position_selector, OA.start)
    yield case(
        "selector-start-before-end",
        position_selector,
        "TextPositionSelector",
        [(position_selector, OA.end, o) for o in base().objects(position_selector, OA.end)],
        [(position_selector, OA.end, start)],
    )


# ---------------------------------------------------------------- batches and tests


@cache
def all_cases() -> tuple[Case, ...]:
    return tuple([adjust(c) for c in generic_cases()] + list(sparql_cases()))


@cache
def batches() -> tuple[tuple[Case, ...], ...]:
    """Cases grouped so that no two in a batch edit, or are judged on, the same node."""
    groups: list[tuple[list[Case], set[Node]]] = []
    for case in all_cases():
        nodes = case.nodes()
        fitting = next((g for g in groups if not nodes & g[1]), None)
        if fitting is None:
            groups.append(([case], nodes))
        else:
            fitting[0].append(case)
            fitting[1].update(nodes)
    return tuple(tuple(members) for members, _ in groups)


@cache
def batch_outcome(index: int) -> frozenset[Expected]:
    return frozenset(engine_outcome(batches()[index]))


@cache
def merged_batches() -> tuple[tuple[Case, ...], ...]:
    """Cases merged into a few graphs for the comparison with pyshacl (seconds a run): whole
    batches first, then the cases of the last graph one by one. Two engines must agree on any
    graph, so edits may disturb each other there, but no broken rule may be hidden by another."""

    def fits(cases: list[Case]) -> bool:
        return set().union(*(c.expected for c in cases)) <= engine_outcome(cases)

    merged: list[list[Case]] = []
    for batch in batches():
        group = next((g for g in merged if fits([*g, *batch])), None)
        if group is None:
            merged.append(list(batch))
        else:
            group += batch
    for case in merged.pop() if len(merged) > 1 else ():
        group = next((g for g in merged if fits([*g, case])), None)
        if group is None:
            merged.append([case])
        else:
            group.append(case)
    return tuple(tuple(m) for m in merged)


def _key(v: Violation) -> tuple[object, ...]:
    return (v.focus, v.path, v.value, v.source_shape, v.constraint_component, v.severity)


def test_the_real_data_conforms() -> None:
    assert engine_outcome([]) == set()


@pytest.mark.parametrize("index", range(len(merged_batches())))
def test_pyshacl_gives_identical_results_on_every_batch(index: int) -> None:
    """The same results, and where the shapes declare messages, the same texts (pyshacl drops
    the language of a SPARQL rule's messages)."""
    store = engine_store(edited(merged_batches()[index]))
    ours, reference = validate(store, shapes()), validate_with_pyshacl(stored(store), shapes())
    assert Counter(map(_key, ours.violations)) == Counter(map(_key, reference.violations))
    declared = {str(m) for m in shapes().objects(None, SH.message)}
    texts: dict[tuple[object, ...], set[frozenset[str]]] = {}
    for v in ours.violations:
        texts.setdefault(_key(v), set()).add(frozenset(m for _, m in v.messages))
    for v in reference.violations:
        if {m for _, m in v.messages} & declared:
            assert frozenset(m for _, m in v.messages) in texts[_key(v)], v


def test_every_case_is_compared_with_pyshacl() -> None:
    compared = [c.rule for merged in merged_batches() for c in merged]
    assert sorted(compared) == sorted(c.rule for c in all_cases())
    assert len(merged_batches()) <= 4  # pyshacl takes seconds a run: keep the suite fast


def test_every_sparql_rule_has_a_case() -> None:
    named = {
        str(c).removeprefix(SHAPES_NS) for c in shapes().subjects(RDF.type, SH.SPARQLConstraint)
    }
    covered = {c.rule.split(":")[0] for c in sparql_cases()}
    assert named == covered


@pytest.mark.parametrize("rule", [c.rule for c in all_cases()])
def test_breaking_a_rule_reports_exactly_its_violations(rule: str) -> None:
    index, case = next((i, c) for i, batch in enumerate(batches()) for c in batch if c.rule == rule)
    nodes = {e[0] for e in case.expected}
    assert {e for e in batch_outcome(index) if e[0] in nodes} == case.expected


@pytest.mark.parametrize("index", range(len(batches())))
def test_a_batch_reports_nothing_but_its_cases(index: int) -> None:
    expected = set().union(*(c.expected for c in batches()[index]))
    assert set(batch_outcome(index)) == expected
