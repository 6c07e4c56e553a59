"""Write a project tree of about N triples: many alliances, each a renamed copy of the article.

Copy 0 is the article itself; copy k renames every data IRI and cited page
(`id:university/oviedo` becomes `id:university/oviedo-k`), calls its alliance "INGENIUM-k" in
its source text and in every label and quote, and moves each position selector to where its
words now are in that text. So every copy has the article's shape (members, phases, work
packages, objectives, indicators, people, labels in French and English, quotes into its own
source document) and the whole tree builds and conforms like the article. Wikidata links are
kept on copy 0 only (an item names one entity).

    python bench/generate.py --triples 100000 --out /tmp/kg-100k
    INGENIUM_KG_ROOT=/tmp/kg-100k ingenium-kg build
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import pyoxigraph as ox

REPO = Path(__file__).resolve().parents[1]
DATA_NS = "https://w3id.org/ingenium-kg/id/"
OA = "http://www.w3.org/ns/oa#"
TEXT_FILE = "https://w3id.org/ingenium-kg/ontology#textFile"
EXACT_MATCH = "http://www.w3.org/2004/02/skos/core#exactMatch"
ARTICLE_TEXT = "data/source/ingenium-article.fr.txt"
WEB_PAGES = ("https://www.univ-rouen.fr/", "https://ingenium-university.eu/")
TRIPLES_PER_COPY = 2900
"""Quads one copy adds to a build (facts, excerpt graphs, provenance, links, inferences),
measured on the article; copy 0, with its Wikidata links, has a few more."""
PREFIXES = {
    "ikg": "https://w3id.org/ingenium-kg/ontology#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "oa": OA,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
}


class Copy:
    """The renaming of one copy of the article."""

    def __init__(self, number: int, text: str) -> None:
        self.number = number
        self.name = f"INGENIUM-{number}"
        self.text = self.words(text)
        self.original = text

    def words(self, value: str) -> str:
        return value.replace("INGENIUM", self.name) if self.number else value

    def iri(self, value: str) -> str:
        if not self.number:
            return value
        if value.startswith(WEB_PAGES):  # each alliance cites pages of its own
            return f"{value}#copy-{self.number}"
        if not value.startswith(DATA_NS):
            return value
        base, hash_, fragment = value.partition("#")
        return f"{base}-{self.number}{hash_}{fragment}"

    def term(self, term: ox.NamedNode | ox.Literal, predicate: str) -> ox.NamedNode | ox.Literal:
        if isinstance(term, ox.NamedNode):
            return ox.NamedNode(self.iri(term.value))
        if not self.number:
            return term
        if predicate in (OA + "start", OA + "end"):  # offsets follow the words they point at
            moved = len(self.words(self.original[: int(term.value)]))
            return ox.Literal(str(moved), datatype=term.datatype)
        if predicate == TEXT_FILE:
            return ox.Literal(f"data/source/article-{self.number}.txt")
        if term.language:
            return ox.Literal(self.words(term.value), language=term.language)
        return ox.Literal(self.words(term.value), datatype=term.datatype)

    def quads(self, quads: list[ox.Quad], *, links: bool) -> list[ox.Quad]:
        out = []
        for q in quads:
            if links and self.number and q.predicate.value == EXACT_MATCH:
                continue
            graph = q.graph_name
            if isinstance(graph, ox.NamedNode):
                graph = ox.NamedNode(self.iri(graph.value))
            subject = ox.NamedNode(self.iri(q.subject.value))  # type: ignore[union-attr]
            obj = self.term(q.object, q.predicate.value)  # type: ignore[arg-type]
            out.append(ox.Quad(subject, q.predicate, obj, graph))
        return out


def generate(triples: int, out: Path) -> int:
    """Write the tree; returns the number of copies."""
    copies = max(1, round(triples / TRIPLES_PER_COPY))
    if out.exists():
        shutil.rmtree(out)
    for part in ("ontology", "queries"):
        shutil.copytree(REPO / part, out / part)
    for folder in ("data/article", "data/links", "data/source"):
        (out / folder).mkdir(parents=True)
    article = [q for p in sorted((REPO / "data/article").glob("*.trig")) for q in _parse(p)]
    links = [q for p in sorted((REPO / "data/links").glob("*.ttl")) for q in _parse(p)]
    text = (REPO / ARTICLE_TEXT).read_text(encoding="utf-8")
    for number in range(copies):
        copy = Copy(number, text)
        source = ARTICLE_TEXT if number == 0 else f"data/source/article-{number}.txt"
        (out / source).write_text(copy.text, encoding="utf-8")
        _write(out / f"data/article/article-{number:05d}.trig", copy.quads(article, links=False))
        _write(out / f"data/links/links-{number:05d}.ttl", copy.quads(links, links=True))
    return copies


def _parse(path: Path) -> list[ox.Quad]:
    fmt = ox.RdfFormat.TRIG if path.suffix == ".trig" else ox.RdfFormat.TURTLE
    return list(ox.parse(path=str(path), format=fmt, base_iri=DATA_NS))


def _write(path: Path, quads: list[ox.Quad]) -> None:
    fmt = ox.RdfFormat.TRIG if path.suffix == ".trig" else ox.RdfFormat.TURTLE
    items = quads if fmt is ox.RdfFormat.TRIG else [q.triple for q in quads]
    ox.serialize(sorted(items, key=str), output=str(path), format=fmt, prefixes=PREFIXES)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, required=True, help="about how many triples")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (replaced)")
    args = parser.parse_args(argv)
    if args.triples < 1:
        parser.error("--triples must be positive")
    copies = generate(args.triples, args.out)
    print(f"wrote {args.out}: {copies} alliance(s), about {copies * TRIPLES_PER_COPY} triples")
    return 0


if __name__ == "__main__":
    sys.exit(main())
