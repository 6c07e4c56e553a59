"""The linked-data web server, started for real with uvicorn and spoken to over HTTP."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pyoxigraph as ox
import pytest

from ingenium_kg.dataset import BuiltDataset
from ingenium_kg.query.library import list_queries
from ingenium_kg.web.void import dataset_description
from ingenium_kg.web.writers import ResultsFormat, write_rows
from kg_helpers import FIXTURE, edit, run_cli
from oxigraph_server import free_port
from server_helpers import Recorder, running_server, without_coordinates

ROUEN = "/id/university/rouen-normandie"
LICENCE_LINK = '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
SOURCE_LINK = '<https://w3id.org/ingenium-kg/id/document/article>; rel="via"'
MEDIA = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/trig": ox.RdfFormat.TRIG,
}
RESULTS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
SLOW_QUERY = (
    "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . FILTER(STRLEN(STR(?c)) = STRLEN(STR(?f)) + 1000) }"
)
"""No answer, found in about 3 s of evaluation (every pair of facts is compared)."""
ALLIANCE = "<https://w3id.org/ingenium-kg/id/alliance/ingenium>"
MEMBERS_QUERY = f"SELECT ?m WHERE {{ {ALLIANCE} org:hasMember ?m }} ORDER BY ?m"


@pytest.fixture(scope="module")
def client(built: BuiltDataset) -> Iterator[httpx.Client]:
    """The real build, served with the default options."""
    with running_server(built) as url, httpx.Client(base_url=url, timeout=10) as http:
        yield http


@pytest.fixture(scope="module")
def strict(built: BuiltDataset) -> Iterator[httpx.Client]:
    """The same build with tiny limits, and SERVICE allowed."""
    options = {"query_timeout": 0.5, "result_limit": 5, "allow_service": True}
    with running_server(built, **options) as url, httpx.Client(base_url=url, timeout=10) as http:
        yield http


@pytest.fixture(scope="module")
def unmapped(
    built: BuiltDataset, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[httpx.Client]:
    """A copy of the build without the cities' coordinates."""
    folder = tmp_path_factory.mktemp("unmapped") / "dist"
    dataset = without_coordinates(built, folder)
    with running_server(dataset) as url, httpx.Client(base_url=url, timeout=10) as http:
        yield http


def parse_graph(response: httpx.Response) -> list[ox.Triple | ox.Quad]:
    media = response.headers["content-type"].split(";")[0]
    return list(ox.parse(response.content, format=MEDIA[media]))


# --- dereferencing and content negotiation ------------------------------------------------------


@pytest.mark.parametrize("media", sorted(MEDIA))
def test_entity_in_every_rdf_format(client: httpx.Client, media: str) -> None:
    response = client.get(ROUEN, headers={"Accept": media})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert response.headers["vary"] == "Accept"
    statements = parse_graph(response)
    iri = "https://w3id.org/ingenium-kg/id/university/rouen-normandie"
    assert any(s.subject.value == iri for s in statements)  # its own triples
    assert any(s.object.value == iri for s in statements)  # and those pointing at it
    texts = {s.object.value for s in statements if s.predicate.value.endswith("#exact")}
    assert "9. Université de Rouen Normandie, France" in texts  # their provenance


def test_trig_keeps_each_fact_in_its_excerpt_graph(client: httpx.Client) -> None:
    quads = parse_graph(client.get(ROUEN, params={"format": "trig"}))
    graphs = {q.graph_name.value for q in quads}  # type: ignore[union-attr]
    assert "https://w3id.org/ingenium-kg/id/excerpt/member-09" in graphs
    assert "https://w3id.org/ingenium-kg/id/graph/provenance" in graphs


def test_html_page_shows_facts_quotes_links_and_wikidata(client: httpx.Client) -> None:
    response = client.get(ROUEN, headers={"Accept": "text/html"})
    assert response.status_code == 200
    page = response.text
    assert page.count("<h1") == 1
    assert 'lang="fr"' in page and "Université de Rouen Normandie" in page
    assert 'href="/id/country/france"' in page  # a fact pointing to another entity
    assert 'href="/id/membership/rouen-normandie"' in page or "/id/membership/" in page
    assert "<mark>France</mark>" in page  # the words behind ikg:country, in their quote
    assert "http://www.wikidata.org/entity/Q494247" in page
    link = response.headers["link"]
    for media in MEDIA:
        assert f'type="{media}"' in link
    assert 'rel="alternate"' in link


