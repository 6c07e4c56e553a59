"""The saved SPARQL library (`queries/*.rq`): one question per file, read without a SPARQL parser.

A saved query opens with a header of comments (`# name:`, `# en:`, `# fr:`, `# param:` lines).
Reading it needs no SPARQL machinery: the form is the first keyword after the prologue, the
variables are the `?name`s of the text, and syntax errors come from the engine that runs the
query. That keeps `ingenium-kg query NAME` free of rdflib's parser on its fast path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from ..errors import QueryError, SourceError
from ..stages.sources import Project
from .params import ParamType, Term, typed_term
from .text import (
    FORMS,
    UPDATES,
    blank_noise,
    opening_keyword,
    prologue_end,
    uses_keyword,
    variables,
)

_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_HEADER = re.compile(r"#\s*(name|en|fr|param|params)\s*:\s*(.*)")
_PARAM = r"[?$](\w+)\s+[—–-]+\s+(.+?)\s*\((\w+)\)"
"""Compiled when a query declares a parameter (`re` keeps it), not on every start."""
DEFAULT_TIMEOUT = 30.0
"""Seconds a remote query may take (`--timeout`)."""


class QueryForm(StrEnum):
    """The four SPARQL query forms."""

    SELECT = "SELECT"
    ASK = "ASK"
    CONSTRUCT = "CONSTRUCT"
    DESCRIBE = "DESCRIBE"

    @property
    def returns_graph(self) -> bool:
        return self in (QueryForm.CONSTRUCT, QueryForm.DESCRIBE)


class Param:
    """A declared parameter: `?name`, what it stands for, and the terms it accepts.

    This module's classes are written out rather than made dataclasses: `dataclasses` imports
    `inspect`, a tenth of a cold query's time.
    """

    __slots__ = ("description", "name", "type")

    def __init__(self, name: str, description: str, type: ParamType) -> None:
        self.name, self.description, self.type = name, description, type

    def __repr__(self) -> str:
        return f"Param({self.name!r}, {self.description!r}, {self.type})"


class SavedQuery:
    """One question of the library: its header, text and form (`name` is the file stem)."""

    def __init__(
        self,
        *,
        name: str,
        question_en: str,
        question_fr: str,
        params: tuple[Param, ...] | None,
        text: str,
        form: QueryForm,
    ) -> None:
        self.name, self.question_en, self.question_fr = name, question_en, question_fr
        self.params = params
        """Declared parameters; None when the text has no `# param`/`# params` header (any
        variable)."""
        self.text, self.form = text, form

    def __repr__(self) -> str:
        return f"SavedQuery(name={self.name!r}, form={self.form}, params={self.params!r})"

    @cached_property
    def blanked(self) -> str:
        """The text with comments, IRIs and strings blanked out, position for position: where
        keywords and variables can be looked for (computed once per query)."""
        return blank_noise(self.text)

    @cached_property
    def calls_services(self) -> bool:
        """Whether the query reaches out to another endpoint (`SERVICE`)."""
        return uses_keyword(self.blanked, "SERVICE")

    @cached_property
    def declares_dataset(self) -> bool:
        """Whether the query names its own dataset (`FROM`, `FROM NAMED`)."""
        return uses_keyword(self.blanked, "FROM")

    @cached_property
    def variables(self) -> frozenset[str]:
        """The names of the query's variables (`?x` and `$x`)."""
        return variables(self.blanked)


def is_query_name(text: str) -> bool:
    """Whether `text` can name a saved query (lower-case words joined by hyphens)."""
    return _NAME.fullmatch(text) is not None


def queries_dir(project: Project | None = None) -> Path:
    return (project or Project()).root / "queries"


def list_queries(project: Project | None = None) -> tuple[SavedQuery, ...]:
    """Every saved query, sorted by name.

    :raises SourceError: an unreadable file; QueryError for a broken header or form.
    """
    paths = sorted(queries_dir(project).glob("*.rq"), key=lambda path: path.stem)
    return tuple(read_query_file(path) for path in paths)


def find_query(name: str, project: Project | None = None) -> SavedQuery:
    """The saved query called `name`.

    :raises QueryError: no such query; the message suggests the nearest names.
    """
    folder = queries_dir(project)
    path = folder / f"{name}.rq"
    if is_query_name(name) and path.is_file():
        return read_query_file(path)
    from rapidfuzz import process

    names = [p.stem for p in sorted(folder.glob("*.rq"))]
    if not names:
        raise QueryError(f"{folder}: no saved queries here (is $INGENIUM_KG_ROOT right?)")
    nearest = [hit for hit, score, _ in process.extract(name, names, limit=3) if score >= 50]
    hint = f"; did you mean {', '.join(nearest)}?" if nearest else ""
    raise QueryError(f"no saved query named {name!r}{hint} (`ingenium-kg queries` lists them)")


