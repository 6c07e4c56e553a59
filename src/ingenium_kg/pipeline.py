"""The main job as one call (load -> quote check -> reasoning -> validation -> store -> exports),
and the one way readers get at its result (`open_dataset`).

Shared by the API, the CLI, the server and the benchmark so they never drift apart. A build
writes everything into a new folder of its own and then points dist/ at it in one rename
(`builds`), so an interrupted build leaves the previous one intact; `manifest.json` says what it
was built from, so `open_dataset` rebuilds only when an input or the code changed, like `make`.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .builds import Hold, discard, install, new_build
from .dataset import (
    MANIFEST,
    BuiltDataset,
    Fingerprint,
    Manifest,
    fingerprint,
    open_current,
    package_version,
)
from .errors import SourceError
from .files import write_atomic
from .namespaces import INFERRED_GRAPH, PREFIXES
from .outputs import (
    in_default_graph,
    ontology_page,
    publication_pages,
    shapes_file,
    source_texts,
    start_store,
    write_outputs,
)
from .stages.documentation import OntologyPage
from .stages.graph import Assembly, assemble, collector_paused, load_ontology, load_shapes
from .stages.quotes import check_quotes
from .stages.reasoning import entail
from .stages.sources import Project, parse_quads, read_text
from .stages.store import StoreWriter
from .stages.validation import Report, Severity, validate

Progress = Callable[[str, float, str], None]
"""Called after each stage with its name, how long it took in seconds, and what it counted."""


@dataclass(frozen=True)
class BuildResult:
    """What a build produced: the report, counts and timings, and the files it wrote."""

    folder: Path
    report: Report
    counts: dict[str, int]
    timings: dict[str, float]
    written: tuple[Path, ...] = field(default=())

    @property
    def valid(self) -> bool:
        """No violation (warnings alone leave a build valid and readable)."""
        return self.report.valid

    def open(self) -> BuiltDataset:
        """The build, opened read-only (even when it does not conform)."""
        return BuiltDataset.open(self.folder, allow_invalid=True)


@dataclass
class _Step:
    detail: str = ""
    """What the stage counted, for people watching (`819 facts, 412 excerpts`)."""


class _Stages:
    """Times each stage and reports it, so the CLI can show progress and the benchmark figures."""

    def __init__(self, on_stage: Progress | None) -> None:
        self.timings: dict[str, float] = {}
        self.on_stage = on_stage

    @contextmanager
    def __call__(self, name: str) -> Iterator[_Step]:
        start, step = time.perf_counter(), _Step()
        yield step
        self.timings[name] = elapsed = time.perf_counter() - start
        if self.on_stage is not None:
            self.on_stage(name, elapsed, step.detail)


def build(
    out: Path | None = None, *, project: Project | None = None, on_stage: Progress | None = None
) -> BuildResult:
    """Build the dataset into `out` (dist/): the store, every export, the report, the manifest.

    A build whose data does not conform is written all the same, marked so in its manifest, so
    `validate` and `--allow-invalid` readers can look at it; other readers refuse it.

    :raises SourceError: for missing or unparsable inputs, or a folder that is not a build;
        ExportError when writing fails. KeyboardInterrupt leaves the previous build intact.
    """
    project = project or Project()
    out = (out or project.dist_dir).absolute()
    _check_replaceable(out)
    stage = _Stages(on_stage)
    with collector_paused():  # every stage, not only those that pause it themselves
        with stage("fingerprint"):
            inputs = fingerprint(project)
            page = ontology_page(project, inputs, out)  # made beside the rest, on another core
        try:
            return _build(out, project, stage, inputs, page)
        finally:
            page.cancel()


def _build(
    out: Path, project: Project, stage: _Stages, inputs: Fingerprint, page: OntologyPage
) -> BuildResult:
    """`build`'s stages, with the ontology's page started."""
    with stage("load") as step:
        ontology = load_ontology(project)
        shapes = load_shapes(project)
        assembly = assemble(project)
        excerpt_count = len({q.graph_name for q in assembly.excerpts})
        step.detail = f"{len(assembly.facts)} facts from {excerpt_count} excerpts"
    with stage("canonical literals"):
        check_canonical_literals(assembly)
    with stage("quotes") as step:
        problems = check_quotes(assembly, project)
        step.detail = f"{excerpt_count} quotes, {len(problems)} problem(s)"
    with stage("reasoning") as step:
        inferred = entail(ontology, assembly.facts)
        step.detail = f"{len(inferred)} inferred triples"
    counts = {name: len(triples) for name, triples in assembly.graphs()}
    counts[INFERRED_GRAPH] = len(inferred)
    fresh: Hold | None = None
    store: StoreWriter | None = None
    installed = False
    try:
        with _uninterrupted():  # a Ctrl-C comes once the new folder is known, to be removed
            fresh = _new_folder(out)
        folder = fresh.folder
        with stage("start the store"):  # written beside validation, on another core
            store = start_store(folder, assembly, inferred, ontology)
            with _uninterrupted():  # and once its loader is known, to be waited for
                store.start()
        with stage("validation") as step:
            report = validate_union(assembly, inferred, ontology, shapes).including(problems)
            report = _located(report, project, _data_files(project))
            step.detail = (
                f"{report.count(Severity.VIOLATION)} violation(s), "
                f"{report.count(Severity.WARNING)} warning(s)"
            )
        with stage("store") as step:  # what is left of it once validation is done
            step.detail = f"{store.quads} quads"
            store.wait()
        written = write_outputs(
            folder, stage, assembly, inferred, ontology, report, counts, excerpt_count
        )
        written += [*source_texts(folder, assembly, project), shapes_file(folder, project)]
        manifest = Manifest(
            valid=report.valid,
            violations=report.count(Severity.VIOLATION),
            warnings=report.count(Severity.WARNING),
            counts={**counts, "excerpts": len(assembly.excerpts)},
            inputs=inputs.inputs,
            code=inputs.code,
            code_stamp=inputs.code_stamp,
            version=package_version(),
            outputs=tuple(p.relative_to(folder).as_posix() for p in written),
        )
        with stage("publication pages") as step:
            step.detail = f"ontology page from {page.made_by}"
            written += publication_pages(folder, manifest, page)
        manifest = manifest.with_outputs(tuple(p.relative_to(folder).as_posix() for p in written))
        write_atomic(folder / MANIFEST, manifest.to_json())
        with stage("install"), _uninterrupted():  # a Ctrl-C waits until dist/ is switched
            install(fresh, out)  # and the old builds no one reads are gone
            installed = True
    finally:
        with _uninterrupted():  # and until a build that was not installed is gone
            if store is not None:  # never a store writing its files after its folder is gone
                store.close()
            if fresh is not None and not installed:
                discard(fresh)
    paths = (*(out / p.relative_to(folder) for p in written), out / MANIFEST)
    return BuildResult(out, report, counts, stage.timings, paths)


def validate_union(
    assembly: Assembly, inferred: Sequence[ox.Triple], ontology: Sequence[ox.Triple], shapes: Graph
) -> Report:
    """SHACL over the union of every asserted graph, the inferences and the ontology.

    The union goes into one graph of a scratch store: a dataset view over several graphs would
    count a triple held by two graphs twice.
    """
    scratch = ox.Store()
    for _, triples in assembly.graphs():
        scratch.bulk_extend(in_default_graph(triples))
    scratch.bulk_extend(in_default_graph(inferred))
    scratch.bulk_extend(in_default_graph(ontology))
    return validate(scratch, shapes)


def check_canonical_literals(assembly: Assembly) -> None:
    """Refuse literals the store would rewrite, so every export equals the data as written.

    The store keeps numbers, booleans and dates in canonical form (`7200000.0` becomes
    `7200000`, an xsd:nonNegativeInteger an xsd:integer); the data is written that way instead.
    Each distinct typed literal goes through a scratch store once, as the object of its own node.

    :raises SourceError: naming the first such literal and the form to write.
    """
    plain = {PREFIXES["xsd"] + "string", PREFIXES["rdf"] + "langString"}
    typed = sorted(
        {
            t.object
            for _, triples in assembly.graphs()
            for t in triples
            if isinstance(t.object, ox.Literal) and t.object.datatype.value not in plain
        },
        key=str,
    )
    probe, value = ox.Store(), ox.NamedNode(PREFIXES["rdf"] + "value")
    nodes = [ox.NamedNode(f"{PREFIXES['id']}probe/{i}") for i in range(len(typed))]
    probe.bulk_extend(
        ox.Quad(n, value, lit, ox.DefaultGraph()) for n, lit in zip(nodes, typed, strict=True)
    )
    stored = {q.subject: q.object for q in probe}
    changed = [(lit, stored[n]) for n, lit in zip(nodes, typed, strict=True) if stored[n] != lit]
    if changed:
        written, kept = changed[0]
        raise SourceError(
            f"data literal {written} is not in canonical form; the store keeps it as {kept}: "
            f"write it that way ({len(changed)} such literal(s))"
        )


def check(
    project: Project | None = None, *, data: Sequence[Path] = (), shapes: Path | None = None
) -> Report:
    """The SHACL report (with the quote check for the project's own data), writing nothing.

    With `data`, those files (all their graphs merged) are validated as given, with reasoning
    but without the quote check, which needs the project's layout.

    :raises SourceError: for a missing or unparsable file; UsageError for an unknown extension.
    """
    project = project or Project()
    shapes_graph = load_shapes(project, shapes)
    ontology = load_ontology(project)
    if not data:
        assembly = assemble(project)
        inferred = entail(ontology, assembly.facts)
        report = validate_union(assembly, inferred, ontology, shapes_graph)
        return _located(
            report.including(check_quotes(assembly, project)), project, _data_files(project)
        )
    triples = tuple(dict.fromkeys(q.triple for path in data for q in parse_quads(path)))
    given = Assembly(facts=triples, excerpts=(), provenance=(), links=(), enrichment=())
    report = validate_union(given, entail(ontology, triples), ontology, shapes_graph)
    return _located(report, project, data)


def _data_files(project: Project) -> tuple[Path, ...]:
    return (*project.article_files, *project.links_files, *project.enrichment_files)


def _located(report: Report, project: Project, files: Sequence[Path]) -> Report:
    """The report with each result's data file and line (read only when there are results)."""
    if report.conforms:
        return report
    return report.located({project.relative(path): read_text(path) for path in files})


def open_dataset(
    project: Project | None = None,
    out: Path | None = None,
    *,
    allow_invalid: bool = False,
    on_build: Callable[[str], None] | None = None,
    on_stage: Progress | None = None,
) -> BuiltDataset:
    """The current build, read-only: built first (saying so through `on_build`) when stale.

    :raises SourceError: for inputs that cannot be built.
    :raises InvalidDataError: the build does not conform and `allow_invalid` is false.
    """
    project = project or Project()
    out = out or project.dist_dir
    dataset = open_current(project, out, allow_invalid=allow_invalid)
    if dataset is not None:
        return dataset
    if on_build is not None:
        state = "out of date" if (out / MANIFEST).exists() else "missing"
        on_build(f"{project.relative(out)} is {state}: building it first")
    build(out, project=project, on_stage=on_stage)
    return BuiltDataset.open(out, allow_invalid=allow_invalid)


def _new_folder(out: Path) -> Hold:
    """A new folder for this build of `out`, held while it is written."""
    try:
        return new_build(out)
    except OSError as exc:
        raise SourceError(f"{out}: cannot create output directory ({exc.strerror})") from None


def _check_replaceable(out: Path) -> None:
    """Only an empty folder or an earlier build may be replaced whole by a new build."""
    if out.exists() and not out.is_dir():
        raise SourceError(f"{out}: not a directory; cannot build into it")
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).exists():
        raise SourceError(
            f"{out}: not empty and holds no build (no {MANIFEST}); refusing to replace it"
        )


@contextmanager
def _uninterrupted() -> Iterator[None]:
    """Hold back Ctrl-C and termination until the block is done, then let them happen.

    Blocking the signals in this thread is not enough: the engine's own threads may take a
    signal, and Python then acts on it in this thread at once. So the handlers only note it
    here, and the signal is sent again once the block is over. (Off the main thread no handler
    can be set: the block then runs as it is.)
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    previous = {number: signal.signal(number, lambda n, _: noted.append(n)) for number in held}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for number in dict.fromkeys(noted):
            os.kill(os.getpid(), number)
