"""Asking questions: run a SPARQL query (saved, from a file, or from stdin), list the saved ones."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from ..query.library import DEFAULT_TIMEOUT
from .app import ALLOW_INVALID, emit, open_build, output_option, timeout_option
from .parsing import Arg, command

OUTPUT_FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "json-ld", "nt")
"""`OutputFormat` values, spelled out so that the CLI starts without loading the engine."""


@command(
    Arg("query_spec", metavar="NAME|FILE.rq|-"),
    Arg(
        "--format",
        dest="fmt",
        choices=OUTPUT_FORMATS,
        default=None,
        help="table|csv|tsv|json|xml for SELECT/ASK (default: table on a terminal, else csv); "
        "turtle|json-ld|nt for CONSTRUCT/DESCRIBE (default: turtle).",
    ),
    Arg(
        "--param",
        dest="params",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="Bind ?NAME to an IRI (<…>, http…, prefix:local), number, date or string; repeatable.",
    ),
    Arg("--inferred", action="store_true", help="Query the facts plus their OWL-RL inferences."),
    Arg("--endpoint", default=None, metavar="URL", help="Run on this SPARQL 1.1 endpoint."),
    timeout_option(
        "Time limit in seconds: the whole evaluation locally, the whole exchange remotely.",
        DEFAULT_TIMEOUT,
    ),
    Arg(
        "--allow-service",
        action="store_true",
        help="Let a local query call other endpoints with SERVICE (refused by default).",
    ),
    output_option(),
    ALLOW_INVALID,
)
def query(
    query_spec: str,
    fmt: str | None,
    params: list[str],
    inferred: bool,
    endpoint: str | None,
    timeout: float,
    allow_service: bool,
    output: Path | None,
    allow_invalid: bool,
) -> None:
    """Run a saved query by NAME, a FILE.rq, or SPARQL read from stdin (-).

    Locally the default graph is graph/facts; provenance, excerpts and links are named graphs.
    A local query reads only the build: FROM picks among its graphs and never loads a file or a
    URL. Exits 2 when the query is malformed or runs past --timeout.
    """
    from ..query.library import find_query, parse_query_text, read_query_file
    from ..query.params import parse_param
    from ..query.results import OutputFormat, check_format, default_format, render
    from ..query.run import answer

    if query_spec == "-":
        saved = parse_query_text(sys.stdin.read(), source="<stdin>")
    elif query_spec.endswith(".rq") or "/" in query_spec:
        saved = read_query_file(Path(query_spec))
    else:
        saved = find_query(query_spec)
    bindings = _params(parse_param(p) for p in params)
    terminal = output is None and sys.stdout is not None and sys.stdout.isatty()
    chosen = OutputFormat(fmt) if fmt else default_format(saved.form, terminal=terminal)
    check_format(saved.form, chosen)
    dataset = None if endpoint else open_build(allow_invalid=allow_invalid)
    found = answer(
        dataset,
        saved,
        params=bindings,
        endpoint=endpoint,
        inferred=inferred,
        timeout=timeout,
        allow_service=allow_service,
    )
    labels: dict[str, str] = {}
    if chosen is OutputFormat.TABLE and found.result is not None and saved.form == "SELECT":
        from ..query.labels import local_labels, remote_labels

        iris = found.iris()
        labels = remote_labels(endpoint, iris, timeout) if endpoint else local_labels(dataset, iris)  # type: ignore[arg-type]
    emit(render(found, chosen, labels=labels), output)


def _params(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """`--param` values by name; a name given twice is an error, not a silent overwrite."""
    from ..errors import QueryError

    found: dict[str, str] = {}
    for name, value in pairs:
        if name in found:
            raise QueryError(f"--param {name} is given twice; give each parameter once")
        found[name] = value
    return found


@command(output_option(), name="queries")
def list_saved_queries(output: Path | None) -> None:
    """List the saved queries (queries/*.rq) with their questions and parameters."""
    from ..query.library import list_queries

    lines = []
    for saved in list_queries():
        lines += [f"{saved.name} ({saved.form})", f"  en: {saved.question_en}"]
        lines.append(f"  fr: {saved.question_fr}")
        for param in saved.params or ():
            lines.append(f"  --param {param.name}=…  {param.description} ({param.type.value})")
    emit("".join(f"{line}\n" for line in lines), output)
