"""`link` against a real Oxigraph serving the Wikidata-shaped fixture: true links, decoys, CSV."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import pty
import subprocess
import sys
import urllib.parse
import urllib.request
from dataclasses import replace
from pathlib import Path

import pytest

from ingenium_kg.wikidata.linking import Linkable, linkables
from ingenium_kg.wikidata.reconcile import (
    DEFAULT_MIN_SCORE,
    Status,
    candidates,
    fold,
    label_similarity,
    reconcile,
)
from kg_helpers import asserted, edit, run_cli
from oxigraph_server import OxigraphServer, RdfPayload, oxigraph_fixture, oxigraph_server
from wikidata_helpers import WIKIDATA_FIXTURE, endpoint, project_copy, wikidata_payload

wikidata = oxigraph_fixture(wikidata_payload)

ID = "https://w3id.org/ingenium-kg/id/"
TRUE_LINKS = {
    "university/oviedo": "Q2303432",
    "university/medical-university-sofia": "Q1485112",
    "university/crete": "Q2302473",
    "university/karlsruhe-applied-sciences": "Q761708",
    "university/chieti-pescara": "Q2261128",
    "university/skovde": "Q1464114",
    "university/munster-technological": "Q58307972",
    "university/rouen-normandie": "Q494247",
    "university/iasi-technical": "Q458666",
    "country/ireland": "Q27",
    "currency/euro": "Q4916",
    "organization/european-commission": "Q8880",
    "lab/idees": "Q23001757",
    "city/heraklion": "Q160544",
}
DECOYS = {  # entity → fictional items a naive matcher would take for it
    "university/crete": ("Q9000000101", "Q9000000102", "Q9000000103"),
    "university/rouen-normandie": ("Q9000000104", "Q9000000110"),
    "university/oviedo": ("Q9000000105", "Q9000000109"),
    "university/medical-university-sofia": ("Q9000000106", "Q9000000108"),
    "university/munster-technological": ("Q9000000107", "Q9000000111"),
    "country/ireland": ("Q9000000112",),
    "currency/euro": ("Q9000000113",),
    "organization/european-commission": ("Q9000000114",),
}


@pytest.fixture(scope="module")
def entities(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Linkable]:
    project = project_copy(tmp_path_factory.mktemp("reconcile"))
    return {e.iri.removeprefix(ID): e for e in linkables(asserted(project.root))}


def test_link_confirms_every_linked_entity(wikidata: OxigraphServer, tmp_path: Path) -> None:
    report = reconcile(asserted(project_copy(tmp_path).root), endpoint(wikidata.query_url))
    rows = {row.entity.removeprefix(ID): row for row in report.rows}
    for entity, qid in TRUE_LINKS.items():
        assert (rows[entity].qid, rows[entity].status) == (qid, Status.CONFIRMED), entity
    assert all(rows[e].status is Status.CONFIRMED for e in rows if e.startswith("country/"))
    assert report.ok


def test_unlinked_entities_get_a_candidate_or_stay_unlinked(
    wikidata: OxigraphServer, tmp_path: Path
) -> None:
    report = reconcile(asserted(project_copy(tmp_path).root), endpoint(wikidata.query_url))
    rows = {row.entity.removeprefix(ID): row for row in report.rows}
    # candidate QIDs (one source only) are proposed for review, never asserted by the data
    karlsruhe = rows["city/karlsruhe"]
    assert (karlsruhe.link, karlsruhe.qid, karlsruhe.status) == ("", "Q1040", Status.CANDIDATE)
    xamk = rows["university/south-eastern-finland-applied-sciences"]
    assert (xamk.link, xamk.qid, xamk.status) == ("", "", Status.UNLINKED)
    assert rows["alliance/ingenium"].status is Status.UNLINKED
    assert rows["university/rouen-normandie"].link == "Q494247"
    assert report.ok  # proposals for unlinked entities do not fail the run


@pytest.mark.parametrize(
    ("entity", "decoy"), [(e, d) for e, decoys in DECOYS.items() for d in decoys]
)
def test_every_decoy_is_rejected(
    wikidata: OxigraphServer, entities: dict[str, Linkable], entity: str, decoy: str
) -> None:
    # Pretend the data links the decoy, so it is scored even when no lookup would find it.
    planted = replace(entities[entity], links=(decoy,))
    scored = {c.qid: c for c in candidates(planted, endpoint(wikidata.query_url))}
    assert scored[decoy].score < DEFAULT_MIN_SCORE
    best = max(scored.values(), key=lambda c: c.score)
    assert best.qid == TRUE_LINKS[entity]


def test_a_wrong_link_is_a_conflict_and_exits_1(wikidata: OxigraphServer, tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    edit(
        project.root / "data" / "links" / "wikidata.ttl",
        "skos:exactMatch wd:Q494247",
        "skos:exactMatch wd:Q9000000104",
    )
    cache = str(tmp_path / "cache")
    result = run_cli("link", "--endpoint", wikidata.query_url, "--cache", cache, root=project.root)
    assert result.returncode == 1, result.stderr
    rows = {r["entity"]: r for r in csv.DictReader(io.StringIO(result.stdout.decode()))}
    rouen = rows[ID + "university/rouen-normandie"]
    assert (rouen["link"], rouen["qid"], rouen["status"]) == ("Q9000000104", "Q494247", "conflict")


def test_two_close_candidates_are_both_proposed(tmp_path: Path) -> None:
    twins = """@prefix wd: <http://www.wikidata.org/entity/> .
    @prefix wdt: <http://www.wikidata.org/prop/direct/> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    wd:Q9000000301 rdfs:label "Kaakkois-Suomen ammattikorkeakoulu"@fi ;
        wdt:P31 wd:Q38723 ; wdt:P17 wd:Q33 ; wdt:P131 wd:Q190583 .
    wd:Q9000000302 rdfs:label "Kaakkois-Suomen ammattikorkeakoulu"@fi ;
        wdt:P31 wd:Q38723 ; wdt:P17 wd:Q33 ; wdt:P131 wd:Q190583 .
    """
    payloads = [*wikidata_payload(), RdfPayload(twins.encode(), "text/turtle")]
    with oxigraph_server(payloads) as server:
        report = reconcile(asserted(project_copy(tmp_path).root), endpoint(server.query_url))
    xamk = [r for r in report.rows if r.entity.endswith("south-eastern-finland-applied-sciences")]
    assert [(r.qid, r.status) for r in xamk] == [
        ("Q9000000301", Status.CANDIDATE),
        ("Q9000000302", Status.CANDIDATE),
    ]


def test_cli_writes_a_sorted_csv_and_no_progress_when_piped(
    wikidata: OxigraphServer, tmp_path: Path
) -> None:
    project = project_copy(tmp_path)
    out = tmp_path / "links.csv"
    args = ("link", "--endpoint", wikidata.query_url, "--cache", str(tmp_path / "cache"))
    result = run_cli(*args, "--output", str(out), root=project.root)
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "entity,label,link,qid,candidate_label,score,status"
    entities = [line.split(",")[0] for line in lines[1:]]
    assert entities == sorted(entities)
    assert len(entities) == len(set(entities))


def test_names_are_folded_for_accents_case_and_order() -> None:
    assert fold("Université d’Oviedo") == "universite d oviedo"
    assert fold("Universitatea Tehnică „Gheorghe Asachi” din Iași") == (
        "universitatea tehnica gheorghe asachi din iasi"
    )
    name = "université de Rouen Normandie"
    assert label_similarity(["Rouen Normandie, Université de"], [name]) == (1.0, name)
    shorter, _ = label_similarity(["Université de Rouen Normandie"], ["université de Rouen"])
    assert 0.7 < shorter < DEFAULT_MIN_SCORE


def test_queries_are_plain_sparql(wikidata: OxigraphServer, entities: dict[str, Linkable]) -> None:
    from ingenium_kg.wikidata.reconcile import candidates_query, details_query

    rouen = entities["university/rouen-normandie"]
    for text in (candidates_query(rouen), details_query(rouen, ["Q494247"])):
        assert "SERVICE" not in text and "wikibase:" not in text
        request = urllib.request.Request(
            wikidata.query_url,
            data=urllib.parse.urlencode({"query": text}).encode(),
            headers={"Accept": "application/sparql-results+json"},
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert answer.status == 200


def test_fixture_marks_its_fictional_items() -> None:
    text = WIKIDATA_FIXTURE.read_text(encoding="utf-8")
    assert "FICTIONAL" in text
    assert all(q.startswith("Q9") for qs in DECOYS.values() for q in qs)


def test_a_progress_bar_shows_on_a_terminal(wikidata: OxigraphServer, tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    leader, follower = pty.openpty()
    env = {**os.environ, "INGENIUM_KG_ROOT": str(project.root)}
    args = ("link", "--endpoint", wikidata.query_url, "--cache", str(tmp_path / "cache"))
    with subprocess.Popen(
        [sys.executable, "-m", "ingenium_kg", *args],
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env=env,
    ) as process:
        os.close(follower)
        shown = b""
        with contextlib.suppress(OSError):  # EIO once the child has closed the terminal
            while chunk := os.read(leader, 4096):
                shown += chunk
        assert process.wait(timeout=60) == 0
    os.close(leader)
    assert b"linking" in shown and b"100%" in shown


def test_progress_off_a_terminal_is_one_line_under_verbose(
    wikidata: OxigraphServer, tmp_path: Path
) -> None:
    project = project_copy(tmp_path)
    args = ("link", "-v", "--endpoint", wikidata.query_url, "--cache", str(tmp_path / "cache"))
    done = run_cli(*args, root=project.root)
    shown = [line for line in done.stderr.decode().splitlines() if line.startswith("linking")]
    total = len(linkables(asserted(project.root)))
    assert shown == [f"linking {total}/{total} (100%)"]
    quiet = run_cli(*args[:1], *args[2:], root=project.root)
    assert "linking" not in quiet.stderr.decode()
