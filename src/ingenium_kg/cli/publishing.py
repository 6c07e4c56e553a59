"""Putting the build on the web: serve it, upload it to a store, review what changed."""

from __future__ import annotations

from pathlib import Path

from .app import ALLOW_INVALID, emit, note, open_build, output_option, timeout_option
from .parsing import Arg, command, whole_number

DIFF_FORMATS = ("text", "markdown", "json")
"""`diff.DiffFormat` values, spelled out so that the CLI starts fast (a test keeps them equal)."""


@command(
    Arg("--host", default="127.0.0.1", show_default=True, help="Address to listen on."),
    Arg("--port", type=whole_number(0, 65535), default=8000, show_default=True, help="TCP port."),
    Arg(
        "--allow-service",
        action="store_true",
        help="Let /sparql queries call other endpoints with SERVICE (refused by default).",
    ),
    timeout_option(
        "Time limit of one /sparql or /api query, in seconds.",
        10.0,
        "--query-timeout",
    ),
    Arg(
        "--result-limit",
        type=whole_number(1),
        default=10_000,
        show_default=True,
        help="Most rows or triples one /sparql answer may hold.",
    ),
    ALLOW_INVALID,
)
def serve(
    host: str,
    port: int,
    allow_service: bool,
    query_timeout: float,
    result_limit: int,
    allow_invalid: bool,
) -> None:
    """Serve the build on the web: pages, content negotiation, /sparql, the API and the dumps.

    Read-only and from the build alone: nothing is rebuilt or re-validated per request. A
    build with violations is refused unless given --allow-invalid.
    """
    from ..web.app import serve as run_server

    dataset = open_build(allow_invalid=allow_invalid)
    note(f"serving {dataset.folder} on http://{host}:{port}/ (Ctrl-C stops)")
    run_server(
        dataset,
        host=host,
        port=port,
        allow_service=allow_service,
        query_timeout=query_timeout,
        result_limit=result_limit,
    )


@command(
    Arg("--endpoint", required=True, metavar="URL", help="The store's SPARQL query URL."),
    Arg(
        "--graph-store",
        default=None,
        metavar="URL",
        help="Its Graph Store Protocol URL (default: …/store beside the query URL, as Oxigraph).",
    ),
    Arg(
        "--update",
        dest="update_url",
        default=None,
        metavar="URL",
        help="Its SPARQL Update URL (default: …/update beside the query URL).",
    ),
    Arg("--replace", action="store_true", help="Replace the project's graphs the store holds."),
    timeout_option(
        "Seconds each request may take, whole.",
        60.0,
    ),
    output_option("Write the summary to this file instead of stdout."),
    ALLOW_INVALID,
)
def publish(
    endpoint: str,
    graph_store: str | None,
    update_url: str | None,
    replace: bool,
    timeout: float,
    output: Path | None,
    allow_invalid: bool,
) -> None:
    """Upload the build to a SPARQL 1.1 store (Graph Store Protocol), all graphs or none.

    Each graph goes to a temporary name first and all are moved in place by one update; a
    failure or Ctrl-C drops the temporary graphs. The counts are checked on the store after.
    """
    from ..publish import publish as upload

    report = upload(
        open_build(allow_invalid=allow_invalid),
        endpoint,
        graph_store=graph_store,
        update=update_url,
        replace=replace,
        timeout=timeout,
    )
    emit("".join(f"{line}\n" for line in report.lines()), output)


@command(
    Arg("old", type=Path),
    Arg("new", type=Path),
    Arg(
        "--format",
        dest="fmt",
        choices=DIFF_FORMATS,
        default="text",
        show_default=True,
        help="text for a terminal, markdown for a review, json for a program.",
    ),
    output_option(),
)
def diff(old: Path, new: Path, fmt: str, output: Path | None) -> int:
    """What changed between two builds (folders) or two dumps (.trig, .nq, .ttl, .nt).

    Triples added and removed, grouped by entity with its label, provenance apart. Exits 0
    when identical, 1 when they differ.
    """
    from ..diff import diff as compare
    from ..diff import render

    found = compare(old, new)
    emit(render(found, fmt), output)
    return found.exit_code
