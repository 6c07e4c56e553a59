"""What a build writes into its folder besides the manifest: the exports, the store, the side
files (report, JSON-LD context, SSSOM, shapes, the quoted texts) and the publication pages
(the ontology's documentation, the VoID/DCAT description). The pipeline decides when; this
module knows what each file holds."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from itertools import chain
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from .builds import hold
from .dataset import (
    MANIFEST,
    ONTOLOGY_HTML,
    SHAPES,
    SOURCES,
    STORE,
    BuiltDataset,
    Fingerprint,
    Manifest,
)
from .errors import SourceError
from .files import write_atomic
from .namespaces import INFERRED_GRAPH, LINKS_GRAPH, ONTOLOGY_IRI, PREFIXES
from .stages.documentation import OntologyPage
from .stages.export import (
    ExportFormat,
    description,
    export_file,
    export_name,
    merge_sorted,
    sort_quads,
    union_triples,
)
from .stages.graph import Assembly, in_graph
from .stages.sources import Project, read_text
from .stages.store import StoreWriter
from .stages.validation import Report, ReportFormat
from .terms import rdflib_graph

Stage = Callable[[str], AbstractContextManager[Any]]
"""Times one named stage (the pipeline's reporter); the block may set `.detail` on what it gives."""

REPORT_TTL = "validation-report.ttl"
REPORT_TXT = "validation-report.txt"
CONTEXT = "context.jsonld"
SSSOM = "ingenium.sssom.tsv"
VOID = "void.ttl"
PUBLIC_BASE = "https://w3id.org/ingenium-kg/"
"""Where the published pages say the dataset lives (the persistent IRIs `serve` answers for)."""


def publication_pages(folder: Path, manifest: Manifest, page: OntologyPage) -> list[Path]:
    """The ontology's documentation (`page`, made beside the build) and the dataset's VoID/DCAT
    description.

    The description is counted from the written store by the server's own code, so `dist/` and
    `serve` publish the same thing.
    """
    from .web.void import dataset_description

    dataset = BuiltDataset(folder, manifest, ox.Store.read_only(str(folder / STORE)))
    try:
        void = dataset_description(dataset, PUBLIC_BASE)
    finally:  # the store closed before the folder is installed or removed
        del dataset
    pages = {
        ONTOLOGY_HTML: page.result(),
        VOID: ox.serialize(void, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b"",
    }
    for name, data in pages.items():
        write_atomic(folder / name, data)
    return [folder / name for name in pages]


def ontology_page(project: Project, inputs: Fingerprint, previous: Path) -> OntologyPage:
    """The ontology's documentation, started now: the previous build's page when the ontology
    file and the code are unchanged since (as `make` would), else pyLODE's."""
    source = project.relative(project.ontology_file)
    try:
        with hold(previous) as held:  # the page and the manifest of one build
            before = Manifest.read(held.folder / MANIFEST)
            if (
                before.inputs.get(source) == inputs.inputs.get(source)
                and before.code == inputs.code
            ):
                made = (held.folder / ONTOLOGY_HTML).read_bytes()
                return OntologyPage(project.ontology_file, made=made)
    except (SourceError, OSError):
        pass  # no earlier build, or one without the page: make it
    return OntologyPage(project.ontology_file)


def start_store(
    folder: Path, assembly: Assembly, inferred: list[ox.Triple], ontology: list[ox.Triple]
) -> StoreWriter:
    """The build's store (every graph, the inferences, the ontology), staged now, to be loaded
    in a thread of its own while the build validates on the other core."""
    graphs = {**dict(assembly.graphs()), INFERRED_GRAPH: inferred, ONTOLOGY_IRI: ontology}
    return StoreWriter(folder / STORE, graphs, assembly.excerpts)


def write_outputs(
    folder: Path,
    stage: Stage,
    assembly: Assembly,
    inferred: list[ox.Triple],
    ontology: list[ox.Triple],
    report: Report,
    counts: dict[str, int],
    excerpts: int,
) -> list[Path]:
    """The exports and the side files of one build, in `folder`."""
    from .stages.jsonld import context_document, context_from_ontology
    from .wikidata.sssom import sssom_tsv

    asserted_counts = {k: v for k, v in counts.items() if k != INFERRED_GRAPH and v}
    with stage("sort") as step:  # sorted once; each family of exports merges what it holds
        asserted = sort_quads(assembly.quads())
        inferred_quads = sort_quads(in_graph(inferred, INFERRED_GRAPH))
        context = context_from_ontology(ontology)
        step.detail = f"{len(asserted) + len(inferred_quads)} quads"

    def selection(with_inferred: bool) -> list[ox.Quad]:
        """What one family of exports holds, made when it is written: the two are never in
        memory at once (at a million triples each is hundreds of megabytes)."""
        graphs = (
            {**asserted_counts, INFERRED_GRAPH: len(inferred)} if with_inferred else asserted_counts
        )
        head = in_default_graph(description(graphs, excerpts=excerpts))
        return merge_sorted(asserted, inferred_quads if with_inferred else [], head=head)

    written = _exports(folder, stage, selection, context)
    with stage("report, context, mappings"):
        side_files = {
            REPORT_TTL: report.render(ReportFormat.TURTLE).encode("utf-8"),
            REPORT_TXT: report.render(ReportFormat.TEXT).encode("utf-8"),
            CONTEXT: context_document(context),
            SSSOM: sssom_tsv(_linked(assembly)).encode("utf-8"),
        }
        for name, data in side_files.items():
            write_atomic(folder / name, data)
            written.append(folder / name)
    return written


def _exports(
    folder: Path, stage: Stage, selection: Callable[[bool], list[ox.Quad]], context: dict[str, Any]
) -> list[Path]:
    """Each format of each family of exports (the facts; the facts and inferences): first the
    formats with one graph, from the union's triples worked out once, then those with graphs."""
    written: list[Path] = []

    def write(
        fmt: ExportFormat, inferred: bool, quads: list[ox.Quad], triples: list[ox.Triple] | None
    ) -> None:
        name = export_name(fmt, inferred=inferred)
        with stage(f"export {name}") as step:  # into a new folder, installed whole
            size = export_file(folder / name, quads, fmt, context=context, triples=triples)
            step.detail = f"{size:,} bytes"
        written.append(folder / name)

    for with_inferred in (False, True):
        with stage("select facts and inferences" if with_inferred else "select facts"):
            quads = selection(with_inferred)
            triples = union_triples(quads)
        for fmt in ExportFormat:
            if not fmt.is_dataset:
                write(fmt, with_inferred, quads, triples)
        del triples  # not held beside the JSON-LD writer's own memory
        for fmt in ExportFormat:
            if fmt.is_dataset:
                write(fmt, with_inferred, quads, None)
        del quads
    return written


def shapes_file(folder: Path, project: Project) -> Path:
    """The shapes the build validated with, as written (served at /shapes)."""
    write_atomic(folder / SHAPES, read_text(project.shapes_file).encode("utf-8"))
    return folder / SHAPES


def source_texts(folder: Path, assembly: Assembly, project: Project) -> list[Path]:
    """The texts the excerpts quote (every `ikg:textFile`), copied under sources/, so readers
    such as the server can show each quote in its sentence without reaching back to data/."""
    text_file = PREFIXES["ikg"] + "textFile"
    names = sorted({t.object.value for t in assembly.provenance if t.predicate.value == text_file})
    (folder / SOURCES).mkdir()
    copies = []
    for name in names:
        copy = folder / SOURCES / Path(name).name
        write_atomic(copy, read_text(project.root / name).encode("utf-8"))
        copies.append(copy)
    return copies


def in_default_graph(triples: Iterable[ox.Triple]) -> Iterator[ox.Quad]:
    """The triples as quads of the default graph (a third faster than naming it for each)."""
    return (ox.Quad(*triple) for triple in triples)


def _linked(assembly: Assembly) -> Graph:
    """What the mapping set reads, as rdflib: the entities linked to Wikidata with their facts
    and links, and the links graph's own description (when the links were reviewed). At a
    million triples the whole links graph with its entities' facts took seconds to convert."""
    from .wikidata.linking import LINK

    described = {t.subject for t in assembly.links if t.predicate.value == str(LINK)}
    described.add(ox.NamedNode(LINKS_GRAPH))
    return rdflib_graph(t for t in chain(assembly.links, assembly.facts) if t.subject in described)
