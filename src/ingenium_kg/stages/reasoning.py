"""OWL-RL entailment restricted to the rules the ontology needs, with owlrl as the reference.

owlrl re-applies every OWL-RL rule to the whole graph until nothing changes: 1.6 s on the
article, 19 s on 16k facts, hours on a million. The ontology only uses rdfs:subClassOf,
rdfs:subPropertyOf, rdfs:domain, rdfs:range and owl:inverseOf, so only cax-sco, prp-spo1, prp-dom,
prp-rng and prp-inv1/2 can say something new about our data; scm-sco, scm-spo, scm-dom1/2 and
scm-rng1/2 only close the schema, and the rest of what owlrl derives (eq-ref's `x owl:sameAs x`,
scm-cls's `owl:Thing` types, the dt-* typing of literals) is removed by the filter below or
has a literal subject.

The schema is closed once, into one *profile* per property: what a triple `s p o` entails,
inverses of super-properties and their domains and ranges included, e.g. `s org:headOf o` gives
`s org:memberOf o`, `o org:hasMember s` and the types of both ends. Then each fact is read once
and yields its consequences directly: no fixpoint over the facts is left to run. Literal objects
follow owlrl, which does derive triples with a literal subject (`"v" p⁻ s`) and then reasons on
them: only their consequences about `s`, already in the profile, are kept.

Derived statements are kept per subject as the N-Triples text of their predicate and object:
strings hash once and sort natively, and pyoxigraph parses the sorted lines back into triples.
Chosen by measurement (2-CPU box, 1M facts of bench/generate.py, 409k inferred): 2.1 s and 290 MB
above the input (150 MB of it the returned triples), the article in 3 ms. Keeping pyoxigraph
triples and sorting them with `key=str` took 3.6-5 s; a worklist of triples until fixpoint, 8 s;
SPARQL rules on a pyoxigraph Store, 4 s only to load the facts, with a 1.2 GB peak.

Whatever the rules do not implement is refused with SourceError rather than silently giving a
different closure than owlrl: the other OWL constructs with rules that add triples (equality,
equivalence, characteristics, chains, keys, restrictions, class expressions), statements about
the RDF/OWL vocabulary itself, and data IRIs used as classes, properties or datatype values.
`entail_with_owlrl` stays as the reference the tests and the benchmark compare against.

Of what reasoning yields we keep only triples about our own entities (an IRI subject in the data
namespace), without blank-node objects, new ones, and not the trivial `rdf:type owl:Thing` or
`rdfs:Resource` or `x owl:sameAs x`, exactly as the reference's filter does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import chain
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from ..errors import SourceError
from ..namespaces import DATA_NS, PREFIXES
from ..terms import short_iri
from .graph import collector_paused

_RDF, _RDFS, _OWL, _XSD = (PREFIXES[p] for p in ("rdf", "rdfs", "owl", "xsd"))
TYPE = ox.NamedNode(_RDF + "type")
_SUBCLASS, _SUBPROPERTY = ox.NamedNode(_RDFS + "subClassOf"), ox.NamedNode(_RDFS + "subPropertyOf")
_DOMAIN, _RANGE = ox.NamedNode(_RDFS + "domain"), ox.NamedNode(_RDFS + "range")
_INVERSE = ox.NamedNode(_OWL + "inverseOf")
_SCHEMA = (_SUBCLASS, _SUBPROPERTY, _DOMAIN, _RANGE, _INVERSE)
_TRIVIAL_TYPES = {ox.NamedNode(_OWL + "Thing"), ox.NamedNode(_RDFS + "Resource")}

_UNSUPPORTED_PROPERTIES = {
    ox.NamedNode(_OWL + name)
    for name in (
        "sameAs",
        "equivalentClass",
        "equivalentProperty",
        "propertyChainAxiom",
        "hasKey",
        "onProperty",
        "someValuesFrom",
        "allValuesFrom",
        "hasValue",
        "intersectionOf",
        "unionOf",
        "oneOf",
        "maxCardinality",
        "maxQualifiedCardinality",
    )
}
"""OWL-RL constructs whose rules add triples (eq-*, cax-eqc, prp-eqp, prp-spo2, prp-key, cls-*)."""
_UNSUPPORTED_TYPES = {
    ox.NamedNode(_OWL + name)
    for name in (
        "TransitiveProperty",
        "SymmetricProperty",
        "FunctionalProperty",
        "InverseFunctionalProperty",
        "Nothing",  # scm-cls makes owl:Nothing a subclass of every class
    )
}
_DECLARATIONS = {
    ox.NamedNode(_OWL + "Class"),
    ox.NamedNode(_OWL + "ObjectProperty"),
    ox.NamedNode(_OWL + "DatatypeProperty"),
    ox.NamedNode(_RDF + "Property"),
}
"""Types scm-cls/scm-op/scm-dp turn into schema triples about their instance."""
_VOCABULARY = {
    TYPE,
    *_SCHEMA,
    *_UNSUPPORTED_PROPERTIES,
    *_UNSUPPORTED_TYPES,
    ox.NamedNode(_OWL + "Thing"),  # scm-cls makes every class a subclass of owl:Thing
}
"""Terms the rules read: a schema statement about them would change the rules themselves."""

Subject = ox.NamedNode | ox.BlankNode | ox.Triple
Term = Subject | ox.Literal


class _Profile(NamedTuple):
    """What `s p o` entails, as N-Triples text: `forward` and `backward` are ` <q> ` for `s q o`
    and `o q s`, the types ` <rdf:type> <C>` of `s` and (unless a literal) of `o`."""

    forward: tuple[str, ...]
    backward: tuple[str, ...]
    subject_types: tuple[str, ...]
    object_types: tuple[str, ...]


class _Schema:
    """The closed schema: every class's inherited types and every property's profile."""

    def __init__(self, groups: dict[ox.NamedNode, list[ox.Triple]], origin: _Origin) -> None:
        direct: dict[ox.NamedNode, dict[Term, set[Term]]] = {p: defaultdict(set) for p in _SCHEMA}
        for predicate, table in direct.items():
            for t in groups.get(predicate, ()):
                _check_schema_triple(t, origin)
                table[t.subject].add(t.object)
        for t in groups.get(_INVERSE, ()):  # prp-inv2: owl:inverseOf works both ways
            direct[_INVERSE][t.object].add(t.subject)
        self._superclasses = _closure(direct[_SUBCLASS])
        self._superproperties = _closure(direct[_SUBPROPERTY])
        inferable = set().union(
            *direct[_DOMAIN].values(), *direct[_RANGE].values(), *self._superclasses.values()
        )
        refused = inferable & (_DECLARATIONS | _UNSUPPORTED_TYPES)
        if refused:
            raise SourceError(
                f"a domain, range or superclass lets the reasoner infer the type "
                f"{_name(min(refused, key=str))}, which the build's reasoner does not implement"
            )
        self._direct = direct
        self.type_text: dict[Term, str] = {}
        """` <rdf:type> <C>` for each class C some rule can infer (filled by `_types`)."""
        self.linked: set[ox.NamedNode] = set()
        """The properties some rule can infer a statement of (filled by `_profile`)."""
        self.inherited = {c: self._types(sup) for c, sup in self._superclasses.items()}
        """cax-sco (with scm-sco): the types an instance of a class also has."""
        schema_properties = set().union(
            *(direct[x] for x in (_SUBPROPERTY, _INVERSE, _DOMAIN, _RANGE))
        )
        self.profiles = {
            p: profile
            for p in groups.keys() & schema_properties
            if any(profile := self._profile(p))
        }
        """What a triple entails, for each property the schema says something about."""

    def _types(self, classes: Iterable[Term]) -> tuple[str, ...]:
        closed = set(classes).union(*(self._superclasses.get(c, ()) for c in classes))
        return tuple(
            self.type_text.setdefault(c, f" {TYPE} {c}")
            for c in closed - _TRIVIAL_TYPES
            if not isinstance(c, ox.BlankNode)
        )

    def _profile(self, p: ox.NamedNode) -> _Profile:
        """Closes prp-spo1 and prp-inv1/2 from `s p o`: (q, True) for `s q o`, (q, False) for
        `o q s`; prp-dom and prp-rng then type each end, and cax-sco adds the superclasses."""
        inverse, domain, range_ = (self._direct[x] for x in (_INVERSE, _DOMAIN, _RANGE))
        seen = {(p, True)}
        pending = [(p, True)]
        while pending:
            q, ahead = pending.pop()
            steps = chain(
                ((n, ahead) for n in self._superproperties.get(q, ())),
                ((n, not ahead) for n in inverse.get(q, ())),
            )
            for step in steps:
                if step not in seen:
                    seen.add(step)
                    pending.append(step)
        ahead = {q for q, forward in seen if forward}
        behind = {q for q, forward in seen if not forward}
        # owlrl drops triples with a blank-node predicate at the end, after reasoning on them.
        ahead_named = {q for q in ahead - {p} if isinstance(q, ox.NamedNode)}
        behind_named = {q for q in behind if isinstance(q, ox.NamedNode)}
        self.linked |= ahead_named | behind_named
        return _Profile(
            forward=tuple(f" {q} " for q in ahead_named),
            backward=tuple(f" {q} " for q in behind_named),
            subject_types=self._types(
                {c for q in ahead for c in domain.get(q, ())}
                | {c for q in behind for c in range_.get(q, ())}
            ),
            object_types=self._types(
                {c for q in ahead for c in range_.get(q, ())}
                | {c for q in behind for c in domain.get(q, ())}
            ),
        )


class _Origin:
    """Says whether a refused triple comes from the ontology or from the data, for the message."""

    def __init__(self, ontology: Iterable[ox.Triple]) -> None:
        self._ontology = frozenset(ontology)

    def __call__(self, triple: ox.Triple) -> str:
        return "the ontology" if triple in self._ontology else "the data"


def _closure(direct: dict[Term, set[Term]]) -> dict[Term, set[Term]]:
    """Every node's ancestors (the transitive closure of a small hierarchy)."""
    closed: dict[Term, set[Term]] = {}
    for start in direct:
        seen: set[Term] = set()
        pending = list(direct[start])
        while pending:
            node = pending.pop()
            if node not in seen:
                seen.add(node)
                pending.extend(direct.get(node, ()))
        closed[start] = seen
    return closed


