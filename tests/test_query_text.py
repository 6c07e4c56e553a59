"""Reading a SPARQL text without a parser: the one reader the saved queries and the server share."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from ingenium_kg.query.library import QueryForm, parse_query_text
from ingenium_kg.query.text import (
    blank_noise,
    opening_keyword,
    prologue_end,
    syntax_message,
    uses_keyword,
    variables,
)


def test_noise_is_blanked_position_for_position() -> None:
    text = 'SELECT ?x # ?comment\nWHERE { ?x <http://ex/?iri> "?string" }'
    blanked = blank_noise(text)
    assert len(blanked) == len(text)
    assert blanked.index("WHERE") == text.index("WHERE")
    assert variables(blanked) == {"x"}


@pytest.mark.parametrize(
    ("text", "keyword"),
    [
        ("PREFIX ex: <http://ex/>\nBASE <http://b/>\nselect * { ?s ?p ?o }", "SELECT"),
        ("SELECT*{?s ?p ?o}", "SELECT"),
        ("ASK{?s ?p ?o}", "ASK"),
        ("# a comment\n  CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("PREFIX ex: <http://ex/> INSERT DATA { ex:a ex:b ex:c }", "INSERT"),
        ("{ ?s ?p ?o }", ""),
    ],
)
def test_the_opening_keyword_follows_the_prologue(text: str, keyword: str) -> None:
    blanked = blank_noise(text)
    assert opening_keyword(blanked) == keyword
    assert blanked[prologue_end(blanked) :].upper().startswith(keyword)


@pytest.mark.parametrize(
    ("text", "uses"),
    [
        ("SELECT * { SERVICE <http://ex/sparql> { ?s ?p ?o } }", True),
        ("select * { service <http://ex/sparql> { ?s ?p ?o } }", True),
        ("SELECT ?service { ?service ?p ?o }", False),
        ("SELECT * { ?s ex:service ?o }", False),
        ('SELECT * { ?s ?p "SERVICE" } # SERVICE', False),
        ("SELECT * { ?s <http://ex/SERVICE> ?o }", False),
    ],
)
def test_a_keyword_is_not_a_variable_a_name_a_string_or_a_comment(text: str, uses: bool) -> None:
    assert uses_keyword(blank_noise(text), "SERVICE") is uses


def test_a_variable_named_like_a_keyword_is_an_ordinary_query() -> None:
    query = parse_query_text("SELECT ?service ?from { ?service ?from ?o }")
    assert query.form is QueryForm.SELECT
    assert not query.calls_services and not query.declares_dataset
    assert query.variables == {"service", "from", "o"}


def test_the_engines_syntax_error_reads_with_its_line_and_column() -> None:
    with pytest.raises(SyntaxError) as caught:
        ox.Store().query("SELECT ?x\nWHERE { ?x ?y }")
    message = syntax_message(caught.value)
    assert message.startswith("SPARQL syntax error at line 2, column ")
    assert "\n" not in message
