"""The build as one call: the store and every file it writes, the manifest, freshness, the swap.

(Readers and builds at once: test_builds.)"""

import gc
import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from ingenium_kg.dataset import MANIFEST, STORE, BuiltDataset, is_current
from ingenium_kg.errors import InvalidDataError, SourceError
from ingenium_kg.namespaces import FACTS_GRAPH, INFERRED_GRAPH, ONTOLOGY_IRI, PROVENANCE_GRAPH
from ingenium_kg.pipeline import build, check, open_dataset
from ingenium_kg.stages.export import ExportFormat, export_name
from ingenium_kg.stages.sources import Project
from kg_helpers import edit, left_beside

EXPORTS = [export_name(f, inferred=i) for i in (False, True) for f in ExportFormat]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_build_writes_the_store_every_export_and_the_manifest_last(
    project: Project, tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    result = build(out, project=project)
    assert result.valid
    assert {p.relative_to(out).as_posix() for p in result.written} == {
        *EXPORTS,
        "context.jsonld",
        "ingenium.sssom.tsv",
        "validation-report.ttl",
        "validation-report.txt",
        "ontology.html",
        "void.ttl",
        "shapes.ttl",
        "sources/text.txt",
        MANIFEST,
    }
    assert result.written[-1].name == MANIFEST
    assert (out / STORE).is_dir()
    assert result.counts[FACTS_GRAPH] == 20
    assert result.counts[INFERRED_GRAPH] > 0
    assert list(result.timings)[:8] == [
        "fingerprint",
        "load",
        "canonical literals",
        "quotes",
        "reasoning",
        "start the store",
        "validation",
        "store",
    ]
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["valid"] is True
    assert "data/article/x.trig" in manifest["inputs"]
    assert "data/source/text.txt" in manifest["inputs"]
    assert set(manifest["outputs"]) >= set(EXPORTS)


def test_the_store_holds_every_graph_and_the_exports_say_what_they_hold(
    project: Project, tmp_path: Path
) -> None:
    dataset = build(tmp_path / "dist", project=project).open()
    stored = {q for q in dataset.quads() if q.graph_name != ox.NamedNode(ONTOLOGY_IRI)}
    for inferred in (False, True):
        nq = dataset.export_bytes(export_name(ExportFormat.NQUADS, inferred=inferred))
        exported = set(ox.parse(nq, format=ox.RdfFormat.N_QUADS))
        expected = {q for q in stored if inferred or q.graph_name != ox.NamedNode(INFERRED_GRAPH)}
        described = {q for q in exported if isinstance(q.graph_name, ox.DefaultGraph)}
        assert exported - described == expected
        parts = {str(q.object) for q in described if q.predicate.value.endswith("hasPart")}
        assert (f"<{INFERRED_GRAPH}>" in parts) is inferred
    # every excerpt is a named graph holding its facts; facts are their deduplicated union
    excerpts = {q.graph_name for q in stored if "/excerpt/" in str(q.graph_name)}
    assert len(excerpts) == 3
    union = {q.triple for q in stored if q.graph_name in excerpts}
    assert union == {q.triple for q in dataset.quads(FACTS_GRAPH)}


def test_exports_parse_back_to_the_same_union_in_every_format(
    project: Project, tmp_path: Path
) -> None:
    dataset = build(tmp_path / "dist", project=project).open()
    quads = set(ox.parse(dataset.export_bytes("ingenium.nq"), format=ox.RdfFormat.N_QUADS))
    triples = {q.triple for q in quads}
    for fmt, parser in [
        (ExportFormat.TURTLE, ox.RdfFormat.TURTLE),
        (ExportFormat.NT, ox.RdfFormat.N_TRIPLES),
        (ExportFormat.XML, ox.RdfFormat.RDF_XML),
    ]:
        data = dataset.export_bytes(export_name(fmt, inferred=False))
        assert {q.triple for q in ox.parse(data, format=parser)} == triples, fmt
    for fmt, parser in [
        (ExportFormat.TRIG, ox.RdfFormat.TRIG),
        (ExportFormat.JSON_LD, ox.RdfFormat.JSON_LD),
    ]:
        data = dataset.export_bytes(export_name(fmt, inferred=False))
        assert set(ox.parse(data, format=parser)) == quads, fmt


def test_is_current_follows_content_not_timestamps(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    build(out, project=project)
    assert is_current(project, out)
    path = project.article_files[0]
    path.write_bytes(path.read_bytes())  # touched, same content
    assert is_current(project, out)
    edit(path, 'rdfs:label "Spain"@en', 'rdfs:label "Kingdom of Spain"@en')
    assert not is_current(project, out)
    assert not is_current(project, tmp_path / "nowhere")


def test_open_dataset_builds_a_stale_dist_first_and_says_so(project: Project) -> None:
    notes: list[str] = []
    dataset = open_dataset(project, on_build=notes.append)
    assert notes == ["dist is missing: building it first"]
    assert (
        open_dataset(project, on_build=notes.append).manifest.to_json()
        == dataset.manifest.to_json()
    )
    assert len(notes) == 1
    edit(project.article_files[0], 'rdfs:label "Spain"@en', 'rdfs:label "Kingdom of Spain"@en')
    labels = {
        s["l"].value
        for s in open_dataset(project, on_build=notes.append).query(
            "SELECT ?l { ?s rdfs:label ?l }"
        )
    }
    assert "Kingdom of Spain" in labels
    assert notes[-1] == "dist is out of date: building it first"


def test_a_non_conforming_build_is_written_and_refused_by_readers(
    project: Project, tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    edit(project.article_files[0], "oa:start 0 ;", "oa:start 1 ;")
    result = build(out, project=project)
    assert not result.valid
    assert set(EXPORTS) <= set(_files(out))
    assert json.loads((out / MANIFEST).read_text())["valid"] is False
    with pytest.raises(InvalidDataError, match=r"1 violation\(s\)\); `ingenium-kg validate`"):
        BuiltDataset.open(out)
    with pytest.raises(InvalidDataError):
        open_dataset(project, out)
    assert BuiltDataset.open(out, allow_invalid=True).manifest.violations == 1


STAGES = [
    "load",
    "quotes",
    "reasoning",
    "start the store",  # while the store's thread is loading it
    "validation",
    "store",
    "export ingenium.ttl",
]


@pytest.mark.parametrize("stage", STAGES)
def test_an_interrupted_build_leaves_the_previous_one_intact(
    project: Project, tmp_path: Path, stage: str
) -> None:
    out = tmp_path / "dist"
    build(out, project=project)
    before = _files(out)
    edit(project.article_files[0], 'rdfs:label "Spain"@en', 'rdfs:label "Kingdom of Spain"@en')

    def interrupt(name: str, _seconds: float, _detail: str) -> None:
        if name == stage:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(out, project=project, on_stage=interrupt)
    assert _files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".dist.builds", "dist", "project"]
    assert left_beside(out) == []  # no part of the interrupted build
    assert BuiltDataset.open(out).manifest.valid


def test_a_folder_that_is_not_a_build_is_never_replaced(project: Project, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(SourceError, match="not empty and holds no build"):
        build(tmp_path, project=project)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_a_literal_the_store_would_rewrite_is_refused(project: Project, tmp_path: Path) -> None:
    edit(project.article_files[0], "oa:end 34 .", 'oa:end "034"^^xsd:integer .')
    with pytest.raises(SourceError, match=r'"034".*store keeps it as "34"'):
        build(tmp_path / "dist", project=project)


def test_check_runs_the_quote_check_only_on_project_data(project: Project) -> None:
    edit(project.article_files[0], "oa:start 0 ;", "oa:start 1 ;")
    assert not check(project).conforms
    # the same files given explicitly are validated as data only
    assert check(project, data=project.article_files).valid


def test_provenance_is_stored_once(tmp_path: Path) -> None:
    """Excerpt graphs plus their descriptions stay within about twice the facts."""
    result = build(tmp_path / "dist", project=Project())
    excerpts = result.open().manifest.counts["excerpts"]
    assert excerpts + result.counts[PROVENANCE_GRAPH] <= 2.1 * result.counts[FACTS_GRAPH]


def test_the_ontology_page_is_made_again_only_when_the_ontology_changes(
    project: Project, tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    build(out, project=project)
    assert b"<html" in (out / "ontology.html").read_bytes()[:200].lower()
    (out / "ontology.html").write_bytes(b"kept from the previous build")
    edit(project.article_files[0], 'rdfs:label "Spain"@en', 'rdfs:label "Kingdom of Spain"@en')
    build(out, project=project)
    assert (out / "ontology.html").read_bytes() == b"kept from the previous build"
    ontology = project.ontology_file
    ontology.write_text(ontology.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    build(out, project=project)
    assert (out / "ontology.html").read_bytes() != b"kept from the previous build"


_PAGE_IN_A_CHILD = """
import os, sys
from pathlib import Path
from ingenium_kg.errors import SourceError
from ingenium_kg.stages.documentation import OntologyPage, ontology_html

good, bad = Path(sys.argv[1]), Path(sys.argv[2])
page = OntologyPage(good)
assert page.made_by == "pyLODE, beside the build", page.made_by
assert page.result() == ontology_html(good)
try:
    OntologyPage(bad).result()
except SourceError as exc:
    print(exc.message)
OntologyPage(good).cancel()
try:
    os.waitpid(-1, os.WNOHANG)
except ChildProcessError:
    print("no child left")
"""


def test_the_ontology_page_made_in_a_child_is_the_same_and_fails_the_same(
    project: Project, tmp_path: Path
) -> None:
    """The CLI makes the page in a forked child (a single-threaded process): same bytes, same
    one-line error, and a build that stops early ends the child."""
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", _PAGE_IN_A_CHILD, str(project.ontology_file), str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    error, left = run.stdout.splitlines()
    assert error.startswith(f"{bad}: pyLODE cannot document it (")
    assert left == "no child left"
    assert run.stderr == ""


def test_a_build_gives_the_collector_back_as_it_found_it(project: Project, tmp_path: Path) -> None:
    """The cyclic collector is off while a build runs (its passes only cost time), and the
    caller's choice holds after it, whether the build succeeds or fails."""
    assert gc.isenabled()
    during: list[bool] = []
    build(tmp_path / "one", project=project, on_stage=lambda *_: during.append(gc.isenabled()))
    assert len(during) > 20 and not any(during)
    assert gc.isenabled()
    edit(project.article_files[0], "ikg:declaredMemberCount 10 .", "ikg:declaredMemberCount .")
    with pytest.raises(SourceError):
        build(tmp_path / "two", project=project)
    assert gc.isenabled()
    gc.disable()
    try:
        with pytest.raises(SourceError):
            build(tmp_path / "three", project=project)
        assert not gc.isenabled()
    finally:
        gc.enable()
