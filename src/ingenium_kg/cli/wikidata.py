"""The Wikidata jobs: link the entities, fetch statements, compare, and propose edits."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .app import (
    ALLOW_INVALID,
    counting,
    emit,
    note,
    open_build,
    output_option,
    timeout_option,
)
from .parsing import Arg, Command, Run, command, folder, fraction, iso_date, whole_number

if TYPE_CHECKING:
    from datetime import date

    from ..wikidata.client import WikidataEndpoint

DEFAULT_MIN_SCORE = 0.85
"""`wikidata.reconcile.DEFAULT_MIN_SCORE` (a test keeps the two equal)."""

_ENDPOINT_ARGS = (
    Arg(
        "--endpoint",
        default=None,
        help="Wikidata-shaped SPARQL endpoint (default: https://query.wikidata.org/sparql).",
    ),
    Arg(
        "--cache",
        type=folder,
        default=None,
        help="Answer cache directory (default: $INGENIUM_KG_CACHE or ~/.cache/ingenium-kg/sparql).",
    ),
    timeout_option(
        "Seconds each answer may take in all, retries and their waits included.",
        60.0,
    ),
    Arg(
        "--retries",
        type=whole_number(0),
        default=3,
        show_default=True,
        help="Retries after a 429 or 5xx answer (exponential backoff, Retry-After honoured).",
    ),
    ALLOW_INVALID,
)


def wikidata_command(*args: Arg, name: str | None = None) -> Callable[[Run], Command]:
    """A command that asks Wikidata: the endpoint options reach it as one `wikidata` endpoint."""

    def declare(run: Run) -> Command:
        @functools.wraps(run)
        def with_endpoint(
            *, endpoint: str | None, cache: Path | None, timeout: float, retries: int, **given: Any
        ) -> int | None:
            from ..wikidata.client import WIKIDATA_SPARQL, WikidataEndpoint, default_cache_dir

            wikidata = WikidataEndpoint(
                endpoint or WIKIDATA_SPARQL,
                cache_dir=cache or default_cache_dir(),
                timeout=timeout,
                attempts=retries + 1,
            )
            return run(wikidata=wikidata, **given)

        return command(*_ENDPOINT_ARGS, *args, name=name)(with_endpoint)

    return declare


@wikidata_command(
    output_option("Write the CSV to this file instead of stdout."),
    Arg(
        "--min-score",
        type=fraction,
        default=DEFAULT_MIN_SCORE,
        show_default=True,
        help="Score a candidate needs to count (0-1).",
    ),
)
def link(
    wikidata: WikidataEndpoint, allow_invalid: bool, output: Path | None, min_score: float
) -> int:
    """Find each entity's Wikidata item and compare it with the data's link (CSV report).

    Status per entity: confirmed (the data's link is Wikidata's best match), conflict (the data
    links another item, or one no search finds), candidate (no link in the data; an item
    matches), unlinked (no link, no match). The CSV gives the data's own link beside the match.
    Exits 0 when every linked entity is confirmed, 1 otherwise, 2 when the endpoint fails.
    """
    from ..wikidata.linking import linkables
    from ..wikidata.reconcile import reconcile

    dataset = open_build(allow_invalid=allow_invalid).union()
    with counting("linking", len(linkables(dataset))) as step:
        report = reconcile(dataset, wikidata, min_score=min_score, on_entity=step)
    emit(report.csv(), output)
    return 0 if report.ok else 1


@wikidata_command(
    output_option("Write the TriG here (default: data/enrichment/wikidata.trig in the project)."),
)
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


@wikidata_command(output_option())
def wikidata_check(wikidata: WikidataEndpoint, allow_invalid: bool, output: Path | None) -> int:
    """List where the graph and Wikidata disagree (members' country, city, alliance membership).

    Exits 0 when they agree, 1 on any disagreement, 2 when the endpoint fails.
    """
    from ..wikidata.check import check as run_check

    dataset = open_build(allow_invalid=allow_invalid).union()
    report = run_check(dataset, wikidata)
    emit(report.render(), output)
    return 0 if report.ok else 1


@command(
    Arg(
        "--retrieved",
        type=iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="Retrieval date for the references (S813; default: when the links were reviewed).",
    ),
    Arg(
        "--reference-url",
        default=None,
        help="Reference URL (S854; default: the press release the article cites).",
    ),
    output_option(),
    ALLOW_INVALID,
)
def quickstatements(
    retrieved: date | None, reference_url: str | None, output: Path | None, allow_invalid: bool
) -> None:
    """Print a QuickStatements V1 batch of what the graph supports and Wikidata lacks."""
    from ..wikidata.quickstatements import PRESS_RELEASE
    from ..wikidata.quickstatements import quickstatements as batch

    dataset = open_build(allow_invalid=allow_invalid)
    text = batch(
        dataset.union(),
        retrieved=retrieved,
        reference_url=reference_url or PRESS_RELEASE,
        ontology=dataset.ontology(),
    )
    emit(text, output)
