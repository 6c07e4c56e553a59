"""ingenium-kg: the INGENIUM alliance as linked data, every fact traced to its source article.

>>> from ingenium_kg import build
>>> result = build()            # doctest: +SKIP
>>> result.conforms             # doctest: +SKIP
True
"""

from .enrichment import Enrichment, enrich, write_enrichment
from .errors import (
    EndpointError,
    ExportError,
    IngeniumError,
    QueryError,
    SourceError,
    UnknownTermError,
    UsageError,
)
from .explain import Explanation, explain
from .export import ExportFormat, export
from .linking import Kind, Linkable, linkables
from .pipeline import BuildResult, build, load, load_dataset
from .queries import SavedQuery, find_query, list_queries, run_query
from .quickstatements import quickstatements
from .reconcile import LinkReport, LinkRow, Status, reconcile
from .results import OutputFormat, render
from .sources import Project
from .sssom import sssom_tsv
from .validation import Report, ReportFormat, Severity, Violation, validate
from .wikidata_check import CheckReport, Disagreement
from .wikidata_check import check as wikidata_check
from .wikidata_endpoint import WikidataEndpoint

__all__ = [
    "BuildResult",
    "CheckReport",
    "Disagreement",
    "EndpointError",
    "Enrichment",
    "Explanation",
    "ExportError",
    "ExportFormat",
    "IngeniumError",
    "Kind",
    "LinkReport",
    "LinkRow",
    "Linkable",
    "OutputFormat",
    "Project",
    "QueryError",
    "Report",
    "ReportFormat",
    "SavedQuery",
    "Severity",
    "SourceError",
    "Status",
    "UnknownTermError",
    "UsageError",
    "Violation",
    "WikidataEndpoint",
    "build",
    "enrich",
    "explain",
    "export",
    "find_query",
    "linkables",
    "list_queries",
    "load",
    "load_dataset",
    "quickstatements",
    "reconcile",
    "render",
    "run_query",
    "sssom_tsv",
    "validate",
    "wikidata_check",
    "write_enrichment",
]
