"""Check that every excerpt's quote really is in the article, where its selectors say.

A fact is only as good as its quote: this check reads the project's copy of the source text and
compares each excerpt's TextQuoteSelector and TextPositionSelector with it. Offsets are Python
string indices (Unicode code points, end exclusive) into the file read exactly as stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF
from rdflib.term import Node

from ..errors import SourceError
from ..namespaces import GRAPH_PROVENANCE, IKG, OA
from .sources import Project, read_text

STATEMENT_PREFIX = "https://w3id.org/ingenium-kg/id/statement/"


@dataclass(frozen=True, order=True)
class QuoteProblem:
    """One thing wrong with one excerpt; `path` is the offending property when there is one."""

    excerpt: URIRef
    message: str
    facts: tuple[URIRef, ...] = ()
    path: URIRef | None = None


def check_quotes(dataset: Dataset, project: Project) -> tuple[QuoteProblem, ...]:
    """Every problem with the excerpts of an assembled dataset, sorted (empty when all is well)."""
    provenance = dataset.graph(GRAPH_PROVENANCE)
    supported = _facts_by_excerpt(provenance)
    described = {s for s in provenance.subjects(OA.hasSelector, None) if isinstance(s, URIRef)}
    texts: dict[Node, str | SourceError] = {}
    problems: list[QuoteProblem] = []
    for excerpt in sorted(supported.keys() - described):
        problems.append(
            QuoteProblem(
                excerpt,
                "excerpt graph has no description (no oa:hasSelector in the default graph)",
                supported[excerpt],
            )
        )
    for excerpt in sorted(described):
        facts = supported.get(excerpt, ())
        if not facts:
            problems.append(QuoteProblem(excerpt, "excerpt is described but has no fact graph"))
        for message, path in _check_excerpt(provenance, excerpt, project, texts):
            problems.append(QuoteProblem(excerpt, message, facts, path))
    return tuple(sorted(problems, key=lambda p: (str(p.excerpt), p.message)))


def _facts_by_excerpt(provenance: Graph) -> dict[URIRef, tuple[URIRef, ...]]:
    """Excerpt graph name → the IRI subjects of its facts, read from our rdf:Statement nodes."""
    found: dict[URIRef, set[URIRef]] = {}
    for statement in provenance.subjects(RDF.type, RDF.Statement):
        if not str(statement).startswith(STATEMENT_PREFIX):
            continue
        subject = provenance.value(statement, RDF.subject)
        for excerpt in provenance.objects(statement, PROV.wasDerivedFrom):
            bucket = found.setdefault(excerpt, set())  # type: ignore[arg-type]
            if isinstance(subject, URIRef):
                bucket.add(subject)
    return {e: tuple(sorted(s)) for e, s in found.items()}


def _check_excerpt(
    graph: Graph, excerpt: URIRef, project: Project, texts: dict[Node, str | SourceError]
) -> list[tuple[str, URIRef | None]]:
    selectors = list(graph.objects(excerpt, OA.hasSelector))
    quotes = [s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in graph]
    positions = [s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in graph]
    wrong: list[tuple[str, URIRef | None]] = []
    if len(quotes) != 1:
        wrong.append((f"needs exactly one oa:TextQuoteSelector, has {len(quotes)}", None))
    if len(positions) != 1:
        wrong.append((f"needs exactly one oa:TextPositionSelector, has {len(positions)}", None))
    if wrong:
        return wrong
    quote, position = quotes[0], positions[0]
    exact = _string(graph, quote, OA.exact)
    start, end = _integer(graph, position, OA.start), _integer(graph, position, OA.end)
    if exact is None:
        return [("quote selector needs one oa:exact string", OA.exact)]
    if start is None or end is None:
        return [("position selector needs integer oa:start and oa:end", OA.start)]
    text = _source_text(graph, excerpt, project, texts)
    if isinstance(text, str):
        prefix, suffix = _string(graph, quote, OA.prefix), _string(graph, quote, OA.suffix)
        return _compare(text, exact, prefix, suffix, start, end)
    return [(text.message, OA.hasSource)]


def _source_text(
    graph: Graph, excerpt: URIRef, project: Project, texts: dict[Node, str | SourceError]
) -> str | SourceError:
    source = graph.value(excerpt, OA.hasSource)
    if source is None:
        return SourceError("excerpt has no oa:hasSource")
    if source not in texts:
        relative = graph.value(source, IKG.textFile)
        if relative is None:
            texts[source] = SourceError(f"source <{source}> has no ikg:textFile")
        else:
            try:
                texts[source] = read_text(project.root / Path(str(relative)))
            except SourceError as exc:
                texts[source] = exc
    return texts[source]


def _compare(
    text: str, exact: str, prefix: str | None, suffix: str | None, start: int, end: int
) -> list[tuple[str, URIRef | None]]:
    wrong: list[tuple[str, URIRef | None]] = []
    if text[start:end] != exact:
        found = _occurrences(text, exact)
        where = ", ".join(f"{i}–{i + len(exact)}" for i in found)
        hint = f"; found at {where}" if found else "; the exact text is not in the source"
        wrong.append(
            (
                f"text at {start}–{end} is {_show(text[start:end])}, not {_show(exact)}{hint}",
                OA.start,
            )
        )
        return wrong
    if prefix is not None and text[max(0, start - len(prefix)) : start] != prefix:
        before = text[max(0, start - len(prefix)) : start]
        wrong.append(
            (f"oa:prefix {_show(prefix)} but the text before is {_show(before)}", OA.prefix)
        )
    if suffix is not None and text[end : end + len(suffix)] != suffix:
        after = text[end : end + len(suffix)]
        wrong.append((f"oa:suffix {_show(suffix)} but the text after is {_show(after)}", OA.suffix))
    count = len(_occurrences(text, exact))
    if count > 1:
        if prefix is None and suffix is None:
            wrong.append(
                (f"exact text occurs {count} times; add oa:prefix or oa:suffix", OA.prefix)
            )
        elif not wrong:
            context = (prefix or "") + exact + (suffix or "")
            times = len(_occurrences(text, context))
            if times != 1:
                wrong.append(
                    (f"prefix+exact+suffix occurs {times} times; lengthen the context", OA.prefix)
                )
    return wrong


def _occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence."""
    found, at = [], text.find(needle)
    while at >= 0 and needle:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _show(value: str, limit: int = 60) -> str:
    shown = value if len(value) <= limit else value[: limit - 1] + "…"
    return "«" + shown.replace("\n", "\\n").replace("\r", "\\r") + "»"


def _string(graph: Graph, node: Node, prop: URIRef) -> str | None:
    values = [v for v in graph.objects(node, prop) if isinstance(v, Literal)]
    return str(values[0]) if len(values) == 1 else None


def _integer(graph: Graph, node: Node, prop: URIRef) -> int | None:
    values = list(graph.objects(node, prop))
    if len(values) != 1 or not isinstance(values[0], Literal):
        return None
    value = values[0].toPython()
    return value if isinstance(value, int) and not isinstance(value, bool) else None
