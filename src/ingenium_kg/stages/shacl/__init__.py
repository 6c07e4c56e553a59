"""SHACL shapes compiled to whole-graph SPARQL queries that return only the failures.

pyshacl (the reference: `validation.validate_with_pyshacl`) walks focus node by focus node and runs
each SPARQL constraint once per node: seconds on the article, hours on a million triples. Here each
constraint is asked of the whole default graph of a pyoxigraph store at once:

- a property shape gives a grouped query for its counts (sh:minCount, sh:maxCount, the qualified
  counts), one for its per-value constraints (a boolean column each) and one for sh:uniqueLang,
  with the focus nodes of every shape using it bound together and tagged with that shape, so a
  node two shapes target is reported twice, as pyshacl does;
- a SPARQL constraint gives, per node shape, its sh:select with `$this` bound to every focus node
  by a subquery joined first in the WHERE clause (`rewrite` refuses a query where that could
  differ from pre-binding one node at a time).

The semantics are pyshacl's: targets and sh:class follow rdf:type/rdfs:subClassOf* in the data;
sh:datatype checks the lexical form of the datatypes pyshacl checks; sh:languageIn accepts a tag or
its first subtag. Any SHACL construct not implemented here raises SourceError naming the shape, so
no constraint is ever skipped.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from ...errors import SourceError
from .compiler import Compiler
from .model import Query, Result

__all__ = ["Result", "evaluate"]

_PLANS: dict[frozenset[tuple[Node, Node, Node]], tuple[Query, ...]] = {}


def evaluate(store: ox.Store, shapes: Graph) -> list[Result]:
    """Every result of `shapes` on the store's default graph; shapes compile once per content.

    :raises SourceError: the shapes use a construct not implemented here.
    """
    key = frozenset(shapes)
    if key not in _PLANS:
        _PLANS.clear()  # a process validates against one shapes graph: keep the latest only
        _PLANS[key] = Compiler(shapes).compile()
    results: list[Result] = []
    for query in _PLANS[key]:
        try:
            results.extend(query.read(store.query(query.text)))  # type: ignore[arg-type]
        except SyntaxError as exc:
            raise SourceError(f"{query.shape}: {exc}") from None
    return results
