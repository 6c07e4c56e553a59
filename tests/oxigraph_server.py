"""Real local SPARQL servers for tests: an `oxigraph serve` process, and tiny failing HTTP servers.

The remote code paths are tested against real sockets, never mocked HTTP: a real Oxigraph answers
the queries, and `http.server` threads play the endpoints that fail (HTTP 500, too slow, garbage,
nobody listening). Import it from a test module (`from oxigraph_server import ...`; pytest puts
`tests/` on `sys.path`).
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO

import pytest

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
"""The `oxigraph` binary installed next to the interpreter by the `oxigraph` PyPI package."""

START_TIMEOUT = 15.0
"""Seconds to wait for a started server to answer before giving up."""

QUAD_TYPES = frozenset({"application/trig", "application/n-quads"})


@dataclass(frozen=True)
class RdfPayload:
    """RDF to load into a server: bytes, their media type, and the target graph.

    `graph=None` means the default graph for triple formats (`?default`); quad formats (TriG,
    N-Quads) always go to the whole store, each quad into the graph it names.
    """

    data: bytes
    content_type: str
    graph: str | None = None


@dataclass(frozen=True)
class OxigraphServer:
    """A running `oxigraph serve`: where to query it and where its Graph Store lives."""

    base_url: str

    @property
    def query_url(self) -> str:
        return f"{self.base_url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base_url}/update"

    @property
    def store_url(self) -> str:
        return f"{self.base_url}/store"

    def load(self, payload: RdfPayload, *, replace: bool = False) -> None:
        """Add (POST) or replace (PUT) RDF through the SPARQL 1.1 Graph Store Protocol."""
        if payload.content_type in QUAD_TYPES:
            url = self.store_url
        elif payload.graph is None:
            url = f"{self.store_url}?default"
        else:
            url = f"{self.store_url}?{urllib.parse.urlencode({'graph': payload.graph})}"
        request = urllib.request.Request(
            url,
            data=payload.data,
            method="PUT" if replace else "POST",
            headers={"Content-Type": payload.content_type},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            if response.status not in (200, 201, 204):
                raise RuntimeError(f"oxigraph refused the load: HTTP {response.status}")


def free_port() -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_answering(process: subprocess.Popen[bytes], base_url: str, said: IO[bytes]) -> None:
    """Poll until the server answers a trivial ASK; fail fast, with what it `said` on stderr,
    if the process died."""
    probe = f"{base_url}/query?{urllib.parse.urlencode({'query': 'ASK {}'})}"
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            said.seek(0)
            stderr = said.read().decode(errors="replace")
            raise RuntimeError(f"oxigraph exited with {process.returncode}: {stderr.strip()}")
        with contextlib.suppress(OSError), urllib.request.urlopen(probe, timeout=1) as response:
            if response.status == 200:
                return
        time.sleep(0.05)
    raise RuntimeError(f"oxigraph did not answer on {base_url} within {START_TIMEOUT}s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@contextlib.contextmanager
def oxigraph_server(
    payloads: Sequence[RdfPayload] = (), *, location: Path | None = None
) -> Iterator[OxigraphServer]:
    """Start `oxigraph serve` on 127.0.0.1:<free port>, load `payloads`, stop it on exit.

    The store lives in `location` (a fresh temporary directory when not given), so parallel
    servers never share data.
    """
    with contextlib.ExitStack() as stack:
        if location is None:
            location = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="oxigraph-")))
        base_url = f"http://127.0.0.1:{free_port()}"
        command = [
            str(OXIGRAPH),
            "serve",
            "--location",
            str(location),
            "--bind",
            base_url.removeprefix("http://"),
        ]
        said = stack.enter_context(tempfile.TemporaryFile())  # a pipe nobody reads could fill
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=said)
        stack.callback(_stop, process)
        _wait_until_answering(process, base_url, said)
        server = OxigraphServer(base_url)
        for payload in payloads:
            server.load(payload)
        yield server


def oxigraph_fixture(
    payloads: Callable[[], Sequence[RdfPayload]], *, scope: str = "session"
) -> Callable[[], Iterator[OxigraphServer]]:
    """A pytest fixture running one loaded server; the payloads are built lazily, once.

    >>> server = oxigraph_fixture(lambda: [RdfPayload(b"", "text/turtle")])  # in a test module
    """

    @pytest.fixture(scope=scope)  # type: ignore[misc]
    def _fixture() -> Iterator[OxigraphServer]:
        with oxigraph_server(payloads()) as server:
            yield server

    return _fixture


# --- endpoints that fail, for the error paths --------------------------------------------------


@dataclass(frozen=True)
class CannedResponse:
    """What a stub endpoint answers to every request, after `delay` seconds."""

    status: int = 200
    body: bytes = b""
    content_type: str = "application/sparql-results+json"
    delay: float = 0.0
    trickle: float = 0.0
    """Seconds between two bytes of the body (a server that answers, but ever so slowly)."""


def _handler_for(
    canned: CannedResponse, stopping: threading.Event, calls: list[str]
) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            calls.append(f"{self.command} {self.path}")
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            # Wait on the event, not time.sleep, so shutdown does not hang on a slow answer.
            if stopping.wait(canned.delay):
                return
            self.send_response(canned.status)
            self.send_header("Content-Type", canned.content_type)
            self.send_header("Content-Length", str(len(canned.body)))
            self.end_headers()
            with contextlib.suppress(OSError):
                if not canned.trickle:
                    self.wfile.write(canned.body)
                for byte in canned.body if canned.trickle else b"":
                    if stopping.wait(canned.trickle):
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()

        do_GET = _answer  # noqa: N815 (http.server's naming)
        do_POST = _answer  # noqa: N815

        def log_message(self, format: str, *args: object) -> None:
            """Keep test output clean."""

    return Handler


@contextlib.contextmanager
def stub_endpoint(canned: CannedResponse) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 answering every request with `canned`; yields its URL."""
    with recording_endpoint(canned) as (url, _):
        yield url


@contextlib.contextmanager
def recording_endpoint(canned: CannedResponse) -> Iterator[tuple[str, list[str]]]:
    """`stub_endpoint`, also yielding the list of requests it received ("GET /path")."""
    stopping, calls = threading.Event(), []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(canned, stopping, calls))
    server.daemon_threads = True
    server.block_on_close = False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", calls
    finally:
        stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextlib.contextmanager
def unreachable_endpoint() -> Iterator[str]:
    """A URL on a port that is bound but not listening, so connecting is refused at once."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/sparql"
