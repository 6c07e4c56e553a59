"""Property-based attacks on every command (hypothesis): whatever the parameters, query texts,
option values or corrupted data files, the CLI answers with its documented exit code and, on
failure, exactly one `Error: …` line; it never prints a traceback and never touches its inputs.

The CLI runs in-process (`kg_helpers.invoke`) so that hundreds of inputs take seconds.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingenium_kg.pipeline import build
from ingenium_kg.stages.sources import Project
from kg_helpers import REPO, Invoked, invoke

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
VALID_DATA = """@prefix ikg: <https://w3id.org/ingenium-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<university/x> a ikg:University ;
    rdfs:label "Université X"@fr, "University X"@en ;
    ikg:country <country/france> .
<alliance/a> ikg:declaredMemberCount "1"^^xsd:integer .
"""
SPARQL_TOKENS = [
    "SELECT",
    "ASK",
    "CONSTRUCT",
    "DESCRIBE",
    "WHERE",
    "{",
    "}",
    "?s",
    "?p",
    "?o",
    "*",
    ".",
    "FILTER",
    "(",
    ")",
    "<urn:x>",
    '"text"',
    "42",
    "ikg:University",
    "a",
    "GRAPH",
    "SERVICE",
    "<http://127.0.0.1:9/x>",
    "FROM",
    "NAMED",
    "LIMIT",
    "OPTIONAL",
    "UNION",
    "INSERT",
    "DATA",
    "ORDER BY",
    "COUNT(*)",
    "AS",
    "?n",
    "VALUES",
    "BIND",
    "#",
    "\n",
    "é",
    "\\",
    "'",
]


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "project"
    for name in ("ontology", "data", "queries"):
        shutil.copytree(REPO / name, root / name)
    build(project=Project(root))
    return root


def _digest(root: Path) -> str:
    files = sorted(p for top in ("ontology", "data", "queries") for p in (root / top).rglob("*"))
    return hashlib.sha256(b"".join(p.read_bytes() for p in files if p.is_file())).hexdigest()


@pytest.fixture
def cli(root: Path) -> Iterator[object]:
    before = _digest(root)

    def run(*args: str, stdin: str | None = None) -> Invoked:
        return invoke(args, stdin=stdin, env={"INGENIUM_KG_ROOT": str(root)})

    yield run
    assert _digest(root) == before  # no input touched, whatever was asked


def _check(result: Invoked, allowed: tuple[int, ...] = (0, 1, 2)) -> None:
    """The documented exit codes, and one error line (no traceback) on failure."""
    assert isinstance(result.exception, SystemExit | None), result.exception
    assert result.exit_code in allowed, (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert lines and lines[-1].startswith("Error: "), result.stderr
        assert len([line for line in lines if line.startswith("Error: ")]) == 1


texts = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)


@SETTINGS
@given(
    name=st.sampled_from(["subject", "predicate", "object", "graph", "x", "?object"]), value=texts
)
def test_any_parameter_value(cli: object, name: str, value: str) -> None:
    _check(cli("query", "fact-source", "--param", f"{name}={value}", "--format", "csv"))  # type: ignore[operator]


@SETTINGS
@given(tokens=st.lists(st.sampled_from(SPARQL_TOKENS), max_size=25))
def test_any_query_text(cli: object, tokens: list[str]) -> None:
    result = cli("query", "-", "--format", "json", "--timeout", "5", stdin=" ".join(tokens))  # type: ignore[operator]
    _check(result, allowed=(0, 2))


@SETTINGS
@given(
    option=st.sampled_from(["--timeout", "--format", "--lang", "--param", "--endpoint"]),
    value=texts,
)
def test_any_option_value(cli: object, option: str, value: str) -> None:
    _check(cli("query", "members", option, value), allowed=(0, 2))  # type: ignore[operator]


@SETTINGS
@given(
    command=st.sampled_from(["explain", "export", "validate", "diff", "query", "link"]), value=texts
)
def test_any_argument_to_any_command(cli: object, command: str, value: str) -> None:
    _check(cli(command, value))  # type: ignore[operator]


def _corrupt(data: bytes, how: str, at: int, byte: int) -> bytes:
    at %= len(data)
    if how == "truncate":
        return data[:at]
    if how == "byte":
        return data[:at] + bytes([byte]) + data[at + 1 :]
    if how == "encoding":
        return data.decode().encode("utf-16")
    if how == "iri":
        return data.replace(b"<country/france>", b"<country/fr ance>")
    return data.replace(b'"1"^^xsd:integer', b'"nine"^^xsd:integer')


@SETTINGS
@given(
    how=st.sampled_from(["truncate", "byte", "encoding", "iri", "literal"]),
    at=st.integers(min_value=0, max_value=10_000),
    byte=st.integers(min_value=0, max_value=255),
    suffix=st.sampled_from([".ttl", ".nt", ".trig"]),
)
def test_any_corrupted_data_file(
    cli: object, tmp_path_factory: pytest.TempPathFactory, how: str, at: int, byte: int, suffix: str
) -> None:
    path = tmp_path_factory.mktemp("corrupt") / f"data{suffix}"
    corrupted = _corrupt(VALID_DATA.encode(), how, at, byte)
    path.write_bytes(corrupted)
    _check(cli("validate", "--data", str(path), "--format", "json"))  # type: ignore[operator]
    assert path.read_bytes() == corrupted
