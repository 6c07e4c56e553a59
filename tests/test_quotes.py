import pytest

from ingenium_kg.errors import SourceError
from ingenium_kg.namespaces import ID, OA
from ingenium_kg.stages.graph import assemble
from ingenium_kg.stages.quotes import QuoteProblem, check_quotes
from ingenium_kg.stages.sources import Project
from kg_helpers import FIXTURE, edit

ROUEN = ID["excerpt/rouen"]
OVIEDO = ID["excerpt/oviedo"]
MEMBERS = ID["excerpt/members"]


def _problems(project: Project) -> tuple[QuoteProblem, ...]:
    return check_quotes(assemble(project), project)


def _only(project: Project) -> QuoteProblem:
    problems = _problems(project)
    assert len(problems) == 1, problems
    return problems[0]


def test_the_fixture_quotes_are_all_right() -> None:
    assert _problems(Project(FIXTURE)) == ()


def test_wrong_offsets_suggest_the_right_ones(project: Project) -> None:
    edit(
        project.article_files[0], "oa:start 105 ;\n    oa:end 124", "oa:start 100 ;\n    oa:end 119"
    )
    problem = _only(project)
    assert problem.excerpt == OVIEDO
    assert problem.path == OA.start
    assert "text at 100–119 is «" in problem.message
    assert "found at 105–124" in problem.message
    # the problem names the facts the excerpt supports
    assert ID["university/oviedo"] in problem.facts
    assert ID["alliance/ingenium"] in problem.facts


def test_mismatched_exact_text_is_reported(project: Project) -> None:
    edit(project.article_files[0], '"université d’Oviedo"', '"université de Oviedo"')
    problem = _only(project)
    assert problem.excerpt == OVIEDO
    assert "not «université de Oviedo»" in problem.message
    assert "the exact text is not in the source" in problem.message


def test_wrong_prefix_is_reported(project: Project) -> None:
    edit(project.article_files[0], 'oa:prefix "Normandie est "', 'oa:prefix "Oviedo est "')
    problem = _only(project)
    assert problem.excerpt == ROUEN
    assert problem.path == OA.prefix
    assert "oa:prefix «Oviedo est » but the text before is «mandie est »" in problem.message


def test_wrong_suffix_is_reported(project: Project) -> None:
    edit(project.article_files[0], 'oa:suffix " est membre"', 'oa:suffix " est partenaire"')
    problem = _only(project)
    assert problem.excerpt == OVIEDO
    assert problem.path == OA.suffix
    assert "but the text after is" in problem.message


def test_repeated_quote_without_context_is_reported(project: Project) -> None:
    edit(project.article_files[0], ' ;\n    oa:prefix "Normandie est " .', " .")
    problem = _only(project)
    assert problem.excerpt == ROUEN
    assert "occurs 2 times; add oa:prefix or oa:suffix" in problem.message


def test_context_that_does_not_disambiguate_is_reported(project: Project) -> None:
    edit(project.article_files[0], 'oa:prefix "Normandie est "', 'oa:prefix "est "')
    problem = _only(project)
    assert "prefix+exact+suffix occurs 2 times" in problem.message


def test_missing_selector_is_reported(project: Project) -> None:
    edit(
        project.article_files[0],
        "oa:hasSelector <excerpt/members#quote>, <excerpt/members#position> .",
        "oa:hasSelector <excerpt/members#quote> .",
    )
    problem = _only(project)
    assert problem.excerpt == MEMBERS
    assert "needs exactly one oa:TextPositionSelector, has 0" in problem.message


def test_excerpt_graph_without_description_is_reported(project: Project) -> None:
    with project.article_files[0].open("a", encoding="utf-8") as stream:
        stream.write("<excerpt/orphan> { <university/x> a ikg:University . }\n")
    problem = _only(project)
    assert problem.excerpt == ID["excerpt/orphan"]
    assert "has no description" in problem.message
    assert problem.facts == (ID["university/x"],)


def test_description_without_excerpt_graph_is_reported(project: Project) -> None:
    edit(project.article_files[0], "<excerpt/members> {", "<excerpt/other> {")
    problems = _problems(project)
    messages = {(p.excerpt, p.message) for p in problems}
    assert (MEMBERS, "excerpt is described but has no fact graph") in messages
    assert any(e == ID["excerpt/other"] and "no description" in m for e, m in messages)


def test_a_missing_source_text_is_one_error_not_one_per_excerpt(project: Project) -> None:
    (project.root / "data" / "source" / "text.txt").unlink()
    with pytest.raises(SourceError, match=r"text\.txt: file not found"):
        _problems(project)


def test_offsets_are_code_points_and_newlines_are_kept(project: Project) -> None:
    text = project.root / "data" / "source" / "text.txt"
    # CRLF line ends shift every later offset by one per line: the check must see them
    text.write_bytes(text.read_bytes().replace(b"\n", b"\r\n"))
    problems = _problems(project)
    assert {p.excerpt for p in problems} == {ROUEN, OVIEDO}
    assert any("found at 107–126" in p.message for p in problems)
