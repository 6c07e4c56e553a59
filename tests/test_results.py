"""How answers are shown and read: prefixed names, the label picker, graphs with the project
prefixes, and remote bodies parsed by the engine (JSON or XML, broken ones refused at once)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from ingenium_kg.dataset import BuiltDataset
from ingenium_kg.errors import EndpointError
from ingenium_kg.query.answer import Answer
from ingenium_kg.query.endpoint import Response, parse_response
from ingenium_kg.query.labels import local_labels, pick_label
from ingenium_kg.query.library import QueryForm
from ingenium_kg.query.params import ParamType, typed_term
from ingenium_kg.query.results import OutputFormat, prefixed, render
from ingenium_kg.query.run import answer, resolve

ID = "https://w3id.org/ingenium-kg/id/"


@pytest.mark.parametrize(
    ("iri", "shown"),
    [
        (ID + "work-package/3", "id:work-package/3"),
        ("http://www.wikidata.org/entity/Q42", "wd:Q42"),
        ("http://www.wikidata.org/prop/direct/P31", "wdt:P31"),
        (ID + "excerpt/renewal#quote", f"<{ID}excerpt/renewal#quote>"),  # `#` is not a local
        (ID, f"<{ID}>"),  # nothing after the namespace
        (ID + "a.", f"<{ID}a.>"),  # a prefixed name cannot end with a dot
        (ID + "a%20b", f"<{ID}a%20b>"),
        ("https://schema.org.example/x", "<https://schema.org.example/x>"),  # not schema:
        ("https://w3id.org/ingenium-kg/ontology", "<https://w3id.org/ingenium-kg/ontology>"),
    ],
)
def test_prefixed_names_are_correct_or_the_whole_iri(iri: str, shown: str) -> None:
    assert prefixed(iri) == shown


def test_every_prefixed_name_of_the_build_reads_back_as_its_iri(built: BuiltDataset) -> None:
    iris = {t.value for q in built.quads() for t in q if isinstance(t, ox.NamedNode)}
    names = {iri: prefixed(iri) for iri in iris}
    assert sum(not name.startswith("<") for name in names.values()) > 100
    for iri, name in names.items():
        assert typed_term(name, ParamType.IRI) == ox.NamedNode(iri), name


def test_the_label_picker_speaks_french_first() -> None:
    both = [("en", "University of Oviedo"), ("fr", "Université d’Oviedo"), ("es", "Oviedo")]
    assert pick_label(both) == "Université d’Oviedo"
    assert pick_label([("es", "Universidad de Oviedo"), ("en", "University")]) == "University"
    assert pick_label([("es", "b"), ("el", "a")]) == "a"  # any other language, stably
    assert pick_label([("es", "x"), ("", "plain")]) == "plain"
    assert pick_label(reversed(both)) == pick_label(both)
    assert pick_label([]) is None


def test_table_shows_the_french_label_of_each_iri(built: BuiltDataset) -> None:
    spain = "<https://w3id.org/ingenium-kg/id/country/spain>"
    found = answer(built, resolve(f"SELECT ?u WHERE {{ ?u ikg:country {spain} }}"))
    labels = local_labels(built, found.iris())
    lines = render(found, OutputFormat.TABLE, labels=labels).decode().splitlines()
    assert lines == ["u", "-" * len("Université d’Oviedo"), "Université d’Oviedo"]


def test_graphs_come_out_with_the_project_prefixes(built: BuiltDataset) -> None:
    def graph(fmt: OutputFormat) -> bytes:
        member = {"member": "id:university/oviedo"}
        return render(answer(built, resolve("member-subgraph"), params=member), fmt)

    turtle = graph(OutputFormat.TURTLE)
    assert b"@prefix ikg: <https://w3id.org/ingenium-kg/ontology#> ." in turtle
    assert b"ikg:AllianceMembership" in turtle
    nt = graph(OutputFormat.NT)
    assert b"@prefix" not in nt and nt.count(b"\n") == 13
    # pyoxigraph writes JSON-LD expanded (it takes no context): the same thirteen triples.
    expected = set(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))
    for data, fmt in [
        (turtle, ox.RdfFormat.TURTLE),
        (graph(OutputFormat.JSON_LD), ox.RdfFormat.JSON_LD),
    ]:
        assert set(ox.parse(data, format=fmt)) == expected


def _select(text: str = "SELECT ?x ?y WHERE { VALUES (?x ?y) { (<http://ex.org/a> 'b') } }"):
    return Answer.of(QueryForm.SELECT, ox.Store().query(text))


@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [
        (OutputFormat.JSON, "application/sparql-results+json"),
        (OutputFormat.XML, "application/sparql-results+xml"),
        (OutputFormat.JSON, "application/json"),
    ],
)
def test_remote_results_are_read_by_the_engine(fmt: OutputFormat, media_type: str) -> None:
    body = render(_select(), fmt)
    parsed = parse_response(Response(body, media_type), form=QueryForm.SELECT)
    assert render(parsed, OutputFormat.TSV) == render(_select(), OutputFormat.TSV)


@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [
        (OutputFormat.JSON, "application/sparql-results+json"),
        (OutputFormat.XML, "application/sparql-results+xml"),
    ],
)
def test_a_truncated_answer_fails_when_read_not_when_written(
    fmt: OutputFormat, media_type: str
) -> None:
    two = "SELECT ?x WHERE { VALUES ?x { <http://ex.org/a> <http://ex.org/b> } }"
    body = render(_select(two), fmt)
    cut = body[: body.rindex(b"http://ex.org/b") - 12]
    with pytest.raises(EndpointError, match="sent a malformed SELECT answer"):
        parse_response(Response(cut, media_type), form=QueryForm.SELECT, url="http://e/sparql")


def test_a_boolean_for_a_select_is_refused() -> None:
    body = render(Answer.of(QueryForm.ASK, ox.Store().query("ASK {}")), OutputFormat.JSON)
    with pytest.raises(EndpointError, match="wrong kind of result"):
        parse_response(Response(body, "application/sparql-results+json"), form=QueryForm.SELECT)
