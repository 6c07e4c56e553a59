"""ingenium-kg: the INGENIUM alliance as linked data, every fact traced to its source article.

>>> from ingenium_kg import build
>>> result = build()            # doctest: +SKIP
>>> result.conforms             # doctest: +SKIP
True
"""

from .build.export import ExportFormat, export
from .build.sources import Project
from .build.validation import Report, ReportFormat, Severity, Violation, validate
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
from .pipeline import BuildResult, build, load, load_dataset
from .query.library import SavedQuery, find_query, list_queries, run_query
from .query.results import OutputFormat, render
from .wikidata.check import CheckReport, Disagreement
from .wikidata.check import check as wikidata_check
from .wikidata.client import WikidataEndpoint
from .wikidata.enrich import Enrichment, enrich, write_enrichment
from .wikidata.linking import Kind, Linkable, linkables
from .wikidata.quickstatements import quickstatements
from .wikidata.reconcile import LinkReport, LinkRow, Status, reconcile
from .wikidata.sssom import sssom_tsv

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