def _check_schema_triple(t: ox.Triple, origin: _Origin) -> None:
    """Refuses what would make owlrl's scm-* rules say something about our data, or change the
    rules themselves (a sub-property of rdf:type, a domain for rdfs:subClassOf...)."""
    s, p, o = t.subject, t.predicate, t.object
    if _is_ours(s):
        raise SourceError(
            f"{origin(t)} uses the data IRI {_name(s)} as a class or property ({_name(p)}), "
            "which the build's reasoner does not implement"
        )
    if s in _VOCABULARY or (p in (_SUBPROPERTY, _INVERSE) and o in _VOCABULARY):
        raise SourceError(
            f"{origin(t)} states {_name(s)} {_name(p)} {_name(o)} about the OWL vocabulary "
            "itself, which the build's reasoner does not implement"
        )


def _check_type(c: Term, subjects: list[Subject], origin: _Origin) -> None:
    """Refuses an asserted type owlrl has rules for that these rules do not implement: an OWL
    characteristic, or a data IRI declared a class or property (scm-cls, scm-op, scm-dp) or
    typed with a datatype (dt-type1 adds its super-datatypes)."""
    if c in _UNSUPPORTED_TYPES:
        s = subjects[0]
    elif c in _DECLARATIONS or (isinstance(c, ox.NamedNode) and c.value.startswith(_XSD)):
        s = next((s for s in subjects if _is_ours(s)), None)
        if s is None:
            return
    else:
        return
    raise SourceError(
        f"{origin(ox.Triple(s, TYPE, c))} states {_name(s)} {_name(TYPE)} {_name(c)}, which the "
        "build's reasoner does not implement"
    )