def test_accept_q_values_and_format_override(client: httpx.Client) -> None:
    accept = "text/html;q=0.5, application/n-triples;q=0.9, text/turtle;q=0.1"
    response = client.get(ROUEN, headers={"Accept": accept})
    assert response.headers["content-type"].startswith("application/n-triples")
    response = client.get(ROUEN, headers={"Accept": "text/*;q=0.2, text/turtle;q=0"})
    assert response.headers["content-type"].startswith("text/html")
    response = client.get(ROUEN, params={"format": "jsonld"}, headers={"Accept": "text/html"})
    assert response.headers["content-type"].startswith("application/ld+json")
    assert (
        client.get(ROUEN, headers={"Accept": "*/*"}).headers["content-type"].startswith("text/html")
    )


def test_unknown_iri_format_and_accept(client: httpx.Client) -> None:
    missing = client.get("/id/university/nowhere", headers={"Accept": "text/html"})
    assert missing.status_code == 404
    assert "<h1>404 Not Found</h1>" in missing.text
    assert (
        client.get("/id/university/nowhere", headers={"Accept": "text/turtle"}).status_code == 404
    )
    refused = client.get(ROUEN, headers={"Accept": "image/png"})
    assert refused.status_code == 406
    assert "text/turtle" in refused.text
    assert client.get(ROUEN, params={"format": "yaml"}).status_code == 400


def test_excerpt_page_shows_its_words_and_facts(client: httpx.Client) -> None:
    page = client.get("/id/excerpt/member-09", headers={"Accept": "text/html"}).text
    assert "9. Université de Rouen Normandie, France" in page
    assert "What this graph holds" in page


