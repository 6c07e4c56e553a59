"""A short, bounded load on the real server with wrk (from Debian): no errors, and the server
still answers after a burst of slow and malformed queries. Throughput is the benchmark's job
(bench/load.py), never a timed assertion here."""

from __future__ import annotations

import importlib.util
import sys
import urllib.parse
from collections.abc import Iterator
from types import ModuleType

import pytest

from ingenium_kg.dataset import BuiltDataset
from kg_helpers import REPO
from server_helpers import running_server


def _load_bench() -> ModuleType:  # bench/ is not a package: load the script as a module
    spec = importlib.util.spec_from_file_location("load", REPO / "bench" / "load.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["load"] = module
    spec.loader.exec_module(module)
    return module


bench = _load_bench()


@pytest.fixture(scope="module")
def site(built: BuiltDataset) -> Iterator[str]:
    with running_server(built) as url:
        yield url


@pytest.mark.parametrize(
    ("path", "accept"),
    [
        ("/id/university/rouen-normandie", "text/html"),
        ("/id/university/rouen-normandie", "text/turtle"),
        (
            f"/sparql?query={urllib.parse.quote(bench.SMALL_QUERY)}",
            "application/sparql-results+json",
        ),
    ],
    ids=["page", "turtle", "sparql"],
)
def test_a_short_load_gets_no_errors(site: str, path: str, accept: str) -> None:
    load = bench.run_wrk(path, site + path, seconds=1, connections=4, threads=1, accept=accept)
    assert load.requests > 0
    assert load.errors == 0, load.line()


def test_the_server_still_answers_after_a_hostile_burst(site: str) -> None:
    assert bench.still_answers_after_a_burst(site)


def test_the_wrk_report_is_read_exactly() -> None:
    report = """Running 1s test @ http://127.0.0.1:1/
  Latency Distribution
     50%  410.00us
     99%    2.50ms
  1234 requests in 1.00s, 1.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   1234.50
"""
    load = bench.parse_wrk("x", report)
    assert (load.requests, load.requests_per_second, load.errors) == (1234, 1234.5, 7)
    assert (load.p50_ms, load.p99_ms) == pytest.approx((0.41, 2.5))
