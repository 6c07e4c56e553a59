"""Readers and builds at once: a reader sees one whole build, keeps it while it reads it, and
a build removes only the old builds no reader holds (`builds`)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

from ingenium_kg.builds import builds_folder
from ingenium_kg.dataset import MANIFEST, BuiltDataset, open_current
from ingenium_kg.errors import SourceError
from ingenium_kg.namespaces import FACTS_GRAPH
from ingenium_kg.pipeline import build
from ingenium_kg.stages.sources import Project
from kg_helpers import FIXTURE, edit, left_beside

_BUILDS = """
import sys
from pathlib import Path
from ingenium_kg.pipeline import build
from ingenium_kg.stages.sources import Project

out, count, roots = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
for number in range(count):
    build(out, project=Project(Path(roots[number % len(roots)])))
"""
"""Builds `out` COUNT times, from each project ROOT in turn."""

_SPAIN = '"Espagne"@fr .'


def _one_more_fact(root: Path) -> Project:
    """A copy of the fixture project with one more fact (a third label of Spain)."""
    shutil.copytree(FIXTURE, root)
    edit(root / "data" / "article" / "x.trig", _SPAIN, '"Espagne"@fr, "España"@es .')
    return Project(root)


def _facts_of_one_build(dataset: BuiltDataset) -> int:
    """The build's facts, counted in its manifest, its store and its N-Quads export: the three
    agree when they are of one build."""
    stored = sum(1 for _ in dataset.quads(FACTS_GRAPH))
    nquads = ox.parse(dataset.export_bytes("ingenium.nq"), format=ox.RdfFormat.N_QUADS)
    exported = sum(1 for q in nquads if q.graph_name == ox.NamedNode(FACTS_GRAPH))
    assert dataset.manifest.counts[FACTS_GRAPH] == stored == exported
    return stored


def test_readers_see_one_whole_build_while_another_process_replaces_it(tmp_path: Path) -> None:
    """Before builds had folders of their own, such readers failed with `Sst file size
    mismatch`, `no build here`, or a manifest of one build over the store of the other."""
    first = Project(tmp_path / "first")
    shutil.copytree(FIXTURE, first.root)
    second = _one_more_fact(tmp_path / "second")
    out = tmp_path / "dist"
    build(out, project=first)
    builder = subprocess.Popen(
        [sys.executable, "-c", _BUILDS, str(out), "16", str(second.root), str(first.root)]
    )
    seen: list[int] = []
    failures: list[BaseException] = []

    def read() -> None:
        while builder.poll() is None:
            try:
                seen.append(_facts_of_one_build(BuiltDataset.open(out)))
                current = open_current(first, out)  # checked and opened: the same build
                if current is not None:
                    assert _facts_of_one_build(current) == 20
            except BaseException as exc:
                failures.append(exc)
                return

    readers = [threading.Thread(target=read) for _ in range(2)]
    for reader in readers:
        reader.start()
    try:
        assert builder.wait(timeout=120) == 0
    finally:
        builder.kill()
        for reader in readers:
            reader.join()
    assert failures == []
    assert set(seen) == {20, 21}  # the readers did read while builds were replacing dist
    build(out, project=first)
    assert left_beside(out) == []  # readers gone, the next build leaves only itself


def test_a_reader_keeps_its_build_until_it_lets_it_go(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    build(out, project=project)
    kept = BuiltDataset.open(out)
    edit(project.article_files[0], _SPAIN, '"Espagne"@fr, "España"@es .')
    build(out, project=project)
    build(out, project=project)
    assert kept.files.is_dir() and kept.files != out.resolve()
    assert kept.folder == out  # messages still name dist/
    assert _facts_of_one_build(kept) == 20
    assert b'"Espa\\u00F1a"@es' not in kept.export_bytes("ingenium.nt")  # the build it opened
    assert left_beside(out) == [f".dist.builds/{kept.files.name}"]  # the one between: removed
    folder = kept.files
    del kept
    build(out, project=project)
    assert not folder.exists()
    assert left_beside(out) == []
    assert _facts_of_one_build(BuiltDataset.open(out)) == 21


def test_dist_is_a_relative_symlink_so_the_project_can_move(tmp_path: Path) -> None:
    out = tmp_path / "here" / "dist"
    build(out, project=Project(FIXTURE))
    assert out.readlink() == Path(".dist.builds", out.resolve().name)
    (tmp_path / "here").rename(tmp_path / "there")
    assert _facts_of_one_build(BuiltDataset.open(tmp_path / "there" / "dist")) == 20


def test_a_build_in_a_real_folder_is_moved_aside_by_the_next(
    project: Project, tmp_path: Path
) -> None:
    """dist/ as builds wrote it before they had folders of their own: the next build moves it
    among the builds (a reader holding it keeps it) and puts the symlink in its place."""
    out = tmp_path / "dist"
    build(out, project=project)
    shutil.copytree(out, tmp_path / "real")
    out.unlink()
    shutil.rmtree(builds_folder(out))
    (tmp_path / "real").rename(out)
    before = (out / MANIFEST).read_bytes()
    reader = BuiltDataset.open(out)
    build(out, project=project)
    assert out.is_symlink()
    (moved,) = left_beside(out)
    assert (tmp_path / moved / MANIFEST).read_bytes() == before
    assert _facts_of_one_build(reader) == 20
    del reader
    build(out, project=project)
    assert left_beside(out) == []


def test_an_empty_folder_is_replaced_and_a_file_refused(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    out.mkdir()
    build(out, project=project)
    assert out.is_symlink() and left_beside(out) == []
    file = tmp_path / "notes"
    file.write_text("mine")
    with pytest.raises(SourceError, match="not a directory; cannot build into it"):
        build(file, project=project)
    assert file.read_text() == "mine"
    assert not builds_folder(file).exists()