def test_ontology_documented_and_in_rdf(client: httpx.Client, built: BuiltDataset) -> None:
    page = client.get("/ontology", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert page.content == (built.folder / "ontology.html").read_bytes()  # pyLODE's, from build
    assert 'id="workpackage"' in page.text and "Ontologie INGENIUM" in page.text
    triples = parse_graph(client.get("/ontology", headers={"Accept": "text/turtle"}))
    assert len(triples) == len(list(built.quads("https://w3id.org/ingenium-kg/ontology")))


def test_shapes_are_served_as_validated(client: httpx.Client, built: BuiltDataset) -> None:
    turtle = client.get("/shapes", headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and turtle.headers["vary"] == "Accept"

    def named(data: bytes) -> tuple[int, set[ox.Triple]]:  # blank nodes are renamed on the way
        triples = [q.triple for q in ox.parse(data, format=ox.RdfFormat.TURTLE)]
        plain = {t for t in triples if not any(isinstance(x, ox.BlankNode) for x in t)}
        return len(triples), plain

    assert named(turtle.content) == named((built.folder / "shapes.ttl").read_bytes())
    page = client.get("/shapes", headers={"Accept": "text/html"}).text
    assert "<h1>SHACL shapes</h1>" in page and "ikgsh:University-ror" in page


# --- dataset description and dumps ---------------------------------------------------------------


def test_void_description(client: httpx.Client, built: BuiltDataset) -> None:
    response = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    store = ox.Store()
    store.load(response.content, format=ox.RdfFormat.TURTLE)
    rows = list(
        store.query(
            "PREFIX void: <http://rdfs.org/ns/void#> PREFIX dcterms: <http://purl.org/dc/terms/>"
            " SELECT ?triples ?endpoint ?licence WHERE {"
            " ?d a void:Dataset ; void:triples ?triples ;"
            " void:sparqlEndpoint ?endpoint ; dcterms:license ?licence }"
        )
    )
    assert len(rows) == 1
    facts = built.manifest.counts["https://w3id.org/ingenium-kg/id/graph/facts"]
    assert int(rows[0]["triples"].value) == facts
    assert rows[0]["endpoint"].value == "https://w3id.org/ingenium-kg/sparql"
    linkset = store.query("ASK { ?l a <http://rdfs.org/ns/void#Linkset> }")
    assert bool(linkset)
    dumps = {t.object.value for t in dataset_description(built, "https://w3id.org/ingenium-kg/")
             if t.predicate.value.endswith("#dataDump")}  # fmt: skip
    assert "https://w3id.org/ingenium-kg/dumps/ingenium.nq" in dumps


def test_dumps_are_byte_identical(client: httpx.Client, built: BuiltDataset) -> None:
    for name in built.manifest.outputs:
        response = client.get(f"/dumps/{name}")
        assert response.status_code == 200, name
        assert response.content == (built.folder / name).read_bytes(), name
    assert client.get("/dumps/ingenium.ttl").headers["content-type"].startswith("text/turtle")
    assert client.get("/dumps/manifest.json").status_code == 404
    assert client.get("/dumps/..%2Fmanifest.json").status_code == 404


# --- SPARQL Protocol ---------------------------------------------------------------------------


@pytest.mark.parametrize("media", sorted(RESULTS))
def test_select_in_every_results_format(client: httpx.Client, media: str) -> None:
    response = client.get("/sparql", params={"query": MEMBERS_QUERY}, headers={"Accept": media})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    if media == "text/csv":  # lossy by design: pyoxigraph does not read it back
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows[0] == ["m"] and len(rows) == 11 and response.text.endswith("\r\n")
        return
    parsed = ox.parse_query_results(response.content, format=RESULTS[media])
    assert len(list(parsed)) == 10  # type: ignore[arg-type]


def test_writers_match_the_engine(built: BuiltDataset) -> None:
    text = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"
    for mine, engine in zip(ResultsFormat, RESULTS.values(), strict=True):
        solutions = built.store.query(text)
        names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
        rows = [[s[n] for n in names] for s in solutions]  # type: ignore[union-attr]
        assert write_rows(mine, names, rows) == built.store.query(text).serialize(format=engine)  # type: ignore[union-attr]


def test_post_form_and_direct_body(client: httpx.Client) -> None:
    json = {"Accept": "application/sparql-results+json"}
    form = client.post("/sparql", data={"query": MEMBERS_QUERY}, headers=json)
    direct = client.post(
        "/sparql",
        content=MEMBERS_QUERY.encode(),
        headers={**json, "Content-Type": "application/sparql-query"},
    )
    assert form.status_code == direct.status_code == 200
    assert form.content == direct.content
    ask = client.get("/sparql", params={"query": "ASK { ?s a ikg:University }"}, headers=json)
    assert ask.json()["boolean"] is True


def test_construct_and_describe(client: httpx.Client) -> None:
    text = "CONSTRUCT { ?m a ikg:University } WHERE { ?m a ikg:University }"
    for media in ("text/turtle", "application/n-triples", "application/ld+json"):
        response = client.get("/sparql", params={"query": text}, headers={"Accept": media})
        assert response.status_code == 200
        assert len(parse_graph(response)) == 10
    describe = client.get(
        "/sparql", params={"query": f"DESCRIBE <https://w3id.org/ingenium-kg{ROUEN}>"}
    )
    assert describe.status_code == 200 and describe.headers["content-type"].startswith(
        "text/turtle"
    )


def test_protocol_dataset_parameters(client: httpx.Client) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    links = "https://w3id.org/ingenium-kg/id/graph/links"
    json = {"Accept": "application/sparql-results+json"}
    whole = client.get("/sparql", params={"query": count}, headers=json).json()
    linked = client.get(
        "/sparql", params={"query": count, "default-graph-uri": links}, headers=json
    ).json()
    assert (
        whole["results"]["bindings"][0]["n"]["value"]
        != linked["results"]["bindings"][0]["n"]["value"]
    )
    named = client.get(
        "/sparql",
        params={
            "query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
            "named-graph-uri": links,
        },
        headers=json,
    ).json()
    assert [b["g"]["value"] for b in named["results"]["bindings"]] == [links]
    assert (
        client.get(
            "/sparql", params={"query": count, "default-graph-uri": "not an iri"}
        ).status_code
        == 400
    )


def test_from_never_fetches(client: httpx.Client) -> None:
    with Recorder() as recorder:
        text = f"SELECT * FROM <{recorder.url}> WHERE {{ ?s ?p ?o }}"
        response = client.get("/sparql", params={"query": text}, headers={"Accept": "text/csv"})
        assert response.status_code == 200
        assert response.text.count("\r\n") == 1  # the header only: no such graph in the build
        assert recorder.requests == []


def test_service_refused_unless_allowed(client: httpx.Client, strict: httpx.Client) -> None:
    with Recorder() as recorder:
        text = f"SELECT * WHERE {{ SERVICE <{recorder.url}> {{ ?x ?p ?o }} }}"
        refused = client.get("/sparql", params={"query": text})
        assert refused.status_code == 403 and "SERVICE" in refused.text
        assert recorder.requests == []
        allowed = strict.get("/sparql", params={"query": text}, headers={"Accept": "text/csv"})
        assert allowed.status_code == 200
        assert len(recorder.requests) == 1


def test_updates_refused(client: httpx.Client) -> None:
    update = "INSERT DATA { <http://a> <http://b> <http://c> }"
    assert client.get("/sparql", params={"query": update}).status_code == 403
    assert client.post("/sparql", data={"update": update}).status_code == 403
    direct = client.post(
        "/sparql", content=update, headers={"Content-Type": "application/sparql-update"}
    )
    assert direct.status_code == 403 and "read-only" in direct.text


def test_malformed_query_names_line_and_column(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE {\n ?s ?p }"})
    assert response.status_code == 400
    assert re.search(r"line 2, column \d+", response.text)
    assert "Traceback" not in response.text


def test_result_limit_and_time_limit(strict: httpx.Client) -> None:
    many = strict.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert many.status_code == 422 and "more than 5 rows" in many.text
    few = strict.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"})
    assert few.status_code == 200
    response = strict.get("/sparql", params={"query": SLOW_QUERY})
    assert response.status_code == 503 and "0.5 s" in response.text


def test_sparql_page_and_server_side_table(client: httpx.Client) -> None:
    page = client.get("/sparql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert '<label for="query">' in page.text and "<textarea" in page.text
    for query in list_queries():
        assert f'value="{query.name}"' in page.text
    table = client.post("/sparql", data={"query": MEMBERS_QUERY}, headers={"Accept": "text/html"})
    assert table.status_code == 200 and table.text.count("<tr>") == 11
    assert client.get("/sparql").status_code == 400  # no query, not a browser


# --- web API -----------------------------------------------------------------------------------


def test_saved_query_with_typed_parameter(client: httpx.Client) -> None:
    response = client.get(
        "/api/queries/members-by-country", params={"country": "id:country/france"}
    )
    assert response.status_code == 200
    rows = list(ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON))  # type: ignore[arg-type]
    assert [r["university"].value for r in rows] == ["Université de Rouen Normandie"]
    csv = client.get("/api/queries/members", headers={"Accept": "text/csv"})
    assert csv.text.startswith("position,university,country\r\n1,")


def test_saved_query_bad_parameter(client: httpx.Client) -> None:
    unknown = client.get("/api/queries/members-by-country", params={"nation": "x"})
    assert unknown.status_code == 400 and "unknown parameter" in unknown.json()["error"]
    bad = client.get("/api/queries/members-by-country", params={"country": "not an iri"})
    assert bad.status_code == 400 and "IRI" in bad.json()["error"]
    assert client.get("/api/queries/nope").status_code == 404


def test_openapi_lists_every_saved_query(client: httpx.Client) -> None:
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    assert {"title", "version"} <= doc["info"].keys()
    for query in list_queries():
        operation = doc["paths"][f"/api/queries/{query.name}"]["get"]
        assert operation["summary"] == query.question_en
        assert query.question_fr in operation["description"]
        names = {p["name"] for p in operation["parameters"]}
        assert {p.name for p in query.params or ()} | {"format"} == names
        assert "200" in operation["responses"]
    refs = re.findall(r'"#/components/schemas/(\w+)"', str(doc).replace("'", '"'))
    assert set(refs) <= doc["components"]["schemas"].keys()


def test_search_ranking_and_accents(client: httpx.Client) -> None:
    for text, label in (("iasi", "Iași"), ("skovde", "Skövde"), ("ROUEN", "Rouen")):
        first = client.get("/api/search", params={"q": text}).json()["results"][0]
        assert (first["label"], first["match"]) == (label, "exact")
    ranked = [
        r["match"] for r in client.get("/api/search", params={"q": "rouen"}).json()["results"]
    ]
    assert ranked == sorted(ranked, key=["exact", "prefix", "word", "substring", "fuzzy"].index)
    fuzzy = client.get("/api/search", params={"q": "karlsruhr"}).json()["results"]
    assert fuzzy[0]["label"] == "Karlsruhe" and fuzzy[0]["match"] == "fuzzy"
    page = client.get("/search", params={"q": "skovde"})
    assert page.status_code == 200 and 'href="/id/city/skovde"' in page.text
    assert client.get("/api/search").status_code == 400


# --- home page -----------------------------------------------------------------------------------


def test_home_map_chart_and_figures(client: httpx.Client, built: BuiltDataset) -> None:
    page = client.get("/", headers={"Accept": "text/html"}).text
    assert page.count('<g class="member"') == 10
    assert "GeoNames" in page and "CC BY 4.0" in page
    objectives = len(list(built.query("SELECT ?o WHERE { ?o a ikg:Objective }")))  # type: ignore[arg-type]
    assert page.count('<g class="objective">') == objectives > 0
    assert "more than" in page and "at least" in page
    assert page.count('href="/id/work-package/') >= 8
    assert 'href="/id/indicator/research-projects"' in page
    assert '<title id="map-title">' in page and 'name="viewport"' in page


def test_home_without_coordinates_still_lists_members(unmapped: httpx.Client) -> None:
    page = unmapped.get("/").text
    assert page.count('<g class="member"') == 0
    assert page.count('<li value="') == 10
    assert "have no coordinates in the data yet" in page


# --- headers on every answer -----------------------------------------------------------------


def test_licence_and_cors_headers(client: httpx.Client) -> None:
    for path in (
        "/",
        ROUEN,
        "/sparql?query=ASK%7B%7D",
        "/api/openapi.json",
        "/nope",
        "/dumps/ingenium.nt",
    ):
        response = client.get(path)
        assert LICENCE_LINK in response.headers["link"], path
        assert SOURCE_LINK in response.headers["link"], path
    api = client.get("/api/openapi.json", headers={"Origin": "https://example.org"})
    assert api.headers["access-control-allow-origin"] == "*"
    preflight = client.options(
        "/sparql",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"},
    )
    assert (
        preflight.status_code == 204 and "POST" in preflight.headers["access-control-allow-methods"]
    )
    assert "access-control-allow-origin" not in client.get(ROUEN).headers
    footer = client.get("/").text
    assert "creativecommons.org/licenses/by/4.0/" in footer and "/id/document/article" in footer


# --- hostile requests ----------------------------------------------------------------------------


def test_burst_of_bad_requests_then_a_good_one(client: httpx.Client, strict: httpx.Client) -> None:
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (70 * 1024)
    cases = [
        (client.post("/sparql", data={"query": big}), 413),
        (client.post("/sparql", content=b"x", headers={"Content-Type": "image/png"}), 415),
        (client.get("/sparql", params={"query": "SELECT ?"}), 400),
        (client.get("/sparql", params={"query": "CLEAR ALL"}), 403),
        (client.get("/../../etc/passwd"), 404),
        (client.get("/id/" + quote('<>"')), 404),
        (client.get(ROUEN, headers={"Accept": ";;;,q=x"}), 200),
        (client.delete(ROUEN), 405),
        (strict.get("/sparql", params={"query": SLOW_QUERY}), 503),
    ]
    for response, status in cases:
        assert response.status_code == status, (response.request.url, response.text[:200])
        assert "Traceback" not in response.text
    host, port = client.base_url.host, client.base_url.port
    assert _huge_header_refused(host, port)
    assert client.get("/api/search", params={"q": "rouen"}).status_code == 200
    assert strict.get("/sparql", params={"query": "ASK {}"}).status_code in (200, 503)


def _huge_header_refused(host: str, port: int) -> bool:
    """A 1 MB header: uvicorn answers 400 (or 431) and may close before reading it all."""
    with socket.create_connection((host, port), timeout=5) as raw:
        try:
            raw.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 1_000_000 + b"\r\n\r\n")
            answer = raw.recv(200)
        except ConnectionResetError:
            return True  # refused before the headers ended
    return re.match(rb"HTTP/1\.1 (400|431)", answer) is not None


def test_entity_links_point_into_the_server(client: httpx.Client) -> None:
    page = client.get("/id/country/france", headers={"Accept": "text/html"}).text
    assert 'href="/id/university/rouen-normandie"' in page


def test_quotes_are_shown_in_their_sentence(client: httpx.Client) -> None:
    page = client.get("/id/university/rouen-normandie", headers={"Accept": "text/html"}).text
    lead = '<span class="context">Nous vous proposons un tour d’horizon de </span>'
    assert (
        lead + '« <span class="quote">tout ce que cette alliance a changé pour l’<mark>URN</mark>'
        in page
    )
    # a list item is its own sentence: nothing of the item before it
    assert "Irlande « 9." not in page and "Irlande </span>« " not in page


def test_the_serve_command_serves_the_build_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    assert run_cli("build", root=root).returncode == 0
    port = free_port()
    env = {**os.environ, "INGENIUM_KG_ROOT": str(root)}
    server = subprocess.Popen(
        [sys.executable, "-m", "ingenium_kg", "serve", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None
                time.sleep(0.1)
        assert answer.status_code == 200 and "<h1>" in answer.text
    finally:
        server.send_signal(signal.SIGINT)
        _, stderr = server.communicate(timeout=30)
    assert server.returncode in (0, 130), stderr
    assert b"Traceback" not in stderr


def test_the_serve_command_refuses_a_build_with_violations(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    edit(next(iter((root / "data" / "article").glob("*.trig"))), "oa:start 0 ;", "oa:start 3 ;")
    assert run_cli("build", root=root).returncode == 1
    refused = run_cli("serve", "--port", str(free_port()), root=root)
    assert refused.returncode == 2
    assert b"violation(s)" in refused.stderr and b"--allow-invalid" in refused.stderr
