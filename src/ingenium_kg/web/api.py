"""The web API: every saved query at `/api/queries/NAME`, its OpenAPI document, and search.

A saved query runs exactly as `ingenium-kg query NAME --param …` runs it: the same parameter
typing (`bind_params`), the same answer (`answer`) and the engine's own writers (`render`).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..dataset import package_version
from ..errors import QueryError
from ..query.library import QueryForm
from ..query.results import OutputFormat, render
from ..query.run import answer
from .limits import Deadline
from .negotiation import JSON_LD, N_TRIPLES, TURTLE, Representation, choose
from .openapi import document
from .responses import error
from .site import Site

_TABLES = (
    Representation("json", "application/sparql-results+json"),
    Representation("csv", "text/csv"),
)
_GRAPHS = (TURTLE, JSON_LD, N_TRIPLES)
_OUTPUT = {
    "json": OutputFormat.JSON,
    "csv": OutputFormat.CSV,
    "ttl": OutputFormat.TURTLE,
    "jsonld": OutputFormat.JSON_LD,
    "nt": OutputFormat.NT,
}
SEARCH_LIMIT = 100


async def saved_query(request: Request) -> Response:
    """GET /api/queries/NAME?param=value…"""
    site: Site = request.app.state.site
    name = request.path_params["name"]
    query = site.queries.get(name)
    if query is None:
        known = ", ".join(sorted(site.queries))
        return error(request, 404, f"no saved query named {name!r}; known: {known}")
    offers = _GRAPHS if query.form in (QueryForm.CONSTRUCT, QueryForm.DESCRIBE) else _TABLES
    chosen = choose(request, offers)
    params: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        if key == "format":
            continue
        if key in params:
            return error(request, 400, f"parameter {key!r} is given twice")
        params[key] = value

    def job(deadline: Deadline) -> bytes:
        return render(answer(site.dataset, query, params=params), _OUTPUT[chosen.name])

    try:
        body = await site.runner.run(job)
    except QueryError as exc:
        return error(request, 400, exc.message)
    return Response(body, media_type=chosen.media_type, headers={"Vary": "Accept"})


async def openapi(request: Request) -> Response:
    """GET /api/openapi.json"""
    site: Site = request.app.state.site
    return JSONResponse(document(site.queries.values(), package_version()))


def search_api(request: Request) -> Response:
    """GET /api/search?q=…&limit=…"""
    site: Site = request.app.state.site
    text = request.query_params.get("q", "")
    if not text.strip():
        return error(request, 400, "give the name to look for: /api/search?q=…")
    try:
        limit = int(request.query_params.get("limit", "20"))
    except ValueError:
        return error(request, 400, "limit must be a whole number")
    if not 1 <= limit <= SEARCH_LIMIT:
        return error(request, 400, f"limit must be between 1 and {SEARCH_LIMIT}")
    hits = site.index.search(text, limit=limit)
    results = [
        {
            "iri": h.iri,
            "path": site.href(h.iri),
            "label": h.label,
            "lang": h.lang,
            "match": h.match.name.lower(),
            "score": h.score,
        }
        for h in hits
    ]
    return JSONResponse({"query": text, "results": results})
