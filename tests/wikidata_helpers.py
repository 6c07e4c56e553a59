"""Helpers for the Wikidata tests: the fixture store, a private project copy, a flaky proxy.

The fixture (fixtures/wikidata/wikidata.ttl) is served by a real `oxigraph serve`; the proxy is a
real HTTP server that answers the first requests with a canned failure and forwards the rest to
that Oxigraph, so a retry is proven by a full run that succeeds.
"""

from __future__ import annotations

import contextlib
import shutil
import threading
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ingenium_kg.pipeline import build
from ingenium_kg.stages.sources import Project
from ingenium_kg.wikidata.client import WikidataEndpoint
from kg_helpers import REPO
from oxigraph_server import RdfPayload

WIKIDATA_FIXTURE = Path(__file__).parent / "fixtures" / "wikidata" / "wikidata.ttl"
RETRIEVED = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def wikidata_payload() -> list[RdfPayload]:
    return [RdfPayload(WIKIDATA_FIXTURE.read_bytes(), "text/turtle")]


def project_copy(tmp_path: Path) -> Project:
    """The repository's ontology and data (article, links, source) in a private directory,
    built, so the commands under test read a current dist/ as a user's would."""
    root = tmp_path / "project"
    for part in ("ontology", "data"):
        shutil.copytree(REPO / part, root / part, ignore=shutil.ignore_patterns("enrichment"))
    project = Project(root)
    build(project=project)
    return project


def endpoint(url: str, cache: Path | None = None, **options: float) -> WikidataEndpoint:
    """A client with a pinned clock (golden files) and short waits (fast tests)."""
    settings = {"backoff": 0.01, "timeout": 10.0, **options}
    return WikidataEndpoint(url, cache_dir=cache, clock=lambda: RETRIEVED, **settings)


@contextlib.contextmanager
def flaky_proxy(
    target: str, *, failures: int, status: int, headers: dict[str, str] | None = None
) -> Iterator[tuple[str, list[int]]]:
    """Answer the first `failures` requests with `status`, forward the others to `target`.

    Yields the proxy URL and the list of statuses sent so far (to count the retries).
    """
    sent: list[int] = []
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with lock:
                fail = len(sent) < failures
                sent.append(status if fail else 200)
            if fail:
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            forwarded = urllib.request.Request(
                target,
                data=body,
                headers={
                    "Content-Type": self.headers.get("Content-Type", ""),
                    "Accept": self.headers.get("Accept", ""),
                },
            )
            with urllib.request.urlopen(forwarded, timeout=10) as answer:
                payload = answer.read()
                content_type = answer.headers.get("Content-Type", "")
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:
            """Keep test output clean."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", sent
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
