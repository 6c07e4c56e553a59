"""SHACL shapes compiled to whole-graph SPARQL queries that return only the failures.

pyshacl (the reference: `validation.validate_with_pyshacl`) walks focus node by focus node and runs
each SPARQL constraint once per node: seconds on the article, hours on a million triples. Here each
constraint is asked of the whole default graph of a pyoxigraph store at once:

- a property shape gives a grouped query for its counts (sh:minCount, sh:maxCount, the qualified
  counts), one for its per-value constraints (a boolean column each) and one for sh:uniqueLang,
  with the focus nodes of every shape using it bound together and tagged with that shape, so a
  node two shapes target is reported twice, as pyshacl does;
- a SPARQL constraint gives, per node shape, its sh:select with `$this` bound to every focus node
  by a subquery joined first in the WHERE clause (`_rewrite` refuses a query where that could
  differ from pre-binding one node at a time).

The semantics are pyshacl's: targets and sh:class follow rdf:type/rdfs:subClassOf* in the data;
sh:datatype checks the lexical form of the datatypes pyshacl checks; sh:languageIn accepts a tag or
its first subtag. Any SHACL construct not implemented here raises SourceError naming the shape, so
no constraint is ever skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

from ..errors import SourceError
from ..terms import from_ox, short, to_ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Reader = Callable[[ox.QuerySolutions], Iterator["Result"]]

_TARGETS = {
    SH.targetClass: "{} ?this <" + f"{RDF.type}>/<{RDFS.subClassOf}>* ?t",
    SH.targetSubjectsOf: "SELECT DISTINCT ?o ?this WHERE {{ {} ?this ?t ?x }}",
    SH.targetObjectsOf: "SELECT DISTINCT ?o ?this WHERE {{ {} ?x ?t ?this }}",
}
"""The focus pattern of each kind of target, around a VALUES of (shape number, term) pairs; the
subjects or objects of a property are made distinct rather than repeated once per triple."""
_COUNTS = {
    SH.minCount: ("?value", "<"),
    SH.maxCount: ("?value", ">"),
    SH.qualifiedMinCount: ("?q", "<"),
    SH.qualifiedMaxCount: ("?q", ">"),
}
_RANGES = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}
_LENGTHS = {SH.minLength: ">=", SH.maxLength: "<="}
_KINDS = {
    SH.IRI: "isIRI(?value)",
    SH.BlankNode: "isBlank(?value)",
    SH.Literal: "isLiteral(?value)",
    SH.BlankNodeOrIRI: "!isLiteral(?value)",
    SH.BlankNodeOrLiteral: "!isIRI(?value)",
    SH.IRIOrLiteral: "!isBlank(?value)",
}
_PER_VALUE = {SH.datatype, SH["class"], SH.nodeKind, SH.pattern, SH["in"], SH.languageIn}
_PER_VALUE |= {*_RANGES, *_LENGTHS}
_COMMON = {SH.severity, SH.message, SH.deactivated, SH.name, SH.description, SH.order, SH.group}
_ALLOWED = {
    "node": {*_TARGETS, *_COMMON, SH.property, SH.sparql},
    "property": {*_TARGETS, *_COMMON, *_PER_VALUE, *_COUNTS, SH.path, SH.uniqueLang},
    "qualified": _PER_VALUE,
    "sparql": {SH.select, SH.message, SH.prefixes, SH.deactivated},
}
_ALLOWED["property"].add(SH.qualifiedValueShape)
_CHECKED = {XSD[t] for t in ("integer", "decimal", "float", "double", "boolean", "duration")}
_CHECKED |= {XSD.date, XSD.dateTime, XSD.time, XSD.gYear, XSD.gYearMonth}
"""Datatypes whose lexical form pyshacl checks (here by the XSD grammar, with the engine's casts):
rdflib's, and the g* types whose parsers owlrl registers in rdflib and leaves there, since the
reference pipeline runs owlrl first (owlrl alone rejects a time zone or a negative year)."""
_UNCHECKED = {RDFS.Literal, RDF.langString, XSD.string, XSD.anyURI, XSD.normalizedString}
_UNCHECKED |= {XSD.token, XSD.language}
"""Datatypes nothing checks: a literal passes on its datatype IRI alone."""
_NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float}


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
class _Query:
    """A compiled query, the shape it checks (named in errors) and its reader."""

    shape: str
    text: str
    read: Reader


@dataclass(frozen=True)
class _Check:
    """One constraint: a SPARQL condition true when it fails, its component and messages
    (English and French, for shapes that declare no sh:message)."""

    component: URIRef
    fails: str
    message: str
    french: str
    pattern: str = ""


@dataclass(frozen=True)
class _Origin:
    """What every result of one shape carries."""

    shape: Node
    path: Node | None
    severity: URIRef
    messages: tuple[Literal, ...]

    def result(self, focus: Term, value: Term | None, check: _Check) -> Result:
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

    def reader(self, checks: list[_Check], with_value: bool) -> Reader:
        """Rows with ?this (and ?value) and a boolean ?f{n} per check, read as results."""

        def read(rows: ox.QuerySolutions) -> Iterator[Result]:
            for row in rows:
                for n, check in enumerate(checks):
                    if row[f"f{n}"].value == "true":  # type: ignore[union-attr]
                        value = row["value"] if with_value else None
                        yield self.result(row["this"], value, check)  # type: ignore[arg-type]

        return read


_PLANS: dict[frozenset[tuple[Node, Node, Node]], tuple[_Query, ...]] = {}


def evaluate(store: ox.Store, shapes: Graph) -> list[Result]:
    """Every result of `shapes` on the store's default graph; shapes compile once per content.

    :raises SourceError: the shapes use a construct not implemented here.
    """
    key = frozenset(shapes)
    if key not in _PLANS:
        _PLANS.clear()  # a process validates against one shapes graph: keep the latest only
        _PLANS[key] = _Compiler(shapes).compile()
    results: list[Result] = []
    for query in _PLANS[key]:
        try:
            results.extend(query.read(store.query(query.text)))  # type: ignore[arg-type]
        except SyntaxError as exc:
            raise SourceError(f"{query.shape}: {exc}") from None
    return results


class _Compiler:
    """The shapes graph, read once into the queries that check it."""

    def __init__(self, shapes: Graph) -> None:
        self.g = shapes

    def compile(self) -> tuple[_Query, ...]:
        g, users, queries = self.g, {}, []
        shapes = {s for t in (SH.NodeShape, SH.PropertyShape) for s in g.subjects(RDF.type, t)}
        shapes |= {s for t in _TARGETS for s in g.subjects(t, None)}
        for shape in sorted(shapes | set(g.objects(None, SH.property)), key=str):
            is_property = (shape, SH.path, None) in g
            self.check(shape, "property" if is_property else "node")
            if not self.active(shape) or not any((shape, t, None) in g for t in _TARGETS):
                continue
            for prop in [shape] * is_property + list(g.objects(shape, SH.property)):
                users.setdefault(prop, []).append(shape)
            for constraint in sorted(g.objects(shape, SH.sparql), key=str):
                queries += self.sparql(shape, constraint)
        for prop in sorted(users, key=str):
            if self.active(prop):
                queries += self.property(prop, self.focus(users[prop]))
        return tuple(queries)

    def name(self, node: Node) -> str:
        if isinstance(node, BNode):
            parents = sorted(self.g.subjects(None, node), key=str)
            return f"a blank node of {self.name(parents[0])}" if parents else "a blank node"
        return node.n3(self.g.namespace_manager)

    def fail(self, node: Node, problem: str) -> SourceError:
        return SourceError(f"shape {self.name(node)}: {problem}")

    def check(self, shape: Node, kind: str) -> None:
        """Refuse every SHACL key not implemented here, and implicit class targets."""
        for key in sorted(set(self.g.predicates(shape)), key=str):
            if key.startswith(str(SH)) and key not in _ALLOWED[kind]:  # type: ignore[attr-defined]
                raise self.fail(shape, f"{self.name(key)} is not supported")
        if {RDFS.Class, OWL.Class} & set(self.g.objects(shape, RDF.type)):
            raise self.fail(shape, "a shape that is a class (implicit target) is not supported")

    def one(self, shape: Node, key: URIRef, kind: type = object) -> Node | None:
        """The single value of `key`, if any, checked to be a literal of `kind` if one is given."""
        values = list(self.g.objects(shape, key))
        if len(values) > 1:
            raise self.fail(shape, f"more than one {self.name(key)}")
        if values and kind is not object and not isinstance(getattr(values[0], "value", 0), kind):
            raise self.fail(shape, f"{self.name(key)} {values[0].n3()} is not a {kind.__name__}")
        return values[0] if values else None

    def number(self, shape: Node, key: URIRef, kind: type = int) -> int | None:
        """The integer (or boolean) value of `key`, if any."""
        return getattr(self.one(shape, key, kind), "value", None)

    def active(self, shape: Node) -> bool:
        return not self.number(shape, SH.deactivated, bool)

    def iri(self, shape: Node, term: Node) -> str:
        if not isinstance(term, URIRef):
            raise self.fail(shape, f"{term.n3()} is not an IRI")
        return f"<{term}>"

    def origin(self, shape: Node, path: Node | None, *holders: Node) -> _Origin:
        severity = self.one(shape, SH.severity) or SH.Violation
        if severity not in (SH.Violation, SH.Warning, SH.Info):
            raise self.fail(shape, f"severity {self.name(severity)} is not supported")
        messages = {m for h in holders for m in self.g.objects(h, SH.message)}
        return _Origin(shape, path, severity, tuple(sorted(messages)))  # type: ignore[arg-type]

    def focus(self, users: list[Node]) -> str:
        """A pattern binding ?this to each shape's focus nodes, and ?o to the shape's number."""
        patterns = []
        for target, pattern in _TARGETS.items():
            pairs = [(n, t) for n, s in enumerate(users) for t in self.g.objects(s, target)]
            if pairs:
                rows = " ".join(f"({n} {self.iri(users[n], t)})" for n, t in pairs)
                patterns.append("{ " + pattern.format(f"VALUES (?o ?t) {{ {rows} }}") + " }")
        return " UNION ".join(patterns)

    def property(self, prop: Node, focus: str) -> Iterator[_Query]:
        """The count, per-value and unique-language queries of one property shape."""
        path = self.one(prop, SH.path)
        inverse = self.one(path, SH.inversePath) if isinstance(path, BNode) else None
        if isinstance(path, URIRef):
            step, label = f"?this <{path}> ?value", short(path)
        elif isinstance(inverse, URIRef) and len(list(self.g.predicates(path))) == 1:
            step, label = f"?value <{inverse}> ?this", f"^{short(inverse)}"
        else:
            raise self.fail(prop, "sh:path must be an IRI or [ sh:inversePath IRI ]")
        origin, name, qualified = (
            self.origin(prop, path, prop),
            self.name(prop),
            self.qualified(prop),
        )
        if counts := self.counts(prop, label):
            conforms = " && ".join(f"!COALESCE({c.fails}, true)" for c in qualified) or "true"
            inner = " ".join(c.pattern for c in qualified)
            columns = " ".join(f"({c.fails} AS ?f{n})" for n, c in enumerate(counts))
            text = (
                f"SELECT ?o ?this {columns} WHERE {{ {focus} OPTIONAL {{ {step} {inner} "
                f"BIND (IF({conforms}, ?value, ?none) AS ?q) }} }} GROUP BY ?o ?this "
                f"HAVING ({' || '.join(c.fails for c in counts)})"
            )
            yield _Query(name, text, origin.reader(counts, with_value=False))
        if checks := self.checks(prop, label, "c"):
            flags = [f"?f{n}" for n in range(len(checks))]
            binds = "".join(
                f" BIND (COALESCE({c.fails}, true) AS {flag})"
                for c, flag in zip(checks, flags, strict=True)
            )
            text = (
                f"SELECT DISTINCT ?o ?this ?value {' '.join(flags)} WHERE {{ {focus} {step} "
                f"{' '.join(c.pattern for c in checks)}{binds} FILTER ({' || '.join(flags)}) }}"
            )
            yield _Query(name, text, origin.reader(checks, with_value=True))
        if self.number(prop, SH.uniqueLang, bool):
            message = f"Has more than one value of {label} in the same language."
            french = f"A plus d’une valeur de {label} dans la même langue."
            unique = _Check(SH.UniqueLangConstraintComponent, "", message, french)
            text = (
                f"SELECT ?o ?this ?lang (true AS ?f0) WHERE {{ {focus} {step} "
                'FILTER (LANG(?value) != "") BIND (LCASE(LANG(?value)) AS ?lang) } '
                "GROUP BY ?o ?this ?lang HAVING (COUNT(DISTINCT ?value) > 1)"
            )
            yield _Query(name, text, origin.reader([unique], with_value=False))

    def counts(self, prop: Node, label: str) -> list[_Check]:
        """The count constraints, each a failing HAVING condition (a minimum of 0 is none)."""
        found = []
        for key, (var, op) in _COUNTS.items():
            n = self.number(prop, key)
            if n is not None and (n > 0 or op == ">"):
                words = f"{'fewer' if op == '<' else 'more'} than {n} values of {label}"
                words += " that conform to the qualified shape" if var == "?q" else ""
                mots = f"{'moins' if op == '<' else 'plus'} de {n} valeurs de {label}"
                mots += " conformes à la forme qualifiée" if var == "?q" else ""
                fails = f"COUNT(DISTINCT {var}) {op} {n}"
                found.append(_Check(_component(key), fails, f"Has {words}.", f"A {mots}."))
        return found

    def qualified(self, prop: Node) -> list[_Check]:
        """The checks of the sh:qualifiedValueShape, applied to each value as its focus node."""
        shape = self.one(prop, SH.qualifiedValueShape)
        counted = {SH.qualifiedMinCount, SH.qualifiedMaxCount} & set(self.g.predicates(prop))
        if (shape is None) == bool(counted):
            raise self.fail(prop, "a qualified count needs one sh:qualifiedValueShape, and back")
        if shape is None:
            return []
        self.check(shape, "qualified")
        return self.checks(shape, "the value", "k")

    def checks(self, shape: Node, label: str, tag: str) -> list[_Check]:
        """The per-value constraints of `shape`, as conditions on ?value, in a fixed order."""
        g, found = self.g, []

        def add(key: URIRef, fails: str, words: str, mots: str, pattern: str = "") -> None:
            english, french = f"A value of {label} {words}.", f"Une valeur de {label} {mots}."
            found.append(_Check(_component(key), fails, english, french, pattern))

        if (datatype := self.one(shape, SH.datatype)) is not None:
            kind = short(datatype)
            fails = self.datatype(shape, datatype)
            add(SH.datatype, fails, f"is not a valid {kind}", f"n’est pas un {kind} valide")
        for n, cls in enumerate(sorted(g.objects(shape, SH["class"]), key=str)):
            var, iri = f"?{tag}{n}", self.iri(shape, cls)
            pattern = f"OPTIONAL {{ ?value <{RDF.type}> {var} . {var} <{RDFS.subClassOf}>* {iri} }}"
            words, mots = f"is not an instance of {short(cls)}", f"n’est pas un {short(cls)}"
            add(SH["class"], f"!BOUND({var})", words, mots, pattern)
        if (kind := self.one(shape, SH.nodeKind)) is not None:
            if kind not in _KINDS:
                raise self.fail(shape, f"sh:nodeKind {self.name(kind)} is not supported")
            words, mots = f"is not of node kind {short(kind)}", f"n’est pas de nature {short(kind)}"
            add(SH.nodeKind, f"!{_KINDS[kind]}", words, mots)  # type: ignore[index]
        if (shape, SH.flags, None) in g:
            raise self.fail(shape, "sh:flags is not supported")
        for pattern in sorted(g.objects(shape, SH.pattern), key=str):
            regex = self.regex(shape, pattern)
            add(
                SH.pattern,
                f"isBlank(?value) || !REGEX(STR(?value), {regex})",
                f"does not match {regex}",
                f"ne correspond pas à {regex}",
            )
        for key, op in _RANGES.items():
            for bound in sorted(g.objects(shape, key), key=str):
                if not isinstance(bound, Literal) or bound.datatype not in _NUMERIC:
                    raise self.fail(shape, f"{self.name(key)} {bound.n3()} is not a number")
                add(
                    key,
                    f"!(?value {op} {to_ox(bound)})",
                    f"is not {op} {bound}",
                    f"n’est pas {op} {bound}",
                )
        for key, op in _LENGTHS.items():
            n = self.number(shape, key)
            if n is not None and (n > 0 or op == "<="):
                test = f"isBlank(?value) || !(STRLEN(STR(?value)) {op} {n})"
                add(key, test, f"is not {op} {n} characters long", f"n’a pas {op} {n} caractères")
        if (members := self.one(shape, SH["in"])) is not None:
            allowed = list(Collection(g, members))  # type: ignore[arg-type]
            if any(isinstance(m, BNode) for m in allowed):
                raise self.fail(shape, "a blank node in sh:in is not supported")
            test = " || ".join(f"sameTerm(?value, {to_ox(m)})" for m in allowed) or "false"
            choices = ", ".join(short(m) for m in allowed)
            add(SH["in"], f"!({test})", f"is not one of {choices}", f"n’est pas l’une de {choices}")
        if (languages := self.one(shape, SH.languageIn)) is not None:
            tags = sorted({str(t).lower() for t in Collection(g, languages)})  # type: ignore[arg-type]
            listed = ", ".join(str(ox.Literal(t)) for t in tags)
            subtag = 'STRBEFORE(CONCAT(LANG(?value), "-"), "-")'
            test = f"LANG(?value) IN ({listed}) || {subtag} IN ({listed})"
            test = 'LANG(?value) != ""' if "*" in tags else test
            words, mots = f"is not tagged {' or '.join(tags)}", f"n’est pas en {' ou '.join(tags)}"
            add(SH.languageIn, f"!COALESCE({test}, false)", words, mots)
        return found

    def datatype(self, shape: Node, datatype: Node) -> str:
        """The failing condition of sh:datatype (so "nine"^^xsd:integer fails, as in pyshacl)."""
        if datatype not in _CHECKED | _UNCHECKED:
            raise self.fail(shape, f"sh:datatype {self.name(datatype)} is not supported")
        test = f"sameTerm(DATATYPE(?value), <{datatype}>)"
        if datatype in _CHECKED:
            test += f" && isLiteral(<{datatype}>(STR(?value)))"
        elif datatype == RDFS.Literal:
            test = "isLiteral(?value)"
        elif datatype == RDF.langString:
            test = 'LANG(?value) != ""'
        return f"!COALESCE({test}, false)"

    def regex(self, shape: Node, pattern: Node) -> str:
        """The pattern as a SPARQL string, refused when the engine's regex dialect rejects it."""
        text = str(ox.Literal(str(pattern)))
        probe = ox.Store().query(f'SELECT (REGEX("", {text}) AS ?ok) {{}}')
        if next(iter(probe))["ok"] is None:  # type: ignore[arg-type, index]
            raise self.fail(shape, f"the engine cannot compile sh:pattern {pattern.n3()}")
        return text

    def sparql(self, shape: Node, constraint: Node) -> Iterator[_Query]:
        """The SPARQL constraint with `$this` bound to every focus node of `shape`."""
        self.check(constraint, "sparql")
        if (shape, SH.path, None) in self.g:
            raise self.fail(shape, "sh:sparql on a property shape is not supported")
        if (select := self.one(constraint, SH.select, str)) is None:
            raise self.fail(constraint, "a SPARQL constraint needs an sh:select")
        if not self.active(constraint):
            return
        focus = f"{{ SELECT DISTINCT ?this WHERE {{ {self.focus([shape])} }} }}"
        try:
            text, selects_this = _rewrite(str(select), focus)
        except ValueError as exc:
            raise self.fail(constraint, str(exc)) from None
        prologue = "".join(f"PREFIX {p}: <{n}>\n" for p, n in self.prefixes(constraint).items())
        origin, name = self.origin(shape, None, shape, constraint), self.name(constraint)
        yield _Query(name, prologue + text, _sparql_reader(origin, name, selects_this))

    def prefixes(self, constraint: Node) -> dict[str, str]:
        """pyshacl's: rdf, rdfs, owl, and the sh:declare of each sh:prefixes value (else of every
        ontology of the shapes graph)."""
        found, g = {"rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL)}, self.g
        ontologies = set(g.subjects(RDF.type, OWL.Ontology))
        for holder in g.objects(constraint, SH.prefixes):
            declared = set(g.objects(holder, SH.declare))
            if not declared or holder not in ontologies:
                declared |= {d for o in ontologies for d in g.objects(o, SH.declare)}
            for declaration in sorted(declared, key=str):
                prefix = self.one(declaration, SH.prefix, str)
                namespace = self.one(declaration, SH.namespace)
                if prefix is None or namespace is None:
                    raise self.fail(constraint, "an sh:declare needs an sh:prefix and a namespace")
                found[str(prefix)] = str(namespace)
        return found


def _component(key: URIRef) -> URIRef:
    """sh:minInclusive -> sh:MinInclusiveConstraintComponent."""
    name = key.removeprefix(str(SH))
    return SH[f"{name[0].upper()}{name[1:]}ConstraintComponent"]


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


def _rewrite(text: str, focus: str) -> tuple[str, bool]:
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


def _sparql_reader(origin: _Origin, name: str, selects_this: bool) -> Reader:
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
