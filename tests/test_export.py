import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyld import jsonld
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import DCTERMS, RDF, VOID, XSD

from ingenium_kg.build.export import (
    ExportFormat,
    context,
    context_from_prefixes,
    export,
    export_dataset,
    write_atomic,
)
from ingenium_kg.build.sources import Project
from ingenium_kg.errors import ExportError
from ingenium_kg.namespaces import (
    DATASET,
    GRAPH_FACTS,
    GRAPH_INFERRED,
    GRAPH_PROVENANCE,
)
from ingenium_kg.pipeline import load
from ingenium_kg.terms import from_ox, ox_quads
from kg_helpers import FIXTURE

RDFLIB_FORMATS = {
    ExportFormat.TURTLE: "turtle",
    ExportFormat.NT: "nt",
    ExportFormat.XML: "xml",
    ExportFormat.JSON_LD: "json-ld",
    ExportFormat.TRIG: "trig",
    ExportFormat.NQUADS: "nquads",
}
OX_FORMATS = {
    ExportFormat.TURTLE: ox.RdfFormat.TURTLE,
    ExportFormat.NT: ox.RdfFormat.N_TRIPLES,
    ExportFormat.XML: ox.RdfFormat.RDF_XML,
    ExportFormat.JSON_LD: ox.RdfFormat.JSON_LD,
    ExportFormat.TRIG: ox.RdfFormat.TRIG,
    ExportFormat.NQUADS: ox.RdfFormat.N_QUADS,
}


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load(Project(FIXTURE))


def _expected(dataset: Dataset, fmt: ExportFormat, inferred: bool) -> set[str]:
    """The selected graphs (and description) as N-Quads lines; merged for single-graph formats."""
    selection = export_dataset(dataset, inferred=inferred)
    keep_graphs = fmt.is_dataset
    quads = ((s, p, o, g if keep_graphs else None) for s, p, o, g in selection.quads())
    return {str(q) for q in ox_quads(quads)}


def _lines(quads: object) -> set[str]:
    return {str(q) for q in ox_quads(quads)}  # type: ignore[arg-type]


CASES = [(fmt, inferred) for fmt in ExportFormat for inferred in (False, True)]


@pytest.mark.parametrize(("fmt", "inferred"), CASES)
def test_rdflib_reads_back_the_selected_graphs(
    dataset: Dataset, fmt: ExportFormat, inferred: bool
) -> None:
    data = export(dataset, fmt, inferred=inferred)
    parsed = Dataset(default_union=False)
    parsed.parse(data=data, format=RDFLIB_FORMATS[fmt])
    quads = ((s, p, o, g if fmt.is_dataset else None) for s, p, o, g in parsed.quads())
    assert _lines(quads) == _expected(dataset, fmt, inferred)


@pytest.mark.parametrize(("fmt", "inferred"), CASES)
def test_pyoxigraph_reads_back_the_selected_graphs(
    dataset: Dataset, fmt: ExportFormat, inferred: bool
) -> None:
    data = export(dataset, fmt, inferred=inferred)
    parsed = ox.parse(data, format=OX_FORMATS[fmt])
    quads = (
        (
            from_ox(q.subject),
            from_ox(q.predicate),
            from_ox(q.object),
            from_ox(q.graph_name) if fmt.is_dataset else None,
        )
        for q in parsed
    )
    assert _lines(quads) == _expected(dataset, fmt, inferred)


@pytest.mark.parametrize("inferred", [False, True])
def test_json_ld_expands_to_the_same_rdf_with_pyld(dataset: Dataset, inferred: bool) -> None:
    document = json.loads(export(dataset, ExportFormat.JSON_LD, inferred=inferred))
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    parsed = Dataset().parse(data=nquads, format="nquads")
    quads = ((s, p, o, None) for s, p, o, _ in parsed.quads())
    assert _lines(quads) == _expected(dataset, ExportFormat.JSON_LD, inferred)
    ids = [node["@id"] for node in document["@graph"]]
    assert ids == sorted(ids)
    assert document["@context"] == context()["@context"]


def test_every_export_describes_its_graphs(dataset: Dataset) -> None:
    for inferred in (False, True):
        graph = Graph().parse(data=export(dataset, ExportFormat.TURTLE, inferred=inferred))
        parts = set(graph.objects(DATASET, DCTERMS.hasPart))
        expected = {GRAPH_FACTS, GRAPH_PROVENANCE} | ({GRAPH_INFERRED} if inferred else set())
        assert parts == expected
        count = Literal(len(dataset.graph(GRAPH_FACTS)), datatype=XSD.integer)
        assert graph.value(GRAPH_FACTS, VOID.triples) == count
        assert (DATASET, RDF.type, VOID.Dataset) in graph
        assert graph.value(DATASET, DCTERMS.license) is not None
    trig = Dataset().parse(data=export(dataset, ExportFormat.TRIG, inferred=False), format="trig")
    assert (DATASET, RDF.type, VOID.Dataset) in trig.default_graph


def test_asserted_exports_hold_no_inferred_triples(dataset: Dataset) -> None:
    data = export(dataset, ExportFormat.NQUADS, inferred=False).decode()
    assert str(GRAPH_INFERRED) not in data
    assert len(dataset.graph(GRAPH_INFERRED)) > 0


def test_shipped_context_is_generated_from_the_prefixes() -> None:
    assert context() == context_from_prefixes()


def test_nquads_are_sorted_lines(dataset: Dataset) -> None:
    lines = export(dataset, ExportFormat.NQUADS).decode().splitlines()
    assert lines == sorted(lines)


def _export_process(fmt: ExportFormat, inferred: bool, seed: str) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-m", "ingenium_kg", "export", "--format", fmt.value]
    env = {**os.environ, "INGENIUM_KG_ROOT": str(FIXTURE), "PYTHONHASHSEED": seed}
    return subprocess.Popen(
        [*args, *(["--inferred"] if inferred else [])],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_exports_are_byte_identical_across_processes() -> None:
    running = {
        (fmt, inferred, seed): _export_process(fmt, inferred, seed)
        for fmt, inferred in CASES
        for seed in ("1", "4242")
    }
    outputs = {}
    for key, process in running.items():
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err.decode()
        outputs[key] = out
    for fmt, inferred in CASES:
        first, second = outputs[(fmt, inferred, "1")], outputs[(fmt, inferred, "4242")]
        assert first, (fmt, inferred)
        assert first == second, f"{fmt.value} inferred={inferred} differs between processes"


def test_write_atomic_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ttl"]


def test_written_files_are_readable_like_any_new_file(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        write_atomic(tmp_path / "out.ttl", b"x")
    finally:
        os.umask(previous)
    assert (tmp_path / "out.ttl").stat().st_mode & 0o777 == 0o644


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.ttl"
    target.write_bytes(b"old")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(ExportError, match=r"out\.ttl: cannot write"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ttl"]


def test_write_atomic_into_a_missing_directory_is_an_export_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="cannot write"):
        write_atomic(tmp_path / "missing" / "out.ttl", b"x")
    assert not (tmp_path / "missing").exists()


def test_format_names_and_suffixes() -> None:
    assert [f.value for f in ExportFormat] == ["turtle", "json-ld", "nt", "trig", "nquads", "xml"]
    assert [f.suffix for f in ExportFormat] == [".ttl", ".jsonld", ".nt", ".trig", ".nq", ".rdf"]
