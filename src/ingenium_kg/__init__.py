"""ingenium-kg: the INGENIUM alliance as linked data, every fact traced to its source article.

>>> from ingenium_kg import build, open_dataset, run_query
>>> result = build()                             # doctest: +SKIP
>>> result.valid                                # doctest: +SKIP
True
>>> rows = run_query(open_dataset(), "members")  # doctest: +SKIP

Names are loaded on first use (PEP 562), so `import ingenium_kg` costs nothing and a command
pays only for the modules it needs.
"""

from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_WHERE = {
    "BuildResult": "pipeline",
    "build": "pipeline",
    "check": "pipeline",
    "open_dataset": "pipeline",
    "BuiltDataset": "dataset",
    "Manifest": "dataset",
    "Project": "stages.sources",
    "ExportFormat": "stages.export",
    "Report": "stages.validation",
    "ReportFormat": "stages.validation",
    "Severity": "stages.validation",
    "Violation": "stages.validation",
    "validate": "stages.validation",
    "Explanation": "explanation",
    "explain": "explanation",
    "SavedQuery": "query.library",
    "find_query": "query.library",
    "list_queries": "query.library",
    "run_query": "query.run",
    "OutputFormat": "query.results",
    "Enrichment": "wikidata.enrich",
    "enrich": "wikidata.enrich",
    "write_enrichment": "wikidata.enrich",
    "Kind": "wikidata.linking",
    "Linkable": "wikidata.linking",
    "linkables": "wikidata.linking",
    "quickstatements": "wikidata.quickstatements",
    "LinkReport": "wikidata.reconcile",
    "LinkRow": "wikidata.reconcile",
    "Status": "wikidata.reconcile",
    "reconcile": "wikidata.reconcile",
    "sssom_tsv": "wikidata.sssom",
    "CheckReport": "wikidata.check",
    "Disagreement": "wikidata.check",
    "wikidata_check": "wikidata.check:check",
    "WikidataEndpoint": "wikidata.client",
    "EndpointError": "errors",
    "ExportError": "errors",
    "IngeniumError": "errors",
    "InvalidDataError": "errors",
    "QueryError": "errors",
    "SourceError": "errors",
    "UnknownTermError": "errors",
    "UsageError": "errors",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    """Import the module that defines `name` the first time it is asked for."""
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, _, attribute = _WHERE[name].partition(":")
    value = getattr(import_module(f".{module}", __name__), attribute or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
