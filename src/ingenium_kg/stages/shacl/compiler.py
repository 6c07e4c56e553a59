"""The shapes graph read into whole-graph queries: targets, property shapes, SPARQL constraints."""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

from ...errors import SourceError
from ...terms import short, to_ox
from .model import Check, Origin, Query
from .sparql import rewrite, sparql_reader

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


class Compiler:
    """The shapes graph, read once into the queries that check it."""

    def __init__(self, shapes: Graph) -> None:
        self.g = shapes

    def compile(self) -> tuple[Query, ...]:
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

    def origin(self, shape: Node, path: Node | None, *holders: Node) -> Origin:
        severity = self.one(shape, SH.severity) or SH.Violation
        if severity not in (SH.Violation, SH.Warning, SH.Info):
            raise self.fail(shape, f"severity {self.name(severity)} is not supported")
        messages = {m for h in holders for m in self.g.objects(h, SH.message)}
        return Origin(shape, path, severity, tuple(sorted(messages)))  # type: ignore[arg-type]

    def focus(self, users: list[Node]) -> str:
        """A pattern binding ?this to each shape's focus nodes, and ?o to the shape's number."""
        patterns = []
        for target, pattern in _TARGETS.items():
            pairs = [(n, t) for n, s in enumerate(users) for t in self.g.objects(s, target)]
            if pairs:
                rows = " ".join(f"({n} {self.iri(users[n], t)})" for n, t in pairs)
                patterns.append("{ " + pattern.format(f"VALUES (?o ?t) {{ {rows} }}") + " }")
        return " UNION ".join(patterns)

    def property(self, prop: Node, focus: str) -> Iterator[Query]:
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
            yield Query(name, text, origin.reader(counts, with_value=False))
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
            yield Query(name, text, origin.reader(checks, with_value=True))
        if self.number(prop, SH.uniqueLang, bool):
            message = f"Has more than one value of {label} in the same language."
            french = f"A plus d’une valeur de {label} dans la même langue."
            unique = Check(SH.UniqueLangConstraintComponent, "", message, french)
            text = (
                f"SELECT ?o ?this ?lang (true AS ?f0) WHERE {{ {focus} {step} "
                'FILTER (LANG(?value) != "") BIND (LCASE(LANG(?value)) AS ?lang) } '
                "GROUP BY ?o ?this ?lang HAVING (COUNT(DISTINCT ?value) > 1)"
            )
            yield Query(name, text, origin.reader([unique], with_value=False))

    def counts(self, prop: Node, label: str) -> list[Check]:
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
                found.append(Check(_component(key), fails, f"Has {words}.", f"A {mots}."))
        return found

    def qualified(self, prop: Node) -> list[Check]:
        """The checks of the sh:qualifiedValueShape, applied to each value as its focus node."""
        shape = self.one(prop, SH.qualifiedValueShape)
        counted = {SH.qualifiedMinCount, SH.qualifiedMaxCount} & set(self.g.predicates(prop))
        if (shape is None) == bool(counted):
            raise self.fail(prop, "a qualified count needs one sh:qualifiedValueShape, and back")
        if shape is None:
            return []
        self.check(shape, "qualified")
        return self.checks(shape, "the value", "k")

    def checks(self, shape: Node, label: str, tag: str) -> list[Check]:
        """The per-value constraints of `shape`, as conditions on ?value, in a fixed order."""
        g, found = self.g, []

        def add(key: URIRef, fails: str, words: str, mots: str, pattern: str = "") -> None:
            english, french = f"A value of {label} {words}.", f"Une valeur de {label} {mots}."
            found.append(Check(_component(key), fails, english, french, pattern))

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

    def sparql(self, shape: Node, constraint: Node) -> Iterator[Query]:
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
            text, selects_this = rewrite(str(select), focus)
        except ValueError as exc:
            raise self.fail(constraint, str(exc)) from None
        prologue = "".join(f"PREFIX {p}: <{n}>\n" for p, n in self.prefixes(constraint).items())
        origin, name = self.origin(shape, None, shape, constraint), self.name(constraint)
        yield Query(name, prologue + text, sparql_reader(origin, name, selects_this))

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
