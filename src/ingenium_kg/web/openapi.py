"""The OpenAPI 3.1 document of the web API, generated from the saved queries' headers.

Each saved query is one GET operation: its name is the path, its English question the summary,
its French question the description, its declared parameters query parameters typed as
`--param` reads them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..query.library import QueryForm, SavedQuery
from ..query.params import ParamType
from ..stages.export import LICENSE, TITLE

_SCHEMAS: dict[ParamType, dict[str, Any]] = {
    ParamType.IRI: {
        "type": "string",
        "format": "iri",
        "description": "an IRI, <IRI> or prefixed name",
    },
    ParamType.STRING: {"type": "string"},
    ParamType.INTEGER: {"type": "integer"},
    ParamType.DECIMAL: {"type": "number"},
    ParamType.DATE: {"type": "string", "format": "date"},
    ParamType.YEAR: {"type": "string", "pattern": "^-?[0-9]{4}$"},
    ParamType.ANY: {"type": "string", "description": "an IRI, a number, a date or a string"},
}
_TABLES = {
    "application/sparql-results+json": {"schema": {"$ref": "#/components/schemas/SparqlResults"}},
    "text/csv": {"schema": {"type": "string"}},
}
_GRAPHS = {
    media: {"schema": {"type": "string"}} for media in ("text/turtle", "application/n-triples")
} | {"application/ld+json": {"schema": {"type": ["object", "array"]}}}
_ERROR = {
    "description": "a parameter is unknown or its value does not fit its type",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


def document(queries: Iterable[SavedQuery], version: str) -> dict[str, Any]:
    """The OpenAPI document (a JSON-ready dict)."""
    paths: dict[str, Any] = {}
    for query in queries:
        graph = query.form in (QueryForm.CONSTRUCT, QueryForm.DESCRIBE)
        formats = ["ttl", "jsonld", "nt"] if graph else ["json", "csv"]
        parameters = [
            {
                "name": p.name,
                "in": "query",
                "required": False,
                "description": p.description,
                "schema": _SCHEMAS[p.type],
            }
            for p in query.params or ()
        ]
        parameters.append(
            {
                "name": "format",
                "in": "query",
                "required": False,
                "description": "overrides the Accept header",
                "schema": {"type": "string", "enum": formats},
            }
        )
        paths[f"/api/queries/{query.name}"] = {
            "get": {
                "operationId": query.name,
                "summary": query.question_en or query.name,
                "description": f"{query.question_fr} ({query.form} query)".strip(),
                "tags": ["saved queries"],
                "parameters": parameters,
                "responses": {
                    "200": {"description": "the answer", "content": _GRAPHS if graph else _TABLES},
                    "400": _ERROR,
                    "503": {"description": "over the time limit or every query slot busy"},
                },
            }
        }
    paths["/api/search"] = {
        "get": {
            "operationId": "search",
            "summary": "Entities by name, accent- and case-insensitive, best first",
            "parameters": [
                {"name": "q", "in": "query", "required": True, "schema": {"type": "string"}},
                {
                    "name": "limit",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "integer", "minimum": 1, "maximum": 100},
                },
            ],
            "responses": {
                "200": {
                    "description": "the matches",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/SearchResults"}
                        }
                    },
                },
                "400": _ERROR,
            },
        }
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{TITLE} API",
            "version": version,
            "description": "The saved questions of the INGENIUM knowledge graph, read-only. "
            "Any other question: the SPARQL 1.1 endpoint at /sparql.",
            "license": {"name": "CC BY 4.0 (data)", "url": LICENSE},
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {"schemas": _components()},
    }


def _components() -> dict[str, Any]:
    term = {
        "type": "object",
        "required": ["type", "value"],
        "properties": {
            "type": {"enum": ["uri", "literal", "bnode", "triple"]},
            "value": {},
            "xml:lang": {"type": "string"},
            "datatype": {"type": "string"},
        },
    }
    return {
        "SparqlResults": {
            "type": "object",
            "description": "W3C SPARQL 1.1 Query Results JSON",
            "required": ["head"],
            "properties": {
                "head": {
                    "type": "object",
                    "properties": {"vars": {"type": "array", "items": {"type": "string"}}},
                },
                "results": {
                    "type": "object",
                    "properties": {
                        "bindings": {
                            "type": "array",
                            "items": {"type": "object", "additionalProperties": term},
                        }
                    },
                },
                "boolean": {"type": "boolean"},
            },
        },
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {"error": {"type": "string"}},
        },
        "SearchResults": {
            "type": "object",
            "required": ["query", "results"],
            "properties": {
                "query": {"type": "string"},
                "results": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["iri", "label", "match"],
                        "properties": {
                            "iri": {"type": "string"},
                            "path": {"type": "string"},
                            "label": {"type": "string"},
                            "lang": {"type": "string"},
                            "match": {"enum": ["exact", "prefix", "word", "substring", "fuzzy"]},
                            "score": {"type": "number"},
                        },
                    },
                },
            },
        },
    }
