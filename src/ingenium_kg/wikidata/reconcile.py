"""`link`: find each entity's Wikidata item over plain SPARQL 1.1, score it, compare with the data.

Candidates come from two index lookups that stay fast on Wikidata's size: exact labels/aliases
from a set of spelling variants (`VALUES`, one index probe each; a `CONTAINS`/`REGEX` filter would
scan every label and time out), and items of the right type located in the entity's city. The
fuzzy part (accents, case, word order) is done here, in Python, on the few candidates found.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from rdflib import Dataset, Graph, URIRef

from .client import WikidataEndpoint
from .linking import Kind, Linkable, linkables, qid

DEFAULT_MIN_SCORE = 0.85
DEFAULT_MARGIN = 0.05
SEARCH_LANGUAGES = ("fr", "en", "mul")
"""Always searched, with each entity's own label languages (Wikidata's "mul" = all languages)."""

PREFIXES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
"""


class Status(StrEnum):
    """What Wikidata's answer says of one entity, given the link the data holds (or not)."""

    CONFIRMED = "confirmed"  # the data's link is the best candidate (or ties with it)
    CONFLICT = "conflict"  # the data has a link, but another item wins or none reaches the score
    CANDIDATE = "candidate"  # no link in the data; an item reaches the score (a row per tie)
    UNLINKED = "unlinked"  # no link in the data, and no item reaches the score


class Agreement(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"  # Wikidata says nothing (no P31, no P17, no place)
    MOOT = "moot"  # nothing to compare on our side


FACTORS: dict[str, dict[Agreement, float]] = {
    "type": {Agreement.YES: 1.0, Agreement.MOOT: 1.0, Agreement.UNKNOWN: 0.8, Agreement.NO: 0.5},
    "country": {
        Agreement.YES: 1.0,
        Agreement.MOOT: 1.0,
        Agreement.UNKNOWN: 0.8,
        Agreement.NO: 0.5,
    },
    "city": {Agreement.YES: 1.0, Agreement.MOOT: 1.0, Agreement.UNKNOWN: 0.95, Agreement.NO: 0.9},
}
"""Multipliers on label similarity: a wrong type or country sinks a perfect name below any sane
minimum score; a missing statement costs less, since Wikidata is often incomplete; another city
costs least, as Wikidata often places a university in a district or a neighbouring commune."""


@dataclass(frozen=True)
class Candidate:
    """One Wikidata item scored against one entity."""

    qid: str
    label: str
    score: float
    label_score: float
    type: Agreement
    country: Agreement
    city: Agreement


@dataclass(frozen=True)
class LinkRow:
    """A line of the `link` CSV."""

    entity: URIRef
    label: str
    link: str
    """The data's own link (a QID), empty when it has none."""
    qid: str
    candidate_label: str
    score: float
    status: Status


@dataclass(frozen=True)
class LinkReport:
    rows: tuple[LinkRow, ...]
    linked: frozenset[URIRef]

    @property
    def ok(self) -> bool:
        """Every linked entity confirmed (proposals for unlinked ones are listed, not failures)."""
        return all(row.status is Status.CONFIRMED for row in self.rows if row.entity in self.linked)

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("entity", "label", "link", "qid", "candidate_label", "score", "status"))
        for r in self.rows:
            score = f"{r.score:.3f}" if r.qid else ""
            writer.writerow((r.entity, r.label, r.link, r.qid, r.candidate_label, score, r.status))
        return out.getvalue()


def reconcile(
    dataset: Dataset | Graph,
    endpoint: WikidataEndpoint,
    *,
    min_score: float = DEFAULT_MIN_SCORE,
    margin: float = DEFAULT_MARGIN,
    on_entity: Callable[[Linkable], None] | None = None,
) -> LinkReport:
    """Score Wikidata candidates for every linkable entity and compare with the data's links.

    :raises EndpointError: when the endpoint fails beyond its retries.
    """
    rows: list[LinkRow] = []
    entities = linkables(dataset)
    for entity in entities:
        rows.extend(_rows(entity, candidates(entity, endpoint), min_score, margin))
        if on_entity is not None:
            on_entity(entity)
    return LinkReport(tuple(rows), frozenset(e.iri for e in entities if e.link))


def candidates(entity: Linkable, endpoint: WikidataEndpoint) -> tuple[Candidate, ...]:
    """The entity's candidates (plus its current link), best first."""
    found = {q for row in endpoint.select(candidates_query(entity)).rows if (q := qid(row["item"]))}
    found.update(entity.links)
    if not found:
        return ()
    facts: dict[str, dict[str, set[str]]] = {q: {} for q in found}
    labels: dict[str, set[str]] = {q: set() for q in found}
    for row in endpoint.select(details_query(entity, sorted(found))).rows:
        item, key, value = qid(row["item"]), str(row["key"]), row["value"]
        if item not in facts:
            continue
        if key == "label":
            labels[item].add(str(value))
        else:
            facts[item].setdefault(key, set()).add(qid(value) or str(value))
    scored = (_score(entity, q, labels[q], facts[q]) for q in found)
    return tuple(sorted(scored, key=lambda c: (-c.score, int(c.qid[1:]))))


