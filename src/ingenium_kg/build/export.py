"""Byte-stable serialisations of the dataset, and atomic file writes.

Determinism across processes is the point: the same inputs must give the same bytes in every
format. rdflib's N-Triples and RDF/XML writers follow hash order, so those go through pyoxigraph
fed sorted quads; N-Quads is canonical RDF (RDFC-1.0, lines sorted); JSON-LD is built by pyld from
that canonical N-Quads, compacted with the shipped context, and dumped with sorted keys. Turtle
and TriG use rdflib, whose writers sort subjects and predicates (tested across hash seeds).
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID, XSD

from ..errors import ExportError
from ..namespaces import ARTICLE, DATASET, GRAPH_INFERRED, ID, PREFIXES
from ..terms import ox_quads
from .graph import ALL_GRAPHS, new_dataset

LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
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
        """Whether the format keeps named graphs (else everything is merged into one graph)."""
        return self in (ExportFormat.TRIG, ExportFormat.NQUADS)


_SUFFIXES = {
    ExportFormat.TURTLE: ".ttl",
    ExportFormat.JSON_LD: ".jsonld",
    ExportFormat.NT: ".nt",
    ExportFormat.TRIG: ".trig",
    ExportFormat.NQUADS: ".nq",
    ExportFormat.XML: ".rdf",
}


def context_bytes() -> bytes:
    """The JSON-LD context file shipped with the package (our prefixes, nothing else)."""
    return resources.files(__package__).joinpath("context.jsonld").read_bytes()


def context() -> dict[str, Any]:
    """The shipped JSON-LD context, parsed."""
    return json.loads(context_bytes())  # type: ignore[no-any-return]


def context_from_prefixes() -> dict[str, Any]:
    """The context `context.jsonld` must equal: one entry per prefix, in PREFIXES order."""
    return {"@context": dict(PREFIXES)}


def selected_graphs(dataset: Dataset, *, inferred: bool) -> tuple[URIRef, ...]:
    """The named graphs an export holds: every non-empty data graph, plus inferred if asked."""
    return tuple(
        name
        for name in ALL_GRAPHS
        if len(dataset.graph(name)) and (inferred or name != GRAPH_INFERRED)
    )


def description(dataset: Dataset, graphs: tuple[URIRef, ...]) -> Graph:
    """The VoID/DCAT description every export carries: what it is and which graphs it holds."""
    desc = Graph(bind_namespaces="none")
    desc.add((DATASET, RDF.type, VOID.Dataset))
    desc.add((DATASET, RDF.type, DCAT.Dataset))
    desc.add((DATASET, DCTERMS.title, Literal(TITLE, lang="en")))
    desc.add((DATASET, DCTERMS.source, ARTICLE))
    desc.add((DATASET, DCTERMS.license, LICENSE))
    for name in graphs:
        desc.add((DATASET, DCTERMS.hasPart, name))
        desc.add((name, VOID.triples, Literal(len(dataset.graph(name)), datatype=XSD.integer)))
    return desc


def export_dataset(dataset: Dataset, *, inferred: bool) -> Dataset:
    """What an export holds: the selected graphs, and the description in the default graph."""
    graphs = selected_graphs(dataset, inferred=inferred)
    out = new_dataset()
    for name in graphs:
        target = out.graph(name)
        for triple in dataset.graph(name):
            target.add(triple)
    for triple in description(dataset, graphs):
        out.default_graph.add(triple)
    return out


def export(dataset: Dataset, fmt: ExportFormat, *, inferred: bool = False) -> bytes:
    """The dataset serialised in `fmt`, byte-identical for identical content.

    :raises ExportError: when serialisation fails.
    """
    selection = export_dataset(dataset, inferred=inferred)
    try:
        if fmt is ExportFormat.TRIG:
            return _trig(selection)
        if fmt is ExportFormat.NQUADS:
            return canonical_nquads(selection)
        merged = _merged(selection)
        if fmt is ExportFormat.TURTLE:
            return merged.serialize(format="turtle", base=str(ID), encoding="utf-8")
        if fmt is ExportFormat.JSON_LD:
            return _jsonld(merged)
        return _oxigraph(merged, fmt)
    except ExportError:
        raise
    except Exception as exc:  # serialisers raise assorted types; callers need one
        raise ExportError(f"cannot serialise as {fmt.value}: {exc}") from exc


def _merged(selection: Dataset) -> Graph:
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    for s, p, o, _ in selection.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def _trig(selection: Dataset) -> bytes:
    """rdflib's TriG writer, with graphs in a fixed order (default first, then by IRI).

    rdflib lists graphs in store (hash) order, the one unstable part of its TriG output.
    """
    from rdflib.plugins.serializers.trig import TrigSerializer

    serializer = TrigSerializer(selection)
    unique = {context.identifier: context for context in serializer.contexts}
    default = serializer.default_context
    serializer.contexts = sorted(
        unique.values(), key=lambda c: (c.identifier != default, str(c.identifier))
    )
    stream = io.BytesIO()
    serializer.serialize(stream, base=str(ID), encoding="utf-8")
    return stream.getvalue()


def canonical_nquads(selection: Dataset) -> bytes:
    """RDFC-1.0 canonical N-Quads with lines sorted (the canonical form of RDF datasets)."""
    import pyoxigraph as ox

    data = ox.Dataset(ox_quads(selection.quads((None, None, None, None))))
    data.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    text = ox.serialize(data, format=ox.RdfFormat.N_QUADS)
    assert text is not None  # serialize returns bytes when no output is given
    lines = sorted(line for line in text.decode("utf-8").splitlines() if line)
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def _oxigraph(graph: Graph, fmt: ExportFormat) -> bytes:
    import pyoxigraph as ox

    triples = [q.triple for q in ox_quads((s, p, o, None) for s, p, o in graph)]
    if fmt is ExportFormat.NT:
        out = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    else:
        out = ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=dict(PREFIXES))
    assert out is not None
    return out


def _jsonld(graph: Graph) -> bytes:
    from pyld import jsonld

    nquads = canonical_nquads(_as_dataset(graph)).decode("utf-8")
    expanded = jsonld.from_rdf(nquads, {"format": "application/n-quads"})
    compacted: dict[str, Any] = jsonld.compact(expanded, context())
    if "@graph" in compacted:
        compacted["@graph"] = sorted(compacted["@graph"], key=lambda node: node.get("@id", ""))
    return (json.dumps(compacted, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()


def _as_dataset(graph: Graph) -> Dataset:
    dataset = new_dataset()
    for triple in graph:
        dataset.default_graph.add(triple)
    return dataset


def _default_mode() -> int:
    """The mode a plain `open()` would give a new file under the current umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a failure leaves the old file (or no file), never a part.

    :raises ExportError: when the directory is missing or the file cannot be written.
    """
    folder = path.parent
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); an export is meant to be read like any file
        Path(temp).chmod(_default_mode())
        Path(temp).replace(path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise ExportError(f"{path}: cannot write ({exc.strerror})") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
