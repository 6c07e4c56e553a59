"""The build's files under `/dumps/<name>`, byte for byte as `build` wrote them into dist/."""

from __future__ import annotations

from pathlib import PurePosixPath

_MEDIA_TYPES = {
    ".ttl": "text/turtle",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples",
    ".trig": "application/trig",
    ".nq": "application/n-quads",
    ".rdf": "application/rdf+xml",
}
"""The RDF exports, by suffix (what VoID lists as data dumps)."""
_OTHER_TYPES = {
    ".tsv": "text/tab-separated-values",
    ".txt": "text/plain",
    ".json": "application/json",
}


def dump_media_type(name: str) -> str | None:
    """The media type of an RDF export, None for the build's other files."""
    return _MEDIA_TYPES.get(PurePosixPath(name).suffix)


def file_media_type(name: str) -> str:
    """The media type to serve any file of the build with."""
    suffix = PurePosixPath(name).suffix
    return _MEDIA_TYPES.get(suffix) or _OTHER_TYPES.get(suffix, "application/octet-stream")
