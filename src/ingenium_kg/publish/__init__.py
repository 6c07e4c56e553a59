"""Publish a build to a SPARQL 1.1 store, all of it or nothing, so the saved queries run there.

What goes up is what the TriG export holds: `graph/facts`, `graph/provenance`, `graph/links`,
`graph/wikidata` (when not empty) and every excerpt graph, each under its own name, through the
Graph Store HTTP Protocol (one N-Triples PUT per graph, streamed). The ontology and
`graph/inferred` stay home, as in the asserted exports.

**The default graph.** Locally the saved queries read `graph/facts` as their default graph. A
store answers a query without `FROM` from its own default graph, so publishing also makes the
store's default graph a copy of `graph/facts` (the `COPY … TO DEFAULT` the README tells users to
run by hand). The export's self-description (`id:dataset`, the default graph of each dump) is not
published: it would show up in every query's answers (`graph-summary` would count a
`void:Dataset`). The store must keep its default graph a graph of its own: one configured as the
union of all graphs (`oxigraph serve --union-default-graph`, Fuseki's `unionDefaultGraph`) would
also show every excerpt and provenance triple to the queries; the count check below notices it.

**All or nothing.** Each graph is first uploaded under a temporary name (`<graph>?upload=<token>`,
which says what it is if a crash leaves it behind), the uploaded counts are checked, and then one
SPARQL Update request moves every temporary graph onto its name and copies the facts into the
default graph. SPARQL 1.1 leaves atomicity to the store; Oxigraph applies one update request in
one transaction (tests/test_publish.py checks it), so readers see the old graphs or the new
ones, never a mix. Any failure, or Ctrl-C,
before that request drops the temporary graphs. Afterwards every graph is counted again.

**Nothing clobbered silently.** Without `replace`, a store that already holds triples in its
default graph or in any graph of the project's namespace (`id:`) is refused. With `replace`, the
project's graphs on the store become exactly the build's: the same update also drops the `id:`
graphs the build no longer has (an excerpt since removed, a temporary graph a crash left).
Graphs outside `id:` are never touched.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import EndpointError, UsageError
from ..namespaces import DATA_NS, FACTS_GRAPH, INFERRED_GRAPH, ONTOLOGY_IRI
from .store import Store

if TYPE_CHECKING:
    import pyoxigraph as ox

    from ..dataset import BuiltDataset

UNPUBLISHED = frozenset({ONTOLOGY_IRI, INFERRED_GRAPH})
"""Graphs of the build that the asserted exports leave out, and so does publishing."""
UPLOAD_MARK = "?upload="
"""What a temporary graph's name carries after the name of the graph it is for."""
BATCH = 20_000
"""Triples per chunk of an upload body: bounded memory for graphs of any size."""
EXCERPTS = DATA_NS + "excerpt/"

OnGraph = Callable[[str, int], None]
"""Called with a graph's IRI and triple count once its upload has succeeded (progress)."""


@dataclass(frozen=True)
class PublishReport:
    """What `publish` put on the store: every graph with its triple count, and how long it took."""

    endpoint: str
    graph_store: str
    graphs: Mapping[str, int]
    """Each published named graph (IRI) and its triples, as counted on the store."""
    default: int
    """Triples of the store's default graph: the copy of graph/facts."""
    dropped: tuple[str, ...]
    """Graphs of the project's namespace the store held and the build does not (`replace`)."""
    seconds: float

    def lines(self) -> list[str]:
        """What the CLI prints: main graphs one per line, the excerpt graphs summed up."""
        excerpts = {g: n for g, n in self.graphs.items() if g.startswith(EXCERPTS)}
        lines = [f"{_name(g)}: {n} triples" for g, n in self.graphs.items() if g not in excerpts]
        lines.append(f"{len(excerpts)} excerpt graphs: {sum(excerpts.values())} triples")
        lines.append(f"default graph (a copy of {_name(FACTS_GRAPH)}): {self.default} triples")
        if self.dropped:
            lines.append(f"dropped {len(self.dropped)} graph(s) the build no longer has")
        lines.append(
            f"published {len(self.graphs)} graphs to {self.graph_store} in {self.seconds:.2f} s"
        )
        return lines


def published_graphs(dataset: BuiltDataset) -> list[str]:
    """The named graphs `publish` uploads (those of the TriG export), sorted."""
    names = (g.value for g in dataset.store.named_graphs())
    return sorted(name for name in names if name not in UNPUBLISHED)


def publish(
    dataset: BuiltDataset,
    endpoint: str,
    *,
    graph_store: str | None = None,
    update: str | None = None,
    replace: bool = False,
    timeout: float = 60.0,
    on_graph: OnGraph | None = None,
) -> PublishReport:
    """Upload the build to the store whose SPARQL query URL is `endpoint`, atomically.

    `graph_store` (GSP) and `update` (SPARQL Update) default to the query URL's siblings in
    oxigraph's layout: `…/query` -> `…/store` and `…/update`. `timeout` bounds each request.

    :raises UsageError: the store already holds the project's data and `replace` is false.
    :raises EndpointError: the store is unreachable, too slow, refused a request, or reports
        other counts than the build's; the message says what was published (nothing, unless
        the failure came after the final switch).
    """
    started = time.perf_counter()
    store = Store(endpoint, graph_store, update, timeout)
    names = published_graphs(dataset)
    try:
        stale = _occupied(store, names, replace=replace)
    except EndpointError as exc:
        raise EndpointError(f"cannot publish: {exc.message}; nothing was published") from exc
    token = uuid.uuid4().hex
    temporary = {name: f"{name}{UPLOAD_MARK}{token}" for name in names}
    sent = _upload_all(dataset, store, temporary, stale, on_graph)
    try:
        found = store.counts(names, default=True)
    except EndpointError as exc:
        raise EndpointError(
            f"published to {store.graph_store}, but counting its graphs failed: {exc.message}"
        ) from exc
    expected = {**sent, None: sent.get(FACTS_GRAPH, 0)}
    wrong = [g for g, n in expected.items() if found.get(g, 0) != n]
    if wrong:
        raise EndpointError(
            f"published to {store.graph_store}, but the store reports "
            + ", ".join(_counted(g, found.get(g, 0), expected[g]) for g in wrong[:3])
            + (
                "; its default graph must be a graph of its own, not the union of all graphs"
                if None in wrong
                else ""
            )
        )
    return PublishReport(
        endpoint=endpoint,
        graph_store=store.graph_store,
        graphs={name: sent[name] for name in names},
        default=found[None],
        dropped=tuple(stale),
        seconds=time.perf_counter() - started,
    )


