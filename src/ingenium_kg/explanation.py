"""Why the graph says what it says about one term: its facts and the article's words for each.

Any term: an entity (its facts), anything pointed at (the facts that mention it: a class has its
instances, a Wikidata item the entities linked to it), an ontology term (its definition). It all
comes from the built store: the term's triples in the fact, link, Wikidata and inferred graphs,
both ways; the excerpt graphs that hold each fact (`GRAPH ?excerpt { s p o }`) with their quotes
and offsets from graph/provenance; the labels. Inferred facts have no excerpt of their own; they
are listed after the asserted ones and marked.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node

from .dataset import BuiltDataset
from .errors import UnknownTermError
from .namespaces import (
    ENRICHMENT_GRAPH,
    FACTS_GRAPH,
    INFERRED_GRAPH,
    LINKS_GRAPH,
    ONTOLOGY_IRI,
    PREFIXES,
    PROVENANCE_GRAPH,
)
from .query.labels import pick_label
from .terms import from_ox, short

_GRAPHS = (FACTS_GRAPH, LINKS_GRAPH, ENRICHMENT_GRAPH, INFERRED_GRAPH)
_Row = tuple[str, Node, Node]
_LABEL_LANGS = ("en", "fr")
"""explain speaks English first, then the article's French."""


@dataclass(frozen=True)
class Support:
    """One excerpt supporting a fact: its quote, offsets and, if any, the web address cited."""

    excerpt: URIRef
    exact: str
    start: int | None
    end: int | None
    cited_address: URIRef | None = None


@dataclass(frozen=True)
class Fact:
    """One triple about the term, the graph holding it and the excerpts that support it.

    `object` is the other end of the triple: its object for the term's own facts, its subject
    for the facts that mention the term.
    """

    predicate: URIRef
    object: Node
    graph: URIRef
    object_label: str | None
    supports: tuple[Support, ...]

    @property
    def inferred(self) -> bool:
        return str(self.graph) == INFERRED_GRAPH


@dataclass(frozen=True)
class Explanation:
    """Everything `explain` found about one term."""

    term: URIRef
    label: str | None
    facts: tuple[Fact, ...]
    """The term as subject."""
    mentions: tuple[Fact, ...] = ()
    """The term as object: who points at it, and how (`rdf:type` for a class's instances)."""
    definition: tuple[Fact, ...] = ()
    """What the ontology says of it, for a class or a property of the project."""


def resolve(term: str) -> URIRef:
    """A full IRI (`<…>` or `http…`) or a prefixed name (`id:university/oviedo`) as an IRI.

    :raises UnknownTermError: for an unknown prefix or a string that is neither.
    """
    text = term.strip()
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    if text.startswith(("http://", "https://", "urn:")):
        return URIRef(text)
    prefix, colon, local = text.partition(":")
    if not colon:
        raise UnknownTermError(f"{term!r} is neither an IRI nor a prefixed name like id:kind/slug")
    if prefix not in PREFIXES:
        close = difflib.get_close_matches(prefix, list(PREFIXES), n=3)
        hint = f"did you mean {', '.join(p + ':' for p in close)}?" if close else ""
        raise UnknownTermError(
            f"unknown prefix {prefix + ':'!r}; {hint or 'known: ' + ', '.join(PREFIXES)}"
        )
    return URIRef(PREFIXES[prefix] + local)


def explain(dataset: BuiltDataset, term: str) -> Explanation:
    """The facts about `term`, both ways, with their supporting quotes (asserted, then inferred),
    and the ontology's definition when it is one of the project's terms.

    :raises UnknownTermError: when the prefix is unknown or the build does not mention the
        term, with the nearest known terms of the same namespace suggested.
    """
    iri = resolve(term)
    node = f"<{iri}>"
    outgoing = _triples(dataset, f"{node} ?p ?o", _GRAPHS)
    incoming = _triples(dataset, f"?o ?p {node}", _GRAPHS)
    defined = _triples(dataset, f"{node} ?p ?o", (ONTOLOGY_IRI,))
    if not (outgoing or incoming or defined):
        raise UnknownTermError(f"{short(iri)} is not in the graph{_suggest(dataset, iri)}")
    ends = {o.n3() for _, _, o in (*outgoing, *incoming, *defined) if isinstance(o, URIRef)}
    labels = _labels(dataset, {node, *ends})
    return Explanation(
        iri,
        labels.get(iri),
        _facts(outgoing, labels, _supports(dataset, f"{node} ?p ?o")),
        _facts(incoming, labels, _supports(dataset, f"?o ?p {node}")),
        _facts(defined, labels, {}),
    )


def _triples(dataset: BuiltDataset, pattern: str, graphs: tuple[str, ...]) -> list[_Row]:
    """(graph, predicate, other end) of `pattern` (with ?p ?o) in `graphs`."""
    names = " ".join(f"<{g}>" for g in graphs)
    rows = dataset.store.query(
        f"SELECT ?g ?p ?o WHERE {{ VALUES ?g {{ {names} }} GRAPH ?g {{ {pattern} }} }}"
    )
    return [(s["g"].value, from_ox(s["p"]), from_ox(s["o"])) for s in rows]  # type: ignore[index, union-attr]


