"""Why the graph says what it says about one entity: its facts and the article's words for each.

`explain` reads the rdf:Statement nodes of the provenance graph (found by the same hash the build
gives them) to reach each fact's excerpts, then their quote and offsets. Inferred facts have no
excerpt of their own; they are listed after the asserted ones and marked.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from .build.graph import ALL_GRAPHS, merge, statement_iri
from .errors import UnknownTermError
from .namespaces import GRAPH_INFERRED, GRAPH_PROVENANCE, IKG, OA, PREFIXES
from .terms import short

_LABEL_LANGS = ("en", "fr", "")


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
        return self.graph == GRAPH_INFERRED


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


def label(graph: Graph, node: Node) -> str | None:
    """rdfs:label or skos:prefLabel, English first, then French, then untagged."""
    found: dict[str, str] = {}
    for prop in (RDFS.label, SKOS.prefLabel):
        for value in sorted(graph.objects(node, prop)):
            if isinstance(value, Literal):
                found.setdefault(value.language or "", str(value))
    for lang in _LABEL_LANGS:
        if lang in found:
            return found[lang]
    return None


def explain(dataset: Dataset, term: str) -> Explanation:
    """The facts about `term` with their supporting quotes (asserted first, then inferred).

    :raises UnknownTermError: when the prefix is unknown or no graph has the term as subject,
        with the nearest known IRIs suggested.
    """
    iri = resolve(term)
    graphs = [dataset.graph(name) for name in ALL_GRAPHS if name != GRAPH_PROVENANCE]
    if not any((iri, None, None) in g for g in graphs):
        raise UnknownTermError(f"{short(iri)} is not in the graph{_suggest(iri, graphs)}")
    provenance = dataset.graph(GRAPH_PROVENANCE)
    labels = merge(graphs)
    facts: list[Fact] = []
    for graph in graphs:
        rows = sorted(graph.predicate_objects(iri), key=lambda po: (str(po[0]), po[1].n3()))
        for p, o in rows:
            supports = _supports(provenance, iri, p, o)
            facts.append(Fact(p, o, graph.identifier, label(labels, o), supports))  # type: ignore[arg-type]
    return Explanation(iri, label(labels, iri), tuple(facts))


def _supports(provenance: Graph, s: Node, p: Node, o: Node) -> tuple[Support, ...]:
    statement = statement_iri(s, p, o)
    found = []
    for excerpt in sorted(provenance.objects(statement, PROV.wasDerivedFrom)):
        exact, start, end = "", None, None
        for selector in provenance.objects(excerpt, OA.hasSelector):
            if (selector, RDF.type, OA.TextQuoteSelector) in provenance:
                exact = str(provenance.value(selector, OA.exact) or "")
            if (selector, RDF.type, OA.TextPositionSelector) in provenance:
                start = _int(provenance.value(selector, OA.start))
                end = _int(provenance.value(selector, OA.end))
        cited = provenance.value(excerpt, IKG.citedAddress)
        found.append(
            Support(excerpt, exact, start, end, cited if isinstance(cited, URIRef) else None)  # type: ignore[arg-type]
        )
    return tuple(found)


def _int(value: Node | None) -> int | None:
    python = value.toPython() if isinstance(value, Literal) else None
    return python if isinstance(python, int) else None


def _suggest(iri: URIRef, graphs: list[Graph]) -> str:
    known = sorted({short(s) for g in graphs for s in g.subjects() if isinstance(s, URIRef)})
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
        if fact.graph not in (GRAPH_INFERRED, ALL_GRAPHS[0]):
            mark = f"  [{short(fact.graph)}]"
        lines.append(f"  {short(fact.predicate)} {shown}{mark}")
        for support in fact.supports:
            where = f"{support.start}–{support.end}" if support.start is not None else "?"
            cited = f", cited address <{support.cited_address}>" if support.cited_address else ""
            quote = " ".join(support.exact.split())  # one line per quote, even across lines
            lines.append(f"      « {quote} » ({short(support.excerpt)}, {where}{cited})")
    return "\n".join(lines) + "\n"
