"""The one label picker, and label lookups for the IRIs of an answer (local or remote).

Labels are looked up where the answer came from (the build or the same endpoint), so a remote
table never mixes in labels from a graph the endpoint does not hold. Only the data's own
entities (`id:`) are named: a web address, a Wikidata item or a vocabulary term is shown as
itself, so a column of URLs reads as URLs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..namespaces import DATA_NS, PREFIXES
from .library import QueryForm

if TYPE_CHECKING:
    from ..dataset import BuiltDataset

LABELS = (PREFIXES["skos"] + "prefLabel", PREFIXES["rdfs"] + "label", PREFIXES["schema"] + "name")
"""Label properties, best first."""
DISPLAY_LANGUAGES = ("fr", "en")
"""Tables speak the article's language first."""


def pick_label(
    labels: Iterable[tuple[str, str]], languages: Sequence[str] = DISPLAY_LANGUAGES
) -> str | None:
    """The label to show among (language, text) pairs: by `languages` order, then untagged,
    then any; ties broken by text so the choice never depends on order."""
    rank = {lang: i for i, lang in enumerate((*languages, ""))}
    ranked = sorted(labels, key=lambda pair: (rank.get(pair[0], len(rank)), pair[1]))
    return ranked[0][1] if ranked else None


def _entities(iris: Iterable[str]) -> list[str]:
    return [iri for iri in iris if iri.startswith(DATA_NS)]


def _query_text(iris: Sequence[str]) -> str:
    values = " ".join(f"<{iri}>" for iri in iris)
    predicates = ", ".join(f"<{p}>" for p in LABELS)
    return (
        f"SELECT ?iri ?label WHERE {{ VALUES ?iri {{ {values} }} "
        f"?iri ?p ?label FILTER(?p IN ({predicates}) && isLiteral(?label)) }}"
    )


def _picked(rows: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for iri, lang, text in rows:
        found[iri].append((lang, text))
    return {iri: label for iri, pairs in found.items() if (label := pick_label(pairs))}


def local_labels(dataset: BuiltDataset, iris: Sequence[str]) -> dict[str, str]:
    """Labels of the data's entities among `iris`, from the build's facts, in one query."""
    iris = _entities(iris)
    if not iris:
        return {}
    rows = dataset.query(_query_text(iris))
    return _picked((s["iri"].value, s["label"].language or "", s["label"].value) for s in rows)  # type: ignore[union-attr, index]


def remote_labels(url: str, iris: Sequence[str], timeout: float) -> dict[str, str]:
    """Labels of the data's entities among `iris`, asked of the endpoint in one query.

    :raises EndpointError: as for any remote query.
    """
    from .endpoint import query

    iris = _entities(iris)
    if not iris:
        return {}
    _, rows = query(url, _query_text(iris), form=QueryForm.SELECT, timeout=timeout).rows()
    return _picked((r[0].value, r[1].language or "", r[1].value) for r in rows if r[0] and r[1])  # type: ignore[union-attr]
