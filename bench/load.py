"""Load on the web server, measured with wrk beside Oxigraph's own server on the same query.

    .venv/bin/python bench/load.py [--seconds 10] [--connections 16] [--threads 2]

Builds dist/ when stale, starts `ingenium-kg serve` and `oxigraph serve` (loaded with the TriG
dump) on free loopback ports, and runs wrk against: an entity page (HTML), the same entity as
Turtle, a small SPARQL SELECT on both servers. Then it sends a burst of slow and malformed
queries and checks the server still answers. Prints requests per second, p50/p99 latency,
errors, and the ratio against Oxigraph; exits 1 when a target is missed (1 000 pages/s,
500 small queries/s, p99 under 50 ms, no errors).
"""

from __future__ import annotations

import argparse
import contextlib
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SMALL_QUERY = "SELECT ?u WHERE { ?u a <https://w3id.org/ingenium-kg/ontology#University> }"
HOSTILE = [
    "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",  # slow: a cross product
    "SELECT * WHERE {",  # malformed
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",  # an update
    "SELECT " + "?x " * 40_000 + "WHERE {}",  # oversized
]
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


@dataclass(frozen=True)
class Load:
    """What one wrk run measured."""

    name: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    """Socket errors plus non-2xx answers."""

    def line(self, baseline: Load | None = None) -> str:
        ratio = (
            f"  {self.requests_per_second / baseline.requests_per_second:.2f}x Oxigraph"
            if baseline
            else ""
        )
        return (
            f"{self.name:<34} {self.requests_per_second:9.0f} req/s  p50 {self.p50_ms:6.2f} ms"
            f"  p99 {self.p99_ms:6.2f} ms  {self.requests:7d} requests  {self.errors} errors{ratio}"
        )


def run_wrk(
    name: str, url: str, *, seconds: float, connections: int, threads: int, accept: str
) -> Load:
    """One wrk run against `url` asking for `accept`, after one request to warm it up."""
    request = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=30) as answer:
        answer.read()
    command = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds:g}s", "--latency",
        "-H", f"Accept: {accept}", url,
    ]  # fmt: skip
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60)
    return parse_wrk(name, out.stdout)


def parse_wrk(name: str, report: str) -> Load:
    """The figures of wrk's `--latency` report."""

    def latency(percent: str) -> float:
        found = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s)\s*$", report, re.MULTILINE)
        return float(found[1]) * _UNITS[found[2]] if found else float("nan")

    requests = re.search(r"(\d+) requests in", report)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", report)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    errors = sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    errors += int(non_2xx[1]) if non_2xx else 0
    return Load(
        name,
        float(rate[1]) if rate else 0.0,
        latency("50"),
        latency("99"),
        int(requests[1]) if requests else 0,
        errors,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"no answer from {url} within {seconds:g} s")


def still_answers_after_a_burst(base: str) -> bool:
    """Slow, malformed, update and oversized queries, then one good query: answered?"""
    for text in HOSTILE:
        data = urllib.parse.urlencode({"query": text}).encode()
        # an error status is the expected answer; only the next request matters
        with contextlib.suppress(OSError):
            urllib.request.urlopen(f"{base}/sparql", data=data, timeout=30).close()
    query = urllib.parse.urlencode({"query": SMALL_QUERY})
    with urllib.request.urlopen(f"{base}/sparql?{query}", timeout=10) as answer:
        return answer.status == 200


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    python, kg = sys.executable, [sys.executable, "-m", "ingenium_kg"]
    subprocess.run([*kg, "build", "--quiet"], cwd=ROOT, check=True)
    ours, theirs = free_port(), free_port()
    work = Path(tempfile.mkdtemp(prefix="ikg-load-"))
    oxigraph = shutil.which("oxigraph") or str(Path(python).with_name("oxigraph"))
    subprocess.run(
        [oxigraph, "load", "--location", str(work), "--file", str(ROOT / "dist" / "ingenium.trig")],
        check=True, capture_output=True,
    )  # fmt: skip
    servers = [
        subprocess.Popen([*kg, "serve", "--quiet", "--port", str(ours)], cwd=ROOT,
                         stderr=subprocess.DEVNULL),
        subprocess.Popen([oxigraph, "serve-read-only", "--location", str(work), "--bind",
                          f"127.0.0.1:{theirs}"], stderr=subprocess.DEVNULL),
    ]  # fmt: skip
    base, other = f"http://127.0.0.1:{ours}", f"http://127.0.0.1:{theirs}"
    try:
        wait_for(f"{base}/")
        wait_for(f"{other}/query?query=ASK%7B%7D")
        options = {
            "seconds": args.seconds,
            "connections": args.connections,
            "threads": args.threads,
        }
        query = urllib.parse.quote(SMALL_QUERY)
        json = "application/sparql-results+json"
        page = run_wrk("entity page (HTML)", f"{base}/id/university/rouen-normandie",
                       accept="text/html", **options)  # fmt: skip
        turtle = run_wrk("entity (Turtle)", f"{base}/id/university/rouen-normandie",
                         accept="text/turtle", **options)  # fmt: skip
        baseline = run_wrk("small SPARQL, Oxigraph's server", f"{other}/query?query={query}",
                           accept=json, **options)  # fmt: skip
        sparql = run_wrk("small SPARQL, ingenium-kg serve", f"{base}/sparql?query={query}",
                         accept=json, **options)  # fmt: skip
        healthy = still_answers_after_a_burst(base)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    for load in (page, turtle, baseline):
        print(load.line())
    print(sparql.line(baseline))
    print(
        f"still answering after a burst of slow and malformed queries: {'yes' if healthy else 'NO'}"
    )
    met = (
        page.requests_per_second >= 1000
        and sparql.requests_per_second >= 500
        and max(page.p99_ms, sparql.p99_ms) < 50
        and page.errors == sparql.errors == turtle.errors == 0
        and healthy
    )
    print(
        "targets (1000 pages/s, 500 queries/s, p99 < 50 ms, no errors):", "met" if met else "MISSED"
    )
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
