"""The typed exceptions every library function raises; only the CLI turns them into exit codes.

Each message is one line that names the file, line or term at fault and, where possible, the fix,
so the CLI can print it as is.
"""

from __future__ import annotations


class IngeniumError(Exception):
    """Base of every expected failure; `exit_code` is what the CLI exits with."""

    exit_code: int = 2

    def __init__(self, message: str) -> None:
        # One line, always: the CLI prints exactly one stderr line per failure.
        super().__init__(" ".join(message.split()))

    @property
    def message(self) -> str:
        return str(self)


class SourceError(IngeniumError):
    """An input file is missing, unreadable or not valid RDF (message starts with `path:line:`)."""


class UsageError(IngeniumError):
    """The caller asked for something that cannot be done (bad option combination, extension)."""


class ExportError(IngeniumError):
    """A serialisation or an atomic write failed; the target file was left untouched."""


class UnknownTermError(IngeniumError):
    """A term given by the user is not a known prefix or not in the graph."""


class EndpointError(IngeniumError):
    """A SPARQL endpoint could not be reached, timed out, or answered with an error or garbage."""


class EndpointTimeoutError(EndpointError):
    """An endpoint gave no whole answer within the time allowed."""


class QueryError(IngeniumError):
    """A SPARQL query is unknown, malformed, an update, or given unusable parameters or format."""


class InvalidDataError(IngeniumError):
    """The built data does not conform to the shapes, and the reader was not told to accept it."""