def _occupied(store: Store, names: Sequence[str], *, replace: bool) -> list[str]:
    """The project's graphs on the store that the build does not have (dropped by `replace`).

    :raises UsageError: without `replace`, when the store holds any of the project's triples.
    """
    present = [g for g in store.graph_names() if g.startswith(DATA_NS)]
    if replace:
        return sorted(set(present) - set(names))
    held = store.counts(present, default=True)
    full = [g for g, n in sorted(held.items(), key=lambda item: item[0] or "") if n]
    if full:
        shown = ", ".join(
            f"{_name(g) if g else 'the default graph'} ({held[g]} triples)" for g in full[:3]
        )
        more = f" and {len(full) - 3} more" if len(full) > 3 else ""
        raise UsageError(
            f"{store.endpoint} already holds {shown}{more}; "
            "publish with replace (--replace) to replace them"
        )
    return []


def _upload_all(
    dataset: BuiltDataset,
    store: Store,
    temporary: Mapping[str, str],
    stale: Sequence[str],
    on_graph: OnGraph | None,
) -> dict[str, int]:
    """Upload every graph under its temporary name, check, then switch all in one update.

    On any failure or interruption the temporary graphs are dropped before the error goes up.
    """
    sent: dict[str, int] = {}
    step = "uploading"
    try:
        for name, temp in temporary.items():
            step = f"uploading {_name(name)} ({len(sent)} of {len(temporary)} uploaded)"
            body = _NTriples(q.triple for q in dataset.quads(name))
            store.put(temp, body)
            sent[name] = body.count
            if on_graph is not None:
                on_graph(name, body.count)
        step = "checking the uploaded graphs"
        found = store.counts(list(temporary.values()), default=False)
        wrong = [n for n, t in temporary.items() if found.get(t, 0) != sent[n]]
        if wrong:
            raise EndpointError(
                "the store reports "
                + ", ".join(_counted(n, found.get(temporary[n], 0), sent[n]) for n in wrong[:3])
            )
        step = "switching the uploaded graphs to their names"
        store.update(_switch(temporary, stale))
    except BaseException as exc:
        cleaned = _drop(store, temporary.values())
        if not isinstance(exc, Exception):  # Ctrl-C: cleaned up, now let it through
            raise
        reason = exc.message if isinstance(exc, EndpointError) else f"{exc!r}"
        outcome = (
            "the store applies that update whole or not at all"
            if step.startswith("switching")
            else "nothing was published"
        )
        raise EndpointError(
            f"publishing to {store.graph_store} failed {step}: {reason}; {outcome}; {cleaned}"
        ) from exc
    return sent


def _switch(temporary: Mapping[str, str], stale: Iterable[str]) -> str:
    """The one update that publishes: drop stale graphs, copy the facts to DEFAULT, move all."""
    steps = [f"DROP SILENT GRAPH <{g}>" for g in stale]
    facts = temporary.get(FACTS_GRAPH)
    steps.append(f"COPY <{facts}> TO DEFAULT" if facts else "CLEAR SILENT DEFAULT")
    steps += [f"MOVE <{temp}> TO <{name}>" for name, temp in temporary.items()]
    return " ;\n".join(steps)


def _drop(store: Store, temporary: Iterable[str]) -> str:
    """Drop the temporary graphs (whether or not their upload finished); say how it went."""
    graphs = list(temporary)
    if not graphs:
        return "no temporary graph was made"
    try:
        store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs))
    except EndpointError as exc:
        mark = graphs[0].rpartition(UPLOAD_MARK)[2]
        return (
            f"the temporary graphs (named …{UPLOAD_MARK}{mark}) could not be dropped "
            f"({exc.message}); publishing again with --replace drops them"
        )
    return "temporary graphs dropped"


def _counted(graph: str | None, found: int, expected: int) -> str:
    where = _name(graph.rpartition(UPLOAD_MARK)[0] or graph) if graph else "the default graph"
    return f"{where} with {found} triples, not the build's {expected}"


def _name(iri: str) -> str:
    """`id:graph/facts` for messages (terms loads rdflib, which publishing does not need)."""
    from ..terms import short_iri

    return short_iri(iri)


class _NTriples:
    """An upload body: N-Triples in chunks of `BATCH` triples, counting what it has given."""

    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        self._triples = triples
        self.count = 0

    def __iter__(self) -> Iterator[bytes]:

        batch: list[ox.Triple] = []
        for triple in self._triples:
            batch.append(triple)
            if len(batch) == BATCH:
                yield self._chunk(batch)
                batch = []
        if batch:
            yield self._chunk(batch)

    def _chunk(self, batch: list[ox.Triple]) -> bytes:
        import pyoxigraph as ox

        self.count += len(batch)
        return ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES) or b""
