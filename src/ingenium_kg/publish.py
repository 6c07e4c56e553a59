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

Requests go through `http.client` rather than a higher-level client because a deadline must bound
each request whole, and that needs the socket: a watchdog shuts it down when the time is up, so a
server that trickles bytes cannot hold a request past `timeout`.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
import urllib.parse
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import EndpointError, UsageError
from .namespaces import DATA_NS, FACTS_GRAPH, INFERRED_GRAPH, ONTOLOGY_IRI

if TYPE_CHECKING:
    import pyoxigraph as ox

    from .dataset import BuiltDataset

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
    store = _Store(endpoint, graph_store, update, timeout)
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


def _occupied(store: _Store, names: Sequence[str], *, replace: bool) -> list[str]:
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
    store: _Store,
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


def _drop(store: _Store, temporary: Iterable[str]) -> str:
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
    from .terms import short_iri

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


class _Store:
    """The three URLs of one store (query, update, graph store) and the requests publish makes."""

    def __init__(
        self, endpoint: str, graph_store: str | None, update: str | None, timeout: float
    ) -> None:
        if timeout <= 0:
            raise EndpointError(f"timeout must be a positive number of seconds, not {timeout}")
        self.endpoint = _checked(endpoint)
        self.graph_store = _checked(graph_store or _sibling(endpoint, "store"))
        self.update_url = _checked(update or _sibling(endpoint, "update"))
        self.timeout = timeout

    def put(self, graph: str, body: Iterable[bytes]) -> None:
        """GSP PUT: `graph` becomes exactly `body` (streamed, chunked)."""
        query = urllib.parse.urlencode({"graph": graph})
        _send("PUT", f"{self.graph_store}?{query}", body, "application/n-triples", self.timeout)

    def update(self, text: str) -> None:
        _send("POST", self.update_url, text.encode(), "application/sparql-update", self.timeout)

    def select(self, text: str) -> list[list[ox.NamedNode | ox.BlankNode | ox.Literal | None]]:
        from .query.endpoint import Response, parse_response
        from .query.library import QueryForm

        body, content_type = _send(
            "POST", self.endpoint, text.encode(), "application/sparql-query", self.timeout
        )
        answer = parse_response(
            Response(body, content_type), form=QueryForm.SELECT, url=self.endpoint
        )
        return answer.rows()[1]

    def graph_names(self) -> list[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return sorted(row[0].value for row in rows if row[0] is not None)

    def counts(self, graphs: Sequence[str], *, default: bool) -> dict[str | None, int]:
        """Triples per named graph (absent: 0) and, as None, of the default graph."""
        values = " ".join(f"<{g}>" for g in graphs)
        union = " UNION { ?s ?p ?o }" if default else ""
        rows = self.select(
            f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ {{ VALUES ?g {{ {values} }} "
            f"GRAPH ?g {{ ?s ?p ?o }} }}{union} }} GROUP BY ?g"
        )
        found: dict[str | None, int] = dict.fromkeys(graphs, 0)
        if default:
            found[None] = 0
        for graph, count in rows:
            found[graph.value if graph is not None else None] = int(count.value if count else 0)
        return found


def _sibling(url: str, name: str) -> str:
    """`http://h/query` -> `http://h/<name>` (oxigraph's layout; Fuseki's too for update)."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rpartition("/")[0] + "/" + name
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _checked(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"endpoint must be an http(s) URL, not {url!r}")
    return url


_REASONS = {
    400: "the store rejected the request",
    404: "nothing there (pass the store's graph-store or update URL)",
    405: "the store does not allow this method here (is it read-only?)",
    413: "the store refused a body that large",
    500: "the store failed internally",
}


def _send(
    method: str, url: str, body: bytes | Iterable[bytes], content_type: str, timeout: float
) -> tuple[bytes, str]:
    """One HTTP exchange, bounded as a whole by `timeout`; the body and media type of a 2xx.

    :raises EndpointError: unreachable, too slow, broken exchange or a non-2xx status.
    """
    parts = urllib.parse.urlsplit(url)
    url = url.partition("?")[0]  # messages name the service, not the graph being sent
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = kind(parts.hostname or "", parts.port, timeout=timeout)
    expired = threading.Event()

    def expire() -> None:
        expired.set()
        if connection.sock is not None:
            with contextlib.suppress(OSError):
                connection.sock.shutdown(socket.SHUT_RDWR)

    watchdog = threading.Timer(timeout, expire)
    watchdog.daemon = True
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    headers = {"Content-Type": content_type, "Accept": "application/sparql-results+json"}
    try:
        watchdog.start()
        connection.connect()
        if expired.is_set():
            raise TimeoutError
        connection.request(
            method,
            target or "/",
            body=body,
            headers=headers,
            encode_chunked=not isinstance(body, bytes),
        )
        response = connection.getresponse()
        data = response.read()
    except (OSError, http.client.HTTPException) as exc:
        if expired.is_set() or isinstance(exc, TimeoutError):
            raise EndpointError(
                f"endpoint {url} did not answer within {timeout:g} s; allow a longer timeout"
            ) from None
        if isinstance(exc, http.client.HTTPException):
            raise EndpointError(f"endpoint {url} broke the HTTP exchange: {exc!r}") from None
        raise EndpointError(f"endpoint {url} is unreachable: {exc.strerror or exc}") from None
    finally:
        watchdog.cancel()
        connection.close()
    if not 200 <= response.status < 300:
        said = " ".join(data.decode("utf-8", "replace").split())[:160]
        reason = _REASONS.get(response.status, response.reason)
        raise EndpointError(
            f"endpoint {url} answered HTTP {response.status}: {reason}"
            + (f" ({said})" if said else "")
        )
    return data, (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
