"""SPARQL constraints made whole-graph: `$this` bound by a joined subquery, rows read as pyshacl
reads them."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import Literal
from rdflib.namespace import SH

from ...terms import from_ox
from .model import Origin, Reader, Result, Term

_TOKEN = re.compile(
    r'(?P<skip>#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>)'
    r"|(?P<var>[?$]\w+)|(?P<word>\w[\w:-]*|:[\w:-]*)|(?P<char>\S)"
)
"""SPARQL tokens: enough to see keywords, variables and brackets outside strings and IRIs."""
_REFUSED = {"MINUS", "VALUES", "SERVICE", "FROM", "LIMIT", "OFFSET"}
_REFUSED |= {f"{mark}{name}" for mark in "?$" for name in ("PATH", "shapesGraph", "currentShape")}
_REFUSED |= {"?failure", "$failure"}
_AGGREGATES = {"COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT", "GROUP", "HAVING"}


def rewrite(text: str, focus: str) -> tuple[str, bool]:
    """The query with `focus` joined first in its WHERE clause and ?this selected, and whether
    it selected $this itself.

    Joining first is pre-binding (SHACL's definition) except where ?this is read by what does not
    see the WHERE clause's bindings: an expression in a nested group, or an EXISTS below one. Those
    are refused, as is what pyshacl refuses (MINUS, VALUES, SERVICE, AS $this, a subquery not
    selecting $this) and what would span all the focus nodes instead of one (LIMIT, OFFSET, an
    aggregate not grouped by $this).

    :raises ValueError: the query is one of those.
    """
    tokens = list(_TOKEN.finditer(text))
    edits = [(m.start(), m.end(), "?this") for m in tokens if m.group() == "$this"]
    groups: list[tuple[bool, bool, int]] = []  # open groups: sees ?this, in an EXISTS, parens
    parens, where, select, previous = 0, -1, -1, ""
    selects = aggregates = grouping = grouped = False
    for index, match in enumerate(tokens):
        token = match.group()
        word = token.upper() if match.lastgroup == "word" else token
        top = not groups
        if word in _REFUSED:
            raise ValueError(f"{token} is not supported")
        if token in ("?this", "$this"):
            if previous == "AS":
                raise ValueError("AS $this is not allowed")
            selects |= top and where < 0 and parens == 0
            grouped |= top and grouping
            if not top and not groups[-1][0] and (groups[-1][1] or parens > groups[-1][2]):
                raise ValueError("$this is read where the focus node is not bound")
        elif top and word in _AGGREGATES:
            aggregates, grouping = True, grouping or word == "GROUP"
        elif top and word in ("ORDER", "HAVING"):
            grouping = False
        elif word == "SELECT" and not top:
            _check_subquery(tokens[index + 1 :])
        elif top and where < 0 and (word == "SELECT" or previous == "SELECT" != word != "*"):
            select = match.end()  # after SELECT, and after DISTINCT or REDUCED if there
        elif top and where < 0 and token == "*":
            selects = True
        elif token == "{":
            exists = previous == "EXISTS"
            if top and where < 0:
                where = match.end()
            sees = where == match.end() or (exists and groups[-1][0])
            groups.append((sees, exists or (not top and groups[-1][1]), parens))
        elif token == "}":
            groups.pop()
        elif token in ("(", ")"):
            parens += 1 if token == "(" else -1
        previous = word
    if where < 0 or select < 0:
        raise ValueError("a SELECT query with a WHERE clause is expected")
    if aggregates and not grouped:
        raise ValueError("an aggregating query must GROUP BY $this")
    edits.append((where, where, f" {focus} "))
    if not selects:
        edits.append((select, select, " ?this"))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text, selects


def _check_subquery(tokens: list[re.Match[str]]) -> None:
    """A subquery must select $this by name (as pyshacl demands)."""
    selected = []
    for match in tokens:
        if match.group() == "{" or match.group().upper() == "WHERE":
            break
        selected.append(match.group())
    if "*" in selected or not {"?this", "$this"} & set(selected):
        raise ValueError("a subquery must select $this by name")


def sparql_reader(origin: Origin, name: str, selects_this: bool) -> Reader:
    """pyshacl's reading of SPARQL rows: distinct per focus node, ?value defaulting to the focus
    node, {?var} in the messages replaced by the row's values."""
    default = (
        Literal(f"Breaks the SPARQL constraint {name}.", lang="en"),
        Literal(f"Enfreint la contrainte SPARQL {name}.", lang="fr"),
    )

    def read(rows: ox.QuerySolutions) -> Iterator[Result]:
        names, seen = [v.value for v in rows.variables], set()
        for row in rows:
            bound: dict[str, Term] = {n: row[n] for n in names if row[n] is not None}  # type: ignore[misc]
            this, path, value = bound.pop("this"), bound.pop("path", None), bound.pop("value", None)
            key = (this, path, value, *sorted(bound.items(), key=lambda item: item[0]))
            if key in seen or not (selects_this or path is not None or value is not None):
                continue  # pyshacl drops a row binding none of $this, ?path and ?value
            seen.add(key)
            bound |= {"value": value or this} | ({"this": this} if selects_this else {})
            bound |= {} if path is None else {"path": path}
            messages = tuple(
                Literal(_fill(m, bound), lang=m.language, datatype=m.datatype)
                for m in origin.messages
            )
            yield Result(
                focus=from_ox(this),
                path=None if path is None else from_ox(path),
                value=from_ox(value or this),
                source_shape=origin.shape,
                component=SH.SPARQLConstraintComponent,
                severity=origin.severity,
                messages=messages or default,
            )

    return read


def _fill(message: str, bound: dict[str, Term]) -> str:
    """{$var} and {?var} replaced by the row's value of var, as pyshacl does."""
    return re.sub(r"\{[?$](\w+)\}", lambda m: bound[m[1]].value if m[1] in bound else m[0], message)
