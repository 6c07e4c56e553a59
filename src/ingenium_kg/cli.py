"""The `ingenium-kg` command: parse options, call one API function, print the result.

The only module that prints or exits. Every expected failure (an `IngeniumError` or a click usage
error) becomes exactly one `Error: …` line on stderr and exit code 2; SHACL violations exit 1;
Ctrl-C exits 130. Readers open the build in dist/, building it first when it is stale.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from .errors import IngeniumError
from .query.results import OutputFormat
from .stages.export import ExportFormat

if TYPE_CHECKING:
    from .dataset import BuiltDataset

REPORT_FORMATS = ("text", "turtle", "json")
"""`ReportFormat` values, spelled out so that the CLI starts without loading the validator."""
DEFAULT_MIN_SCORE = 0.85
"""`wikidata.reconcile.DEFAULT_MIN_SCORE` (a test keeps the two equal)."""


class _Group(click.Group):
    """A click group whose every failure is one stderr line and a documented exit code."""

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> NoReturn:
        extra.pop("standalone_mode", None)
        try:
            code = super().main(args, prog_name, standalone_mode=False, **extra)
        except IngeniumError as exc:
            _fail(exc.message, exc.exit_code)
        except click.ClickException as exc:  # usage errors, bad choices, missing arguments
            _fail(exc.format_message(), 2)
        except (click.Abort, KeyboardInterrupt):
            _fail("interrupted", 130)
        except BrokenPipeError:  # `| head` closed the pipe: stop quietly, as Unix tools do
            sys.stderr.close()
            sys.exit(0)
        sys.exit(code if isinstance(code, int) else 0)


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"Error: {' '.join(message.split())}", err=True)
    sys.exit(code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ingenium-kg")
def main() -> None:
    """A knowledge graph of the INGENIUM alliance, every fact traced to its source article.

    Exit codes: 0 done (or the data conforms), 1 a negative answer (SHACL violations, a link to
    review), 2 bad input or usage, 130 interrupted. The project root is the repository, or
    $INGENIUM_KG_ROOT when set.
    """


def _open(*, allow_invalid: bool = False) -> BuiltDataset:
    """The current build (built first, with a note on stderr, when dist/ is stale).

    A current build is opened without loading the build stages: that is the fast path.
    """
    from .dataset import open_current

    dataset = open_current(allow_invalid=allow_invalid)
    if dataset is not None:
        return dataset
    from .pipeline import open_dataset

    return open_dataset(
        allow_invalid=allow_invalid,
        on_build=lambda note: click.echo(note, err=True),
        on_stage=_progress(),
    )


def _progress() -> Any:
    """A stage reporter for people at a terminal; nothing when stderr is a pipe or a file."""
    if not sys.stderr.isatty():
        return None
    return lambda name, seconds: click.echo(f"  {name}: {seconds:.2f} s", err=True)


_ALLOW_INVALID = click.option(
    "--allow-invalid",
    is_flag=True,
    help="Read a build whose data does not conform (`ingenium-kg validate` lists why).",
)


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output directory (default: dist/ in the project).",
)
@click.pass_context
def build(ctx: click.Context, out: Path | None) -> None:
    """Load, check quotes, reason, validate, then write the store and every export.

    The build replaces the output folder whole, and only once it is complete. Exits 1 (report
    on stdout) when the data does not conform: the build is written, marked non-conforming, and
    readers refuse it unless given --allow-invalid.
    """
    from .pipeline import build as run_build
    from .terms import short_iri

    result = run_build(out, on_stage=_progress())
    for graph, count in result.counts.items():
        click.echo(f"{short_iri(graph)}: {count} triples")
    if not result.conforms:
        from .stages.validation import ReportFormat

        click.echo(result.report.render(ReportFormat.TEXT), nl=False)
    total = sum(result.timings.values())
    click.echo(f"wrote {result.folder} ({len(result.written)} files) in {total:.2f} s")
    ctx.exit(0 if result.conforms else 1)


@main.command()
@click.option(
    "--data",
    "data",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Data file to validate instead of the project's (.ttl, .trig, .nt, .nq); repeatable.",
)
@click.option(
    "--shapes",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SHACL shapes file (default: ontology/shapes.ttl).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(REPORT_FORMATS),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.pass_context
def validate(ctx: click.Context, data: tuple[Path, ...], shapes: Path | None, fmt: str) -> None:
    """Print the SHACL report (and, for the project's data, the quote check).

    Exits 0 when the data conforms, 1 when it does not.
    """
    from .pipeline import check
    from .stages.sources import rdf_format

    for path in data:
        rdf_format(path)  # reject unknown extensions before any work
    from .stages.validation import ReportFormat

    report = check(data=data, shapes=shapes)
    click.echo(report.render(ReportFormat(fmt)), nl=False)
    ctx.exit(0 if report.conforms else 1)


@main.command()
@click.argument("query_spec", metavar="NAME|FILE.rq|-")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in OutputFormat]),
    default=None,
    help="table|csv|tsv|json|xml for SELECT/ASK (default: table on a terminal, else csv); "
    "turtle|json-ld|nt for CONSTRUCT/DESCRIBE (default: turtle).",
)
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind ?NAME to an IRI (<…>, http…, prefix:local), number, date or string; repeatable.",
)
@click.option("--inferred", is_flag=True, help="Query the facts plus their OWL-RL inferences.")
@click.option("--endpoint", default=None, metavar="URL", help="Run on this SPARQL 1.1 endpoint.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    help="Seconds to wait for the endpoint.",
)
@_ALLOW_INVALID
def query(
    query_spec: str,
    fmt: str | None,
    params: tuple[str, ...],
    inferred: bool,
    endpoint: str | None,
    timeout: float,
    allow_invalid: bool,
) -> None:
    """Run a saved query by NAME, a FILE.rq, or SPARQL read from stdin (-).

    Locally the default graph is graph/facts; provenance, excerpts and links are named graphs.
    """
    from .query.library import find_query, parse_query_text, read_query_file
    from .query.params import parse_param
    from .query.results import check_format, default_format, render
    from .query.run import answer

    if query_spec == "-":
        saved = parse_query_text(sys.stdin.read(), source="<stdin>")
    elif query_spec.endswith(".rq") or "/" in query_spec:
        saved = read_query_file(Path(query_spec))
    else:
        saved = find_query(query_spec)
    bindings = _params(parse_param(p) for p in params)
    output = OutputFormat(fmt) if fmt else default_format(saved.form, terminal=sys.stdout.isatty())
    check_format(saved.form, output)
    dataset = None if endpoint else _open(allow_invalid=allow_invalid)
    found = answer(
        dataset, saved, params=bindings, endpoint=endpoint, inferred=inferred, timeout=timeout
    )
    labels: dict[str, str] = {}
    if output is OutputFormat.TABLE and found.result is not None and saved.form == "SELECT":
        from .query.labels import local_labels, remote_labels

        iris = found.iris()
        labels = remote_labels(endpoint, iris, timeout) if endpoint else local_labels(dataset, iris)  # type: ignore[arg-type]
    data = render(found, output, labels=labels)
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _params(pairs: Any) -> dict[str, str]:
    """`--param` values by name; a name given twice is an error, not a silent overwrite."""
    from .errors import QueryError

    found: dict[str, str] = {}
    for name, value in pairs:
        if name in found:
            raise QueryError(f"--param {name} is given twice; give each parameter once")
        found[name] = value
    return found


@main.command("queries")
def list_saved_queries() -> None:
    """List the saved queries (queries/*.rq) with their questions and parameters."""
    from .query.library import list_queries

    for saved in list_queries():
        click.echo(f"{saved.name} ({saved.form})")
        click.echo(f"  en: {saved.question_en}")
        click.echo(f"  fr: {saved.question_fr}")
        for param in saved.params or ():
            click.echo(f"  --param {param.name}=…  {param.description} ({param.type.value})")


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in ExportFormat]),
    required=True,
    help="Serialisation.",
)
@click.option("--inferred", is_flag=True, help="Include the graph of OWL-RL inferences.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (atomically) instead of stdout.",
)
@_ALLOW_INVALID
def export(fmt: str, inferred: bool, output: Path | None, allow_invalid: bool) -> None:
    """Write one serialisation of the build (the very file `build` wrote into dist/)."""
    from .stages.export import export_name, write_atomic

    dataset = _open(allow_invalid=allow_invalid)
    data = dataset.export_bytes(export_name(ExportFormat(fmt), inferred=inferred))
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomic(output, data)


@main.command()
@click.argument("term")
@_ALLOW_INVALID
def explain(term: str, allow_invalid: bool) -> None:
    """Show the facts about TERM (an IRI or a name like id:university/oviedo) and their quotes."""
    from .explanation import explain as run_explain
    from .explanation import render_text

    click.echo(render_text(run_explain(_open(allow_invalid=allow_invalid), term)), nl=False)


# --- Wikidata: link, enrich, wikidata-check, quickstatements -----------------------------------

_ENDPOINT_OPTIONS = (
    click.option(
        "--endpoint",
        default=None,
        help="Wikidata-shaped SPARQL endpoint (default: https://query.wikidata.org/sparql).",
    ),
    click.option(
        "--cache",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Answer cache directory (default: $INGENIUM_KG_CACHE or ~/.cache/ingenium-kg/sparql).",
    ),
    click.option(
        "--timeout",
        type=click.FloatRange(min=0, min_open=True),
        default=60.0,
        show_default=True,
        help="Seconds to wait for each answer.",
    ),
    click.option(
        "--retries",
        type=click.IntRange(min=0),
        default=3,
        show_default=True,
        help="Retries after a 429 or 5xx answer (exponential backoff, Retry-After honoured).",
    ),
    _ALLOW_INVALID,
)


def _endpoint_options(command: Any) -> Any:
    for option in reversed(_ENDPOINT_OPTIONS):
        command = option(command)
    return command


def _wikidata(endpoint: str | None, cache: Path | None, timeout: float, retries: int) -> Any:
    from .wikidata.client import WIKIDATA_SPARQL, WikidataEndpoint, default_cache_dir

    return WikidataEndpoint(
        endpoint or WIKIDATA_SPARQL,
        cache_dir=cache or default_cache_dir(),
        timeout=timeout,
        attempts=retries + 1,
    )


@main.command()
@_endpoint_options
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the CSV to this file (atomically) instead of stdout.",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=DEFAULT_MIN_SCORE,
    show_default=True,
    help="Score a candidate needs to count (0-1).",
)
@click.pass_context
def link(
    ctx: click.Context,
    endpoint: str | None,
    cache: Path | None,
    timeout: float,
    retries: int,
    allow_invalid: bool,
    out: Path | None,
    min_score: float,
) -> None:
    """Find each entity's Wikidata item and compare it with the data's link (CSV report).

    Status per entity: confirmed, conflict, ambiguous or none. Exits 0 when every linked entity
    is confirmed, 1 otherwise, 2 when the endpoint fails.
    """
    from .stages.export import write_atomic
    from .wikidata.linking import linkables
    from .wikidata.reconcile import reconcile

    dataset = _open(allow_invalid=allow_invalid).union()
    with click.progressbar(
        length=len(linkables(dataset)),
        label="linking",
        file=sys.stderr,
        hidden=not sys.stderr.isatty(),
    ) as bar:
        report = reconcile(
            dataset,
            _wikidata(endpoint, cache, timeout, retries),
            min_score=min_score,
            on_entity=lambda _: bar.update(1),
        )
    if out is None:
        click.echo(report.csv(), nl=False)
    else:
        write_atomic(out, report.csv().encode("utf-8"))
    ctx.exit(0 if report.ok else 1)


@main.command()
@_endpoint_options
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Target TriG file (default: data/enrichment/wikidata.trig in the project).",
)
def enrich(
    endpoint: str | None,
    cache: Path | None,
    timeout: float,
    retries: int,
    allow_invalid: bool,
    out: Path | None,
) -> None:
    """Fetch Wikidata statements about linked entities into data/enrichment (graph/wikidata)."""
    from .stages.sources import Project
    from .wikidata.enrich import enrich as fetch
    from .wikidata.enrich import write_enrichment

    target = out or Project().root / "data" / "enrichment" / "wikidata.trig"
    dataset = _open(allow_invalid=allow_invalid).union()
    result = fetch(dataset, _wikidata(endpoint, cache, timeout, retries))
    write_enrichment(result, target)
    click.echo(f"wrote {target}: {len(result.graph)} triples about {result.items} items")


@main.command("wikidata-check")
@_endpoint_options
@click.pass_context
def wikidata_check(
    ctx: click.Context,
    endpoint: str | None,
    cache: Path | None,
    timeout: float,
    retries: int,
    allow_invalid: bool,
) -> None:
    """List where the graph and Wikidata disagree (members' country, city, alliance membership).

    Exits 0 when they agree, 1 on any disagreement, 2 when the endpoint fails.
    """
    from .wikidata.check import check as run_check

    dataset = _open(allow_invalid=allow_invalid).union()
    report = run_check(dataset, _wikidata(endpoint, cache, timeout, retries))
    click.echo(report.render(), nl=False)
    ctx.exit(0 if report.ok else 1)


@main.command()
@click.option(
    "--retrieved",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Retrieval date for the references (S813; default: when the links were reviewed).",
)
@click.option(
    "--reference-url",
    default=None,
    help="Reference URL (S854; default: the press release the article cites).",
)
@_ALLOW_INVALID
def quickstatements(retrieved: Any, reference_url: str | None, allow_invalid: bool) -> None:
    """Print a QuickStatements V1 batch of what the graph supports and Wikidata lacks."""
    from .wikidata.quickstatements import PRESS_RELEASE
    from .wikidata.quickstatements import quickstatements as batch

    dataset = _open(allow_invalid=allow_invalid)
    text = batch(
        dataset.union(),
        retrieved=retrieved.date() if retrieved else None,
        reference_url=reference_url or PRESS_RELEASE,
        ontology=dataset.ontology(),
    )
    click.echo(text, nl=False)