def candidates_query(entity: Linkable) -> str:
    """Items whose label or alias is one of the entity's names (in any searched spelling), and
    items of the entity's type located in its city."""
    names = " ".join(sorted(_sparql_literal(text, lang) for text, lang in name_variants(entity)))
    branches = [f"  {{ VALUES ?name {{ {names} }}\n    ?item rdfs:label|skos:altLabel ?name . }}"]
    if entity.city and entity.kind.wikidata_classes:
        classes = " ".join(f"wd:{c}" for c in entity.kind.wikidata_classes)
        branches.append(
            f"  {{ ?item wdt:P131 wd:{entity.city} .\n"
            f"    VALUES ?class {{ {classes} }} ?item wdt:P31/wdt:P279* ?class . }}"
        )
    union = "\n  UNION\n".join(branches)
    return (
        f"{PREFIXES}SELECT DISTINCT ?item WHERE {{\n{union}\n"
        '  FILTER(STRSTARTS(STR(?item), "http://www.wikidata.org/entity/Q"))\n}\n'
    )


def details_query(entity: Linkable, qids: Iterable[str]) -> str:
    """Labels (searched languages), P17, places (P131/P159 up the P131 chain), P31 and whether
    the item is under one of the kind's classes, for each candidate."""
    items = " ".join(f"wd:{q}" for q in qids)
    langs = ", ".join(f'"{lang}"' for lang in _languages(entity))
    type_branch = ""
    if entity.kind.wikidata_classes:
        classes = " ".join(f"wd:{c}" for c in entity.kind.wikidata_classes)
        type_branch = (
            f"  UNION {{ VALUES ?value {{ {classes} }}\n"
            '    ?item wdt:P31/wdt:P279* ?value . BIND("type" AS ?key) }\n'
        )
    return (
        f"{PREFIXES}SELECT ?item ?key ?value WHERE {{\n"
        f"  VALUES ?item {{ {items} }}\n"
        "  { ?item rdfs:label|skos:altLabel ?value .\n"
        f'    FILTER(LANG(?value) IN ({langs})) BIND("label" AS ?key) }}\n'
        '  UNION { ?item wdt:P17 ?value . BIND("country" AS ?key) }\n'
        '  UNION { ?item (wdt:P131|wdt:P159)/wdt:P131* ?value . BIND("place" AS ?key) }\n'
        '  UNION { ?item wdt:P31 ?value . BIND("instance" AS ?key) }\n'
        f"{type_branch}}}\n"
    )


def fold(text: str) -> str:
    """Lower-case text without accents or punctuation, for comparing names across spellings.

    >>> fold("Högskolan i Skövde")
    'hogskolan i skovde'
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = (ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch))
    return " ".join("".join(kept).split())


def label_similarity(ours: Iterable[str], theirs: Iterable[str]) -> tuple[float, str]:
    """Best token-sort similarity (0–1) of folded names, and the candidate name that gave it."""
    from rapidfuzz.fuzz import token_sort_ratio

    best, best_label = 0.0, ""
    folded = [fold(name) for name in ours]
    for label in sorted(theirs):
        score = max((token_sort_ratio(fold(label), name) / 100 for name in folded), default=0.0)
        if score > best:
            best, best_label = score, label
    return best, best_label


def name_variants(entity: Linkable) -> set[tuple[str, str]]:
    """Spellings to look up exactly: each name as written, with its first letter in the other
    case (Wikidata's French labels are lower-case: "université d'Oviedo") and with the other
    apostrophe, in every searched language."""
    texts: set[str] = set()
    for label in entity.labels:
        for text in {str(label), str(label).replace("’", "'"), str(label).replace("'", "’")}:
            texts.update({text, text[:1].lower() + text[1:], text[:1].upper() + text[1:]})
    return {(text, lang) for text in texts for lang in _languages(entity)}


def _languages(entity: Linkable) -> tuple[str, ...]:
    own = {label.language for label in entity.labels if label.language}
    return tuple(sorted(own | set(SEARCH_LANGUAGES)))


def _score(entity: Linkable, q: str, labels: set[str], facts: dict[str, set[str]]) -> Candidate:
    label_score, best_label = label_similarity((str(lbl) for lbl in entity.labels), labels)
    agreements = {
        "type": _type_agreement(entity.kind, facts),
        "country": _agreement(entity.country, facts.get("country", set())),
        "city": _agreement(entity.city, facts.get("place", set())),
    }
    score = label_score
    for name, agreement in agreements.items():
        score *= FACTORS[name][agreement]
    return Candidate(q, best_label, round(score, 3), label_score, **agreements)


def _type_agreement(kind: Kind, facts: dict[str, set[str]]) -> Agreement:
    if not kind.wikidata_classes:
        return Agreement.MOOT
    if facts.get("type"):
        return Agreement.YES
    return Agreement.NO if facts.get("instance") else Agreement.UNKNOWN


def _agreement(expected: str | None, found: set[str]) -> Agreement:
    if expected is None:
        return Agreement.MOOT
    if not found:
        return Agreement.UNKNOWN
    return Agreement.YES if expected in found else Agreement.NO


def _rows(
    entity: Linkable, scored: tuple[Candidate, ...], min_score: float, margin: float
) -> list[LinkRow]:
    good = [c for c in scored if c.score >= min_score]
    best = [c for c in good if good[0].score - c.score < margin]
    if entity.link:
        ours = next((c for c in best if c.qid == entity.link), None)
        if ours is not None:
            return [_row(entity, ours, Status.CONFIRMED)]
        return [_row(entity, good[0] if good else None, Status.CONFLICT)]
    if best:
        return [_row(entity, c, Status.CANDIDATE) for c in best]
    return [_row(entity, None, Status.UNLINKED)]


def _row(entity: Linkable, candidate: Candidate | None, status: Status) -> LinkRow:
    link = entity.link or ""
    if candidate is None:
        return LinkRow(entity.iri, entity.label, link, "", "", 0.0, status)
    return LinkRow(
        entity.iri, entity.label, link, candidate.qid, candidate.label, candidate.score, status
    )


def _sparql_literal(text: str, lang: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"@{lang}'
