"""OWL-RL entailment restricted to the rules the ontology needs, with owlrl as the reference.

The ontology only uses rdfs:subClassOf, rdfs:subPropertyOf, rdfs:domain, rdfs:range and
owl:inverseOf, so of OWL-RL's rules only these can add a triple about our data: cax-sco,
prp-spo1, prp-dom, prp-rng and prp-inv1/2 (the scm-* rules only close the schema, which is done
once up front). The schema is small, so its closure is computed first; then one pass over the
facts applies the rules to each triple and to what it yields, until nothing new comes. That is
linear in the facts, where owlrl re-applies every rule to the whole graph until a fixpoint (and
runs out of time past a few thousand triples). A construct the rules do not implement raises
SourceError instead of silently giving a different closure; `entail_with_owlrl` stays as the
reference the tests and the benchmark compare against.

Of what reasoning yields we keep only triples about our own entities (an IRI subject in the
data namespace), new ones, and not the trivial `rdf:type owl:Thing`/`rdfs:Resource` or
`x owl:sameAs x`, exactly as the reference's filter does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from ..errors import SourceError
from ..namespaces import DATA_NS, PREFIXES

_RDF, _RDFS, _OWL = PREFIXES["rdf"], PREFIXES["rdfs"], PREFIXES["owl"]
TYPE = ox.NamedNode(_RDF + "type")
_SUBCLASS, _SUBPROPERTY = _RDFS + "subClassOf", _RDFS + "subPropertyOf"
_DOMAIN, _RANGE, _INVERSE = _RDFS + "domain", _RDFS + "range", _OWL + "inverseOf"
_TRIVIAL_TYPES = {ox.NamedNode(_OWL + "Thing"), ox.NamedNode(_RDFS + "Resource")}

_UNSUPPORTED_PROPERTIES = {
    _OWL + name
    for name in (
        "equivalentClass",
        "equivalentProperty",
        "propertyChainAxiom",
        "hasKey",
        "sameAs",
        "someValuesFrom",
        "allValuesFrom",
        "hasValue",
        "onProperty",
        "unionOf",
        "intersectionOf",
        "oneOf",
        "complementOf",
        "maxCardinality",
        "maxQualifiedCardinality",
    )
}
_UNSUPPORTED_TYPES = {
    ox.NamedNode(_OWL + name)
    for name in (
        "TransitiveProperty",
        "SymmetricProperty",
        "FunctionalProperty",
        "InverseFunctionalProperty",
        "Restriction",
    )
}

Term = ox.NamedNode | ox.BlankNode | ox.Literal


class _Schema:
    """The ontology's class and property hierarchies, closed, with domains, ranges, inverses."""

    def __init__(self, ontology: Iterable[ox.Triple]) -> None:
        sub_class: dict[Term, set[Term]] = defaultdict(set)
        sub_property: dict[Term, set[Term]] = defaultdict(set)
        self.domain: dict[Term, set[Term]] = defaultdict(set)
        self.range: dict[Term, set[Term]] = defaultdict(set)
        self.inverse: dict[Term, set[Term]] = defaultdict(set)
        for t in ontology:
            p = t.predicate.value
            if p in _UNSUPPORTED_PROPERTIES or (
                t.predicate == TYPE and t.object in _UNSUPPORTED_TYPES
            ):
                construct = t.object if t.predicate == TYPE else t.predicate
                raise SourceError(
                    f"the ontology uses {construct}, which the build's reasoner does not "
                    f"implement (subject {t.subject})"
                )
            if p == _SUBCLASS:
                sub_class[t.subject].add(t.object)
            elif p == _SUBPROPERTY:
                sub_property[t.subject].add(t.object)
            elif p == _DOMAIN:
                self.domain[t.subject].add(t.object)
            elif p == _RANGE:
                self.range[t.subject].add(t.object)
            elif p == _INVERSE:
                self.inverse[t.subject].add(t.object)
                self.inverse[t.object].add(t.subject)
        self.superclasses = _closure(sub_class)
        self.superproperties = _closure(sub_property)


def _closure(direct: dict[Term, set[Term]]) -> dict[Term, set[Term]]:
    """Every node's strict ancestors (the transitive closure of a small hierarchy)."""
    closed: dict[Term, set[Term]] = {}
    for start in direct:
        seen: set[Term] = set()
        pending = list(direct[start])
        while pending:
            node = pending.pop()
            if node not in seen:
                seen.add(node)
                pending.extend(direct.get(node, ()))
        closed[start] = seen - {start}
    return closed


def entail(ontology: Iterable[ox.Triple], facts: Iterable[ox.Triple]) -> list[ox.Triple]:
    """The triples only reasoning yields about our data, sorted; inputs are not modified.

    :raises SourceError: the ontology uses a construct these rules do not implement.
    """
    ontology = list(ontology)
    schema = _Schema(ontology)
    known = set(facts)
    asserted = frozenset(known) | frozenset(ontology)
    pending = list(known)
    while pending:
        for triple in _consequences(schema, pending.pop()):
            if triple not in known:
                known.add(triple)
                pending.append(triple)
    inferred = [t for t in known - asserted if _kept(t)]
    return sorted(inferred, key=str)


def _consequences(schema: _Schema, triple: ox.Triple) -> list[ox.Triple]:
    s, p, o = triple.subject, triple.predicate, triple.object
    if p == TYPE:  # cax-sco
        return [ox.Triple(s, TYPE, c) for c in schema.superclasses.get(o, ())]
    out = [ox.Triple(s, q, o) for q in schema.superproperties.get(p, ())]  # prp-spo1
    out += [ox.Triple(s, TYPE, c) for c in schema.domain.get(p, ())]  # prp-dom
    if not isinstance(o, ox.Literal):  # a literal cannot be a subject: nothing to keep
        out += [ox.Triple(o, TYPE, c) for c in schema.range.get(p, ())]  # prp-rng
        out += [ox.Triple(o, q, s) for q in schema.inverse.get(p, ())]  # prp-inv1/2
    return out


def _kept(t: ox.Triple) -> bool:
    """The reference's filter: about our entities, no blank node, not trivially true."""
    if not (isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(DATA_NS)):
        return False
    if isinstance(t.object, ox.BlankNode):
        return False
    return not (t.predicate == TYPE and t.object in _TRIVIAL_TYPES)


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
