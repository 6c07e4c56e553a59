"""Commands on the dataset itself: build it, validate it, export it, explain a term of it."""

from __future__ import annotations

from pathlib import Path

from .app import ALLOW_INVALID, SETTINGS, emit, open_build, output_option, stage_reporter
from .parsing import Arg, command, file, folder

REPORT_FORMATS = ("text", "turtle", "json")
"""`ReportFormat` values, spelled out so that the CLI starts without loading the validator."""
EXPORT_FORMATS = ("turtle", "json-ld", "nt", "trig", "nquads", "xml")
"""`ExportFormat` values, spelled out for the same reason (a test keeps the two equal)."""


@command(
    Arg(
        "--out",
        type=folder,
        default=None,
        metavar="DIR",
        help="Output directory (default: dist/ in the project).",
    )
)
def build(out: Path | None) -> int:
    """Load, check quotes, reason, validate, then write the store and every export.

    The build replaces the output folder whole, and only once it is complete. Exits 1 (report
    on stdout) when the data has violations: the build is written, marked so, and readers
    refuse it unless given --allow-invalid. Warnings alone exit 0.
    """
    from ..pipeline import build as run_build
    from ..stages.validation import ReportFormat
    from ..terms import short_iri

    result = run_build(out, on_stage=stage_reporter())
    if not result.valid:
        emit(result.report.render(ReportFormat.TEXT, lang=SETTINGS.language))
    if not SETTINGS.quiet:
        counts = "".join(f"{short_iri(g)}: {n} triples\n" for g, n in result.counts.items())
        total = sum(result.timings.values())
        emit(f"{counts}wrote {result.folder} ({len(result.written)} files) in {total:.2f} s\n")
    return 0 if result.valid else 1


@command(
    Arg(
        "--data",
        action="append",
        default=[],
        type=file,
        help="Data file to validate instead of the project's (.ttl, .trig, .nt, .nq); repeatable.",
    ),
    Arg(
        "--shapes",
        type=file,
        default=None,
        help="SHACL shapes file (default: ontology/shapes.ttl).",
    ),
    Arg(
        "--format",
        dest="fmt",
        choices=REPORT_FORMATS,
        default="text",
        show_default=True,
        help="Report format (turtle: a SHACL sh:ValidationReport).",
    ),
    output_option("Write the report to this file instead of stdout."),
)
def validate(data: list[Path], shapes: Path | None, fmt: str, output: Path | None) -> int:
    """Print the SHACL report (and, for the project's data, the quote check).

    Exits 0 when no result is a violation (warnings alone pass, though SHACL's sh:conforms is
    then false), 1 when there are violations. Each result names its data file and line.
    """
    from ..pipeline import check
    from ..stages.sources import rdf_format

    for path in data:
        rdf_format(path)  # reject unknown extensions before any work
    from ..stages.validation import ReportFormat

    report = check(data=data, shapes=shapes)
    emit(report.render(ReportFormat(fmt), lang=SETTINGS.language), output)
    return 0 if report.valid else 1


@command(
    Arg("--format", dest="fmt", choices=EXPORT_FORMATS, required=True, help="Serialisation."),
    Arg("--inferred", action="store_true", help="Include the graph of OWL-RL inferences."),
    output_option(),
    ALLOW_INVALID,
)
def export(fmt: str, inferred: bool, output: Path | None, allow_invalid: bool) -> None:
    """Write one serialisation of the build (the very file `build` wrote into dist/)."""
    from ..stages.export import ExportFormat, export_name

    dataset = open_build(allow_invalid=allow_invalid)
    emit(dataset.export_bytes(export_name(ExportFormat(fmt), inferred=inferred)), output)


@command(Arg("term"), output_option(), ALLOW_INVALID)
def explain(term: str, output: Path | None, allow_invalid: bool) -> None:
    """Show what the graph says about TERM and the article's words behind it.

    TERM is an IRI or a prefixed name (id:university/oviedo, ikg:University, wd:Q494247): as a
    subject, as an object, as a class with its instances, or as a Wikidata item it links to.
    """
    from ..explanation import explain as run_explain
    from ..explanation import render_text

    emit(render_text(run_explain(open_build(allow_invalid=allow_invalid), term)), output)
