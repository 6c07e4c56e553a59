"""Remote queries against real local servers: a loaded `oxigraph serve`, and endpoints that fail.

The oxigraph store is loaded the way the README tells users to load theirs: the N-Quads export
(every graph by name) plus `graph/facts` again as the default graph, which is what the saved
queries read without `GRAPH`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from rdflib.compare import isomorphic

from ingenium_kg.dataset import BuiltDataset
from ingenium_kg.errors import EndpointError
from ingenium_kg.namespaces import FACTS_GRAPH
from ingenium_kg.query.endpoint import query
from ingenium_kg.query.library import QueryForm, list_queries
from ingenium_kg.query.run import run_query
from kg_helpers import invoke
from oxigraph_server import (
    CannedResponse,
    OxigraphServer,
    RdfPayload,
    oxigraph_server,
    stub_endpoint,
    unreachable_endpoint,
)
from test_params import PARAM_IN_A_FILTER
from test_queries import GOLDEN_PARAMS

SAVED = list_queries()


@pytest.fixture(scope="module")
def server(built: BuiltDataset) -> Iterator[OxigraphServer]:
    facts = ox.serialize(
        [q.triple for q in built.quads(FACTS_GRAPH)], format=ox.RdfFormat.N_TRIPLES
    )
    with oxigraph_server() as running:
        running.load(RdfPayload(built.export_bytes("ingenium.nq"), "application/n-quads"))
        # The export's default graph describes the dataset; the queries' default graph is facts.
        running.load(RdfPayload(facts or b"", "application/n-triples"), replace=True)
        yield running


@pytest.mark.parametrize("saved", SAVED, ids=lambda q: q.name)
def test_every_saved_query_answers_the_same_remotely(
    saved, built: BuiltDataset, server: OxigraphServer
) -> None:
    params = GOLDEN_PARAMS.get(saved.name)
    local = run_query(built, saved, params=params)
    remote = run_query(None, saved.name, params=params, endpoint=server.query_url, timeout=30)
    if saved.form.returns_graph:
        assert isomorphic(local.graph, remote.graph)
    elif saved.form is QueryForm.ASK:
        assert local.askAnswer == remote.askAnswer
    else:
        assert local.vars == remote.vars
        assert local.bindings == remote.bindings


@pytest.mark.parametrize(("text", "params", "expected"), PARAM_IN_A_FILTER)
def test_a_parameter_in_a_filter_is_seen_remotely(
    server: OxigraphServer, text: str, params: dict[str, str], expected: bool
) -> None:
    remote = run_query(None, text, params=params, endpoint=server.query_url, timeout=30)
    assert remote.askAnswer is expected


@pytest.mark.parametrize("value", ["7200000", "7200000.0"])
def test_fact_source_matches_by_value_remotely(
    built: BuiltDataset, server: OxigraphServer, value: str
) -> None:
    params = {"subject": "id:amount/2026-renewal", "predicate": "schema:value", "object": value}
    local = run_query(built, "fact-source", params=params)
    remote = run_query(None, "fact-source", params=params, endpoint=server.query_url)
    assert local.bindings == remote.bindings and len(local.bindings) == 1


def test_cli_prints_the_same_bytes_remotely(server: OxigraphServer) -> None:
    local = invoke(["query", "members", "--format", "tsv"])
    remote = invoke(["query", "members", "--format", "tsv", "--endpoint", server.query_url])
    assert remote.exit_code == 0, remote.stderr
    assert remote.stdout_bytes == local.stdout_bytes
    table = invoke(
        ["query", "-", "--endpoint", server.query_url, "--format", "table"],
        stdin="SELECT ?c WHERE { ?u ikg:country ?c } ORDER BY ?c LIMIT 1",
    )
    assert table.stdout.splitlines()[2] == "Bulgarie"  # country/bulgaria sorts first


def test_construct_comes_back_as_a_graph(server: OxigraphServer) -> None:
    text = "CONSTRUCT WHERE { ?s a <https://w3id.org/ingenium-kg/ontology#Phase> }"
    found = query(server.query_url, text, form=QueryForm.CONSTRUCT, timeout=10)
    assert found.triples is not None and len(found.triples) == 2


FAILING = [
    ("HTTP 500", CannedResponse(500, b"boom", "text/plain"), "answered HTTP 500"),
    ("timeout", CannedResponse(delay=5), "did not answer within 0.5 s"),
    ("garbage", CannedResponse(200, b"<html>", "text/html"), "sent a malformed SELECT answer"),
]


@pytest.mark.parametrize(
    ("canned", "message"), [f[1:] for f in FAILING], ids=[f[0] for f in FAILING]
)
def test_failing_endpoint_is_one_line_and_exit_2(canned: CannedResponse, message: str) -> None:
    with stub_endpoint(canned) as url:
        result = invoke(["query", "members", "--endpoint", url, "--timeout", "0.5"])
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert message in result.stderr


def test_unreachable_endpoint_is_one_line_and_exit_2() -> None:
    with unreachable_endpoint() as url:
        result = invoke(["query", "members", "--endpoint", url])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: endpoint {url} is unreachable")
    assert len(result.stderr.splitlines()) == 1


def test_api_raises_endpoint_error_for_a_non_http_url() -> None:
    with pytest.raises(EndpointError, match="http"):
        query("file:///etc/passwd", "ASK {}", form=QueryForm.ASK)


def test_inferred_cannot_be_asked_of_an_endpoint(server: OxigraphServer) -> None:
    result = invoke(["query", "members", "--inferred", "--endpoint", server.query_url])
    assert result.exit_code == 2 and "--inferred reads the local build" in result.stderr
