"""OWL-RL entailment that returns only what reasoning adds about our data.

The closure runs on a copy of ontology + facts, so the asserted graphs stay clean for export.
Of everything OWL-RL derives we keep only triples about our own entities (an IRI subject in the
data namespace): the rest is either about ontology terms (re-derived on every load, not data),
trivial (`x owl:sameAs x`, `rdf:type owl:Thing`/`rdfs:Resource`, true of everything), or holds
blank nodes and literal subjects that owlrl creates internally and that would make exports unstable.
"""

from __future__ import annotations

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from ..namespaces import ID

_TRIVIAL_TYPES = frozenset({OWL.Thing, RDFS.Resource})


def entail(ontology: Graph, facts: Graph) -> Graph:
    """The triples OWL-RL infers from ontology + facts that neither input asserts.

    Neither input is modified.
    """
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
    data = str(ID)
    for s, p, o in closure:
        if not (isinstance(s, URIRef) and s.startswith(data)) or isinstance(o, BNode):
            continue
        if (p == OWL.sameAs and s == o) or (p == RDF.type and o in _TRIVIAL_TYPES):
            continue
        if (s, p, o) in facts or (s, p, o) in ontology:
            continue
        inferred.add((s, p, o))
    return inferred
