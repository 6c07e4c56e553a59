import hashlib
import json
from pathlib import Path

from rdflib import Dataset

from ingenium_kg.build.export import ExportFormat, context_bytes, export
from ingenium_kg.build.sources import Project
from ingenium_kg.namespaces import GRAPH_FACTS, GRAPH_INFERRED, ID, IKG
from ingenium_kg.pipeline import (
    MANIFEST,
    build,
    check,
    export_name,
    is_current,
    load,
    load_dataset,
)
from ingenium_kg.terms import ox_quads
from ingenium_kg.wikidata.sssom import sssom_tsv
from kg_helpers import edit

EXPORTS = [export_name(f, inferred=i) for i in (False, True) for f in ExportFormat]


def _quads(dataset: Dataset) -> set[str]:
    return {str(q) for q in ox_quads(dataset.quads())}


def test_build_writes_every_output_byte_identical_to_export(
    project: Project, tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    result = build(out, project=project)
    assert result.conforms
    names = {p.name for p in result.written}
    assert names == {
        *EXPORTS,
        "context.jsonld",
        "ingenium.sssom.tsv",
        "validation-report.ttl",
        "validation-report.txt",
        MANIFEST,
    }
    dataset = load(project)
    for fmt in ExportFormat:
        for inferred in (False, True):
            path = out / export_name(fmt, inferred=inferred)
            assert path.read_bytes() == export(dataset, fmt, inferred=inferred), path.name
    assert (out / "context.jsonld").read_bytes() == context_bytes()
    assert (out / "ingenium.sssom.tsv").read_text(encoding="utf-8") == sssom_tsv(dataset)
    assert (out / "validation-report.txt").read_text() == "Conforms.\n"
    counts = dict(result.counts)
    assert counts[GRAPH_FACTS] == 20
    assert counts[GRAPH_INFERRED] == len(result.inferred) > 0


def test_manifest_lists_inputs_and_outputs(project: Project, tmp_path: Path) -> None:
    build(tmp_path, project=project)
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    assert list(manifest) == sorted(manifest)
    assert "data/article/x.trig" in manifest["inputs"]
    assert "data/source/text.txt" in manifest["inputs"]
    assert set(manifest["outputs"]) >= set(EXPORTS)
    assert manifest["version"]


def test_non_conforming_data_writes_the_report_only(project: Project, tmp_path: Path) -> None:
    edit(project.article_files[0], "ikg:declaredMemberCount 10", 'ikg:declaredMemberCount "dix"')
    result = build(tmp_path, project=project)
    assert not result.conforms
    assert {p.name for p in result.written} == {"validation-report.ttl", "validation-report.txt"}
    assert not any((tmp_path / name).exists() for name in EXPORTS)
    assert "DatatypeConstraintComponent" in (tmp_path / "validation-report.txt").read_text()


def test_a_stale_manifest_is_removed_when_a_build_fails(project: Project, tmp_path: Path) -> None:
    assert build(tmp_path, project=project).conforms
    assert is_current(project, tmp_path)
    edit(project.article_files[0], "oa:start 0 ;", "oa:start 1 ;")
    result = build(tmp_path, project=project)
    assert not result.conforms
    assert not (tmp_path / MANIFEST).exists()
    assert any(v.constraint_component == IKG.QuoteCheck for v in result.report.violations)


def test_load_dataset_reuses_a_current_dist(project: Project, tmp_path: Path) -> None:
    build(tmp_path, project=project)
    assert is_current(project, tmp_path)
    assert _quads(load_dataset(project, tmp_path)) == _quads(load(project))
    # Prove it reads dist/: change the N-Quads there (and its manifest hash) and see it show up.
    nq = tmp_path / export_name(ExportFormat.NQUADS, inferred=True)
    marker = f"<{ID['marker']}> <{ID['p']}> <{ID['o']}> <{GRAPH_FACTS}> .\n"
    nq.write_bytes(nq.read_bytes() + marker.encode())
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    manifest["outputs"][nq.name] = hashlib.sha256(nq.read_bytes()).hexdigest()
    (tmp_path / MANIFEST).write_text(json.dumps(manifest))
    assert is_current(project, tmp_path)
    assert (ID["marker"], ID["p"], ID["o"]) in load_dataset(project, tmp_path).graph(GRAPH_FACTS)


def test_load_dataset_rebuilds_when_an_input_changed(project: Project, tmp_path: Path) -> None:
    build(tmp_path, project=project)
    edit(project.article_files[0], 'rdfs:label "Spain"@en', 'rdfs:label "Kingdom of Spain"@en')
    assert not is_current(project, tmp_path)
    facts = load_dataset(project, tmp_path).graph(GRAPH_FACTS)
    assert "Kingdom of Spain" in {str(o) for o in facts.objects()}


def test_a_tampered_output_is_not_current(project: Project, tmp_path: Path) -> None:
    build(tmp_path, project=project)
    (tmp_path / "ingenium.ttl").write_text("tampered")
    assert not is_current(project, tmp_path)
    assert not is_current(project, tmp_path / "nowhere")


def test_check_runs_the_quote_check_only_on_project_data(project: Project) -> None:
    edit(project.article_files[0], "oa:start 0 ;", "oa:start 1 ;")
    assert not check(project).conforms
    # the same files given explicitly are validated as data only
    assert check(project, data=project.article_files).conforms


def test_exports_from_a_reused_dist_match_the_built_files(project: Project, tmp_path: Path) -> None:
    build(tmp_path, project=project)
    assert is_current(project, tmp_path)
    reused = load_dataset(project, tmp_path)
    for fmt in ExportFormat:
        for inferred in (False, True):
            path = tmp_path / export_name(fmt, inferred=inferred)
            assert export(reused, fmt, inferred=inferred) == path.read_bytes(), path.name