def read_query_file(path: Path) -> SavedQuery:
    """A query from an `.rq` file; the header is optional outside the library (`queries/`).

    :raises SourceError: unreadable file; QueryError for a bad header or form.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8"
        raise SourceError(f"{path}: cannot read the query ({reason})") from None
    return parse_query_text(text, name=path.stem, source=str(path))


def parse_query_text(text: str, *, name: str = "query", source: str = "query") -> SavedQuery:
    """A query from text: its `# name/en/fr/param` header and its form.

    :raises QueryError: an empty text, an update, a malformed header, an undeclared variable.
    """
    header: dict[str, str] = {}
    params: list[Param] = []
    declared = False
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        declared = declared or bool(match and match[1] in ("param", "params"))
        if match and match[1] == "param":
            params.append(_param(match[2], source))
        elif match:
            header[match[1]] = match[2].strip()
    query = SavedQuery(
        name=header.get("name", name),
        question_en=header.get("en", ""),
        question_fr=header.get("fr", ""),
        params=tuple(params) if declared else None,
        text=text,
        form=_form(text, source),
    )
    missing = [p.name for p in params if p.name not in query.variables]
    if missing:
        raise QueryError(f"{source}: declared parameter ?{missing[0]} is not in the query")
    return query


def _form(text: str, source: str) -> QueryForm:
    blanked = blank_noise(text)
    if not blanked.strip():
        raise QueryError(f"{source}: the query is empty")
    keyword = opening_keyword(blanked)
    if keyword in FORMS:
        return QueryForm(keyword)
    if keyword in UPDATES:
        raise QueryError(f"{source}: updates are refused; `query` only reads")
    raise QueryError(
        f"{source}: SPARQL syntax error at line 1: expected SELECT, ASK, CONSTRUCT or DESCRIBE"
    )


def _param(declaration: str, source: str) -> Param:
    match = re.fullmatch(_PARAM, declaration.strip())
    kinds = {t.value.lower(): t for t in ParamType}
    if not match or match[3].lower() not in kinds:
        raise QueryError(
            f"{source}: malformed header `# param: {declaration.strip()}`;"
            " expected `# param: ?name — description (IRI|string|integer|decimal|date|gYear)`"
        )
    return Param(match[1], match[2], kinds[match[3].lower()])


def bind_params(query: SavedQuery, values: Mapping[str, str]) -> dict[str, Term]:
    """Typed pyoxigraph terms for `values`, checked against the declared (or the query's) names.

    :raises QueryError: unknown parameter name or a value that does not fit its declared type.
    """
    if query.params is None:
        declared = {name: Param(name, "", ParamType.ANY) for name in query.variables}
    else:
        declared = {p.name: p for p in query.params}
    bound: dict[str, Term] = {}
    for raw_name, value in values.items():
        name = raw_name.lstrip("?$")
        if name not in declared:
            known = ", ".join(sorted(declared)) or "none"
            raise QueryError(f"unknown parameter {raw_name!r} for {query.name} (known: {known})")
        bound[name] = typed_term(value, declared[name].type)
    return bound


def with_bindings(query: SavedQuery, bindings: Mapping[str, Term]) -> str:
    """The query's text with its parameters bound by a VALUES block opening its WHERE clause.

    Bound there, a parameter is seen by every pattern and FILTER of the query, and projected or
    not; the same text runs locally and on any SPARQL 1.1 endpoint. Terms are written in
    N-Triples syntax by the engine, never pasted from user text.

    :raises QueryError: the query has no group to open (`DESCRIBE <iri>`, `CONSTRUCT WHERE`).
    """
    if not bindings:
        return query.text
    at = _where_opening(query)
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join(str(term) for term in bindings.values())
    return f"{query.text[:at]} VALUES ({names}) {{ ({row}) }}{query.text[at:]}"


def _where_opening(query: SavedQuery) -> int:
    """Where the query's own WHERE group opens: after the first `{` that follows the form's
    keyword (and a CONSTRUCT template), so a subquery's WHERE is never taken for it."""
    blanked = query.blanked
    at = prologue_end(blanked) + len(query.form)
    if query.form is QueryForm.CONSTRUCT:
        template = re.compile(r"\s*(WHERE\s*)?\{", re.IGNORECASE).match(blanked, at)
        if template and template[1]:
            raise QueryError(
                f"{query.name}: CONSTRUCT WHERE takes no parameters;"
                " write CONSTRUCT { … } WHERE { … }"
            )
        if template:
            at = _closing(blanked, template.end())
    opening = blanked.find("{", at)
    if opening < 0:
        raise QueryError(f"{query.name}: no WHERE clause to bind parameters in")
    return opening + 1


def _closing(text: str, at: int) -> int:
    """The index just past the `}` closing the group opened before `at`."""
    depth = 1
    for index in range(at, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return index + 1
    return len(text)
