"""Byte-stable serialisations of the dataset, straight from pyoxigraph's writers, and atomic writes.

Determinism is the point: the same inputs give the same bytes in every format, so a release can
be reviewed as a diff. Every writer is fed quads sorted by their N-Quads form, which also makes
N-Quads canonical (the data holds no blank nodes, so sorted lines are its RDFC-1.0 form). Formats
with named graphs (TriG, N-Quads, JSON-LD) keep every graph; the single-graph formats (Turtle,
N-Triples, RDF/XML) hold their union. Each export carries a VoID/DCAT description of itself in the
default graph, saying which graphs it holds and how many triples each has.

Sorting is the only super-linear step (n log n, in C); everything else is one pass.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ExportError
from ..namespaces import ARTICLE_IRI, DATASET_IRI, PREFIXES

if TYPE_CHECKING:
    import pyoxigraph as ox

LICENSE = "https://creativecommons.org/licenses/by/4.0/"
TITLE = "INGENIUM knowledge graph"


class ExportFormat(Enum):
    """The serialisations `export` writes; the value is the CLI name."""

    TURTLE = "turtle"
    JSON_LD = "json-ld"
    NT = "nt"
    TRIG = "trig"
    NQUADS = "nquads"
    XML = "xml"

    @property
    def suffix(self) -> str:
        return _SUFFIXES[self]

    @property
    def is_dataset(self) -> bool:
        """Whether the format keeps named graphs (else every graph is merged into one)."""
        return self in (ExportFormat.TRIG, ExportFormat.NQUADS, ExportFormat.JSON_LD)


_SUFFIXES = {
    ExportFormat.TURTLE: ".ttl",
    ExportFormat.JSON_LD: ".jsonld",
    ExportFormat.NT: ".nt",
    ExportFormat.TRIG: ".trig",
    ExportFormat.NQUADS: ".nq",
    ExportFormat.XML: ".rdf",
}


def export_name(fmt: ExportFormat, *, inferred: bool) -> str:
    """`ingenium.ttl`, `ingenium-inferred.nq`, ...: the file `build` writes for `fmt`."""
    return ("ingenium-inferred" if inferred else "ingenium") + fmt.suffix


def description(counts: Mapping[str, int], *, excerpts: int) -> list[ox.Triple]:
    """The VoID/DCAT description an export carries: what it is, which graphs it holds.

    `counts` maps each main named graph's IRI to its triple count; `excerpts` is the number of
    excerpt graphs (each described in graph/provenance rather than listed here one by one).
    """
    import pyoxigraph as ox

    def iri(prefix: str, local: str) -> ox.NamedNode:
        return ox.NamedNode(PREFIXES[prefix] + local)

    dataset = ox.NamedNode(DATASET_IRI)
    integer = iri("xsd", "integer")
    triples = [
        ox.Triple(dataset, iri("rdf", "type"), iri("void", "Dataset")),
        ox.Triple(dataset, iri("rdf", "type"), iri("dcat", "Dataset")),
        ox.Triple(dataset, iri("dcterms", "title"), ox.Literal(TITLE, language="en")),
        ox.Triple(dataset, iri("dcterms", "source"), ox.NamedNode(ARTICLE_IRI)),
        ox.Triple(dataset, iri("dcterms", "license"), ox.NamedNode(LICENSE)),
        ox.Triple(
            dataset, iri("ikg", "excerptGraphs"), ox.Literal(str(excerpts), datatype=integer)
        ),
    ]
    for name, count in counts.items():
        graph = ox.NamedNode(name)
        triples.append(ox.Triple(dataset, iri("dcterms", "hasPart"), graph))
        triples.append(
            ox.Triple(graph, iri("void", "triples"), ox.Literal(str(count), datatype=integer))
        )
    return triples


def sort_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Quads in the one order every writer sees: by their N-Quads line."""
    return sorted(quads, key=str)


