"""Check that every excerpt's quote really is in the article, where its selectors say.

A fact is only as good as its quote: this check reads the project's copy of the source text and
compares each excerpt's TextQuoteSelector and TextPositionSelector with it. Offsets are Python
string indices (Unicode code points, end exclusive) into the file read exactly as stored.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from ..namespaces import OA, ONTOLOGY_NS, PREFIXES
from .graph import Assembly
from .sources import Project, read_text

_OA = PREFIXES["oa"]
_RDF_TYPE = PREFIXES["rdf"] + "type"
_SELECTOR, _SOURCE, _TEXT_FILE = _OA + "hasSelector", _OA + "hasSource", ONTOLOGY_NS + "textFile"
_QUOTE, _POSITION = _OA + "TextQuoteSelector", _OA + "TextPositionSelector"
_XSD_INTEGER = PREFIXES["xsd"] + "integer"

Index = dict[str, dict[str, list[ox.NamedNode | ox.Literal]]]
"""subject IRI -> predicate IRI -> objects, for the excerpt descriptions."""


@dataclass(frozen=True, order=True)
class QuoteProblem:
    """One thing wrong with one excerpt; `path` is the offending property when there is one."""

    excerpt: URIRef
    message: str
    facts: tuple[URIRef, ...] = ()
    path: URIRef | None = None


def check_quotes(assembly: Assembly, project: Project) -> tuple[QuoteProblem, ...]:
    """Every problem with the excerpts of an assembled dataset, sorted (empty when all is well).

    :raises SourceError: a source text file is missing or not UTF-8 (one error, not one per
        excerpt: nothing can be checked against a text that cannot be read).
    """
    index: Index = defaultdict(lambda: defaultdict(list))
    for t in assembly.provenance:
        index[t.subject.value][t.predicate.value].append(t.object)  # type: ignore[arg-type]
    supported = _facts_by_excerpt(assembly)
    described = {s for s, props in index.items() if props.get(_SELECTOR)}
    texts: dict[str, str] = {}
    problems: list[QuoteProblem] = []
    for excerpt in sorted(supported.keys() - described):
        problems.append(
            QuoteProblem(
                URIRef(excerpt),
                "excerpt graph has no description (no oa:hasSelector in the default graph)",
                supported[excerpt],
            )
        )
    for excerpt in sorted(described):
        facts = supported.get(excerpt, ())
        if not facts:
            problems.append(
                QuoteProblem(URIRef(excerpt), "excerpt is described but has no fact graph")
            )
        for message, path in _check_excerpt(index, excerpt, project, texts):
            problems.append(QuoteProblem(URIRef(excerpt), message, facts, path))
    return tuple(sorted(problems, key=lambda p: (str(p.excerpt), p.message)))


def _facts_by_excerpt(assembly: Assembly) -> dict[str, tuple[URIRef, ...]]:
    """Excerpt graph name -> the IRI subjects of the facts it holds."""
    found: dict[str, set[str]] = defaultdict(set)
    for quad in assembly.excerpts:
        bucket = found[quad.graph_name.value]  # type: ignore[union-attr]
        if isinstance(quad.subject, ox.NamedNode):
            bucket.add(quad.subject.value)
    return {e: tuple(URIRef(s) for s in sorted(subjects)) for e, subjects in found.items()}


def _check_excerpt(
    index: Index, excerpt: str, project: Project, texts: dict[str, str]
) -> list[tuple[str, URIRef | None]]:
    selectors = [s.value for s in index[excerpt].get(_SELECTOR, [])]
    quotes = [s for s in selectors if _is_a(index, s, _QUOTE)]
    positions = [s for s in selectors if _is_a(index, s, _POSITION)]
    wrong: list[tuple[str, URIRef | None]] = []
    if len(quotes) != 1:
        wrong.append((f"needs exactly one oa:TextQuoteSelector, has {len(quotes)}", None))
    if len(positions) != 1:
        wrong.append((f"needs exactly one oa:TextPositionSelector, has {len(positions)}", None))
    if wrong:
        return wrong
    quote, position = index[quotes[0]], index[positions[0]]
    exact = _string(quote, "exact")
    start, end = _integer(position, "start"), _integer(position, "end")
    if exact is None:
        return [("quote selector needs one oa:exact string", OA.exact)]
    if start is None or end is None:
        return [("position selector needs integer oa:start and oa:end", OA.start)]
    sources = index[excerpt].get(_SOURCE, [])
    if len(sources) != 1:
        return [("excerpt needs exactly one oa:hasSource", OA.hasSource)]
    text_files = index[sources[0].value].get(_TEXT_FILE, [])
    if len(text_files) != 1:
        return [(f"source <{sources[0].value}> needs exactly one ikg:textFile", OA.hasSource)]
    text = _source_text(project, text_files[0].value, texts)
    return _compare(text, exact, _string(quote, "prefix"), _string(quote, "suffix"), start, end)


def _is_a(index: Index, node: str, cls: str) -> bool:
    return any(t.value == cls for t in index.get(node, {}).get(_RDF_TYPE, []))


def _source_text(project: Project, relative: str, texts: dict[str, str]) -> str:
    """The text of a source file, read once per build (a missing file raises SourceError)."""
    if relative not in texts:
        texts[relative] = read_text(project.root / Path(relative))
    return texts[relative]


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


def _string(node: dict[str, list[ox.NamedNode | ox.Literal]], local: str) -> str | None:
    values = [v for v in node.get(_OA + local, []) if isinstance(v, ox.Literal)]
    return values[0].value if len(values) == 1 else None


def _integer(node: dict[str, list[ox.NamedNode | ox.Literal]], local: str) -> int | None:
    values = node.get(_OA + local, [])
    if len(values) != 1 or not isinstance(values[0], ox.Literal):
        return None
    literal = values[0]
    if literal.datatype.value != _XSD_INTEGER or not literal.value.lstrip("-").isdigit():
        return None
    return int(literal.value)
