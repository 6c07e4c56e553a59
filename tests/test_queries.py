"""The saved query library against the article (golden answers), and the `query` command's edges."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from ingenium_kg.dataset import BuiltDataset
from ingenium_kg.errors import QueryError
from ingenium_kg.pipeline import build
from ingenium_kg.query.answer import Answer
from ingenium_kg.query.library import (
    QueryForm,
    bind_params,
    find_query,
    list_queries,
    parse_query_text,
)
from ingenium_kg.query.params import ParamType, parse_param, typed_term
from ingenium_kg.query.results import OutputFormat, prefixed, render
from ingenium_kg.query.run import answer, remote_text, run_query
from ingenium_kg.stages.sources import Project
from kg_helpers import Invoked, invoke

GOLDEN = Path(__file__).parent / "golden"

GOLDEN_PARAMS: dict[str, dict[str, str]] = {
    "entity-sources": {"entity": "id:renewal/2026"},
    "fact-source": {
        "subject": "id:alliance/ingenium",
        "predicate": "ikg:declaredMemberCount",
        "object": "10",
    },
    "member-subgraph": {"member": "id:university/oviedo"},
    "describe-entity": {"entity": "id:amount/2026-renewal"},
}
"""The parameters each parametrised query is run with for its golden answer."""

SAVED = list_queries()


def test_library_has_at_least_twenty_documented_queries() -> None:
    assert len(SAVED) >= 20
    for query in SAVED:
        assert query.question_en and query.question_fr, query.name
        assert query.text.splitlines()[0] == f"# name: {query.name}"
    assert {q.form.value for q in SAVED} == {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


@pytest.mark.parametrize("query", SAVED, ids=lambda q: q.name)
def test_saved_query_matches_its_golden_answer(query, built: BuiltDataset) -> None:
    found = answer(built, query, params=GOLDEN_PARAMS.get(query.name))
    if query.form.returns_graph:
        expected = Graph().parse(GOLDEN / f"{query.name}.ttl")
        got = Graph().parse(data=render(found, OutputFormat.TURTLE), format="turtle")
        assert isomorphic(got, expected), render(
            answer(built, query, params=GOLDEN_PARAMS.get(query.name)), OutputFormat.NT
        ).decode()
    else:
        expected_bytes = (GOLDEN / f"{query.name}.csv").read_bytes()
        assert render(found, OutputFormat.CSV).decode() == expected_bytes.decode()


@pytest.mark.parametrize(
    ("predicate", "value", "start"),
    [
        ("schema:value", "7200000", 846),  # an integer finds the decimal "7200000"
        ("skos:altLabel", "URN", 665),  # a plain string finds "URN"@fr
    ],
)
def test_fact_source_matches_literals_by_value(
    built: BuiltDataset, predicate: str, value: str, start: int
) -> None:
    subject = (
        "id:amount/2026-renewal" if predicate == "schema:value" else "id:university/rouen-normandie"
    )
    params = {"subject": subject, "predicate": predicate, "object": value}
    result = run_query(built, "fact-source", params=params)
    assert start in [int(row[0]) for row in result]


# --- the engine's writers on a tiny known answer -------------------------------------------------


def xsd_type(local: str) -> ox.NamedNode:
    return ox.NamedNode("http://www.w3.org/2001/XMLSchema#" + local)


def _tiny(text: str = "SELECT ?x ?y WHERE { ?x <http://ex.org/p> ?y } ORDER BY ?y") -> Answer:
    store = ox.Store()
    x, p = ox.NamedNode("http://ex.org/a"), ox.NamedNode("http://ex.org/p")
    store.add(ox.Quad(x, p, ox.Literal('say "hi", then\nleave', language="fr")))
    store.add(
        ox.Quad(
            ox.BlankNode("b0"),
            p,
            ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        )
    )
    form = QueryForm.ASK if text.startswith("ASK") else QueryForm.SELECT
    return Answer.of(form, store.query(text))


def test_csv_is_the_w3c_format() -> None:
    data = render(_tiny(), OutputFormat.CSV)
    assert data.startswith(b"x,y\r\n")
    assert b'"say ""hi"", then\nleave"' in data


def test_tsv_uses_n_triples_terms() -> None:
    lines = render(_tiny(), OutputFormat.TSV).decode().splitlines()
    assert lines[0] == "?x\t?y"
    assert lines[1:] == ["_:b0\t7", '<http://ex.org/a>\t"say \\"hi\\", then\\nleave"@fr']


def test_json_and_xml_parse_back_with_the_engine() -> None:
    for fmt, results in [
        (OutputFormat.JSON, ox.QueryResultsFormat.JSON),
        (OutputFormat.XML, ox.QueryResultsFormat.XML),
    ]:
        parsed = ox.parse_query_results(render(_tiny(), fmt), format=results)
        assert len(list(parsed)) == 2  # type: ignore[arg-type]


def test_ask_in_every_results_format() -> None:
    ask = "ASK { ?x ?p ?y }"
    assert render(_tiny(ask), OutputFormat.CSV) == b"true\n"
    assert render(_tiny(ask), OutputFormat.TABLE) == b"true\n"
    assert b'"boolean":true' in render(_tiny(ask), OutputFormat.JSON)
    assert b"<boolean>true</boolean>" in render(_tiny(ask), OutputFormat.XML)


def test_table_shows_labels_and_correct_prefixed_names() -> None:
    table = render(_tiny(), OutputFormat.TABLE, labels={"http://ex.org/a": "Thing A"}).decode()
    assert table.splitlines()[0] == "x        y"
    assert 'Thing A  say "hi", then leave' in table
    assert prefixed("https://w3id.org/ingenium-kg/id/university/oviedo") == "id:university/oviedo"
    assert prefixed("https://schema.org/Country") == "schema:Country"
    assert prefixed("https://example.org/x") == "<https://example.org/x>"


# --- parameters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        ("<http://ex.org/a>", ParamType.ANY, ox.NamedNode("http://ex.org/a")),
        ("https://ex.org/b", ParamType.ANY, ox.NamedNode("https://ex.org/b")),
        (
            "id:university/oviedo",
            ParamType.IRI,
            ox.NamedNode("https://w3id.org/ingenium-kg/id/university/oviedo"),
        ),
        ("10", ParamType.ANY, ox.Literal("10", datatype=xsd_type("integer"))),
        ("7.5", ParamType.ANY, ox.Literal("7.5", datatype=xsd_type("decimal"))),
        ("2026-07-09", ParamType.ANY, ox.Literal("2026-07-09", datatype=xsd_type("date"))),
        ("2028", ParamType.YEAR, ox.Literal("2028", datatype=xsd_type("gYear"))),
        ("2028", ParamType.ANY, ox.Literal("2028", datatype=xsd_type("integer"))),
        ("nope:thing", ParamType.ANY, ox.Literal("nope:thing")),
        ("Rouen", ParamType.STRING, ox.Literal("Rouen")),
    ],
)
def test_param_values_become_typed_terms(value: str, kind: ParamType, expected: object) -> None:
    term = typed_term(value, kind)
    assert term == expected and type(term) is type(expected)


def test_declared_iri_param_rejects_a_string() -> None:
    with pytest.raises(QueryError, match="not a valid IRI"):
        typed_term("Rouen", ParamType.IRI)


def test_unknown_param_is_refused_with_the_known_names() -> None:
    with pytest.raises(QueryError, match=r"unknown parameter 'who' .*known: member"):
        bind_params(find_query("member-subgraph"), {"who": "id:university/oviedo"})


def test_malformed_param_option() -> None:
    assert parse_param("?member=id:x=y") == ("member", "id:x=y")
    with pytest.raises(QueryError, match="NAME=VALUE"):
        parse_param("member")


def test_parameters_are_bound_where_the_query_opens() -> None:
    query = parse_query_text("SELECT ?u WHERE { ?u a ikg:University }")
    text = remote_text(query, bind_params(query, {"u": "id:university/oviedo"}))
    assert text.startswith("PREFIX ikg: <https://w3id.org/ingenium-kg/ontology#>\n")
    oviedo = "<https://w3id.org/ingenium-kg/id/university/oviedo>"
    assert text.endswith(f"SELECT ?u WHERE {{ VALUES (?u) {{ ({oviedo}) }} ?u a ikg:University }}")


def test_param_binding_runs_locally(built: BuiltDataset) -> None:
    result = run_query(built, "members-by-country", params={"country": "id:country/france"})
    assert [str(row[1]) for row in result] == ["Université de Rouen Normandie"]


# --- the command --------------------------------------------------------------------------------


def _run(*args: str, stdin: str | None = None) -> Invoked:
    return invoke(args, stdin=stdin)


def test_queries_lists_every_saved_query() -> None:
    result = _run("queries")
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert names == [q.name for q in SAVED] and len(names) >= 20
    assert "--param member=…" in result.stdout


def test_query_from_stdin_and_from_a_file(tmp_path: Path) -> None:
    text = "ASK { <https://w3id.org/ingenium-kg/id/alliance/ingenium> ?p ?o }"
    assert _run("query", "-", "--format", "csv", stdin=text).stdout_bytes == b"true\n"
    path = tmp_path / "mine.rq"
    path.write_text(text, encoding="utf-8")
    assert _run("query", str(path), "--format", "json").stdout.endswith('"boolean":true}\n')


def test_query_binds_a_param_from_the_command_line() -> None:
    result = _run(
        "query", "members-by-country", "--param", "country=id:country/italy", "--format", "csv"
    )
    assert (
        result.stdout.splitlines()[1]
        == "Italie,Université «Gabriele d’Annunzio » de Chieti-Pescara"
    )


BAD_QUERIES = [
    (["query", "membres"], None, "no saved query named 'membres'; did you mean members"),
    (["query", "-"], "SELECT ?x WHERE {\n  ?x ?y\n}", "at line 3, column"),
    (["query", "members", "--param", "a=1", "--param", "a=2"], None, "--param a is given twice"),
    (["query", "members", "--format", "turtle"], None, "--format turtle does not fit a SELECT"),
    (["query", "member-subgraph", "--format", "csv"], None, "does not fit a CONSTRUCT"),
    (["query", "members", "--param", "oops"], None, "--param expects NAME=VALUE"),
    (["query", "members", "--param", "who=x"], None, "'who' for members (known: none)"),
    (["query", "-", "--param", "who=x"], "SELECT ?u {}", "'who' for query (known: u)"),
    (["query", "-"], "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "SERVICE"),
    (["query", "-"], "INSERT DATA { <a:b> <a:c> <a:d> }", "updates are refused"),
    (["query", "-"], "CLEAR ALL", "updates are refused"),
    (["query", "missing.rq"], None, "missing.rq: cannot read the query"),
]


@pytest.mark.parametrize(("args", "stdin", "message"), BAD_QUERIES, ids=lambda v: str(v)[:30])
def test_bad_input_is_one_line_and_exit_2(args: list[str], stdin: str | None, message: str) -> None:
    result = _run(*args, stdin=stdin)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert message in result.stderr


def test_every_local_output_stays_off_rdflib_and_the_validators(project: Project) -> None:
    build(project=project)
    select = project.root / "select.rq"
    select.write_text("SELECT ?u ?c WHERE { ?u ikg:country ?c } ORDER BY ?u", encoding="utf-8")
    construct = project.root / "construct.rq"
    construct.write_text("CONSTRUCT WHERE { ?u ikg:country ?c }", encoding="utf-8")
    runs = [
        [str(select), "--format", fmt, "--param", "c=id:country/france"]
        for fmt in ("table", "csv", "tsv", "json", "xml")
    ] + [[str(construct), "--format", fmt] for fmt in ("turtle", "nt", "json-ld")]
    code = (
        "import sys\nfrom ingenium_kg.cli import main\n"
        f"for args in {runs!r}:\n"
        "    try:\n        main(['query', *args])\n    except SystemExit as exit:\n"
        "        assert exit.code == 0, args\n"
        "heavy = {'rdflib', 'pyshacl', 'owlrl', 'SPARQLWrapper', 'rapidfuzz'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}), file=sys.stderr)"
    )
    env = {**os.environ, "INGENIUM_KG_ROOT": str(project.root)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, check=True)
    assert done.stderr.decode().splitlines()[-1] == "[]"
    assert "Université de Rouen Normandie  France\n" in done.stdout.decode()  # labels, aligned


def test_help_loads_neither_the_sparql_engine_nor_sparqlwrapper() -> None:
    code = (
        "import sys\nfrom ingenium_kg.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if 'sparql' in m.lower()))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "[]"