def _is_ours(term: Term) -> bool:
    return isinstance(term, ox.NamedNode) and term.value.startswith(DATA_NS)


def _name(term: Term) -> str:
    return short_iri(term.value) if isinstance(term, ox.NamedNode) else str(term)


def entail(ontology: Iterable[ox.Triple], facts: Iterable[ox.Triple]) -> list[ox.Triple]:
    """The triples only reasoning yields about our data, filtered as `entail_with_owlrl` does and
    sorted by their N-Triples string. Inputs are only read (either may be a one-shot iterator).

    :raises SourceError: the ontology or the data uses a construct these rules do not implement.
    """
    ontology = tuple(ontology)
    with collector_paused():
        lines = _inferred_lines(ontology, facts)
        if not lines:
            return []
        text = " .\n".join(lines) + " .\n"
        del lines  # the text holds the same, and the triples come next: keep the peak low
        # The lines are pyoxigraph's own rendering of valid terms: no need to validate them again.
        return [q.triple for q in ox.parse(text, format=ox.RdfFormat.N_TRIPLES, lenient=True)]


def _inferred_lines(ontology: tuple[ox.Triple, ...], facts: Iterable[ox.Triple]) -> list[str]:
    """The kept inferences as sorted N-Triples lines (without the final ` .`)."""
    # OWL-RL knows no ontology/data divide: the ontology's triples are facts too, and a schema
    # statement in the data is part of the schema.
    groups: dict[ox.NamedNode, list[ox.Triple]] = defaultdict(list)
    for t in chain(ontology, facts):
        groups[t.predicate].append(t)
    origin = _Origin(ontology)
    unsupported = groups.keys() & _UNSUPPORTED_PROPERTIES
    if unsupported:
        t = groups[min(unsupported, key=str)][0]
        raise SourceError(
            f"{origin(t)} uses {_name(t.predicate)} (on {_name(t.subject)}), which the build's "
            "reasoner does not implement"
        )
    schema = _Schema(groups, origin)
    derived: dict[Term, set[str]] = defaultdict(set)
    """Per subject, ` <p> <o>` of each inferred triple."""
    stated: dict[Term, set[str]] = defaultdict(set)
    """Per subject, the same text of the asserted triples an inference could repeat."""
    _apply_types(schema, groups.get(TYPE, ()), derived, stated, origin)
    for p, profile in schema.profiles.items():
        _apply_profile(profile, groups[p], derived)
    for q in schema.linked:
        prefix = f" {q} "
        for t in groups.get(q, ()):
            stated[t.subject].add(prefix + str(t.object))
    lines: list[str] = []
    for s, found in derived.items():
        if _is_ours(s):
            found.difference_update(stated.get(s, ()))
            head = str(s)
            lines.extend([head + text for text in found])
    lines.sort()
    return lines


