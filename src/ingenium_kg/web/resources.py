"""The dereferenceable resources: entities under /id/, the ontology, the dataset description,
the dumps, and the pages for people (home, search).

Every described resource is negotiated the same way (HTML or an RDF format, `?format=` first),
answers with `Vary: Accept` and a `Link` header listing its other representations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import Response

from ..dataset import ONTOLOGY_HTML, SHAPES
from ..errors import SourceError
from ..namespaces import ONTOLOGY_IRI
from ..query.results import prefixed
from .describe import description, is_known, serialise
from .dumps import file_media_type
from .entity import view
from .home import home
from .negotiation import DESCRIBED, HTML, Representation, alternates, choose
from .responses import error, page
from .site import Site
from .void import dataset_description

_IRI = re.compile(r"[^\s<>\"{}|^`\\]+")
"""What an IRI may hold (RFC 3987): anything else never reaches a query."""


def _negotiated(
    request: Request, quads: Callable[[], Sequence[ox.Quad]], html: Callable[[], Response]
) -> Response:
    """The resource in the chosen representation, with the headers every one carries; each
    representation is rendered once (the build does not change) and then sent as kept."""
    site: Site = request.app.state.site
    chosen = choose(request, DESCRIBED)

    def render() -> Response:
        headers = {"Vary": "Accept", "Link": alternates(request.url.path, DESCRIBED)}
        if chosen is HTML:
            response: Response = html()
            response.headers.update(headers)
            return response
        body = serialise(quads(), chosen)
        return Response(body, media_type=chosen.media_type, headers=headers)

    return site.pages.answer((str(request.base_url), request.url.path, chosen), render)


def entity(request: Request) -> Response:
    """GET /id/{path}: an entity, an excerpt or a named graph of the build."""
    site: Site = request.app.state.site
    iri = site.iri(request.url.path)
    if not _IRI.fullmatch(iri):
        return error(request, 404, "not an IRI of this dataset")
    if iri == site.base + "id/dataset":
        return void(request)
    choose(request, DESCRIBED)  # a 406 before any work
    if not is_known(site.dataset, iri):
        return error(
            request, 404, f"{prefixed(iri)} is not in the graph; /search finds entities by name"
        )
    return _negotiated(
        request,
        lambda: description(site.dataset, iri),
        lambda: page(
            request,
            "entity.html",
            title=(site.label(iri).text if site.label(iri) else prefixed(iri)),
            short=prefixed(iri),
            view=view(site, iri, description(site.dataset, iri)),
            alternates=_others(),
        ),
    )


def _others() -> tuple[Representation, ...]:
    return tuple(r for r in DESCRIBED if r is not HTML)


def ontology(request: Request) -> Response:
    """GET /ontology: the ontology's documentation, or the ontology graph in RDF."""
    site: Site = request.app.state.site
    return _negotiated(
        request,
        lambda: sorted(site.dataset.quads(ONTOLOGY_IRI), key=str),
        lambda: Response(site.dataset.export_bytes(ONTOLOGY_HTML), media_type="text/html"),
    )


def shapes(request: Request) -> Response:
    """GET /shapes: the SHACL shapes the build was validated with."""
    site: Site = request.app.state.site
    try:
        text = site.dataset.export_bytes(SHAPES)
    except SourceError:
        return error(request, 404, "this build holds no shapes")

    def quads() -> list[ox.Quad]:
        return sorted(ox.parse(text, format=ox.RdfFormat.TURTLE), key=str)

    return _negotiated(
        request,
        quads,
        lambda: page(
            request,
            "shapes.html",
            title="SHACL shapes",
            text=text.decode("utf-8"),
            alternates=_others(),
        ),
    )


def void(request: Request) -> Response:
    """GET /.well-known/void: the dataset's VoID and DCAT description."""
    site: Site = request.app.state.site
    iri = site.base + "id/dataset"

    def quads() -> list[ox.Quad]:
        graph = ox.DefaultGraph()
        triples = dataset_description(site.dataset, site.base)
        return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]

    return _negotiated(
        request,
        quads,
        lambda: page(
            request,
            "entity.html",
            title="The dataset",
            short=prefixed(iri),
            view=view(site, iri, quads()),
            alternates=_others(),
        ),
    )


def dump(request: Request) -> Response:
    """GET /dumps/{name}: one file of the build, as `build` wrote it."""
    site: Site = request.app.state.site
    name = request.path_params["name"]
    try:
        body = site.dataset.export_bytes(name)
    except SourceError:
        return error(
            request, 404, f"the build has no file {name!r}; the dataset description lists them"
        )
    return Response(body, media_type=file_media_type(name))


def home_page(request: Request) -> Response:
    """GET /: the alliance at a glance."""
    site: Site = request.app.state.site

    def render() -> Response:
        content = home(site)
        return page(
            request,
            "home.html",
            title="Home",
            page=content,
            alliance=site.label(content.alliance) if content.alliance else None,
            located=[m for m in content.members if m.point is not None],
            labels=site.label,
            dumps=site.dataset.manifest.outputs,
        )

    return site.pages.answer((str(request.base_url), "/"), render)


def search_page(request: Request) -> Response:
    """GET /search?q=…: the same matches as /api/search, as a page."""
    site: Site = request.app.state.site
    text = request.query_params.get("q", "")
    hits = [
        {
            "iri": h.iri,
            "href": site.href(h.iri),
            "label": h.label,
            "lang": h.lang,
            "match": h.match.name.lower(),
        }
        for h in site.index.search(text)
    ]
    return page(request, "search.html", title="Search", query=text, hits=hits)
