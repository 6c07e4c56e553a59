"""Where and how `--param` values are bound: a VALUES block opening the query's own WHERE group,
seen by every pattern and FILTER, whatever the form, projected or not, and never a way in for text.
"""

from __future__ import annotations

import pytest

from ingenium_kg.dataset import BuiltDataset
from ingenium_kg.errors import QueryError
from ingenium_kg.query.library import bind_params, parse_query_text, with_bindings
from ingenium_kg.query.run import answer, run_query

OVIEDO = "<https://w3id.org/ingenium-kg/id/university/oviedo>"


def _bound(text: str, **params: str) -> str:
    query = parse_query_text(text)
    return with_bindings(query, bind_params(query, params))


def test_the_values_block_opens_the_top_group_not_a_subquery() -> None:
    text = "ASK { { SELECT ?u WHERE { ?u a ikg:University } } FILTER(?u = ?x) }"
    assert _bound(text, x="id:university/oviedo") == (
        f"ASK {{ VALUES (?x) {{ ({OVIEDO}) }} {{ SELECT ?u WHERE {{ ?u a ikg:University }} }}"
        " FILTER(?u = ?x) }"
    )


def test_a_construct_template_is_skipped() -> None:
    text = "CONSTRUCT { ?u a ikg:University } WHERE { ?u a ikg:University }"
    bound = _bound(text, u="id:university/oviedo")
    assert bound.startswith("CONSTRUCT { ?u a ikg:University } WHERE { VALUES (?u)")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("CONSTRUCT WHERE { ?u a ikg:University }", "CONSTRUCT WHERE takes no parameters"),
        (f"DESCRIBE {OVIEDO} ?u", "no WHERE clause"),
    ],
)
def test_a_query_without_a_group_to_open_is_refused(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        _bound(text, u="id:university/oviedo")


def test_braces_in_strings_iris_and_comments_are_not_groups() -> None:
    text = 'SELECT ?u # {\nWHERE { ?u ikg:note "}{" }'
    assert _bound(text, u="id:university/oviedo").endswith(
        f'WHERE {{ VALUES (?u) {{ ({OVIEDO}) }} ?u ikg:note "}}{{" }}'
    )


def test_syntax_errors_point_into_the_text_as_written(built: BuiltDataset) -> None:
    query = parse_query_text("SELECT ?u WHERE { ?u a ikg:University . ?u ?p }")
    for params in ({}, {"u": "id:university/oviedo"}):
        with pytest.raises(QueryError, match="at line 1, column 48:"):
            answer(built, query, params=params)


PARAM_IN_A_FILTER = [
    ("ASK { ?m ikg:listPosition ?p FILTER(?p = ?n) }", {"n": "1"}, True),
    ("ASK { ?m ikg:listPosition ?p FILTER(?p = ?n) }", {"n": "11"}, False),
    ("ASK { ?a schema:value ?v FILTER(?v = ?n) }", {"n": "7200000"}, True),  # the decimal
    ("ASK { FILTER(BOUND(?n)) }", {"n": "x"}, True),
]
"""Parameters pyoxigraph's `substitutions` would refuse or miss; a VALUES block binds them."""


@pytest.mark.parametrize(("text", "params", "expected"), PARAM_IN_A_FILTER)
def test_a_parameter_is_seen_by_filters(
    built: BuiltDataset, text: str, params: dict[str, str], expected: bool
) -> None:
    assert run_query(built, text, params=params).askAnswer is expected


def test_an_unprojected_parameter_of_a_construct_is_bound(built: BuiltDataset) -> None:
    text = "CONSTRUCT { ?m ikg:listPosition ?p } WHERE { ?m org:member ?u ; ikg:listPosition ?p }"
    graph = run_query(built, text, params={"u": "id:university/oviedo"}).graph
    assert graph is not None and [int(o) for o in graph.objects()] == [1]


def test_a_string_value_cannot_escape_its_literal(built: BuiltDataset) -> None:
    hostile = '" } } ; CLEAR ALL #\n'
    text = "SELECT ?u WHERE { ?u rdfs:label ?label FILTER(STR(?label) = ?name) }"
    assert list(run_query(built, text, params={"name": hostile})) == []
    oviedo = run_query(built, text, params={"name": "Université d’Oviedo"})
    assert [str(row[0]) for row in oviedo] == [OVIEDO.strip("<>")]