def _facts(
    triples: list[_Row],
    labels: dict[Node, str],
    supports: dict[tuple[Node, Node], list[Support]],
) -> tuple[Fact, ...]:
    order = {g: i for i, g in enumerate((*_GRAPHS, ONTOLOGY_IRI))}
    triples = sorted(triples, key=lambda t: (order[t[0]], str(t[1]), t[2].n3()))
    return tuple(
        Fact(p, o, URIRef(g), labels.get(o), tuple(supports.get((p, o), ())))  # type: ignore[arg-type]
        for g, p, o in triples
    )


def _supports(dataset: BuiltDataset, pattern: str) -> dict[tuple[Node, Node], list[Support]]:
    """Each (predicate, other end) of `pattern` -> the excerpts whose graph states it, sorted.

    The selectors are found by their properties alone (SHACL checks their types): with type
    patterns the engine would join every excerpt of the build before the few that matter.
    """
    rows = dataset.store.query(
        f"""PREFIX oa: <{PREFIXES["oa"]}> PREFIX ikg: <{PREFIXES["ikg"]}>
        SELECT ?p ?o ?excerpt ?exact ?start ?end ?cited WHERE {{
          GRAPH ?excerpt {{ {pattern} }}
          GRAPH <{PROVENANCE_GRAPH}> {{
            ?excerpt oa:hasSelector ?quote . ?quote oa:exact ?exact .
            ?excerpt oa:hasSelector ?position . ?position oa:start ?start ; oa:end ?end .
          }}
          OPTIONAL {{ GRAPH <{PROVENANCE_GRAPH}> {{ ?excerpt ikg:citedAddress ?cited }} }}
        }} ORDER BY ?excerpt"""
    )
    found: dict[tuple[Node, Node], list[Support]] = defaultdict(list)
    for s in rows:  # type: ignore[union-attr]
        cited = s["cited"]
        found[(from_ox(s["p"]), from_ox(s["o"]))].append(
            Support(
                URIRef(s["excerpt"].value),
                s["exact"].value,
                int(s["start"].value),
                int(s["end"].value),
                URIRef(cited.value) if cited is not None else None,
            )
        )
    return found


def _labels(dataset: BuiltDataset, nodes: set[str]) -> dict[Node, str]:
    """rdfs:label or skos:prefLabel of each node, English first, then French, then untagged."""
    rows = dataset.store.query(
        f"""SELECT ?node ?label WHERE {{
          VALUES ?node {{ {" ".join(sorted(nodes))} }}
          VALUES ?g {{ <{FACTS_GRAPH}> <{LINKS_GRAPH}> }}
          GRAPH ?g {{ ?node <{PREFIXES["rdfs"]}label>|<{PREFIXES["skos"]}prefLabel> ?label }}
        }}"""
    )
    candidates: dict[Node, list[Literal]] = defaultdict(list)
    for s in rows:  # type: ignore[union-attr]
        label = from_ox(s["label"])
        if isinstance(label, Literal):
            candidates[from_ox(s["node"])].append(label)
    return {
        node: pick_label(((lit.language or "", str(lit)) for lit in labels), _LABEL_LANGS)
        for node, labels in candidates.items()
    }


def _suggest(dataset: BuiltDataset, iri: URIRef) -> str:
    """The known terms nearest to `iri`, among those of its own namespace when it has one."""
    graphs = " ".join(f"<{g}>" for g in (*_GRAPHS, ONTOLOGY_IRI))
    rows = dataset.store.query(
        f"SELECT DISTINCT ?t WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ "
        "{ ?t ?p ?o } UNION { ?s ?p ?t } } FILTER isIRI(?t) }"
    )
    known = {short(URIRef(s["t"].value)) for s in rows}  # type: ignore[index, union-attr]
    asked = short(iri)
    prefix = asked.partition(":")[0] + ":" if not asked.startswith("<") else ""
    same = sorted(k for k in known if prefix and k.startswith(prefix)) or sorted(known)
    close = difflib.get_close_matches(asked, same, n=3, cutoff=0.7)
    return f"; did you mean {', '.join(close)}?" if close else ""


def render_text(explanation: Explanation) -> str:
    """Readable text: the label, the term's facts, the facts that mention it, its definition;
    each fact with its quotes « … » and offsets."""
    head = short(explanation.term)
    lines = [f"{explanation.label} ({head})" if explanation.label else head]
    sections = (
        ("", explanation.facts),
        ("mentioned by:", explanation.mentions),
        ("defined in the ontology:", explanation.definition),
    )
    for title, facts in sections:
        if facts and title:
            lines.append(title)
        for fact in facts:
            lines.extend(_fact_lines(fact, mention=facts is explanation.mentions))
    return "\n".join(lines) + "\n"


def _fact_lines(fact: Fact, *, mention: bool) -> list[str]:
    shown = short(fact.object)
    if fact.object_label and not isinstance(fact.object, Literal):
        shown = f"{fact.object_label} ({shown})"
    mark = "  [inferred]" if fact.inferred else ""
    if str(fact.graph) not in (INFERRED_GRAPH, FACTS_GRAPH, ONTOLOGY_IRI):
        mark = f"  [{short(fact.graph)}]"
    said = f"{shown} {short(fact.predicate)}" if mention else f"{short(fact.predicate)} {shown}"
    lines = [f"  {said}{mark}"]
    for support in fact.supports:
        where = f"{support.start}–{support.end}" if support.start is not None else "?"
        cited = f", cited address <{support.cited_address}>" if support.cited_address else ""
        quote = " ".join(support.exact.split())  # one line per quote, even across lines
        lines.append(f"      « {quote} » ({short(support.excerpt)}, {where}{cited})")
    return lines
