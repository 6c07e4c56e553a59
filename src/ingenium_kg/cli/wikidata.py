"""The Wikidata jobs: link the entities, fetch statements, compare, and propose edits."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .app import (
    ALLOW_INVALID,
    Seconds,
    common_options,
    emit,
    note,
    open_build,
    output_option,
    shows_progress,
)

if TYPE_CHECKING:
    from ..wikidata.client import WikidataEndpoint

DEFAULT_MIN_SCORE = 0.85
"""`wikidata.reconcile.DEFAULT_MIN_SCORE` (a test keeps the two equal)."""

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
        type=Seconds(),
        default=60.0,
        show_default=True,
        help="Seconds each answer may take in all, retries and their waits included.",
    ),
    click.option(
        "--retries",
        type=click.IntRange(min=0),
        default=3,
        show_default=True,
        help="Retries after a 429 or 5xx answer (exponential backoff, Retry-After honoured).",
    ),
    ALLOW_INVALID,
    common_options,
)


def _endpoint_options(command: Callable[..., None]) -> Any:
    """The endpoint options, handed to `command` as one `wikidata` endpoint."""

    @functools.wraps(command)
    def with_endpoint(
        *args: Any,
        endpoint: str | None,
        cache: Path | None,
        timeout: float,
        retries: int,
        **kw: Any,
    ) -> None:
        from ..wikidata.client import WIKIDATA_SPARQL, WikidataEndpoint, default_cache_dir

        wikidata = WikidataEndpoint(
            endpoint or WIKIDATA_SPARQL,
            cache_dir=cache or default_cache_dir(),
            timeout=timeout,
            attempts=retries + 1,
        )
        command(*args, wikidata=wikidata, **kw)

    for option in reversed(_ENDPOINT_OPTIONS):
        with_endpoint = option(with_endpoint)
    return with_endpoint


@click.command()
@_endpoint_options
@output_option("Write the CSV to this file instead of stdout.")
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
    wikidata: WikidataEndpoint,
    allow_invalid: bool,
    output: Path | None,
    min_score: float,
) -> None:
    """Find each entity's Wikidata item and compare it with the data's link (CSV report).

    Status per entity: confirmed (the data's link is Wikidata's best match), conflict (the data
    links another item, or one no search finds), candidate (no link in the data; an item
    matches), unlinked (no link, no match). The CSV gives the data's own link beside the match.
    Exits 0 when every linked entity is confirmed, 1 otherwise, 2 when the endpoint fails.
    """
    from ..wikidata.linking import linkables
    from ..wikidata.reconcile import reconcile

    dataset = open_build(allow_invalid=allow_invalid).union()
    with click.progressbar(
        length=len(linkables(dataset)),
        label="linking",
        file=sys.stderr,
        hidden=not shows_progress(),
    ) as bar:
        report = reconcile(
            dataset,
            wikidata,
            min_score=min_score,
            on_entity=lambda _: bar.update(1),
        )
    emit(report.csv(), output)
    ctx.exit(0 if report.ok else 1)


@click.command()
@_endpoint_options
@output_option("Write the TriG here (default: data/enrichment/wikidata.trig in the project).")
def enrich(
    wikidata: WikidataEndpoint,
    allow_invalid: bool,
    output: Path | None,
) -> None:
    """Fetch Wikidata statements about linked entities into data/enrichment (graph/wikidata)."""
    from ..stages.sources import Project
    from ..wikidata.enrich import enrich as fetch
    from ..wikidata.enrich import write_enrichment

    target = output or Project().root / "data" / "enrichment" / "wikidata.trig"
    dataset = open_build(allow_invalid=allow_invalid).union()
    result = fetch(dataset, wikidata)
    write_enrichment(result, target)
    note(f"wrote {target}: {len(result.graph)} triples about {result.items} items")


@click.command("wikidata-check")
@_endpoint_options
@output_option()
@click.pass_context
def wikidata_check(
    ctx: click.Context,
    wikidata: WikidataEndpoint,
    allow_invalid: bool,
    output: Path | None,
) -> None:
    """List where the graph and Wikidata disagree (members' country, city, alliance membership).

    Exits 0 when they agree, 1 on any disagreement, 2 when the endpoint fails.
    """
    from ..wikidata.check import check as run_check

    dataset = open_build(allow_invalid=allow_invalid).union()
    report = run_check(dataset, wikidata)
    emit(report.render(), output)
    ctx.exit(0 if report.ok else 1)


@click.command()
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
@output_option()
@ALLOW_INVALID
@common_options
def quickstatements(
    retrieved: Any, reference_url: str | None, output: Path | None, allow_invalid: bool
) -> None:
    """Print a QuickStatements V1 batch of what the graph supports and Wikidata lacks."""
    from ..wikidata.quickstatements import PRESS_RELEASE
    from ..wikidata.quickstatements import quickstatements as batch

    dataset = open_build(allow_invalid=allow_invalid)
    text = batch(
        dataset.union(),
        retrieved=retrieved.date() if retrieved else None,
        reference_url=reference_url or PRESS_RELEASE,
        ontology=dataset.ontology(),
    )
    emit(text, output)
