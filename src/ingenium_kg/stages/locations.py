"""Where a statement is written in a Turtle or TriG source file, so that a validation report
can name the line of each result (found with a few patterns, not a parser: a report's pointer)."""

from __future__ import annotations

import re

from ..namespaces import DATA_NS

_PREFIX_DECLARATION = re.compile(
    r"^\s*@?prefix\s+([\w.-]*):\s*<([^>]*)>", re.IGNORECASE | re.MULTILINE
)
_BASE_DECLARATION = re.compile(r"^\s*@?base\s+<([^>]*)>", re.IGNORECASE | re.MULTILINE)
_OPENING = re.compile(
    r"\s*(<[^<>\s]*>|[A-Za-z][\w.-]*:[^\s;,{}()<>\"]*|:[^\s;,{}()<>\"]*)(?=[\s;,{]|$)"
)
"""A line that opens a statement (or a GRAPH block) with an IRI or a prefixed name."""
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


class StatementIndex:
    """Where each subject's statements open in one Turtle or TriG file, found in one pass, so
    a report can name the line of every result however many results there are."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.prefixes = dict(_PREFIX_DECLARATION.findall(text))
        bases = _BASE_DECLARATION.findall(text)
        self.base = bases[0] if bases else DATA_NS
        self.openings: dict[str, int] = {}
        for number, line in enumerate(self.lines, start=1):
            if (found := _OPENING.match(line)) and (iri := self._iri(found[1])):
                self.openings.setdefault(iri, number)

    def _iri(self, written: str) -> str | None:
        if written.startswith("<"):
            inner = written[1:-1]
            return inner if ":" in inner.split("/", 1)[0] else self.base + inner
        prefix, _, local = written.partition(":")
        namespace = self.prefixes.get(prefix)
        return None if namespace is None else namespace + local

    def locate(self, subject: str, predicate: str | None = None) -> int | None:
        """The line (1-based) where `subject`'s statement about `predicate` is written: the
        predicate's line within the first statement opening with the subject, else that
        statement's first line; None when no statement opens with it."""
        first = self.openings.get(subject)
        if first is None or predicate is None:
            return first
        forms = [
            f"<{predicate}>",
            *(
                f"{p}:{predicate[len(ns) :]}"
                for p, ns in self.prefixes.items()
                if ns and predicate.startswith(ns)
            ),
        ]
        if predicate.startswith(self.base):
            forms.append(f"<{predicate[len(self.base) :]}>")
        if predicate == _TYPE:
            forms.append("a")
        written = re.compile(rf"(?:^|[\s;]){'|'.join(re.escape(f) for f in forms)}(?=\s)")
        for offset, line in enumerate(self.lines[first - 1 :]):
            if written.search(line):
                return first + offset
            if line.rstrip().endswith((".", "}")):
                break
        return first
