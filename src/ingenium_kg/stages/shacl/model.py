"""What compiled shapes are made of: the queries, their checks, and the results they read."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node

from ...terms import from_ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Reader = Callable[[ox.QuerySolutions], Iterator["Result"]]


@dataclass(frozen=True)
class Result:
    """One validation result in rdflib terms; `messages` are the shape's, else ours (en, fr)."""

    focus: Node
    path: Node | None
    value: Node | None
    source_shape: Node
    component: URIRef
    severity: URIRef
    messages: tuple[Literal, ...]


@dataclass(frozen=True)
class Query:
    """A compiled query, the shape it checks (named in errors) and its reader."""

    shape: str
    text: str
    read: Reader


@dataclass(frozen=True)
class Check:
    """One constraint: a SPARQL condition true when it fails, its component and messages
    (English and French, for shapes that declare no sh:message)."""

    component: URIRef
    fails: str
    message: str
    french: str
    pattern: str = ""


@dataclass(frozen=True)
class Origin:
    """What every result of one shape carries."""

    shape: Node
    path: Node | None
    severity: URIRef
    messages: tuple[Literal, ...]

    def result(self, focus: Term, value: Term | None, check: Check) -> Result:
        return Result(
            focus=from_ox(focus),
            path=self.path,
            value=None if value is None else from_ox(value),
            source_shape=self.shape,
            component=check.component,
            severity=self.severity,
            messages=self.messages
            or (Literal(check.message, lang="en"), Literal(check.french, lang="fr")),
        )

    def reader(self, checks: list[Check], with_value: bool) -> Reader:
        """Rows with ?this (and ?value) and a boolean ?f{n} per check, read as results."""

        def read(rows: ox.QuerySolutions) -> Iterator[Result]:
            for row in rows:
                for n, check in enumerate(checks):
                    if row[f"f{n}"].value == "true":  # type: ignore[union-attr]
                        value = row["value"] if with_value else None
                        yield self.result(row["this"], value, check)  # type: ignore[arg-type]

        return read


_PLANS: dict[frozenset[tuple[Node, Node, Node]], tuple[Query, ...]] = {}
