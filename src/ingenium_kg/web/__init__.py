"""The linked-data web server over a build: pages, content negotiation, SPARQL, a web API.

`create_app` makes the Starlette application, `serve` runs it with uvicorn; `ontology_html`
and `dataset_description` are what the build can write into dist/ beside the exports.
"""

from __future__ import annotations

from .app import create_app, serve
from .ontology import ontology_html
from .void import dataset_description

__all__ = ["create_app", "dataset_description", "ontology_html", "serve"]
