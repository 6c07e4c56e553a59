"""`enrich` against the Wikidata-shaped fixture: the expected named graph, written safely."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from rdflib.namespace import PROV

from ingenium_kg.namespaces import GRAPH_ENRICHMENT, WD
from ingenium_kg.stages.graph import assemble
from ingenium_kg.wikidata.client import WikidataEndpoint
from ingenium_kg.wikidata.enrich import enrich, write_enrichment
from kg_helpers import asserted, run_cli
from oxigraph_server import OxigraphServer, oxigraph_fixture, oxigraph_server
from wikidata_helpers import endpoint, project_copy, wikidata_payload

wikidata = oxigraph_fixture(wikidata_payload)
GOLDEN = Path(__file__).parent / "golden" / "wikidata-enrichment.trig"


ENDPOINT = "http://oxigraph.test/query"
"""The golden file's endpoint IRI (the test server's port changes on every run)."""


def _read(data: bytes) -> Dataset:
    return Dataset().parse(data=data, format="trig")


def _triples(data: bytes, *, times: bool = True) -> Graph:
    graph = Graph()
    for s, p, o, _ in _read(data).quads((None, None, None, None)):
        if times or p not in (PROV.startedAtTime, PROV.endedAtTime):
            graph.add((s, p, o))
    return graph


def _golden(data: bytes, server: OxigraphServer) -> bytes:
    return data.replace(server.query_url.encode(), ENDPOINT.encode())


def test_enrich_gives_the_expected_named_graph(wikidata: OxigraphServer, tmp_path: Path) -> None:
    result = enrich(asserted(project_copy(tmp_path).root), endpoint(wikidata.query_url))
    produced = _golden(result.trig(), wikidata)
    assert isomorphic(_triples(produced), _triples(GOLDEN.read_bytes()))
    assert produced == GOLDEN.read_bytes()  # deterministic given the same answers and time
    assert result.items == 19  # nine linked members and ten countries
    assert {g.identifier for g in _read(produced).graphs() if len(g)} == {GRAPH_ENRICHMENT}


def test_the_file_is_read_back_into_its_own_graph_only(
    wikidata: OxigraphServer, tmp_path: Path
) -> None:
    project = project_copy(tmp_path)
    before = assemble(project)
    target = project.root / "data" / "enrichment" / "wikidata.trig"
    write_enrichment(enrich(asserted(project.root), endpoint(wikidata.query_url)), target)
    after = assemble(project)
    assert len(after.enrichment) == len(_triples(GOLDEN.read_bytes()))
    assert after.facts == before.facts
    assert not any(t.subject.value.startswith(str(WD)) for t in after.facts)


def test_the_retrieval_time_comes_from_the_cache(tmp_path: Path) -> None:
    dataset = asserted(project_copy(tmp_path).root)
    cache = tmp_path / "cache"
    with oxigraph_server(wikidata_payload()) as server:
        url = server.query_url
        first = enrich(dataset, WikidataEndpoint(url, cache_dir=cache)).trig()
    second = enrich(dataset, WikidataEndpoint(url, cache_dir=cache)).trig()  # server gone
    assert first == second


def test_cli_enrich_writes_into_data_enrichment(wikidata: OxigraphServer, tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    args = ("--endpoint", wikidata.query_url, "--cache", str(tmp_path / "cache"))
    result = run_cli("enrich", *args, root=project.root)
    assert result.returncode == 0, result.stderr
    target = project.root / "data" / "enrichment" / "wikidata.trig"
    assert result.stdout.decode() == ""
    assert result.stderr.decode() == f"wrote {target}: 63 triples about 19 items\n"
    written = _golden(target.read_bytes(), wikidata)
    assert isomorphic(_triples(written, times=False), _triples(GOLDEN.read_bytes(), times=False))
