"""ingenium-kg: the INGENIUM alliance as linked data, every fact traced to its source article.

>>> from ingenium_kg import build
>>> result = build()            # doctest: +SKIP
>>> result.conforms             # doctest: +SKIP
True
"""

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
from .pipeline import BuildResult, build, load, load_dataset
from .sources import Project
from .validation import Report, ReportFormat, Severity, Violation, validate

__all__ = [
    "BuildResult",
    "EndpointError",
    "Explanation",
    "ExportError",
    "ExportFormat",
    "IngeniumError",
    "Project",
    "QueryError",
    "Report",
    "ReportFormat",
    "Severity",
    "SourceError",
    "UnknownTermError",
    "UsageError",
    "Violation",
    "build",
    "explain",
    "export",
    "load",
    "load_dataset",
    "validate",
]
