"""The linked-data web server: `create_app` assembles the routes over one built dataset.

The server reads what `build` wrote, read-only, and never rebuilds or re-validates; everything
derived from the data (the label index, the saved queries) is made once at start-up.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..dataset import BuiltDataset
from ..namespaces import ARTICLE_IRI
from ..query.library import list_queries
from ..stages.export import LICENSE
from .api import openapi, saved_query, search_api
from .limits import QueryRunner, QueryTimeoutError, ServerBusyError, TooManyResultsError
from .negotiation import NotAcceptableError
from .resources import dump, entity, home_page, ontology, search_page, shapes, void
from .responses import error
from .search import LabelIndex
from .site import Site
from .sources import SourceTexts
from .sparql_page import sparql

_CORS_PREFIXES = ("/api/", "/sparql")


_CREDITS = f'<{LICENSE}>; rel="license", <{ARTICLE_IRI}>; rel="via"'
"""Every answer names its licence and its source (RFC 8288 `license`, RFC 4287 `via`)."""


class Headers:
    """The headers every response carries: the licence, and CORS for the APIs (any origin may
    read them; preflight requests are answered here)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cors = scope["path"].startswith(_CORS_PREFIXES)
        if cors and scope["method"] == "OPTIONS":
            await Response(status_code=204, headers=_cors({"Access-Control-Max-Age": "86400"}))(
                scope, receive, send
            )
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                extra = _cors({}) if cors else {}
                extra["Link"] = _CREDITS
                for key, value in extra.items():
                    existing = [v for k, v in headers if k.decode().lower() == key.lower()]
                    if key == "Link" and existing:
                        headers = [(k, v) for k, v in headers if k.decode().lower() != "link"]
                        value = existing[0].decode() + ", " + value
                    headers.append((key.lower().encode(), value.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, sending)


def _cors(headers: dict[str, str]) -> dict[str, str]:
    return {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
        "Access-Control-Allow-Headers": "Accept, Content-Type",
        **headers,
    }


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    messages = {
        404: f"nothing is served at {request.url.path}",
        405: "this method is not allowed here",
    }
    return error(request, exc.status_code, messages.get(exc.status_code, exc.detail))


async def _not_acceptable(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, NotAcceptableError)
    return error(request, exc.status, str(exc))


async def _limit(request: Request, exc: Exception) -> Response:
    status = 422 if isinstance(exc, TooManyResultsError) else 503
    response = error(request, status, str(exc))
    if isinstance(exc, ServerBusyError):
        response.headers["Retry-After"] = "5"
    return response


async def _unexpected(request: Request, exc: Exception) -> Response:
    """Any bug: a 500 with no detail (the traceback goes to the server log only)."""
    response = error(request, 500, "the server failed to answer this request")
    response.headers["Link"] = _CREDITS
    return response


def create_app(
    dataset: BuiltDataset,
    *,
    allow_service: bool = False,
    query_timeout: float = 10.0,
    result_limit: int = 10_000,
    base: str = "https://w3id.org/ingenium-kg/",
) -> Starlette:
    """The web application serving `dataset` (a build opened read-only).

    `query_timeout` (seconds) and `result_limit` (rows or triples) bound every SPARQL query;
    `allow_service` lets queries call other endpoints with SERVICE; `base` is the IRI
    namespace the server's paths stand for.
    """
    site = Site(
        dataset=dataset,
        base=base,
        queries={q.name: q for q in list_queries()},
        runner=QueryRunner(timeout=query_timeout),
        index=LabelIndex(dataset),
        texts=SourceTexts(dataset),
        allow_service=allow_service,
        result_limit=result_limit,
        query_timeout=query_timeout,
    )
    routes = [
        Route("/", home_page),
        Route("/id/{path:path}", entity),
        Route("/ontology", ontology),
        Route("/shapes", shapes),
        Route("/.well-known/void", void),
        Route("/dumps/{name:path}", dump),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/api/queries/{name}", saved_query),
        Route("/api/openapi.json", openapi),
        Route("/api/search", search_api),
        Route("/search", search_page),
    ]
    handlers: dict[Any, Any] = {
        HTTPException: _http_error,
        NotAcceptableError: _not_acceptable,
        QueryTimeoutError: _limit,
        ServerBusyError: _limit,
        TooManyResultsError: _limit,
        Exception: _unexpected,
    }

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        yield
        site.runner.close()

    app = Starlette(routes=routes, exception_handlers=handlers, lifespan=lifespan)
    app.add_middleware(Headers)
    app.state.site = site
    return app


def serve(
    dataset: BuiltDataset, *, host: str = "127.0.0.1", port: int = 8000, **app_options: Any
) -> None:
    """Serve `dataset` with uvicorn until interrupted (`app_options` go to `create_app`)."""
    import uvicorn

    uvicorn.run(create_app(dataset, **app_options), host=host, port=port, log_level="warning")
