"""The store written in a thread of its own: the same quads as given, and its failures reported."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from ingenium_kg.errors import ExportError
from ingenium_kg.stages.store import StoreWriter

EX = "https://example.org/"
VALUES = [
    ox.Literal("7200000.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
    ox.Literal("Université", language="fr"),
    ox.Literal('a line .\nthen "another" .'),  # what ends an N-Triples line, inside a literal
    ox.NamedNode(f"{EX}o"),
]
TRIPLES = [
    ox.Triple(ox.NamedNode(f"{EX}{n}"), ox.NamedNode(f"{EX}p"), value)
    for n, value in enumerate(VALUES)
]
GRAPHS = {f"{EX}graph/a": TRIPLES, f"{EX}graph/b": TRIPLES[:2], f"{EX}graph/empty": []}
QUADS = [ox.Quad(ox.NamedNode(f"{EX}s"), ox.NamedNode(f"{EX}p"), ox.Literal("q"), ox.NamedNode(EX))]


def test_the_store_holds_the_graphs_and_quads_given_and_nothing_else(tmp_path: Path) -> None:
    writer = StoreWriter(tmp_path / "store", GRAPHS, QUADS)
    writer.start()
    writer.wait()
    expected = {ox.Quad(*t, ox.NamedNode(g)) for g, triples in GRAPHS.items() for t in triples}
    expected |= set(QUADS)
    assert writer.quads == len(QUADS) + len(TRIPLES) + 2
    assert set(ox.Store.read_only(str(tmp_path / "store"))) == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]  # the staged data removed


def test_a_store_that_cannot_be_created_fails_when_waited_for(tmp_path: Path) -> None:
    (tmp_path / "store").write_text("a file where the store's folder goes")
    writer = StoreWriter(tmp_path / "store", GRAPHS, QUADS)
    writer.start()
    with pytest.raises(ExportError, match="store: cannot write the store"):
        writer.wait()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_data_that_cannot_be_staged_fails_at_once(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"store\.nq: cannot write"):
        StoreWriter(tmp_path / "missing" / "store", GRAPHS, QUADS)


def test_a_writer_never_started_leaves_nothing_when_closed(tmp_path: Path) -> None:
    StoreWriter(tmp_path / "store", GRAPHS, QUADS).close()  # as when a build is interrupted
    assert list(tmp_path.iterdir()) == []


def test_a_blank_node_of_two_graphs_stays_one_node(tmp_path: Path) -> None:
    """The loader relabels blank nodes (as any parse does) but keeps them shared: the ontology's
    restrictions and the inferences about them are the same nodes in the store."""
    node, p = ox.BlankNode("restriction"), ox.NamedNode(f"{EX}p")
    graphs = {f"{EX}ontology": [ox.Triple(node, p, ox.Literal("a"))]}
    graphs[f"{EX}inferred"] = [ox.Triple(ox.NamedNode(f"{EX}x"), p, node)]
    writer = StoreWriter(tmp_path / "store", graphs, [])
    writer.start()
    writer.wait()
    stored = list(ox.Store.read_only(str(tmp_path / "store")))
    assert len(stored) == 2
    assert len({q.subject for q in stored if isinstance(q.subject, ox.BlankNode)}) == 1
    assert {q.subject for q in stored if isinstance(q.subject, ox.BlankNode)} == {
        q.object for q in stored if isinstance(q.object, ox.BlankNode)
    }
