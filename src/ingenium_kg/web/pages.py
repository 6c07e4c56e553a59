"""HTML pages: the Jinja2 templates shipped in the package, autoescaped, one layout for all.

Styles and the SPARQL page's script are inlined in the pages, so a page saved to disk (as the
build does with the ontology's documentation) stands on its own.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from ..stages.export import LICENSE


@cache
def environment() -> Environment:
    """The template environment (made once; templates are read from the package)."""
    env = Environment(
        loader=PackageLoader("ingenium_kg.web", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(license=LICENSE, license_name="CC BY 4.0")
    env.filters["number"] = lambda n: f"{n:,}".replace(",", "\u202f")
    return env


def render(template: str, **context: Any) -> str:
    """One page as text."""
    return environment().get_template(template).render(**context)
