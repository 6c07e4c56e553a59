"""What every handler shares: the dataset, the options, the saved queries, and the mapping
between the dataset's IRIs and the server's own paths.

Made once by `create_app` and kept on `app.state.site`; nothing here changes after that, so
handlers running in parallel threads read it without locks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..namespaces import ENRICHMENT_GRAPH, FACTS_GRAPH, LINKS_GRAPH, ONTOLOGY_IRI, PREFIXES
from ..query.labels import pick_label
from .cache import PageCache

if TYPE_CHECKING:
    from ..dataset import BuiltDataset
    from ..query.library import SavedQuery
    from .limits import QueryRunner
    from .search import LabelIndex
    from .sources import SourceTexts

LABEL_PROPERTIES = (
    PREFIXES["skos"] + "prefLabel",
    PREFIXES["rdfs"] + "label",
    PREFIXES["schema"] + "name",
    PREFIXES["skos"] + "altLabel",
)
"""What names an entity, best first (search reads every one, pages show the first found)."""
LABELLED_GRAPHS = (FACTS_GRAPH, LINKS_GRAPH, ENRICHMENT_GRAPH, ONTOLOGY_IRI)
PAGE_LANGUAGES = ("en", "fr")
"""The pages speak English and show the article's French beside it."""


@dataclass(frozen=True)
class Label:
    """A name and its language tag ('' for none), so a page can mark it `lang=`."""

    text: str
    lang: str


@dataclass
class Site:
    """The served dataset and everything derived from it once, at start-up."""

    dataset: BuiltDataset
    base: str
    queries: Mapping[str, SavedQuery]
    runner: QueryRunner
    index: LabelIndex
    allow_service: bool
    result_limit: int
    query_timeout: float
    texts: SourceTexts
    """The quoted texts, for each quote's sentence."""
    _labels: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)
    pages: PageCache = field(default_factory=PageCache, repr=False)
    """Rendered pages and descriptions, by address and representation."""

    def iri(self, path: str) -> str:
        """The IRI a request path stands for (`/id/x` -> `{base}id/x`)."""
        return self.base + path.lstrip("/")

    def href(self, iri: str) -> str:
        """Where a page links for `iri`: a local path for the dataset's own IRIs, else the IRI.

        Ontology terms are hash IRIs, so `…/ontology#University` becomes `/ontology#University`.
        """
        if iri.startswith(self.base):
            return "/" + iri[len(self.base) :]
        return iri

    def labels(self, iris: Iterable[str]) -> dict[str, dict[str, str]]:
        """Each IRI's labels by language (language -> text), from the facts, links and ontology.

        Cached: the dataset never changes while the server runs.
        """
        wanted = sorted({i for i in iris if i not in self._labels})
        if wanted:
            found: dict[str, dict[str, str]] = defaultdict(dict)
            values = " ".join(f"<{i}>" for i in wanted)
            graphs = " ".join(f"<{g}>" for g in LABELLED_GRAPHS)
            props = " ".join(f"<{p}>" for p in LABEL_PROPERTIES[:3])
            rows = self.dataset.store.query(
                f"SELECT ?s ?p ?l WHERE {{ VALUES ?s {{ {values} }} VALUES ?g {{ {graphs} }}"
                f" VALUES ?p {{ {props} }} GRAPH ?g {{ ?s ?p ?l }} FILTER isLiteral(?l) }}"
            )
            ranked: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
            for row in rows:  # type: ignore[union-attr]
                rank = LABEL_PROPERTIES.index(row["p"].value)  # type: ignore[index]
                ranked[row["s"].value].append(  # type: ignore[index]
                    (rank, row["l"].language or "", row["l"].value)  # type: ignore[index]
                )
            for iri, entries in ranked.items():
                best = min(rank for rank, _, _ in entries)
                for rank, lang, text in sorted(entries):
                    if rank == best:
                        found[iri].setdefault(lang, text)
            for iri in wanted:
                self._labels[iri] = dict(found.get(iri, {}))
        return {i: self._labels[i] for i in iris}

    def label(self, iri: str) -> Label | None:
        """The one label to show for `iri` (English first, then French, then any)."""
        names = self.labels([iri])[iri]
        text = pick_label(names.items(), PAGE_LANGUAGES)
        if text is None:
            return None
        return Label(text, next(lang for lang, name in names.items() if name == text))
