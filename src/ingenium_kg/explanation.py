"""Why the graph says what it says about one entity: its facts and the article's words for each.

Everything comes from the built store in three queries: the term's triples in the fact, link,
Wikidata and inferred graphs; the excerpt graphs that hold each fact (`GRAPH ?excerpt { s p o }`)
with their quotes and offsets from graph/provenance; the labels of the term and its objects.
Inferred facts have no excerpt of their own; they are listed after the asserted ones and marked.
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
    PREFIXES,
    PROVENANCE_GRAPH,
)
from .query.labels import pick_label
from .terms import from_ox, short

_GRAPHS = (FACTS_GRAPH, LINKS_GRAPH, ENRICHMENT_GRAPH, INFERRED_GRAPH)
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
    """One triple about the term, the graph holding it and the excerpts that support it."""

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
    """The facts about `term` with their supporting quotes (asserted first, then inferred).

    :raises UnknownTermError: when the prefix is unknown or no graph has the term as subject,
        with the nearest known IRIs suggested.
    """
    iri = resolve(term)
    node = f"<{iri}>"
    graphs = " ".join(f"<{g}>" for g in _GRAPHS)
    rows = dataset.store.query(
        f"SELECT ?g ?p ?o WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ {node} ?p ?o }} }}"
    )
    triples = [(s["g"].value, from_ox(s["p"]), from_ox(s["o"])) for s in rows]  # type: ignore[index]
    if not triples:
        raise UnknownTermError(f"{short(iri)} is not in the graph{_suggest(dataset, iri)}")
    supports = _supports(dataset, node)
    labels = _labels(dataset, {node, *(o.n3() for _, _, o in triples if isinstance(o, URIRef))})
    order = {g: i for i, g in enumerate(_GRAPHS)}
    triples.sort(key=lambda t: (order[t[0]], str(t[1]), t[2].n3()))
    facts = tuple(
        Fact(p, o, URIRef(g), labels.get(o), tuple(supports.get((p, o), ())))  # type: ignore[arg-type]
        for g, p, o in triples
    )
    return Explanation(iri, labels.get(iri), facts)


def _supports(dataset: BuiltDataset, node: str) -> dict[tuple[Node, Node], list[Support]]:
    """Each (predicate, object) of `node` -> the excerpts whose graph states it, sorted."""
    rows = dataset.store.query(
        f"""PREFIX oa: <{PREFIXES["oa"]}> PREFIX ikg: <{PREFIXES["ikg"]}>
        SELECT ?p ?o ?excerpt ?exact ?start ?end ?cited WHERE {{
          GRAPH ?excerpt {{ {node} ?p ?o }}
          GRAPH <{PROVENANCE_GRAPH}> {{
            ?excerpt a ikg:Excerpt ; oa:hasSelector ?quote, ?position .
            ?quote a oa:TextQuoteSelector ; oa:exact ?exact .
            ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
            OPTIONAL {{ ?excerpt ikg:citedAddress ?cited }}
          }}
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
    rows = dataset.store.query(
        f"SELECT DISTINCT ?s WHERE {{ GRAPH <{FACTS_GRAPH}> {{ ?s ?p ?o }} FILTER isIRI(?s) }}"
    )
    known = sorted({short(URIRef(s["s"].value)) for s in rows})  # type: ignore[index, union-attr]
    close = difflib.get_close_matches(short(iri), known, n=3, cutoff=0.5)
    return f"; did you mean {', '.join(close)}?" if close else ""


def render_text(explanation: Explanation) -> str:
    """Readable text: the label, then each fact with its quotes « … » and offsets."""
    head = short(explanation.term)
    lines = [f"{explanation.label} ({head})" if explanation.label else head]
    for fact in explanation.facts:
        shown = short(fact.object)
        if fact.object_label and not isinstance(fact.object, Literal):
            shown = f"{fact.object_label} ({shown})"
        mark = "  [inferred]" if fact.inferred else ""
        if str(fact.graph) not in (INFERRED_GRAPH, FACTS_GRAPH):
            mark = f"  [{short(fact.graph)}]"
        lines.append(f"  {short(fact.predicate)} {shown}{mark}")
        for support in fact.supports:
            where = f"{support.start}–{support.end}" if support.start is not None else "?"
            cited = f", cited address <{support.cited_address}>" if support.cited_address else ""
            quote = " ".join(support.exact.split())  # one line per quote, even across lines
            lines.append(f"      « {quote} » ({short(support.excerpt)}, {where}{cited})")
    return "\n".join(lines) + "\n"
