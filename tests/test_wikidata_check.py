"""`wikidata-check` against the fixture, and against a copy with a planted disagreement."""

from __future__ import annotations

import urllib.parse
import urllib.request
from pathlib import Path

from rdflib import URIRef

from ingenium_kg.wikidata.check import Disagreement, check
from kg_helpers import asserted, run_cli
from oxigraph_server import OxigraphServer, oxigraph_fixture, oxigraph_server
from wikidata_helpers import endpoint, project_copy, wikidata_payload

wikidata = oxigraph_fixture(wikidata_payload)
ID = "https://w3id.org/ingenium-kg/id/"
PLANT = """PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
DELETE DATA { wd:Q494247 wdt:P17 wd:Q142 } ;
INSERT DATA { wd:Q494247 wdt:P17 wd:Q183 }
"""


def _update(server: OxigraphServer, text: str) -> None:
    request = urllib.request.Request(
        server.update_url,
        data=urllib.parse.urlencode({"update": text}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status in (200, 204)


def test_the_graph_agrees_with_the_fixture(wikidata: OxigraphServer, tmp_path: Path) -> None:
    report = check(asserted(project_copy(tmp_path).root), endpoint(wikidata.query_url))
    assert report.ok and report.checked == 9
    assert "the alliance has no Wikidata item: membership (P463) not checked" in report.notes
    assert any("south-eastern-finland" in note for note in report.notes)


def test_a_planted_disagreement_is_listed_and_exits_1(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    with oxigraph_server(wikidata_payload()) as server:
        _update(server, PLANT)
        report = check(asserted(project.root), endpoint(server.query_url))
        args = ("--endpoint", server.query_url, "--cache", str(tmp_path / "cache"))
        result = run_cli("wikidata-check", *args, root=project.root)
    rouen = URIRef(ID + "university/rouen-normandie")
    assert report.disagreements == (Disagreement(rouen, "Q494247", "P17", "Q142", ("Q183",)),)
    assert result.returncode == 1
    assert f"{rouen} (wd:Q494247) P17: graph says Q142, endpoint says Q183" in (
        result.stdout.decode()
    )


def test_a_linked_item_missing_from_the_endpoint_is_a_disagreement(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    with oxigraph_server(wikidata_payload()) as server:
        _update(server, "DELETE WHERE { <http://www.wikidata.org/entity/Q1464114> ?p ?o }")
        report = check(asserted(project.root), endpoint(server.query_url))
    assert [(d.item, d.property) for d in report.disagreements] == [("Q1464114", "exists")]
