"""The saved query library against the article (golden answers), and the `query` command's edges."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.compare import isomorphic
from rdflib.namespace import XSD
from rdflib.query import Result

from ingenium_kg.cli import main
from ingenium_kg.errors import QueryError
from ingenium_kg.pipeline import load_dataset
from ingenium_kg.query.library import (
    bind_params,
    find_query,
    list_queries,
    parse_query_text,
    remote_text,
    run_query,
)
from ingenium_kg.query.params import ParamType, parse_param, typed_term
from ingenium_kg.query.results import OutputFormat, render

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


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    """The real project's dataset, loaded once (from dist/ when current)."""
    return load_dataset()


def test_library_has_at_least_twenty_documented_queries() -> None:
    assert len(SAVED) >= 20
    for query in SAVED:
        assert query.question_en and query.question_fr, query.name
        assert query.text.splitlines()[0] == f"# name: {query.name}"
    assert {q.form.value for q in SAVED} == {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


@pytest.mark.parametrize("query", SAVED, ids=lambda q: q.name)
def test_saved_query_matches_its_golden_answer(query, dataset: Dataset) -> None:
    result = run_query(query, params=GOLDEN_PARAMS.get(query.name), dataset=dataset)
    if query.form.returns_graph:
        expected = Graph().parse(GOLDEN / f"{query.name}.ttl")
        assert isomorphic(result.graph, expected), render(result, OutputFormat.NT).decode()
    else:
        expected_bytes = (GOLDEN / f"{query.name}.csv").read_bytes()
        assert render(result, OutputFormat.CSV).decode() == expected_bytes.decode()


# --- tiny known result: every format's exact bytes ----------------------------------------------


def _tiny() -> Result:
    result = Result("SELECT")
    x, y = Variable("x"), Variable("y")
    result.vars = [x, y]
    result.bindings = [
        {x: URIRef("http://ex.org/a"), y: Literal('say "hi", then\nleave', lang="fr")},
        {x: BNode("b0"), y: Literal("7", datatype=XSD.integer)},
        {y: Literal("tab\there")},
    ]
    return result


def test_csv_bytes_follow_the_w3c_spec() -> None:
    assert render(_tiny(), OutputFormat.CSV) == (
        b'x,y\r\nhttp://ex.org/a,"say ""hi"", then\nleave"\r\n_:b0,7\r\n,tab\there\r\n'
    )


def test_tsv_bytes_use_ntriples_terms() -> None:
    assert render(_tiny(), OutputFormat.TSV) == (
        b'?x\t?y\n<http://ex.org/a>\t"say \\"hi\\", then\\nleave"@fr\n'
        b'_:b0\t"7"^^<http://www.w3.org/2001/XMLSchema#integer>\n\t"tab\\there"\n'
    )


def test_json_bytes() -> None:
    expected = """{
  "head": {
    "vars": [
      "x",
      "y"
    ]
  },
  "results": {
    "bindings": [
      {
        "x": {
          "type": "uri",
          "value": "http://ex.org/a"
        },
        "y": {
          "type": "literal",
          "value": "say \\"hi\\", then\\nleave",
          "xml:lang": "fr"
        }
      },
      {
        "x": {
          "type": "bnode",
          "value": "b0"
        },
        "y": {
          "type": "literal",
          "value": "7",
          "datatype": "http://www.w3.org/2001/XMLSchema#integer"
        }
      },
      {
        "y": {
          "type": "literal",
          "value": "tab\\there"
        }
      }
    ]
  }
}
"""
    assert render(_tiny(), OutputFormat.JSON).decode() == expected


def test_xml_bytes() -> None:
    expected = """<?xml version="1.0"?>
<sparql xmlns="http://www.w3.org/2005/sparql-results#">
  <head>
    <variable name="x"/>
    <variable name="y"/>
  </head>
  <results>
    <result>
      <binding name="x"><uri>http://ex.org/a</uri></binding>
      <binding name="y"><literal xml:lang="fr">say "hi", then
leave</literal></binding>
    </result>
    <result>
      <binding name="x"><bnode>b0</bnode></binding>
      <binding name="y"><literal datatype="http://www.w3.org/2001/XMLSchema#integer">7</literal></binding>
    </result>
    <result>
      <binding name="y"><literal>tab\there</literal></binding>
    </result>
  </results>
</sparql>
"""
    assert render(_tiny(), OutputFormat.XML).decode() == expected


def test_ask_in_every_results_format() -> None:
    result = Result("ASK")
    result.askAnswer = True
    assert render(result, OutputFormat.CSV) == b"true\r\n"
    assert render(result, OutputFormat.TSV) == b"true\n"
    assert render(result, OutputFormat.JSON) == b'{\n  "head": {},\n  "boolean": true\n}\n'
    assert b"<boolean>true</boolean>" in render(result, OutputFormat.XML)


def test_table_shows_labels_and_prefixed_names() -> None:
    table = render(
        _tiny(), OutputFormat.TABLE, labels={URIRef("http://ex.org/a"): "Thing A"}
    ).decode()
    assert table.splitlines()[0] == "x        y"
    assert table.splitlines()[2] == 'Thing A  say "hi", then leave'


# --- parameters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        ("<http://ex.org/a>", ParamType.ANY, URIRef("http://ex.org/a")),
        ("https://ex.org/b", ParamType.ANY, URIRef("https://ex.org/b")),
        (
            "id:university/oviedo",
            ParamType.IRI,
            URIRef("https://w3id.org/ingenium-kg/id/university/oviedo"),
        ),
        ("10", ParamType.ANY, Literal("10", datatype=XSD.integer)),
        ("7.5", ParamType.ANY, Literal("7.5", datatype=XSD.decimal)),
        ("2026-07-09", ParamType.ANY, Literal("2026-07-09", datatype=XSD.date)),
        ("2028", ParamType.YEAR, Literal("2028", datatype=XSD.gYear)),
        ("2028", ParamType.ANY, Literal("2028", datatype=XSD.integer)),
        ("nope:thing", ParamType.ANY, Literal("nope:thing")),
        ("Rouen", ParamType.STRING, Literal("Rouen")),
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


def test_remote_text_appends_values_and_missing_prefixes() -> None:
    query = parse_query_text("SELECT ?u WHERE { ?u a ikg:University }")
    text = remote_text(query, bind_params(query, {"u": "id:university/oviedo"}))
    assert text.startswith("PREFIX ikg: <https://w3id.org/ingenium-kg/ontology#>\n")
    assert text.endswith(
        "\nVALUES (?u) { (<https://w3id.org/ingenium-kg/id/university/oviedo>) }\n"
    )


def test_param_binding_runs_locally(dataset: Dataset) -> None:
    result = run_query(
        "members-by-country", params={"country": "id:country/france"}, dataset=dataset
    )
    assert [str(row[1]) for row in result] == ["Université de Rouen Normandie"]


# --- the command --------------------------------------------------------------------------------


def _run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def test_queries_lists_every_saved_query() -> None:
    result = _run("queries")
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.output.splitlines() if not line.startswith(" ")]
    assert names == [q.name for q in SAVED] and len(names) >= 20
    assert "--param member=…" in result.output


