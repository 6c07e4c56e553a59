"""Finding entities by name: every label of every entity, matched without accents or case.

The index is built once at start-up from the build's labels (rdfs:label, skos:prefLabel,
skos:altLabel, schema:name, any language) in the fact, link and ontology graphs; a search is a
pass over it, so "iasi" finds Iași and "skovde" Skövde. Matches rank exact, then prefix, then
the start of a word, then anywhere, then close spellings (rapidfuzz), shorter labels first.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import IntEnum

from rapidfuzz import fuzz

from ..dataset import BuiltDataset
from .site import LABEL_PROPERTIES, LABELLED_GRAPHS

FUZZY_CUTOFF = 80.0
"""Least rapidfuzz score (0-100) for a close spelling to count."""
_SPECIAL = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "\u0131": "i", "’": "'"}
)
_WORD_START = re.compile(r"(?:^|[^\w])(?=\w)")


class Match(IntEnum):
    """How a label matched, best first."""

    EXACT = 0
    PREFIX = 1
    WORD = 2
    SUBSTRING = 3
    FUZZY = 4


def fold(text: str) -> str:
    """Lower case, no accents, single spaces: what search compares.

    >>> fold("Iași"), fold("  Skövde  Högskola")
    ('iasi', 'skovde hogskola')
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())


@dataclass(frozen=True)
class Hit:
    """One entity found, by its best-matching label."""

    iri: str
    label: str
    lang: str
    match: Match
    score: float


@dataclass(frozen=True)
class _Entry:
    iri: str
    label: str
    lang: str
    folded: str
    starts: tuple[int, ...]
    """Where each word of the folded label starts."""


class LabelIndex:
    """Every (entity, label) of the build, folded once."""

    def __init__(self, dataset: BuiltDataset) -> None:
        graphs = " ".join(f"<{g}>" for g in LABELLED_GRAPHS)
        props = " ".join(f"<{p}>" for p in LABEL_PROPERTIES)
        rows = dataset.store.query(
            f"SELECT DISTINCT ?s ?l WHERE {{ VALUES ?g {{ {graphs} }} VALUES ?p {{ {props} }}"
            f" GRAPH ?g {{ ?s ?p ?l }} FILTER(isIRI(?s) && isLiteral(?l)) }}"
        )
        entries = []
        for row in rows:  # type: ignore[union-attr]
            label = " ".join(row["l"].value.split())  # type: ignore[index]
            folded = fold(label)
            starts = tuple(m.end() for m in _WORD_START.finditer(folded))
            lang = row["l"].language or ""  # type: ignore[index]
            entries.append(_Entry(row["s"].value, label, lang, folded, starts))  # type: ignore[index]
        self._entries = sorted(entries, key=lambda e: (e.iri, e.lang, e.label))

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, text: str, *, limit: int = 20) -> list[Hit]:
        """The entities whose labels match `text`, best first, one hit per entity."""
        wanted = fold(text)
        if not wanted:
            return []
        best: dict[str, Hit] = {}
        for entry in self._entries:
            hit = _match(entry, wanted)
            if hit is None:
                continue
            known = best.get(entry.iri)
            if known is None or _rank(hit) < _rank(known):
                best[entry.iri] = hit
        return sorted(best.values(), key=_rank)[:limit]


def _rank(hit: Hit) -> tuple[int, float, int, str, str]:
    return (hit.match, -hit.score, len(hit.label), hit.label, hit.iri)


def _match(entry: _Entry, wanted: str) -> Hit | None:
    folded = entry.folded
    if folded == wanted:
        kind = Match.EXACT
    elif folded.startswith(wanted):
        kind = Match.PREFIX
    elif any(folded.startswith(wanted, at) for at in entry.starts):
        kind = Match.WORD
    elif wanted in folded:
        kind = Match.SUBSTRING
    else:
        score = fuzz.partial_ratio(wanted, folded) if len(wanted) >= 3 else 0.0
        if score < FUZZY_CUTOFF:
            return None
        return Hit(entry.iri, entry.label, entry.lang, Match.FUZZY, score)
    return Hit(entry.iri, entry.label, entry.lang, kind, 100.0)
