"""Content negotiation: which of the representations a resource offers the client prefers.

`Accept` is read as RFC 9110 says: the most specific media range decides each offer's quality,
q=0 refuses, ties go to the server's order. `?format=` names a representation outright and wins
over `Accept`, so a link or a browser can ask for Turtle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from starlette.requests import Request


@dataclass(frozen=True)
class Representation:
    """One form a resource can take: its `?format=` name and its media type."""

    name: str
    media_type: str


HTML = Representation("html", "text/html")
TURTLE = Representation("ttl", "text/turtle")
JSON_LD = Representation("jsonld", "application/ld+json")
N_TRIPLES = Representation("nt", "application/n-triples")
RDF_XML = Representation("rdf", "application/rdf+xml")
TRIG = Representation("trig", "application/trig")
RDF = (TURTLE, JSON_LD, N_TRIPLES, RDF_XML, TRIG)
"""The RDF serialisations every described resource offers, after its HTML page."""
DESCRIBED = (HTML, *RDF)


class NotAcceptableError(Exception):
    """Nothing offered satisfies the request: 406 for `Accept`, 400 for an unknown `?format=`."""

    def __init__(self, reason: str, *, status: int = 406) -> None:
        super().__init__(reason)
        self.status = status


@dataclass(frozen=True)
class _Range:
    type: str
    subtype: str
    quality: float

    def matches(self, media_type: str) -> int:
        """How specifically this range matches (2 exact, 1 `type/*`, 0 `*/*`), -1 not at all."""
        kind, _, sub = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != kind:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


def parse_accept(header: str) -> list[_Range]:
    """The media ranges of an `Accept` header; malformed parts are skipped, not fatal."""
    ranges = []
    for part in header.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        kind, slash, sub = media.lower().partition("/")
        if not slash or not kind or not sub or (kind == "*" and sub != "*"):
            continue
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append(_Range(kind, sub, quality))
    return ranges


def quality(ranges: Sequence[_Range], media_type: str) -> float:
    """The quality the client gives `media_type`: that of the most specific range matching it."""
    best, found = -1, 0.0
    for media_range in ranges:
        level = media_range.matches(media_type)
        if level > best:
            best, found = level, media_range.quality
    return found if best >= 0 else 0.0


def choose(request: Request, offers: Sequence[Representation]) -> Representation:
    """The representation to send: `?format=` if given, else the client's best by `Accept`.

    A missing or unreadable `Accept` means anything; the first offer is then the default.

    :raises NotAcceptableError: an unknown `?format=`, or an `Accept` refusing every offer.
    """
    asked = request.query_params.get("format")
    if asked is not None:
        for offer in offers:
            if offer.name == asked:
                return offer
        names = ", ".join(o.name for o in offers)
        reason = f"?format={asked} is not offered here; use one of {names}"
        raise NotAcceptableError(reason, status=400)
    ranges = parse_accept(request.headers.get("accept", "")) or [_Range("*", "*", 1.0)]
    scored = [(quality(ranges, offer.media_type), -i, offer) for i, offer in enumerate(offers)]
    score, _, offer = max(scored, key=lambda item: item[:2])
    if score <= 0:
        types = ", ".join(o.media_type for o in offers)
        raise NotAcceptableError(f"no representation matches the Accept header; offered: {types}")
    return offer


def alternates(path: str, offers: Sequence[Representation]) -> str:
    """A `Link` header value pointing to each representation by its `?format=` URL."""
    return ", ".join(
        f'<{path}?format={o.name}>; rel="alternate"; type="{o.media_type}"' for o in offers
    )
