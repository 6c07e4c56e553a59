"""`/sparql` for machines and people: the Protocol answer, or the query page with its table.

With no query, a browser gets the page (a query box, the saved questions, a script that runs
them through the endpoint); a plain form submission gets the same page with the results drawn
on the server, so it works without the script.
"""

from __future__ import annotations

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import Response

from ..namespaces import PREFIXES
from .entity import Shown, show
from .negotiation import HTML
from .responses import error, page, wants_html
from .site import Site
from .sparql import Outcome, ProtocolError, choose_for, query_form, read_operation, response, run


async def sparql(request: Request) -> Response:
    """GET or POST /sparql."""
    site: Site = request.app.state.site
    text = ""
    try:
        operation = await read_operation(request)
        text = operation.query or ""
        if operation.query is None:
            if wants_html(request) or request.query_params.get("saved"):
                return _page(
                    request, site, text=_saved_text(site, request.query_params.get("saved"))
                )
            raise ProtocolError(400, "no query: send one as ?query=…, a form field or the body")
        form = query_form(operation.query, allow_service=site.allow_service)
        chosen = choose_for(request, form)
        outcome = await site.runner.run(lambda deadline: run(site, operation, deadline))
    except ProtocolError as exc:
        if wants_html(request):
            return _page(request, site, text=text, error_text=str(exc), status=exc.status)
        return error(request, exc.status, str(exc))
    if chosen is HTML:
        return _page(request, site, text=operation.query, outcome=outcome)
    return response(outcome, chosen)


def _saved_text(site: Site, name: str | None) -> str:
    query = site.queries.get(name or "")
    return (
        query.text
        if query
        else "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class }\n"
        "GROUP BY ?class ORDER BY DESC(?n)\n"
    )


def _page(
    request: Request,
    site: Site,
    *,
    text: str,
    outcome: Outcome | None = None,
    error_text: str | None = None,
    status: int = 200,
) -> Response:
    cells: list[list[Shown]] = []
    graph_text = ""
    if outcome is not None and outcome.form == "SELECT":
        site.labels(t.value for row in outcome.rows for t in row if isinstance(t, ox.NamedNode))
        cells = [
            [show(site, t) if t is not None else Shown("") for t in row] for row in outcome.rows
        ]
    elif outcome is not None and outcome.form == "CONSTRUCT":
        triples = sorted(outcome.triples, key=str)
        graph_text = (
            ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
        ).decode()
    return page(
        request,
        "sparql.html",
        status=status,
        headers={"Vary": "Accept"},
        title="SPARQL",
        text=text,
        saved=request.query_params.get("saved", ""),
        queries=sorted(site.queries.values(), key=lambda q: q.name),
        outcome=outcome,
        cells=cells,
        graph_text=graph_text,
        error=error_text,
        limit=site.result_limit,
        timeout=site.query_timeout,
    )
