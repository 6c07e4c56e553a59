"""Exports: every format parses back (rdflib and pyoxigraph) to what it says it holds, in a
deterministic byte order; writes are atomic."""

import os
import random
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyld import jsonld
from rdflib import Dataset

from ingenium_kg.dataset import BuiltDataset
from ingenium_kg.errors import ExportError
from ingenium_kg.files import write_atomic
from ingenium_kg.namespaces import DATASET_IRI
from ingenium_kg.stages.export import ExportFormat, export, export_name, merge_sorted, sort_quads
from ingenium_kg.terms import to_ox

RDFLIB_FORMATS = {
    ExportFormat.TURTLE: "turtle",
    ExportFormat.NT: "nt",
    ExportFormat.XML: "xml",
    ExportFormat.JSON_LD: "json-ld",
    ExportFormat.TRIG: "trig",
    ExportFormat.NQUADS: "nquads",
}
CASES = [(fmt, inferred) for fmt in ExportFormat for inferred in (False, True)]


def _expected(dataset: BuiltDataset, fmt: ExportFormat, inferred: bool) -> set[str]:
    """What the file must hold: the canonical N-Quads, merged into one graph where needed."""
    nq = dataset.export_bytes(export_name(ExportFormat.NQUADS, inferred=inferred))
    quads = ox.parse(nq, format=ox.RdfFormat.N_QUADS)
    if fmt.is_dataset:
        return {str(q) for q in quads}
    return {str(q.triple) for q in quads}


@pytest.mark.parametrize(("fmt", "inferred"), CASES)
def test_every_export_parses_back_with_rdflib(
    built_fixture: BuiltDataset, fmt: ExportFormat, inferred: bool
) -> None:
    data = built_fixture.export_bytes(export_name(fmt, inferred=inferred))
    parsed = Dataset(default_union=False)
    parsed.parse(data=data, format=RDFLIB_FORMATS[fmt])
    found = set()
    for s, p, o, g in parsed.quads((None, None, None, None)):
        triple = ox.Triple(to_ox(s), to_ox(p), to_ox(o))  # type: ignore[arg-type]
        default = g is None or str(g) == "urn:x-rdflib:default"
        graph = ox.DefaultGraph() if default else ox.NamedNode(str(g))
        found.add(str(ox.Quad(*triple, graph)) if fmt.is_dataset else str(triple))
    assert found == _expected(built_fixture, fmt, inferred)


def test_json_ld_parses_back_with_pyld_too(built_fixture: BuiltDataset) -> None:
    import json

    document = json.loads(built_fixture.export_bytes("ingenium.jsonld"))
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    found = {str(q) for q in ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS)}
    assert found == _expected(built_fixture, ExportFormat.JSON_LD, False)


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_the_bytes_do_not_depend_on_the_order_quads_come_in(
    built_fixture: BuiltDataset, fmt: ExportFormat
) -> None:
    nq = built_fixture.export_bytes("ingenium.nq")
    quads = list(ox.parse(nq, format=ox.RdfFormat.N_QUADS))
    context = __import__("json").loads(built_fixture.export_bytes("context.jsonld"))["@context"]
    shuffled = quads[:]
    random.Random(7).shuffle(shuffled)
    first = export(sort_quads(quads), fmt, context=context)
    assert export(sort_quads(shuffled), fmt, context=context) == first
    assert first == built_fixture.export_bytes(export_name(fmt, inferred=False))


def test_merging_sorted_quads_is_sorting_them_all(built_fixture: BuiltDataset) -> None:
    quads = list(
        ox.parse(built_fixture.export_bytes("ingenium-inferred.nq"), format=ox.RdfFormat.N_QUADS)
    )
    random.Random(3).shuffle(quads)
    first, second, head = quads[: len(quads) // 2], quads[len(quads) // 2 : -5], quads[-5:]
    merged = merge_sorted(sort_quads(first), sort_quads(second), head=head)
    assert merged == sort_quads(quads)
    assert merge_sorted(sort_quads(first), [], head=head) == sort_quads([*first, *head])


def test_nquads_are_sorted_lines_and_describe_themselves(built_fixture: BuiltDataset) -> None:
    lines = built_fixture.export_bytes("ingenium.nq").decode().splitlines()
    assert lines == sorted(lines)
    assert any(line.startswith(f"<{DATASET_IRI}> ") for line in lines)


def test_lexical_forms_are_kept_as_written(built: BuiltDataset) -> None:
    turtle = built.export_bytes("ingenium.ttl").decode()
    assert '"7200000"^^xsd:decimal' in turtle
    assert "P2Y" in turtle


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
