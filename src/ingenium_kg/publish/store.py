"""The requests publishing makes of a SPARQL 1.1 store: Graph Store Protocol PUTs, updates and
counting SELECTs, each bounded as a whole by a deadline.

Requests go through `http.client` rather than a higher-level client because a deadline must bound
each request whole, and that needs the socket: a watchdog shuts it down when the time is up, so a
server that trickles bytes cannot hold a request past `timeout`.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import urllib.parse
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..errors import EndpointError

if TYPE_CHECKING:
    import pyoxigraph as ox


class Store:
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
        from ..query.endpoint import Response, parse_response
        from ..query.library import QueryForm

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
