"""An entity's page, read from its description: facts with the article's words behind each,
the entities pointing at it, its Wikidata items.

Each fact's quote is the excerpt that states it; within the quote the words that carry the
value (the literal, or a label of the entity it points to) are marked, found accent-, case- and
digit-grouping-insensitively ("3000" marks "3 000").
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..namespaces import PREFIXES, PROVENANCE_GRAPH
from ..query.results import prefixed
from .site import Label, Site

_OA = PREFIXES["oa"]
_EXACT_MATCH = PREFIXES["skos"] + "exactMatch"
_WIKIDATA = PREFIXES["wd"]
_RDF_TYPE = PREFIXES["rdf"] + "type"


@dataclass(frozen=True)
class Shown:
    """A term as a page shows it: text, language, link (IRIs) and datatype (literals)."""

    text: str
    lang: str = ""
    href: str | None = None
    datatype: str | None = None


@dataclass(frozen=True)
class Quote:
    """The article's words for one fact: the excerpt's quote split around the marked words, in
    the rest of its sentence (`lead`, `tail`)."""

    excerpt: Shown
    before: str
    marked: str
    after: str
    start: int | None
    end: int | None
    cited: str | None
    lead: str = ""
    tail: str = ""


@dataclass
class Statement:
    """One (property, value) of the entity, or (subject, property) pointing at it."""

    property: Shown
    value: Shown
    quotes: list[Quote] = field(default_factory=list)
    graphs: list[Shown] = field(default_factory=list)


@dataclass
class EntityView:
    """Everything the entity page shows."""

    iri: str
    labels: dict[str, str]
    title: Label | None
    facts: list[Statement]
    incoming: list[Statement]
    contents: list[tuple[Shown, Shown, Shown]]
    """The triples of the graph the IRI names (an excerpt's facts)."""
    wikidata: list[str]
    quote: Quote | None
    """The entity's own words when it is an excerpt."""


def show(site: Site, term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Shown:
    """How a page shows `term`: an IRI by its label (or prefixed name) linked, a literal as is."""
    if isinstance(term, ox.NamedNode):
        label = site.label(term.value)
        text, lang = (label.text, label.lang) if label else (_short(term.value), "")
        return Shown(text, lang, href=site.href(term.value))
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        plain = term.language or datatype == PREFIXES["xsd"] + "string"
        return Shown(
            term.value, term.language or "", datatype=None if plain else prefixed(datatype)
        )
    return Shown(str(term))


def _short(iri: str) -> str:
    name = prefixed(iri)
    return iri if name.startswith("<") else name


def view(site: Site, iri: str, quads: Sequence[ox.Quad]) -> EntityView:
    """The page of `iri` from its description quads."""
    site.labels(_iris(quads))  # one label query for the whole page
    selectors = _selectors(quads)
    facts: dict[tuple[str, str], Statement] = {}
    incoming: dict[tuple[str, str], Statement] = {}
    contents = []
    for quad in quads:
        graph = _graph(quad)
        if graph == iri:
            contents.append(
                (show(site, quad.subject), show(site, quad.predicate), show(site, quad.object))
            )
        if quad.subject.value == iri:  # type: ignore[union-attr]
            key = (quad.predicate.value, str(quad.object))
            target = facts.setdefault(
                key, Statement(show(site, quad.predicate), show(site, quad.object))
            )
            words = _words(site, quad.object)
        elif isinstance(quad.object, ox.NamedNode) and quad.object.value == iri:
            key = (str(quad.subject), quad.predicate.value)
            target = incoming.setdefault(
                key, Statement(show(site, quad.predicate), show(site, quad.subject))
            )
            words = [*_words(site, quad.subject), *_words(site, quad.object)]
        else:
            continue
        if graph in selectors:
            target.quotes.append(_quote(site, graph, selectors[graph], words))
        elif graph and graph != iri:
            target.graphs.append(show(site, ox.NamedNode(graph)))
    wikidata = sorted(
        q.object.value
        for q in quads
        if q.subject.value == iri  # type: ignore[union-attr]
        and q.predicate.value == _EXACT_MATCH
        and q.object.value.startswith(_WIKIDATA)  # type: ignore[union-attr]
    )
    order = lambda s: (s.property.text != _short(_RDF_TYPE), s.property.text, s.value.text)  # noqa: E731
    return EntityView(
        iri,
        site.labels([iri])[iri],
        site.label(iri),
        sorted(facts.values(), key=order),
        sorted(incoming.values(), key=lambda s: (s.property.text, s.value.text)),
        sorted(contents, key=lambda t: (t[0].text, t[1].text, t[2].text)),
        wikidata,
        _quote(site, iri, selectors[iri], []) if iri in selectors else None,
    )


def _graph(quad: ox.Quad) -> str:
    """The quad's graph name, '' for the default graph."""
    name = quad.graph_name
    return name.value if isinstance(name, ox.NamedNode | ox.BlankNode) else ""


def _iris(quads: Iterable[ox.Quad]) -> set[str]:
    found = set()
    for quad in quads:
        for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
            if isinstance(term, ox.NamedNode):
                found.add(term.value)
    return found


def _selectors(quads: Iterable[ox.Quad]) -> dict[str, dict[str, str]]:
    """Excerpt IRI -> its quote's parts (exact, prefix, suffix, start, end, cited address)."""
    by_subject: dict[str, dict[str, str]] = defaultdict(dict)
    for quad in quads:
        if _graph(quad) == PROVENANCE_GRAPH:
            by_subject[quad.subject.value][quad.predicate.value] = quad.object.value  # type: ignore[union-attr]
    excerpts: dict[str, dict[str, str]] = {}
    for subject, props in by_subject.items():
        parts: dict[str, str] = {}
        for quad in quads:
            if quad.subject.value == subject and quad.predicate.value == _OA + "hasSelector":  # type: ignore[union-attr]
                parts.update(by_subject.get(quad.object.value, {}))  # type: ignore[union-attr]
        if _OA + "exact" in parts:
            cited = props.get(PREFIXES["ikg"] + "citedAddress")
            excerpts[subject] = {**parts, **({"cited": cited} if cited else {})}
    return excerpts


def _words(site: Site, term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> list[str]:
    """What may stand for `term` in a quote: a literal's value, an IRI's labels."""
    if isinstance(term, ox.Literal):
        return [term.value]
    if isinstance(term, ox.NamedNode):
        return list(site.labels([term.value])[term.value].values())
    return []


def _quote(site: Site, excerpt: str, parts: dict[str, str], words: Sequence[str]) -> Quote:
    exact = " ".join(parts[_OA + "exact"].split())
    before, marked, after = mark(exact, words)
    start = int(parts[_OA + "start"]) if _OA + "start" in parts else None
    end = int(parts[_OA + "end"]) if _OA + "end" in parts else None
    lead, tail = site.texts.around(excerpt, start, end)
    return Quote(
        show(site, ox.NamedNode(excerpt)),
        before,
        marked,
        after,
        start,
        end,
        parts.get("cited"),
        lead,
        tail,
    )


def fold(text: str) -> tuple[str, list[int]]:
    """`text` folded for matching (no accents, no case, one space for any run, no space
    between digits), with the index in `text` of each folded character."""
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char):
            if unicodedata.combining(part):
                continue
            for folded in " " if part.isspace() else part.casefold():
                if folded == " " and (not out or out[-1] == " "):
                    continue
                out.append(folded)
                where.append(index)
    for i in range(len(out) - 2, 0, -1):  # "3 000" reads as "3000"
        if out[i] == " " and out[i - 1].isdigit() and out[i + 1].isdigit():
            del out[i], where[i]
    return "".join(out), where


def mark(text: str, words: Sequence[str]) -> tuple[str, str, str]:
    """`text` split as (before, marked, after) around the longest of `words` found in it;
    nothing marked when none is there."""
    folded, where = fold(text)
    for word in sorted({w for w in words if w.strip()}, key=len, reverse=True):
        wanted = fold(word)[0].strip()
        at = folded.find(wanted) if wanted else -1
        if at >= 0:
            start, end = where[at], where[at + len(wanted) - 1] + 1
            return text[:start], text[start:end], text[end:]
    return text, "", ""
