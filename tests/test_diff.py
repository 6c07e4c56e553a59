"""`diff` on real builds of the fixture project (one fact changed) and on their dumps."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ingenium_kg.dataset import BuiltDataset
from ingenium_kg.diff import Change, DiffFormat, diff, render
from ingenium_kg.errors import SourceError, UsageError
from ingenium_kg.namespaces import DATA_NS, FACTS_GRAPH, ONTOLOGY_NS
from ingenium_kg.pipeline import build
from ingenium_kg.stages.sources import Project
from kg_helpers import FIXTURE, edit, run_cli

OVIEDO = f"<{DATA_NS}university/oviedo>"
COUNTRY = f"<{ONTOLOGY_NS}country>"
SPAIN, FRANCE = f"<{DATA_NS}country/spain>", f"<{DATA_NS}country/france>"
FACTS, EXCERPT = f"<{FACTS_GRAPH}>", f"<{DATA_NS}excerpt/oviedo>"


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fixture project built twice: as it is, and with Oviedo moved to France."""
    folders = []
    for name in ("old", "new"):
        root = tmp_path_factory.mktemp(name) / "project"
        shutil.copytree(FIXTURE, root)
        if name == "new":
            trig = root / "data" / "article" / "x.trig"
            edit(trig, "ikg:country <country/spain>", "ikg:country <country/france>")
        build(root / "dist", project=Project(root))
        folders.append(root / "dist")
    return folders[0], folders[1]


def test_a_build_is_identical_to_itself(built_fixture: BuiltDataset) -> None:
    found = diff(built_fixture.folder, built_fixture.folder)
    assert found.identical and found.exit_code == 0
    assert render(found) == f"{found.old} and {found.new} hold the same quads.\n"


def test_a_changed_fact_shows_under_its_entity_with_provenance_apart(
    builds: tuple[Path, Path],
) -> None:
    found = diff(*builds)
    assert not found.identical and found.exit_code == 1
    moved = (Change(False, COUNTRY, SPAIN, FACTS), Change(True, COUNTRY, FRANCE, FACTS))
    [entity] = found.facts
    assert (entity.subject, entity.label, entity.changes) == (OVIEDO, "University of Oviedo", moved)
    [source] = found.provenance
    assert source.subject == OVIEDO
    assert source.changes == tuple(Change(c.added, c.predicate, c.object, EXCERPT) for c in moved)


def test_dumps_compare_like_their_builds(builds: tuple[Path, Path]) -> None:
    old, new = builds
    assert diff(old / "ingenium.trig", old / "ingenium.nq").identical
    dumps = diff(old / "ingenium.trig", new / "ingenium.trig")
    assert (dumps.facts, dumps.provenance) == (diff(old, new).facts, diff(old, new).provenance)
    # single-graph dumps hold the union: the change shows once, in the default graph
    [entity] = diff(old / "ingenium.nt", new / "ingenium.ttl").facts
    assert [(c.added, c.object, c.graph) for c in entity.changes] == [
        (False, SPAIN, ""),
        (True, FRANCE, ""),
    ]


def test_every_format_renders_and_json_parses(builds: tuple[Path, Path]) -> None:
    found = diff(*builds)
    text = render(found, DiffFormat.TEXT)
    assert text.splitlines()[:4] == [
        "Facts: 1 added, 1 removed, 1 entity",
        "  University of Oviedo (id:university/oviedo)",
        "    - ikg:country id:country/spain  [id:graph/facts]",
        "    + ikg:country id:country/france  [id:graph/facts]",
    ]
    assert "Provenance: 1 added, 1 removed, 1 entity" in text
    markdown = render(found, "markdown")
    assert "### University of Oviedo (id:university/oviedo)" in markdown
    assert "| + | `ikg:country` | `id:country/france` | `id:excerpt/oviedo` |" in markdown
    body = json.loads(render(found, "json"))
    assert body["identical"] is False and body["facts"]["added"] == 1
    change = body["facts"]["entities"][0]["changes"][1]
    assert change == {"change": "added", "predicate": COUNTRY, "object": FRANCE, "graph": FACTS}
    assert render(diff(*builds), "json") == render(found, "json")  # deterministic


def test_blank_nodes_are_compared_by_what_they_say(tmp_path: Path) -> None:
    files = {
        "a.ttl": '<http://s> <http://p> [ <http://q> "x" ; <http://r> [ <http://q> "y" ] ] .',
        "b.ttl": '<http://s> <http://p> _:n1 . _:n1 <http://r> _:n2 ; <http://q> "x" . '
        '_:n2 <http://q> "y" .',
        "c.ttl": '<http://s> <http://p> [ <http://q> "x" ; <http://r> [ <http://q> "z" ] ] .',
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert diff(tmp_path / "a.ttl", tmp_path / "b.ttl").identical
    changed = diff(tmp_path / "a.ttl", tmp_path / "c.ttl")
    objects = {c.object for e in changed.facts for c in e.changes}
    assert {'"y"', '"z"'} <= objects and not changed.provenance


def test_labels_prefer_english_and_read_escapes(tmp_path: Path) -> None:
    (tmp_path / "a.nt").write_text("", encoding="utf-8")
    (tmp_path / "b.nt").write_text(
        '<http://s> <http://www.w3.org/2004/02/skos/core#prefLabel> "Qu\\"a"@fr .\n'
        '<http://s> <http://www.w3.org/2000/01/rdf-schema#label> "Qu\\"e\\n"@en .\n',
        encoding="utf-8",
    )
    [entity] = diff(tmp_path / "a.nt", tmp_path / "b.nt").facts
    assert entity.label == 'Qu"e\n'


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.trig", None, "missing.trig: no such file or folder"),
        ("notes.txt", "hello", "notes.txt: neither a build folder nor a dump (.ttl, .trig"),
        ("broken.ttl", "<http://s> <http://p> <http://o> .\n\n<http://s> <p", "broken.ttl:3:"),
        ("empty-folder", "", "no build here"),
    ],
)
def test_bad_inputs_are_one_line_source_errors(
    tmp_path: Path, built_fixture: BuiltDataset, name: str, content: str | None, message: str
) -> None:
    path = tmp_path / name
    if name.endswith("folder"):
        path.mkdir()
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError) as failure:
        diff(built_fixture.folder, path)
    assert message in failure.value.message and "\n" not in failure.value.message
    assert failure.value.exit_code == 2


def test_an_unknown_format_is_refused(built_fixture: BuiltDataset) -> None:
    with pytest.raises(UsageError, match="use one of text, markdown, json"):
        render(diff(built_fixture.folder, built_fixture.folder), "yaml")


def test_the_diff_command_exits_0_when_identical_and_1_when_different(
    builds: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = builds
    same = run_cli("diff", str(old), str(old), root=FIXTURE, cwd=tmp_path)
    assert (same.returncode, same.stderr) == (0, b"")
    changed = run_cli("diff", str(old), str(new), "--format", "json", root=FIXTURE, cwd=tmp_path)
    assert changed.returncode == 1, changed.stderr
    assert json.loads(changed.stdout)["facts"]
    missing = run_cli("diff", str(old), str(tmp_path / "nowhere"), root=FIXTURE, cwd=tmp_path)
    assert missing.returncode == 2 and missing.stderr.startswith(b"Error: ")


def test_the_cli_diff_formats_are_the_enums() -> None:
    from ingenium_kg.cli.publishing import DIFF_FORMATS
    from ingenium_kg.diff import DiffFormat

    assert list(DIFF_FORMATS) == [f.value for f in DiffFormat]