def _apply_types(
    schema: _Schema,
    triples: Iterable[ox.Triple],
    derived: dict[Term, set[str]],
    stated: dict[Term, set[str]],
    origin: _Origin,
) -> None:
    """cax-sco on the asserted types, one class at a time."""
    members: dict[Term, list[Subject]] = defaultdict(list)
    for t in triples:
        members[t.object].append(t.subject)
    for c, subjects in members.items():
        _check_type(c, subjects, origin)
        inherited = schema.inherited.get(c)
        if inherited:
            for s in subjects:
                derived[s].update(inherited)
        own = schema.type_text.get(c)
        if own is not None:
            for s in subjects:
                stated[s].add(own)


def _apply_profile(
    profile: _Profile, triples: Iterable[ox.Triple], derived: dict[Term, set[str]]
) -> None:
    """prp-spo1, prp-inv1/2, prp-dom, prp-rng and cax-sco on each triple of one property."""
    forward, backward, subject_types, object_types = profile
    for t in triples:
        s, o = t.subject, t.object
        found = derived[s]
        if subject_types:
            found.update(subject_types)
        if forward and not isinstance(o, ox.BlankNode):
            value = str(o)
            found.update([q + value for q in forward])
        if isinstance(o, ox.Literal):
            continue  # what the literal would be the subject of is not kept
        if object_types:
            derived[o].update(object_types)
        if backward and not isinstance(s, ox.BlankNode):
            value = str(s)
            derived[o].update([q + value for q in backward])


def entail_with_owlrl(ontology: Graph, facts: Graph) -> Graph:
    """The reference: owlrl's full OWL-RL closure, filtered the same way (slow; for tests)."""
    import owlrl

    closure = Graph()
    for triple in ontology:
        closure.add(triple)
    for triple in facts:
        closure.add(triple)
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, rdfs_closure=False, axiomatic_triples=False, datatype_axioms=False
    ).expand(closure)
    inferred = Graph(bind_namespaces="none")
    for s, p, o in closure:
        if not (isinstance(s, URIRef) and s.startswith(DATA_NS)) or isinstance(o, BNode):
            continue
        if (p == OWL.sameAs and s == o) or (p == RDF.type and o in (OWL.Thing, RDFS.Resource)):
            continue
        if (s, p, o) in facts or (s, p, o) in ontology:
            continue
        inferred.add((s, p, o))
    return inferred
