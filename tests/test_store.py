"""The store written in a thread of its own: the same quads as given, and its failures reported."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from ingenium_kg.errors import ExportError
from ingenium_kg.stages.store import StoreWriter

GRAPH = ox.NamedNode("https://example.org/graph")
QUADS = [
    ox.Quad(ox.NamedNode(f"https://example.org/{n}"), ox.NamedNode("https://example.org/p"), value)
    for n, value in enumerate(
        [
            ox.Literal(
                "7200000.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
            ),
            ox.Literal("Université", language="fr"),
            ox.Literal('a "quoted"\\nline'),
            ox.NamedNode("https://example.org/o"),
        ]
    )
] + [
    ox.Quad(
        ox.NamedNode("https://example.org/s"),
        ox.NamedNode("https://example.org/p"),
        ox.Literal("g"),
        GRAPH,
    )
]


def test_the_store_holds_the_quads_given_and_nothing_is_left_beside_it(tmp_path: Path) -> None:
    writer = StoreWriter(tmp_path / "store", iter(QUADS))
    writer.start()
    writer.wait()
    assert writer.quads == len(QUADS)
    store = ox.Store.read_only(str(tmp_path / "store"))
    assert set(store) == set(QUADS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_a_store_that_cannot_be_created_fails_when_waited_for(tmp_path: Path) -> None:
    (tmp_path / "store").write_text("a file where the store's folder goes")
    writer = StoreWriter(tmp_path / "store", QUADS)
    writer.start()
    with pytest.raises(ExportError, match="store: cannot write the store"):
        writer.wait()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]  # the staged quads removed


def test_quads_that_cannot_be_staged_fail_at_once(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"store\.nq: cannot write"):
        StoreWriter(tmp_path / "missing" / "store", QUADS)


def test_a_writer_never_started_leaves_nothing_when_closed(tmp_path: Path) -> None:
    StoreWriter(tmp_path / "store", QUADS).close()  # as when a build is interrupted at once
    assert list(tmp_path.iterdir()) == []