def merge_sorted(
    first: Sequence[ox.Quad], second: Sequence[ox.Quad], *, head: Iterable[ox.Quad] = ()
) -> list[ox.Quad]:
    """Two lists in `sort_quads` order, and a few more quads (`head`), as one list in that
    order: what `sort_quads` of them all gives, without sorting a million quads again."""
    merged = list(heapq.merge(first, second, key=str)) if second else list(first)
    for quad in head:
        bisect.insort(merged, quad, key=str)
    return merged


def union_triples(quads: Sequence[ox.Quad]) -> list[ox.Triple]:
    """What the formats with one graph hold: the triples of every graph of `quads`, each once,
    sorted by its N-Triples line. Worked out once for the three of them by a caller that has
    them all to write (at a million triples it takes seconds)."""
    return sorted(dict.fromkeys(q.triple for q in quads), key=str)


def export(
    quads: Sequence[ox.Quad], fmt: ExportFormat, *, context: Mapping[str, Any] | None = None
) -> bytes:
    """`quads` (sorted by `sort_quads`, description included) serialised in `fmt`.

    JSON-LD needs the `context` generated from the ontology.

    :raises ExportError: when serialisation fails.
    """
    return _export(quads, fmt, context, None, output=None) or b""


def export_file(
    path: Path,
    quads: Sequence[ox.Quad],
    fmt: ExportFormat,
    *,
    context: Mapping[str, Any] | None = None,
    triples: Sequence[ox.Triple] | None = None,
) -> int:
    """`export` written straight into `path` by the engine (no copy of a large export is held
    in memory); the file's size. A format with one graph writes `triples`, the quads'
    `union_triples` when the caller has them.

    :raises ExportError: when serialisation or writing fails.
    """
    data = _export(quads, fmt, context, triples, output=path)
    if data is not None:  # JSON-LD is made in memory by our own writer
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise ExportError(f"{path}: cannot write ({exc.strerror})") from None
    return path.stat().st_size


def _export(
    quads: Sequence[ox.Quad],
    fmt: ExportFormat,
    context: Mapping[str, Any] | None,
    triples: Sequence[ox.Triple] | None,
    output: Path | None,
) -> bytes | None:
    import pyoxigraph as ox

    try:
        if fmt is ExportFormat.JSON_LD:
            from .jsonld import write_jsonld

            return write_jsonld(quads, dict(context or {}))
        if fmt is ExportFormat.NQUADS:
            return _serialise(quads, ox.RdfFormat.N_QUADS, None, output)
        if fmt is ExportFormat.TRIG:
            return _serialise(quads, ox.RdfFormat.TRIG, PREFIXES, output)
        triples = union_triples(quads) if triples is None else triples
        if fmt is ExportFormat.TURTLE:
            return _serialise(triples, ox.RdfFormat.TURTLE, PREFIXES, output)
        if fmt is ExportFormat.NT:
            return _serialise(triples, ox.RdfFormat.N_TRIPLES, None, output)
        return _serialise(triples, ox.RdfFormat.RDF_XML, PREFIXES, output)
    except (ValueError, SyntaxError, OSError) as exc:  # what pyoxigraph's writers raise
        raise ExportError(f"cannot serialise as {fmt.value}: {exc}") from exc


def _serialise(
    items: Sequence[ox.Quad] | Sequence[ox.Triple],
    fmt: ox.RdfFormat,
    prefixes: Mapping[str, str] | None,
    output: Path | None,
) -> bytes | None:
    """The engine's serialisation, as bytes, or written into `output` (then None)."""
    import pyoxigraph as ox

    chosen = dict(prefixes) if prefixes else None
    if output is not None:
        ox.serialize(items, str(output), format=fmt, prefixes=chosen)
        return None
    out = ox.serialize(items, format=fmt, prefixes=chosen)
    assert out is not None  # serialize returns bytes when given no output
    return out
