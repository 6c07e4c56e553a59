"""The main job as one call (load → quote check → reasoning → validation → export).

Shared by the API and the CLI so they never drift apart. A build writes `manifest.json` last,
holding the hashes of every input and output: `load_dataset` uses it to reuse `dist/` instead of
rebuilding when nothing changed, and a half-finished build never looks current.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from .build.export import ExportFormat, context_bytes, export, write_atomic
from .build.graph import (
    ALL_GRAPHS,
    assemble,
    load_ontology,
    load_shapes,
    merge,
    new_dataset,
    triple_counts,
)
from .build.quotes import check_quotes
from .build.reasoning import entail
from .build.sources import Project, parse_dataset
from .build.validation import Report, ReportFormat, validate
from .errors import SourceError
from .namespaces import GRAPH_FACTS, GRAPH_INFERRED
from .wikidata.sssom import sssom_tsv

MANIFEST = "manifest.json"
REPORT_TTL = "validation-report.ttl"
REPORT_TXT = "validation-report.txt"
CONTEXT = "context.jsonld"
SSSOM = "ingenium.sssom.tsv"


@dataclass(frozen=True)
class BuildResult:
    """What a build produced; `written` lists files in the order they were written."""

    dataset: Dataset
    inferred: Graph
    report: Report
    written: tuple[Path, ...]
    counts: tuple[tuple[URIRef, int], ...]

    @property
    def conforms(self) -> bool:
        return self.report.conforms


def export_name(fmt: ExportFormat, *, inferred: bool) -> str:
    """`ingenium.ttl`, `ingenium-inferred.nq`, …"""
    return ("ingenium-inferred" if inferred else "ingenium") + fmt.suffix


def load(project: Project | None = None, *, inferred: bool = True) -> Dataset:
    """A fresh in-memory dataset of the project (with the inferred graph unless told not to).

    :raises SourceError: for missing or unparsable inputs.
    """
    project = project or Project()
    dataset = assemble(project)
    if inferred:
        _add_inferred(dataset, entail(load_ontology(project), dataset.graph(GRAPH_FACTS)))
    return dataset


def _add_inferred(dataset: Dataset, inferred: Graph) -> None:
    target = dataset.graph(GRAPH_INFERRED)
    for triple in inferred:
        target.add(triple)


def check(
    project: Project | None = None,
    *,
    data: Sequence[Path] = (),
    shapes: Path | None = None,
) -> Report:
    """The SHACL report (plus the quote check when `data` is empty) without writing anything.

    With `data`, those files (all their graphs merged) are validated as given, with reasoning
    but without the quote check, which needs the project's layout.

    :raises SourceError: for a missing or unparsable file; UsageError for an unknown extension.
    """
    project = project or Project()
    shapes_graph = load_shapes(project, shapes)
    ontology = load_ontology(project)
    if not data:
        dataset = assemble(project)
        report = _validate_dataset(dataset, project, ontology, shapes_graph)
        return report
    merged = Graph()
    for path in data:
        for s, p, o, _ in parse_dataset(path).quads((None, None, None, None)):
            merged.add((s, p, o))
    for triple in entail(ontology, merged):
        merged.add(triple)
    return validate(merged, shapes_graph, ontology)


def _validate_dataset(dataset: Dataset, project: Project, ontology: Graph, shapes: Graph) -> Report:
    """Quote check, reasoning (added to `dataset`) and SHACL over every graph."""
    problems = check_quotes(dataset, project)
    _add_inferred(dataset, entail(ontology, dataset.graph(GRAPH_FACTS)))
    data = merge(dataset.graph(name) for name in ALL_GRAPHS)
    return validate(data, shapes, ontology).including(problems)


def build(out: Path | None = None, *, project: Project | None = None) -> BuildResult:
    """Build, validate and (when the data conforms) write every export into `out` (dist/).

    The report is always written; exports and the manifest only when it conforms, and a stale
    manifest is removed so an old dist/ is never mistaken for current.

    :raises SourceError: for missing or unparsable inputs; ExportError when writing fails.
    """
    project = project or Project()
    out = out or project.dist_dir
    dataset = assemble(project)
    report = _validate_dataset(dataset, project, load_ontology(project), load_shapes(project))
    inferred = dataset.graph(GRAPH_INFERRED)
    _make_dir(out)
    written: list[Path] = []
    outputs: dict[str, bytes] = {
        REPORT_TTL: report.render(ReportFormat.TURTLE).encode("utf-8"),
        REPORT_TXT: report.render(ReportFormat.TEXT).encode("utf-8"),
    }
    if not report.conforms:
        (out / MANIFEST).unlink(missing_ok=True)
    else:
        for with_inferred in (False, True):
            for fmt in ExportFormat:
                name = export_name(fmt, inferred=with_inferred)
                outputs[name] = export(dataset, fmt, inferred=with_inferred)
        outputs[CONTEXT] = context_bytes()
        outputs[SSSOM] = sssom_tsv(dataset).encode("utf-8")
    for name, data in outputs.items():
        write_atomic(out / name, data)
        written.append(out / name)
    if report.conforms:
        manifest = {
            **_fingerprint(project),
            "outputs": {name: _sha256(data) for name, data in sorted(outputs.items())},
        }
        write_atomic(out / MANIFEST, _json(manifest))
        written.append(out / MANIFEST)
    return BuildResult(dataset, inferred, report, tuple(written), triple_counts(dataset))


def _make_dir(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SourceError(f"{out}: cannot create output directory ({exc.strerror})") from None


def is_current(project: Project | None = None, out: Path | None = None) -> bool:
    """Whether `out` (dist/) holds a complete build of exactly the current inputs and code."""
    project = project or Project()
    out = out or project.dist_dir
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        outputs = manifest["outputs"]
        if {k: manifest.get(k) for k in ("inputs", "code", "version")} != _fingerprint(project):
            return False
        return all(_sha256((out / name).read_bytes()) == digest for name, digest in outputs.items())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


def load_dataset(project: Project | None = None, out: Path | None = None) -> Dataset:
    """The full dataset with inferences: read from dist/ when current, else assembled anew.

    :raises SourceError: for missing or unparsable inputs (when rebuilding in memory).
    """
    project = project or Project()
    out = out or project.dist_dir
    if not is_current(project, out):
        return load(project)
    dataset = new_dataset()
    path = out / export_name(ExportFormat.NQUADS, inferred=True)
    for s, p, o, g in parse_dataset(path).quads((None, None, None, None)):
        if g in ALL_GRAPHS:
            dataset.graph(g).add((s, p, o))
    return dataset


def _fingerprint(project: Project) -> dict[str, object]:
    """Hashes of every input file and of the package's own code, plus its version."""
    package = Path(__file__).parent
    code = hashlib.sha256()
    for path in [*sorted(package.rglob("*.py")), package / "build" / CONTEXT]:
        code.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return {
        "inputs": {project.relative(p): _sha256(p.read_bytes()) for p in project.input_files()},
        "code": code.hexdigest(),
        "version": _version(),
    }


def _version() -> str:
    try:
        return metadata.version("ingenium-kg")
    except metadata.PackageNotFoundError:
        return "unknown"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _json(value: object) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()
