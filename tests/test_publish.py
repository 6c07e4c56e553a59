"""Publishing against a real `oxigraph serve` on 127.0.0.1, and real servers that fail on purpose.

The failing servers are proxies in front of a real Oxigraph (they pass every request on, except
the one they are told to break), so the tests can look at what the real store was left holding.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from ingenium_kg.dataset import BuiltDataset
from ingenium_kg.errors import EndpointError, UsageError
from ingenium_kg.namespaces import FACTS_GRAPH, INFERRED_GRAPH, ONTOLOGY_IRI
from ingenium_kg.publish import UPLOAD_MARK, publish, published_graphs
from ingenium_kg.query.library import QueryForm, list_queries
from ingenium_kg.query.run import answer
from kg_helpers import FIXTURE, run_cli
from oxigraph_server import (
    OXIGRAPH,
    OxigraphServer,
    RdfPayload,
    free_port,
    oxigraph_server,
    unreachable_endpoint,
)

OTHER = "http://example.org/not-ours"
PARAMS: dict[str, dict[str, str]] = {
    "entity-sources": {"entity": "id:renewal/2026"},
    "fact-source": {
        "subject": "id:amount/2026-renewal",
        "predicate": "schema:value",
        "object": "7200000",
    },
    "member-subgraph": {"member": "id:university/oviedo"},
    "describe-entity": {"entity": "id:amount/2026-renewal"},
}
"""Values for the parametrised saved queries (test_queries imports the CLI; this test need not)."""


def holdings(server: OxigraphServer) -> dict[str | None, int]:
    """Every graph on the store, empty ones included, with its triples; None: the default."""
    text = (
        "SELECT ?g (COUNT(?s) AS ?n) WHERE { { GRAPH ?g { } OPTIONAL { GRAPH ?g { ?s ?p ?o } } }"
        " UNION { ?s ?p ?o } } GROUP BY ?g"
    )
    request = urllib.request.Request(
        server.query_url,
        data=urllib.parse.urlencode({"query": text}).encode(),
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
    rows = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    found = {(s["g"].value if s["g"] else None): int(s["n"].value) for s in rows}  # type: ignore[union-attr, index]
    return {g: n for g, n in found.items() if g is not None or n}


def expected(dataset: BuiltDataset) -> dict[str | None, int]:
    """What the store should hold after publishing `dataset` (and nothing else)."""
    counts: dict[str | None, int] = {
        g: sum(1 for _ in dataset.quads(g)) for g in published_graphs(dataset)
    }
    counts[None] = counts[FACTS_GRAPH]
    return counts


@pytest.fixture
def server() -> Iterator[OxigraphServer]:
    with oxigraph_server() as running:
        yield running


def test_every_graph_of_the_trig_export_goes_up_with_its_count(
    built_fixture: BuiltDataset, server: OxigraphServer
) -> None:
    seen: list[tuple[str, int]] = []
    report = publish(built_fixture, server.query_url, on_graph=lambda g, n: seen.append((g, n)))
    trig = ox.parse(built_fixture.export_bytes("ingenium.trig"), format=ox.RdfFormat.TRIG)
    in_export = {q.graph_name.value for q in trig if isinstance(q.graph_name, ox.NamedNode)}
    assert set(report.graphs) == in_export and FACTS_GRAPH in in_export
    assert not {ONTOLOGY_IRI, INFERRED_GRAPH} & set(report.graphs)
    assert holdings(server) == expected(built_fixture)
    assert dict(seen) == report.graphs and report.default == report.graphs[FACTS_GRAPH]
    lines = report.lines()
    assert lines[0] == f"id:graph/facts: {report.graphs[FACTS_GRAPH]} triples"
    assert any(line.startswith("3 excerpt graphs: ") for line in lines)
    assert lines[-1].startswith(f"published {len(report.graphs)} graphs to {server.store_url} in ")


@pytest.fixture(scope="module")
def published(built: BuiltDataset) -> Iterator[OxigraphServer]:
    with oxigraph_server() as running:
        publish(built, running.query_url)
        yield running


@pytest.mark.parametrize("saved", list_queries(), ids=lambda q: q.name)
def test_saved_queries_answer_the_same_on_the_published_store(
    saved, built: BuiltDataset, published: OxigraphServer
) -> None:
    params = PARAMS.get(saved.name)
    local = answer(built, saved, params=params)
    remote = answer(None, saved, params=params, endpoint=published.query_url)
    if saved.form.returns_graph:
        assert set(local.triples or ()) == set(remote.triples or ()) and local.triples
    elif saved.form is QueryForm.ASK:
        assert bool(local.result) == bool(remote.result)
    else:
        assert remote.rows() == local.rows() and local.rows()[1]


def test_a_store_holding_the_graphs_is_refused_without_replace(
    built_fixture: BuiltDataset, server: OxigraphServer
) -> None:
    publish(built_fixture, server.query_url)
    before = holdings(server)
    with pytest.raises(UsageError, match=r"already holds the default graph \(\d+ triples\), id:"):
        publish(built_fixture, server.query_url)
    assert holdings(server) == before


def test_data_in_the_default_graph_is_not_clobbered(
    built_fixture: BuiltDataset, server: OxigraphServer
) -> None:
    server.load(RdfPayload(b"<http://a> <http://b> <http://c> .\n", "application/n-triples"))
    with pytest.raises(UsageError, match=r"holds the default graph \(1 triples\); publish with"):
        publish(built_fixture, server.query_url)
    assert holdings(server) == {None: 1}


def test_replace_makes_the_project_graphs_exactly_the_build(
    built: BuiltDataset, built_fixture: BuiltDataset, server: OxigraphServer
) -> None:
    server.load(RdfPayload(b"<http://a> <http://b> <http://c> .\n", "application/n-triples", OTHER))
    publish(built, server.query_url)
    report = publish(built_fixture, server.query_url, replace=True)
    assert holdings(server) == {**expected(built_fixture), OTHER: 1}
    assert report.dropped and set(report.dropped).isdisjoint(report.graphs)
    assert report.lines()[-2] == f"dropped {len(report.dropped)} graph(s) the build no longer has"


def test_a_union_default_graph_is_caught_by_the_count_check(
    built_fixture: BuiltDataset, tmp_path
) -> None:
    base = f"127.0.0.1:{free_port()}"
    command = [str(OXIGRAPH), "serve", "--location", str(tmp_path), "--bind", base]
    process = subprocess.Popen([*command, "--union-default-graph"], stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                urllib.request.urlopen(f"http://{base}/query?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(0.05)
        with pytest.raises(EndpointError, match="not the union of all graphs"):
            publish(built_fixture, f"http://{base}/query")
    finally:
        process.terminate()
        process.wait(timeout=5)


def test_the_store_applies_one_update_request_whole(server: OxigraphServer) -> None:
    """What the switch relies on: a failing statement undoes the MOVE before it."""
    triple = RdfPayload(b"<http://a> <http://b> <http://c> .\n", "application/n-triples", OTHER)
    server.load(triple)
    update = f"MOVE <{OTHER}> TO <{FACTS_GRAPH}> ; MOVE <http://example.org/none> TO DEFAULT"
    request = urllib.request.Request(
        server.update_url,
        data=update.encode(),
        headers={"Content-Type": "application/sparql-update"},
    )
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(request, timeout=10)
    assert holdings(server) == {OTHER: 1}


# --- failures ----------------------------------------------------------------------------------


@contextlib.contextmanager
def proxy(target: str, *, method: str, nth: int, dies: bool = False) -> Iterator[str]:
    """A real HTTP server passing every request on to `target`, except the `nth` with `method`:
    that one answers HTTP 500 or, when `dies`, gets no answer, and neither does any later one."""
    state = {"seen": 0, "dead": False}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def _relay(self) -> None:
            body = self._body()
            with lock:
                state["seen"] += self.command == method
                hit = self.command == method and state["seen"] == nth
                state["dead"] = state["dead"] or (hit and dies)
            if state["dead"]:
                self.close_connection = True
                return
            status, kind, data = (
                (500, "text/plain", b"planned failure") if hit else self._pass(body)
            )
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _body(self) -> bytes:
            if self.headers.get("Transfer-Encoding", "").lower() != "chunked":
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))
            chunks = []
            while size := int(self.rfile.readline().split(b";")[0], 16):
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            self.rfile.readline()
            return b"".join(chunks)

        def _pass(self, body: bytes) -> tuple[int, str, bytes]:
            headers = {k: v for k, v in self.headers.items() if k in ("Content-Type", "Accept")}
            request = urllib.request.Request(
                target + self.path, data=body, method=self.command, headers=headers
            )
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    return response.status, response.headers["Content-Type"] or "", response.read()
            except urllib.error.HTTPError as exc:
                return exc.code, exc.headers["Content-Type"] or "", exc.read()

        do_GET = do_POST = do_PUT = _relay  # noqa: N815 (http.server's naming)

        def log_message(self, format: str, *args: object) -> None:
            """Keep test output clean."""

    with _serving(Handler) as base:
        yield base


@contextlib.contextmanager
def _serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.block_on_close = False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_a_failed_upload_leaves_nothing_on_the_store(
    built_fixture: BuiltDataset, server: OxigraphServer
) -> None:
    with (
        proxy(server.base_url, method="PUT", nth=3) as base,
        pytest.raises(EndpointError) as failure,
    ):
        publish(built_fixture, f"{base}/query")
    message = failure.value.message
    graphs = len(published_graphs(built_fixture))
    assert f"failed uploading id:excerpt/rouen (2 of {graphs} uploaded): endpoint" in message
    assert "answered HTTP 500" in message and "nothing was published" in message
    assert message.endswith("temporary graphs dropped") and "\n" not in message
    assert holdings(server) == {}


def test_a_failed_switch_leaves_nothing_on_the_store(
    built_fixture: BuiltDataset, server: OxigraphServer
) -> None:
    server.load(RdfPayload(b"<http://a> <http://b> <http://c> .\n", "application/n-triples", OTHER))
    with proxy(server.base_url, method="POST", nth=1) as base:  # the one update
        real = {"graph_store": f"{server.store_url}", "update": f"{base}/update"}
        with pytest.raises(EndpointError, match="failed switching the uploaded graphs"):
            publish(built_fixture, server.query_url, **real)
    assert holdings(server) == {OTHER: 1}


def test_a_server_that_dies_leaves_only_named_temporary_graphs_replace_clears_them(
    built_fixture: BuiltDataset, server: OxigraphServer
) -> None:
    dying = proxy(server.base_url, method="PUT", nth=3, dies=True)
    with dying as base, pytest.raises(EndpointError) as failure:
        publish(built_fixture, f"{base}/query", timeout=5)
    assert "broke the HTTP exchange" in failure.value.message
    assert "could not be dropped" in failure.value.message
    left = holdings(server)
    assert len(left) == 2 and all(UPLOAD_MARK in g for g in left if g)  # none under its name
    publish(built_fixture, server.query_url, replace=True)
    assert holdings(server) == expected(built_fixture)


def test_interrupting_drops_the_temporary_graphs(
    built_fixture: BuiltDataset, server: OxigraphServer
) -> None:
    def interrupt(graph: str, count: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        publish(built_fixture, server.query_url, on_graph=interrupt)
    assert holdings(server) == {}


def test_a_wrong_graph_store_url_is_one_line_and_publishes_nothing(
    built_fixture: BuiltDataset, server: OxigraphServer
) -> None:
    with pytest.raises(EndpointError, match=r"answered HTTP 404: nothing there \(pass the"):
        publish(built_fixture, server.query_url, graph_store=f"{server.base_url}/nothing")
    assert holdings(server) == {}


def test_an_unreachable_endpoint_is_one_line(built_fixture: BuiltDataset) -> None:
    with unreachable_endpoint() as url, pytest.raises(EndpointError) as failure:
        publish(built_fixture, url)
    assert failure.value.message.startswith(f"cannot publish: endpoint {url} is unreachable")
    assert failure.value.message.endswith("nothing was published")
    assert failure.value.exit_code == 2


def test_the_timeout_bounds_each_request_whole(built_fixture: BuiltDataset) -> None:
    """A server that trickles its answer, a byte at a time, cannot hold a request longer."""
    stopping = threading.Event()

    class Trickle(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" * 100:
                if stopping.wait(0.05):
                    return
                self.wfile.write(bytes([byte]))
                self.wfile.flush()

    with _serving(Trickle) as base:
        started = time.monotonic()
        with pytest.raises(EndpointError, match=r"did not answer within 0.5 s"):
            publish(built_fixture, f"{base}/query", timeout=0.5)
        assert time.monotonic() - started < 1.5
        stopping.set()


@pytest.mark.parametrize(
    ("endpoint", "timeout", "message"),
    [
        ("file:///etc/passwd", 5.0, "must be an http(s) URL"),
        ("http://127.0.0.1:1/query", 0.0, "timeout must be a positive number"),
    ],
)
def test_bad_arguments_are_refused_before_any_request(
    built_fixture: BuiltDataset, endpoint: str, timeout: float, message: str
) -> None:
    with pytest.raises(EndpointError, match=re.escape(message)):
        publish(built_fixture, endpoint, timeout=timeout)


def test_the_publish_command_uploads_then_refuses_without_replace(
    server: OxigraphServer, tmp_path: Path
) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    first = run_cli("publish", "--endpoint", server.query_url, root=root)
    assert first.returncode == 0, first.stderr
    assert first.stdout.decode().splitlines()[-1].startswith("published ")
    again = run_cli("publish", "--endpoint", server.query_url, root=root)
    assert again.returncode == 2 and again.stderr.decode().count("\n") == 1
    assert b"--replace" in again.stderr
    replaced = run_cli("publish", "--endpoint", server.query_url, "--replace", root=root)
    assert replaced.returncode == 0, replaced.stderr
