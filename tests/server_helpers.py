"""Helpers for the web server tests: a real uvicorn server in a thread, a recording HTTP
server, and a copy of a build with extra quads (the map's coordinates).

Tests talk to the server over a real loopback socket with httpx, as any client would.
"""

from __future__ import annotations

import contextlib
import shutil
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import uvicorn

from ingenium_kg.dataset import MANIFEST, STORE, BuiltDataset
from ingenium_kg.web.app import create_app
from oxigraph_server import free_port

WGS84 = "http://www.w3.org/2003/01/geo/wgs84_pos#"
START_TIMEOUT = 15.0


@contextlib.contextmanager
def running_server(dataset: BuiltDataset, **options: Any) -> Iterator[str]:
    """Serve `dataset` with uvicorn on 127.0.0.1:<free port>; yields the base URL."""
    port = free_port()
    config = uvicorn.Config(
        create_app(dataset, **options), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError(f"the server did not start on port {port}")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def without_coordinates(built: BuiltDataset, folder: Path) -> BuiltDataset:
    """A copy of `built` in `folder` (its files, and a new store without any WGS84 coordinate):
    a build shaped as `build` leaves it, made without building, for a map with nothing to place."""
    folder.mkdir(parents=True)
    for name in (MANIFEST, *built.manifest.outputs):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built.folder / name, folder / name)
    store = ox.Store(str(folder / STORE))
    store.extend(q for q in built.quads() if not q.predicate.value.startswith(WGS84))
    store.flush()
    del store
    return BuiltDataset.open(folder)


class Recorder:
    """A loopback HTTP server that records every request it gets and answers an empty SPARQL
    JSON result (what a SERVICE call would need)."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        recorded = self.requests

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                recorded.append(self.path)
                body = b'{"head":{"vars":["x"]},"results":{"bindings":[]}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = _answer  # noqa: N815 (http.server's naming)
            do_POST = _answer  # noqa: N815

            def log_message(self, format: str, *args: object) -> None:
                """Keep test output clean."""

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"

    def __enter__(self) -> Recorder:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
