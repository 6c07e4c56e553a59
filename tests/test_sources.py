from pathlib import Path

import pytest
from rdflib import URIRef

from ingenium_kg.errors import SourceError, UsageError
from ingenium_kg.stages.sources import Project, default_root, parse_dataset, parse_graph, read_text
from kg_helpers import FIXTURE, REPO


def test_default_root_is_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INGENIUM_KG_ROOT", raising=False)
    assert default_root() == REPO
    assert Project().root == REPO


def test_default_root_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "ontology").mkdir()
    monkeypatch.setenv("INGENIUM_KG_ROOT", str(tmp_path))
    assert Project().root == tmp_path


def test_a_root_that_is_no_project_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("INGENIUM_KG_ROOT", str(tmp_path))
    with pytest.raises(SourceError, match="is not an ingenium-kg project"):
        Project()


def test_project_paths_are_derived_from_the_root() -> None:
    project = Project(FIXTURE)
    assert project.ontology_file == FIXTURE / "ontology" / "ingenium.ttl"
    assert project.shapes_file == FIXTURE / "ontology" / "shapes.ttl"
    assert project.article_files == (FIXTURE / "data" / "article" / "x.trig",)
    assert project.links_files == ()
    assert project.enrichment_files == ()
    assert project.input_files()["data/source/text.txt"] == FIXTURE / "data" / "source" / "text.txt"


def test_article_files_are_sorted(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "article"
    folder.mkdir(parents=True)
    for name in ("b.trig", "a.trig", "c.ttl"):
        (folder / name).write_text("")
    assert [p.name for p in Project(tmp_path).article_files] == ["a.trig", "b.trig"]


def test_parse_error_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://ex/> .\nex:a ex:b ex:c .\nex:a ex:b .\n")
    with pytest.raises(SourceError) as caught:
        parse_graph(bad)
    assert caught.value.message.startswith(f"{bad}:3: ")
    assert "\n" not in caught.value.message


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"missing\.trig: file not found"):
        parse_dataset(tmp_path / "missing.trig")


def test_unknown_extension_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text("{}")
    with pytest.raises(UsageError, match="unknown RDF file extension"):
        parse_dataset(path)


def test_relative_iris_resolve_in_the_data_namespace(tmp_path: Path) -> None:
    path = tmp_path / "x.ttl"
    path.write_text("<university/x> <http://ex/p> <country/y> .\n")
    (s, _, o), *_ = parse_graph(path)
    assert s == URIRef("https://w3id.org/ingenium-kg/id/university/x")
    assert o == URIRef("https://w3id.org/ingenium-kg/id/country/y")


def test_read_text_keeps_newlines_and_rejects_non_utf8(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes("a\r\nb’".encode())
    assert read_text(path) == "a\r\nb’"
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(SourceError, match="not UTF-8"):
        read_text(path)


@pytest.mark.parametrize(
    "path",
    sorted(
        p
        for folder in ("ontology", "data", "tests/fixtures")
        for p in (REPO / folder).rglob("*")
        if p.suffix in {".ttl", ".trig"}
    ),
    ids=lambda p: str(p.relative_to(REPO)),
)
def test_every_rdf_source_parses_with_a_second_parser(path: Path) -> None:
    """Our files must be valid for any conforming parser, not only rdflib's: pyoxigraph agrees."""
    import pyoxigraph

    fmt = pyoxigraph.RdfFormat.TRIG if path.suffix == ".trig" else pyoxigraph.RdfFormat.TURTLE
    quads = list(pyoxigraph.parse(path=str(path), format=fmt))
    assert len(quads) == len(list(parse_dataset(path).quads((None, None, None, None))))


def test_the_statement_index_finds_the_line_of_each_subject_and_predicate() -> None:
    from ingenium_kg.stages.locations import StatementIndex

    text = (
        "@base <https://w3id.org/ingenium-kg/id/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix id: <https://w3id.org/ingenium-kg/id/> .\n"
        "\n"
        "<excerpt/a> {\n"
        "    <alliance/x> a <https://ex.org/C> ;\n"
        '        rdfs:label "X"@fr .\n'
        "}\n"
        'id:country/fr rdfs:label "France"@fr .\n'
    )
    index = StatementIndex(text)
    data = "https://w3id.org/ingenium-kg/id/"
    label = "http://www.w3.org/2000/01/rdf-schema#label"
    kind = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    assert index.locate(data + "excerpt/a") == 5  # a graph block opens with its name
    assert (index.locate(data + "alliance/x", label), index.locate(data + "alliance/x", kind)) == (
        7,
        6,
    )
    assert index.locate(data + "country/fr", label) == 9  # a prefixed subject
    assert index.locate(data + "nowhere") is None


def test_input_files_are_named_from_the_root_sorted_without_hidden_ones(tmp_path: Path) -> None:
    root = tmp_path / ".checkout" / "project"  # a hidden folder above the root hides nothing
    for name in ("ontology/a.ttl", "data/b/z.trig", "data/b/.swap", "data/.git/x", "data/a.txt"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("", encoding="utf-8")
    files = Project(root).input_files()
    assert list(files) == ["data/a.txt", "data/b/z.trig", "ontology/a.ttl"]
    assert files["data/b/z.trig"] == root / "data" / "b" / "z.trig"
