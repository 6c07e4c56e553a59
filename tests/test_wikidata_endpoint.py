"""Failures of a Wikidata-shaped endpoint, on real sockets: retries, one-line errors, the cache."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ingenium_kg.errors import EndpointError
from ingenium_kg.pipeline import build
from ingenium_kg.wikidata.client import WikidataEndpoint
from ingenium_kg.wikidata.reconcile import reconcile
from kg_helpers import asserted, run_cli
from oxigraph_server import (
    CannedResponse,
    OxigraphServer,
    oxigraph_fixture,
    oxigraph_server,
    recording_endpoint,
    stub_endpoint,
    unreachable_endpoint,
)
from wikidata_helpers import endpoint, flaky_proxy, project_copy, wikidata_payload

wikidata = oxigraph_fixture(wikidata_payload)
QUERY = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"


def test_a_429_with_retry_after_is_waited_out(wikidata: OxigraphServer) -> None:
    with flaky_proxy(wikidata.query_url, failures=1, status=429, headers={"Retry-After": "1"}) as (
        url,
        sent,
    ):
        started = time.monotonic()
        answer = endpoint(url).select(QUERY)
        waited = time.monotonic() - started
    assert sent == [429, 200]
    assert len(answer.rows) == 1
    assert waited >= 1.0


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_retried_with_backoff(wikidata: OxigraphServer, status: int) -> None:
    with flaky_proxy(wikidata.query_url, failures=2, status=status) as (url, sent):
        endpoint(url).select(QUERY)
    assert sent == [status, status, 200]


def test_a_whole_link_run_survives_a_429(wikidata: OxigraphServer, tmp_path: Path) -> None:
    dataset = asserted(project_copy(tmp_path).root)
    with flaky_proxy(wikidata.query_url, failures=1, status=429, headers={"Retry-After": "0"}) as (
        url,
        _,
    ):
        assert reconcile(dataset, endpoint(url)).ok


def test_a_retry_after_beyond_the_limit_fails_at_once(wikidata: OxigraphServer) -> None:
    with (
        flaky_proxy(
            wikidata.query_url, failures=1, status=429, headers={"Retry-After": "3600"}
        ) as (url, _),
        pytest.raises(EndpointError, match="asks to wait 3600 s"),
    ):
        endpoint(url).select(QUERY)


def test_errors_left_after_the_retries_are_endpoint_errors() -> None:
    with stub_endpoint(CannedResponse(status=503)) as url, pytest.raises(EndpointError) as info:
        endpoint(url, attempts=2).select(QUERY)
    assert "HTTP 503" in str(info.value)


CASES = [
    ("timeout", CannedResponse(delay=3.0, body=b"{}"), "did not answer within 0.5 s"),
    ("http 500", CannedResponse(status=500, body=b"boom"), "HTTP 500"),
    ("malformed json", CannedResponse(body=b'{"head": {"vars": [}'), "SELECT answer"),
    ("not results", CannedResponse(body=b'{"head": {}}'), "SELECT answer"),
]


@pytest.mark.parametrize("command", ["link", "enrich", "wikidata-check"])
@pytest.mark.parametrize(("name", "canned", "message"), CASES, ids=[c[0] for c in CASES])
def test_cli_failures_are_one_line_exit_2_and_touch_nothing(
    tmp_path: Path, command: str, name: str, canned: CannedResponse, message: str
) -> None:
    project = project_copy(tmp_path)
    enrichment = project.root / "data" / "enrichment" / "wikidata.trig"
    enrichment.parent.mkdir(parents=True)
    enrichment.write_bytes(b"# the previous enrichment\n")
    build(project=project)
    before = sorted(p for p in project.root.rglob("*"))
    with stub_endpoint(canned) as url:
        args = ("--endpoint", url, "--timeout", "0.5", "--retries", "0")
        args += ("--cache", str(tmp_path / "cache"))
        result = run_cli(command, *args, root=project.root)
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert stderr.count("\n") == 1 and stderr.startswith("Error: endpoint ")
    assert message in stderr and "Traceback" not in stderr
    assert sorted(p for p in project.root.rglob("*")) == before
    assert enrichment.read_bytes() == b"# the previous enrichment\n"


def test_an_unreachable_endpoint_is_one_line(tmp_path: Path) -> None:
    with unreachable_endpoint() as url:
        result = run_cli("link", "--endpoint", url, root=project_copy(tmp_path).root)
    assert result.returncode == 2
    assert result.stderr.decode().startswith(f"Error: endpoint {url} is unreachable")


def test_cached_answers_make_a_rerun_offline(tmp_path: Path) -> None:
    dataset = asserted(project_copy(tmp_path).root)
    cache = tmp_path / "cache"
    with oxigraph_server(wikidata_payload()) as server:
        url = server.query_url
        online = reconcile(dataset, endpoint(url, cache))
    offline = reconcile(dataset, endpoint(url, cache))  # the server is gone
    assert offline == online
    assert any(cache.rglob("*.json"))


def test_a_malformed_answer_is_not_cached(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with stub_endpoint(CannedResponse(body=b"garbage")) as url, pytest.raises(EndpointError):
        endpoint(url, cache).select(QUERY)
    assert not any(cache.rglob("*.json"))


def test_the_timeout_holds_the_retries_and_their_waits() -> None:
    with recording_endpoint(CannedResponse(status=503)) as (url, calls):
        client = WikidataEndpoint(url, cache_dir=None, timeout=1.0, attempts=6, backoff=0.4)
        with pytest.raises(EndpointError, match="HTTP 503"):
            client.select(QUERY)
    # waits of 0.4 s then 0.8 s: the second would pass the 1 s limit, so it is not taken
    assert len(calls) == 2