def test_query_from_stdin_and_from_a_file(tmp_path: Path) -> None:
    text = "ASK { <https://w3id.org/ingenium-kg/id/alliance/ingenium> ?p ?o }"
    assert _run("query", "-", "--format", "csv", stdin=text).stdout_bytes == b"true\r\n"
    path = tmp_path / "mine.rq"
    path.write_text(text, encoding="utf-8")
    assert _run("query", str(path), "--format", "json").stdout.endswith('"boolean": true\n}\n')


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
    (["query", "-"], "SELECT ?x WHERE {\n  ?x ?y\n}", "at line 2, column"),
    (["query", "members", "--format", "turtle"], None, "--format turtle does not fit a SELECT"),
    (["query", "member-subgraph", "--format", "csv"], None, "does not fit a CONSTRUCT"),
    (["query", "members", "--param", "oops"], None, "--param expects NAME=VALUE"),
    (["query", "members", "--param", "who=x"], None, "'who' for members (known: none)"),
    (["query", "-", "--param", "who=x"], "SELECT ?u {}", "'who' for query (known: u)"),
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


def test_help_loads_neither_the_sparql_engine_nor_sparqlwrapper() -> None:
    code = (
        "import sys\nfrom ingenium_kg.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if 'sparql' in m.lower()))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "[]"
