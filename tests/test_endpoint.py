"""Remote queries against real local servers: a loaded `oxigraph serve`, and endpoints that fail.

The oxigraph store is loaded the way the README tells users to load theirs: the N-Quads export
(every graph by name) plus `graph/facts` again as the default graph, which is what the saved
queries read without `GRAPH`.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import XSD
from rdflib.term import Node

from ingenium_kg import ExportFormat, export
from ingenium_kg.cli import main
from ingenium_kg.errors import EndpointError
from ingenium_kg.namespaces import GRAPH_FACTS
from ingenium_kg.pipeline import load_dataset
from ingenium_kg.query.endpoint import QueryForm, query
from ingenium_kg.query.library import list_queries, run_query
from oxigraph_server import (
    CannedResponse,
    OxigraphServer,
    RdfPayload,
    oxigraph_server,
    stub_endpoint,
    unreachable_endpoint,
)
from test_queries import GOLDEN_PARAMS

SAVED = list_queries()


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset()


@pytest.fixture(scope="module")
def server(dataset: Dataset) -> Iterator[OxigraphServer]:
    facts = dataset.graph(GRAPH_FACTS).serialize(format="nt", encoding="utf-8")
    with oxigraph_server() as running:
        running.load(RdfPayload(export(dataset, ExportFormat.NQUADS), "application/n-quads"))
        # The export's default graph describes the dataset; the queries' default graph is facts.
        running.load(RdfPayload(facts, "application/n-triples"), replace=True)
        yield running


INTEGER_TYPES = {XSD.nonNegativeInteger, XSD.positiveInteger, XSD.int, XSD.long}


def _comparable(term: Node | None) -> object:
    """Numbers as values: Oxigraph writes canonical lexical forms (7200000.0 → 7200000) and
    stores integer-derived datatypes (xsd:nonNegativeInteger) as xsd:integer."""
    value = term.value if isinstance(term, Literal) else None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        assert isinstance(term, Literal)
        datatype = XSD.integer if term.datatype in INTEGER_TYPES else term.datatype
        return (Decimal(str(value)).normalize(), datatype)
    return term


def _canonical_graph(graph: Graph) -> Graph:
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and isinstance(o.value, Decimal):
            o = Literal(format(o.value.normalize(), "f"), datatype=o.datatype)
        out.add((s, p, o))
    return out


@pytest.mark.parametrize("saved", SAVED, ids=lambda q: q.name)
def test_every_saved_query_answers_the_same_remotely(
    saved, dataset: Dataset, server: OxigraphServer
) -> None:
    params = GOLDEN_PARAMS.get(saved.name)
    local = run_query(saved, params=params, dataset=dataset)
    remote = run_query(saved.name, params=params, endpoint=server.query_url, timeout=30)
    if saved.form.returns_graph:
        assert isomorphic(_canonical_graph(local.graph), _canonical_graph(remote.graph))
    elif saved.form is QueryForm.ASK:
        assert local.askAnswer == remote.askAnswer
    else:
        assert [str(v) for v in local.vars] == [str(v) for v in remote.vars]
        rows = [[_comparable(r.get(v)) for v in local.vars] for r in local.bindings]
        assert rows == [[_comparable(r.get(v)) for v in local.vars] for r in remote.bindings]


def test_cli_prints_the_same_bytes_remotely(server: OxigraphServer) -> None:
    runner = CliRunner()
    local = runner.invoke(main, ["query", "members", "--format", "tsv"])
    remote = runner.invoke(
        main, ["query", "members", "--format", "tsv", "--endpoint", server.query_url]
    )
    assert remote.exit_code == 0, remote.stderr
    assert remote.stdout_bytes == local.stdout_bytes
    table = runner.invoke(
        main,
        ["query", "-", "--endpoint", server.query_url, "--format", "table"],
        input="SELECT ?c WHERE { ?u ikg:country ?c } ORDER BY ?c LIMIT 1",
    )
    assert table.stdout.splitlines()[2] == "Bulgarie"  # country/bulgaria sorts first


def test_construct_comes_back_as_a_graph(server: OxigraphServer) -> None:
    text = "CONSTRUCT WHERE { ?s a <https://w3id.org/ingenium-kg/ontology#Phase> }"
    assert len(query(server.query_url, text, form=QueryForm.CONSTRUCT, timeout=10).graph) == 2


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
        result = CliRunner().invoke(
            main, ["query", "members", "--endpoint", url, "--timeout", "0.5"]
        )
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert message in result.stderr


def test_unreachable_endpoint_is_one_line_and_exit_2() -> None:
    with unreachable_endpoint() as url:
        result = CliRunner().invoke(main, ["query", "members", "--endpoint", url])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: endpoint {url} is unreachable")
    assert len(result.stderr.splitlines()) == 1


def test_api_raises_endpoint_error_for_a_non_http_url() -> None:
    with pytest.raises(EndpointError, match="http"):
        query("file:///etc/passwd", "ASK {}", form=QueryForm.ASK)


def test_inferred_cannot_be_asked_of_an_endpoint(server: OxigraphServer) -> None:
    result = CliRunner().invoke(
        main, ["query", "members", "--inferred", "--endpoint", server.query_url]
    )
    assert result.exit_code == 2 and "--inferred reads the local graph" in result.stderr
