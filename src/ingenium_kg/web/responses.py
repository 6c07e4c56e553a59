"""Responses every handler builds the same way: pages in the layout, and one error shape.

An error is an HTML page for a browser, JSON under /api/, plain text otherwise; always the
standard status and a one-line message, never a traceback.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from ..namespaces import ARTICLE_IRI
from .entity import Shown
from .negotiation import parse_accept, quality
from .pages import render


def source(request: Request) -> Shown | None:
    """The footer's link to the source article, by its label in the data."""
    site = getattr(request.app.state, "site", None)
    if site is None:
        return None
    label = site.label(ARTICLE_IRI)
    return Shown(label.text if label else "the source article", href=site.href(ARTICLE_IRI))


def page(
    request: Request,
    template: str,
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    """A page of the site."""
    site = getattr(request.app.state, "site", None)
    body = render(
        template,
        source=source(request),
        href=site.href if site else str,
        **context,
    )
    return HTMLResponse(body, status_code=status, headers=headers)


def wants_html(request: Request) -> bool:
    """Whether the client prefers HTML to plain text (a browser does; curl does not ask)."""
    ranges = parse_accept(request.headers.get("accept", ""))
    return bool(ranges) and quality(ranges, "text/html") > quality(ranges, "text/plain")


def error(request: Request, status: int, message: str) -> Response:
    """The error response for `request`."""
    headers = {"Vary": "Accept"}
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    if wants_html(request):
        title = f"{status} {HTTPStatus(status).phrase}"
        return page(
            request, "error.html", status=status, headers=headers, title=title, message=message
        )
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)
