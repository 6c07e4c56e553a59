"""Generate a complete ingenium-kg project of about N quads, for the benchmark.

    python bench/generate.py --triples 100000 --out /tmp/p100k [--seed 1]

The tree is what `INGENIUM_KG_ROOT=DIR ingenium-kg build` reads: the repository's ontology, shapes
and saved queries, then one French source text per alliance (`data/source/`), its facts in the
repository's TriG layout (`data/article/`: one named graph per excerpt, described by Web
Annotation selectors whose offsets point into that text) and the members' identifiers
(`data/links/`). Alliance 0 is INGENIUM, published by the University of Rouen Normandie as
`document/article`, so the saved queries that name them have answers at every size.

"About N" counts every quad of the built dataset: graph/facts, each excerpt graph, graph/provenance,
graph/links and graph/inferred. All but the last are counted exactly while generating; the
inferred graph is estimated from the facts with INFERRED_PER_FACT, measured on builds (README).
Everything is drawn from one `random.Random` per alliance, seeded from --seed, so the same
arguments give the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import vocabulary as v

REPO = Path(__file__).resolve().parents[1]
WRAP = 88
"""Source lines are wrapped at this width like the article, by turning spaces into newlines
(same length, so offsets do not move)."""
INFERRED_PER_FACT = 0.43
"""graph/inferred triples per distinct fact, measured on generated builds (see README)."""
FIRST_WIKIDATA_ITEM = 400_000_000
"""Made-up Wikidata items start here, far above real ones."""
ROR_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
VOWELS = frozenset("AEIOUYÉÈÊÀÂÎÔÛÄÖÜaeiouyéèêàâîôûäöü")

PREFIXES = """@base <https://w3id.org/ingenium-kg/id/> .
@prefix ikg: <https://w3id.org/ingenium-kg/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
LINKS_PREFIXES = """@base <https://w3id.org/ingenium-kg/id/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

# Shared entities: every alliance's excerpts restate them, as the article's excerpts do.
COMMISSION = "<organization/european-commission>"
ERASMUS = "<programme/erasmus-plus>"
ERASMUS_NEXT = "<programme/erasmus-plus-2028-2034>"
INITIATIVE = "<initiative/european-universities>"
EURO = "<currency/euro>"
EGTC = "<legal-form/egtc>"
REFERENCE = "<reference/identifiers>"

_ESCAPES = str.maketrans(
    {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\u00a0": "\\u00A0"}
)


def lit(text: str, lang: str | None = None) -> str:
    """A Turtle string literal, with a language tag when given."""
    quoted = '"' + text.translate(_ESCAPES) + '"'
    return f"{quoted}@{lang}" if lang else quoted


def typed(value: str, datatype: str) -> str:
    return f'"{value}"^^xsd:{datatype}'


def slugify(text: str) -> str:
    """Lower-case kebab-case ASCII, as the project's IRIs are."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(c if c.isalnum() else " " for c in ascii_text.lower()).split()
    return "-".join(words)


def de(name: str) -> str:
    """« de X » or « d’X », as French elides before a vowel."""
    return f"d’{name}" if name[0] in VOWELS else f"de {name}"


def french_number(n: int) -> str:
    """3000 as « 3 000 », the way the article writes figures."""
    return f"{n:,}".replace(",", " ")


def in_words(n: int) -> tuple[str, str]:
    """Small numbers in French and English words, larger ones in digits."""
    if n < len(v.NUMBERS_FR):
        return v.NUMBERS_FR[n], v.NUMBERS_EN[n]
    return str(n), str(n)


def join_fr(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


def join_en(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def ror_id(index: int) -> str:
    """A ROR-shaped id, unique per index: 0, six Crockford base-32 characters, ISO 7064 digits."""
    n = (index * 0x2F5A3B7 + 0x13579) % 32**6
    chars = "".join(ROR_ALPHABET[(n >> (5 * i)) & 31] for i in reversed(range(6)))
    return f"0{chars}{98 - (n * 100) % 97:02d}"


def roman(n: int) -> str:
    """2 as II: how a second university of one kind in one city is told apart."""
    out = ""
    for value, letters in ((1000, "M"), (100, "C"), (50, "L"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):  # fmt: skip
        while n >= value:
            out, n = out + letters, n - value
    return out


class Facts:
    """The triples of one excerpt graph, grouped by subject then predicate, without repeats."""

    def __init__(self) -> None:
        self.by_subject: dict[str, dict[str, list[str]]] = {}

    def add(self, subject: str, predicate: str, *objects: str) -> None:
        found = self.by_subject.setdefault(subject, {}).setdefault(predicate, [])
        found.extend(o for o in objects if o not in found)

    def labels(self, subject: str, fr: str, en: str) -> None:
        self.add(subject, "rdfs:label", lit(fr, "fr"), lit(en, "en"))

    def entity(self, subject: str, cls: str, fr: str, en: str) -> None:
        self.add(subject, "a", cls)
        self.labels(subject, fr, en)

    def triples(self) -> Iterator[tuple[str, str, str]]:
        for s, predicates in self.by_subject.items():
            for p, objects in predicates.items():
                for o in objects:
                    yield s, p, o


@dataclass
class Excerpt:
    """One excerpt: where its words are in the text, the facts they support, its selectors."""

    slug: str
    start: int
    end: int
    facts: Facts
    cited: str | None = None
    exact: str = ""
    prefix: str = ""
    suffix: str = ""

    @property
    def provenance_triples(self) -> int:
        return 9 + bool(self.cited) + bool(self.prefix) + bool(self.suffix)


class Text:
    """A source text built piece by piece, remembering where each quoted piece lands."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.excerpts: list[Excerpt] = []
        self.body = ""

    def say(self, words: str) -> tuple[int, int]:
        """Append words; their (start, end) code-point span."""
        start = self.length
        self.parts.append(words)
        self.length += len(words)
        return start, self.length

    def excerpt(
        self, slug: str, span: tuple[int, int], facts: Facts, cited: str | None = None
    ) -> None:
        self.excerpts.append(Excerpt(slug, span[0], span[1], facts, cited))

    def finish(self) -> None:
        """Wrap the lines and fix every excerpt's exact words, with context where they repeat."""
        self.body = wrap("".join(self.parts))
        for e in self.excerpts:
            e.exact = self.body[e.start : e.end]
            if count(self.body, e.exact) > 1:
                e.prefix, e.suffix = disambiguate(self.body, e.start, e.end)


def wrap(text: str) -> str:
    lines: list[str] = []
    for line in text.split("\n"):
        while len(line) > WRAP:
            cut = line.rfind(" ", 0, WRAP + 1)
            if cut <= 0:
                break
            lines.append(line[:cut])
            line = line[cut + 1 :]
        lines.append(line)
    return "\n".join(lines)


def count(text: str, needle: str, limit: int = 2) -> int:
    """Occurrences of needle (overlapping, as the build counts them), up to limit."""
    found, at = 0, text.find(needle)
    while at >= 0 and found < limit:
        found += 1
        at = text.find(needle, at + 1)
    return found


def disambiguate(text: str, start: int, end: int) -> tuple[str, str]:
    """The shortest prefix and suffix (doubling) that make this occurrence unique."""
    width = 16
    while True:
        prefix, suffix = text[max(0, start - width) : start], text[end : end + width]
        if count(text, prefix + text[start:end] + suffix) == 1 or width > len(text):
            return prefix, suffix
        width *= 2


@dataclass(frozen=True)
class University:
    slug: str
    fr: str
    en: str
    local: str
    country: v.Country
    city: str
    city_slug: str
    ror: str
    qid: str | None
    city_qid: str

    @property
    def iri(self) -> str:
        return f"<university/{self.slug}>"

    @property
    def in_text(self) -> str:
        """How a sentence names it: « l’université de X »."""
        return "l’u" + self.fr[1:] if self.fr.startswith("Université") else self.fr

    @property
    def site(self) -> str:
        return f"www.univ-{self.city_slug}.eu"


ROUEN = University(
    "rouen-normandie", "Université de Rouen Normandie", "University of Rouen Normandy",
    "Université de Rouen Normandie", v.COUNTRIES[0], "Rouen", "rouen", "03nhjew95",
    "Q494247", "Q30974",
)  # fmt: skip


@dataclass(frozen=True)
class Person:
    slug: str
    given: str
    family: str
    feminine: bool

    @property
    def iri(self) -> str:
        return f"<person/{self.slug}>"

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"

    def declare(self, facts: Facts) -> None:
        facts.add(self.iri, "a", "ikg:Person")
        facts.add(self.iri, "rdfs:label", lit(self.name))
        facts.add(self.iri, "schema:name", lit(self.name))
        facts.add(self.iri, "schema:givenName", lit(self.given))
        facts.add(self.iri, "schema:familyName", lit(self.family))


class Names:
    """Names in use across the project, so IRIs and labels never collide.

    A trial alliance (one that may be shrunk and redrawn to fit the budget) claims names
    tentatively; `commit` keeps them, `rollback` gives them back.
    """

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.taken: list[str] = []
        self.items = 0
        self.universities = 0
        self.mark = (0, 0)

    def claim(self, name: str) -> bool:
        """Take `name` if it is free."""
        if name in self.used:
            return False
        self.used.add(name)
        self.taken.append(name)
        return True

    def fresh(self, base: str) -> int:
        """Claim `base`, else `base-2`, `base-3`...: the number taken (1 for `base` itself)."""
        i = 1
        while not self.claim(base if i == 1 else f"{base}-{i}"):
            i += 1
        return i

    def item(self) -> str:
        """A made-up Wikidata item, unique in the project."""
        self.items += 1
        return f"Q{FIRST_WIKIDATA_ITEM + self.items}"

    def ror(self) -> str:
        self.universities += 1
        return ror_id(self.universities)

    def commit(self) -> None:
        self.taken.clear()
        self.mark = (self.items, self.universities)

    def rollback(self) -> None:
        self.used.difference_update(self.taken)
        self.taken.clear()
        self.items, self.universities = self.mark


@dataclass
class Sizes:
    """How much of everything one alliance has; `scaled` shrinks it to fit what is left."""

    members: int
    phases: int
    work_packages: list[int]
    objectives: list[int]
    figures: int
    thesis_groups: int
    testimonials: int
    editions: int
    achievements: int
    aims: int

    @classmethod
    def draw(cls, rng: random.Random, first: bool) -> Sizes:
        phases = 2 if first or rng.random() < 0.7 else 3
        return cls(
            members=10 if first else rng.randint(6, 12),
            phases=phases,
            work_packages=[rng.randint(4, 8) for _ in range(phases)],
            objectives=[rng.randint(3, 6) for _ in range(phases)],
            figures=rng.randint(4, 8),
            thesis_groups=rng.randint(1, 3),
            testimonials=rng.randint(3, 8),
            editions=rng.randint(1, 5),
            achievements=rng.randint(2, 4),
            aims=rng.randint(2, 4),
        )

    def scaled(self, factor: float, first: bool) -> Sizes:
        def shrink(n: int, low: int = 1) -> int:
            return max(low, round(n * factor))

        return Sizes(
            members=self.members if first else shrink(self.members, 2),
            phases=self.phases,
            work_packages=[shrink(n) for n in self.work_packages],
            objectives=[shrink(n) for n in self.objectives],
            figures=shrink(self.figures),
            thesis_groups=shrink(self.thesis_groups),
            testimonials=shrink(self.testimonials),
            editions=shrink(self.editions),
            achievements=shrink(self.achievements),
            aims=shrink(self.aims),
        )


@dataclass
class Alliance:
    """One alliance's output: its text and excerpts, its links, and what it adds to the count."""

    slug: str
    name: str
    document: str
    title_fr: str
    title_en: str
    publisher: University
    issued: str
    text: Text
    universities: list[University]
    facts: set[tuple[str, str, str]] = field(default_factory=set)
    """The facts no earlier alliance stated (filled by `Generator.cost`)."""
    new_places: set[str] = field(default_factory=set)
    """The cities and countries no earlier alliance's links described."""

    @property
    def text_file(self) -> str:
        return f"data/source/{self.slug}.fr.txt"


class Generator:
    """Draws alliances one after another until the project reaches its size."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.names = Names()
        self.facts: set[tuple[str, str, str]] = set()
        self.places: set[str] = set()
        """Cities and countries already described in the links."""
        self.total = 20
        """Quads so far (the links graph's own description to start with)."""

    # -- names ---------------------------------------------------------------------------------

    def alliance_name(self, rng: random.Random) -> str:
        for _ in range(8):
            name = rng.choice(v.ALLIANCE_HEADS) + rng.choice(v.ALLIANCE_MIDS)
            name += rng.choice(v.ALLIANCE_TAILS)
            if self.names.claim(f"alliance:{name}"):
                return name
        i = self.names.fresh(f"alliance:{name}")
        return f"{name} {roman(i)}"

    def university(self, rng: random.Random, country: v.Country) -> University:
        kind = rng.choices(range(4), weights=(6, 2, 2, 1))[0]
        city = rng.choice(country.stems) + rng.choice(country.ends)
        city = city[0].upper() + city[1:]
        fr_pattern, en_pattern, slug_pattern = v.UNIVERSITY_KINDS[kind]
        base = slug_pattern.format(s=slugify(city))
        i = self.names.fresh(f"university:{base}")
        suffix = "" if i == 1 else f" {roman(i)}"
        return University(
            slug=base if i == 1 else f"{base}-{i}",
            fr=fr_pattern.format(de=de(city)) + suffix,
            en=en_pattern.format(c=city) + suffix,
            local=country.local[kind].format(c=city) + suffix,
            country=country,
            city=city,
            city_slug=f"{slugify(city)}-{country.slug}",
            ror=self.names.ror(),
            qid=self.names.item() if rng.random() < 0.9 else None,
            city_qid=self.names.item(),
        )

    def person(self, rng: random.Random) -> Person:
        for _ in range(8):
            given, gender = rng.choice(v.GIVEN_NAMES)
            family = rng.choice(v.FAMILY_NAMES)
            slug = slugify(f"{given} {family}")
            if self.names.claim(f"person:{slug}"):
                return Person(slug, given, family, gender == "f")
        family = f"{rng.choice(v.FAMILY_NAMES)}-{rng.choice(v.FAMILY_NAMES)}"
        base = slugify(f"{given} {family}")
        i = self.names.fresh(f"person:{base}")
        if i > 1:
            family, base = f"{family} {roman(i)}", f"{base}-{i}"
        return Person(base, given, family, gender == "f")

    # -- the budget ----------------------------------------------------------------------------

    def generate(self, target: int) -> Iterator[Alliance]:
        """Alliances, until `self.total` is within reach of `target`."""
        index = 0
        while index == 0 or self.total < target:
            alliance, cost = self.fitted(index, target - self.total)
            if alliance is None:
                return
            self.total += cost
            yield alliance
            index += 1

    def fitted(self, index: int, remaining: int) -> tuple[Alliance | None, int]:
        """Alliance `index`, shrunk and redrawn until it fits what is left (or the smallest)."""
        factor = 1.0
        for _ in range(6):
            alliance = self.alliance(index, random.Random(f"{self.seed}:{index}"), factor)
            cost = self.cost(alliance)
            if cost <= remaining * 1.04 or factor <= 0.06:
                if index and cost > 2 * remaining:
                    self.names.rollback()
                    return None, 0
                self.commit(alliance)
                return alliance, cost
            self.names.rollback()
            factor = max(0.05, factor * remaining / cost * 0.97)
        self.names.rollback()
        return None, 0

    def cost(self, alliance: Alliance) -> int:
        """Quads the alliance adds to the built dataset (inferred ones estimated)."""
        excerpt_quads = 0
        provenance = 8  # the document
        for e in alliance.text.excerpts:
            for triple in e.facts.triples():
                excerpt_quads += 1
                if triple not in self.facts:
                    alliance.facts.add(triple)
            provenance += e.provenance_triples
        links = 0
        for u in alliance.universities:
            local = u.country.lang not in ("fr", "en")
            links += 5 + (u.qid is not None) + local
            for place, triples in (
                (f"city/{u.city_slug}", 6 + local),
                (f"country/{u.country.slug}", 2),
            ):
                if place not in self.places and place not in alliance.new_places:
                    alliance.new_places.add(place)
                    links += triples
        new_facts = len(alliance.facts)
        inferred = round(new_facts * INFERRED_PER_FACT)
        return new_facts + excerpt_quads + provenance + links + inferred

    def commit(self, alliance: Alliance) -> None:
        self.names.commit()
        self.facts |= alliance.facts
        self.places |= alliance.new_places
        alliance.facts = set()

    # -- one alliance --------------------------------------------------------------------------

    def alliance(self, index: int, rng: random.Random, factor: float) -> Alliance:
        first = index == 0
        sizes = Sizes.draw(rng, first).scaled(factor, first)
        name = "INGENIUM" if first else self.alliance_name(rng)
        slug = slugify(name)
        members = self.members(rng, sizes.members, first)
        host = members[8] if first else rng.choice(members)
        w = Writer(self, rng, name, slug, host, members, sizes, first)
        w.write()
        return Alliance(
            slug=slug,
            name=name,
            document=w.document,
            title_fr=w.title_fr,
            title_en=w.title_en,
            publisher=host,
            issued=w.issued,
            text=w.text,
            universities=members,
        )

    def members(self, rng: random.Random, n: int, first: bool) -> list[University]:
        countries = rng.sample(v.COUNTRIES, k=min(n, len(v.COUNTRIES)))
        found = [self.university(rng, countries[i % len(countries)]) for i in range(n)]
        if first:
            found[8] = ROUEN
        return found


class Writer:
    """Writes one alliance's text, section by section in the article's order, with its excerpts."""

    def __init__(
        self,
        gen: Generator,
        rng: random.Random,
        name: str,
        slug: str,
        host: University,
        members: list[University],
        sizes: Sizes,
        first: bool,
    ) -> None:
        self.gen, self.rng, self.name, self.slug = gen, rng, name, slug
        self.host, self.members, self.sizes = host, members, sizes
        self.alliance = f"<alliance/{slug}>"
        self.document = "<document/article>" if first else f"<document/{slug}>"
        self.text = Text()
        self.selected = 2022 if first else rng.randint(2017, 2024)
        self.phase_years = self.plan_phases()
        self.renewal_date = self.draw_renewal()
        self.issued = f"{self.renewal_date.year}-{self.renewal_date.month:02d}"
        self.title_fr = f"{name} : une nouvelle phase lancée"
        self.title_en = f"{name}: a new phase begins"
        self.series = f"<event-series/{slug}-ten-days>"
        self.urls: list[tuple[str, str, Facts]] = []
        """Cited addresses, written at the end of the text: (slug, address, facts)."""
        self.press = ""
        """The press release's address (its title is quoted in the links section)."""

    def iri(self, kind: str, local: str) -> str:
        return f"<{kind}/{self.slug}-{local}>"

    def quote(self, local: str, words: str, facts: Facts) -> None:
        """Words that are one excerpt on their own."""
        self.text.excerpt(f"{self.slug}-{local}", self.text.say(words), facts)

    def plan_phases(self) -> list[tuple[int, int]]:
        years, start = [], self.selected + 1
        for i in range(self.sizes.phases):
            length = 2 if i == self.sizes.phases - 1 else 4
            years.append((start, start + length - 1))
            start += length
        return years

    def draw_renewal(self) -> dt.date:
        year = self.phase_years[-1][0] - 1
        if self.slug == "ingenium":
            return dt.date(2026, 7, 9)
        return dt.date(year, self.rng.randint(5, 7), self.rng.randint(1, 28))

    def phase_key(self, i: int) -> str:
        """first, second, next: the phase's part of its IRIs and of its work packages'."""
        return "next" if i == len(self.phase_years) - 1 else v.ORDINALS_EN[i]

    def phase_iri(self, i: int) -> str:
        return self.iri("phase", self.phase_key(i))

    def phase_labels(self, i: int) -> tuple[str, str]:
        if i == len(self.phase_years) - 1:
            return f"Next {self.name}", f"Next {self.name}"
        return f"{v.ORDINALS_FR[i]} phase", f"{v.ORDINALS_EN[i]} phase"

    def topic(self, facts: Facts, slug: str) -> str:
        """Declare a topic (and its broader one) in an excerpt; its IRI."""
        iri = f"<topic/{slug}>"
        facts.entity(iri, "ikg:Topic", *v.TOPICS[slug])
        if slug in v.BROADER:
            broader = v.BROADER[slug]
            facts.add(iri, "skos:broader", f"<topic/{broader}>")
            facts.entity(f"<topic/{broader}>", "ikg:Topic", *v.TOPICS[broader])
        return iri

    def filler(self, n: int) -> str:
        return " ".join(self.rng.sample(v.FILLER, k=n))

    # -- sections ------------------------------------------------------------------------------

    def write(self) -> None:
        t = self.text
        t.say(f"{self.title_fr.upper()}\n\n{self.filler(3)}\n\n")
        self.renewal()
        self.selection_and_members()
        self.domains()
        self.words_of_the_vice_president()
        self.head_of_office()
        self.phases()
        self.figures()
        self.theses()
        self.testimonials()
        self.events()
        self.links()
        t.finish()

    def renewal(self) -> None:
        t, d = self.text, self.renewal_date
        last_start, last_end = self.phase_years[-1]
        years_fr = in_words(last_end - last_start + 1)[0]
        amount = self.rng.randint(30, 145) * 100_000
        millions = amount / 1_000_000
        amount_fr = f"{millions:.1f}".replace(".", ",").removesuffix(",0") + " millions d’euros"
        amount_en = f"{millions:.1f}".removesuffix(".0") + " million euros"
        day = "1er" if d.day == 1 else str(d.day)
        head = t.say(f"En ce {v.WEEKDAYS[d.weekday()]} {day} {v.MONTHS[d.month - 1]}, ")
        t.say(f"l’alliance {self.name} ")
        renewed = t.say(
            f"vient d’être renouvelée pour {years_fr} années supplémentaires par la Commission "
            "européenne."
        )
        funding = t.say(
            f" De ce fait, le financement de l’alliance est prolongé jusqu’en décembre "
            f"{last_end}, à hauteur de {amount_fr}.\n\n"
        )
        renewal = self.iri("renewal", str(d.year))
        f = Facts()
        f.entity(
            renewal,
            "ikg:Renewal",
            f"renouvellement {de(self.name)} ({day} {v.MONTHS[d.month - 1]} {d.year})",
            f"renewal of {self.name} ({d.day} {v.MONTHS_EN[d.month - 1]} {d.year})",
        )
        f.add(renewal, "ikg:renewedOrganization", self.alliance)
        f.add(renewal, "ikg:decidedBy", COMMISSION)
        f.add(renewal, "ikg:date", typed(d.isoformat(), "date"))
        f.add(renewal, "ikg:extension", typed(f"P{last_end - last_start + 1}Y", "duration"))
        f.entity(COMMISSION, "ikg:PublicBody", "Commission européenne", "European Commission")
        t.excerpt(f"{self.slug}-renewal", (head[0], renewed[1]), f)
        money, grant = self.iri("amount", str(d.year)), self.iri("funding", str(d.year))
        f = Facts()
        f.add(renewal, "ikg:resultingFunding", grant)
        f.entity(
            grant,
            "ikg:Funding",
            f"financement de l’alliance {self.name} prolongé jusqu’en décembre {last_end}",
            f"funding of the {self.name} alliance extended to December {last_end}",
        )
        f.add(grant, "schema:funder", COMMISSION)
        f.add(grant, "ikg:fundedOrganization", self.alliance)
        f.add(grant, "ikg:fundedUntil", typed(f"{last_end}-12", "gYearMonth"))
        f.add(grant, "schema:amount", money)
        f.entity(money, "schema:MonetaryAmount", amount_fr, amount_en)
        f.add(money, "schema:value", typed(str(amount), "decimal"))
        f.add(money, "schema:currency", lit("EUR"))
        f.add(money, "ikg:currencyUnit", EURO)
        f.entity(EURO, "ikg:Currency", "euro", "euro")
        t.excerpt(f"{self.slug}-funding", (renewed[0], funding[1] - 2), f)
        self.press_release()

    def press_release(self) -> None:
        """The press release the article cites about the renewal (its address is at the end)."""
        years = self.phase_years[-1][1] - self.phase_years[-1][0] + 1
        address = (
            f"https://{self.slug}-university.eu/{self.slug}-secures-{in_words(years)[1]}-more-"
            "years-of-erasmus-funding-for-its-next-phase/"
        )
        f = Facts()
        f.add(f"<{address}>", "a", "ikg:SourceDocument")
        f.add(self.document, "dcterms:references", f"<{address}>")
        f.add(self.iri("funding", str(self.renewal_date.year)), "ikg:programme", ERASMUS)
        f.add(
            self.iri("funding", str(self.renewal_date.year)),
            "ikg:supportsPhase",
            self.phase_iri(len(self.phase_years) - 1),
        )
        self.urls.append(("link-press-release", address, f))
        self.press = address

    def selection_and_members(self) -> None:
        t, year, n = self.text, self.selected, len(self.members)
        laureate = t.say(
            f"Lauréate en {year} de l’initiative « Universités européennes », de la Commission "
            "européenne dans le cadre d’Erasmus+, "
        )
        alliance = t.say(f"l’alliance {self.name}")
        gathers = t.say(f" réunit {n} universités européennes aux profils et cultures variés")
        t.say(".\n\n")
        selection = self.iri("selection", str(year))
        f = Facts()
        f.entity(
            selection,
            "ikg:Selection",
            f"{self.name} lauréate de l’initiative « Universités européennes » ({year})",
            f"{self.name} selected by the European Universities initiative ({year})",
        )
        f.add(selection, "ikg:selectedOrganization", self.alliance)
        f.add(selection, "ikg:initiative", INITIATIVE)
        f.add(selection, "ikg:year", typed(str(year), "gYear"))
        f.entity(
            INITIATIVE,
            "ikg:Initiative",
            "initiative « Universités européennes »",
            "European Universities initiative",
        )
        f.add(INITIATIVE, "ikg:launchedBy", COMMISSION)
        f.add(INITIATIVE, "ikg:withinProgramme", ERASMUS)
        f.entity(COMMISSION, "ikg:PublicBody", "Commission européenne", "European Commission")
        f.entity(ERASMUS, "ikg:FundingProgramme", "Erasmus+", "Erasmus+")
        t.excerpt(f"{self.slug}-selection-{year}", (laureate[0], alliance[1]), f)
        f = Facts()
        f.entity(self.alliance, "ikg:EuropeanUniversityAlliance", self.name, self.name)
        f.add(self.alliance, "schema:name", lit(self.name))
        f.add(self.alliance, "ikg:declaredMemberCount", str(n))
        t.excerpt(f"{self.slug}-members-intro", (alliance[0], gathers[1]), f)
        for position, u in enumerate(self.members, start=1):
            f = Facts()
            country = f"<country/{u.country.slug}>"
            f.entity(u.iri, "ikg:University", u.fr, u.en)
            f.add(u.iri, "ikg:country", country)
            f.entity(country, "schema:Country", u.country.fr, u.country.en)
            membership = f"<membership/{self.slug}-{u.slug}>"
            f.entity(
                membership, "ikg:AllianceMembership", f"{u.fr} dans {self.name}",
                f"{u.en} in {self.name}",
            )  # fmt: skip
            f.add(membership, "org:member", u.iri)
            f.add(membership, "org:organization", self.alliance)
            f.add(membership, "ikg:listPosition", str(position))
            f.add(self.alliance, "org:hasMember", u.iri)
            self.quote(f"member-{position:02d}", f"{position}. {u.fr}, {u.country.fr}", f)
            t.say("\n")
        t.say("\n")

    def domains(self) -> None:
        t, rng = self.text, self.rng
        chosen = rng.sample(v.DOMAIN_TOPICS, k=rng.randint(2, 4))
        charge_fr, charge_topics, charge_en = rng.choice(v.CHARGES)
        start = t.say(
            "Des projets qui concernent à la fois " + ", ".join(w for w, _ in chosen)
            + " et des grands sujets sociétaux comme "
        )  # fmt: skip
        charge = t.say(charge_fr)
        end = t.say(f" dont {self.host.in_text} a la charge")
        t.say(f". {self.filler(2)}\n\n")
        f = Facts()
        topics = [self.topic(f, slug) for _, slug in chosen]
        f.add(self.alliance, "ikg:projectDomain", *topics, self.topic(f, "societal-issues"))
        for slug in charge_topics:
            self.topic(f, slug)
        t.excerpt(f"{self.slug}-project-domains", (start[0], charge[1]), f)
        responsibility = f"<responsibility/{self.slug}-{self.host.slug}-{charge_topics[0]}>"
        f = Facts()
        f.entity(
            responsibility,
            "ikg:Responsibility",
            f"{charge_fr}, à la charge de {self.host.in_text}",
            f"{charge_en}, in the charge of the {self.host.en}",
        )
        f.add(responsibility, "ikg:holder", self.host.iri)
        f.add(responsibility, "ikg:topic", *(f"<topic/{s}>" for s in charge_topics))
        f.add(responsibility, "ikg:within", self.alliance)
        t.excerpt(f"{self.slug}-responsibility", (charge[0], end[1]), f)
        f = Facts()
        page = f"<https://{self.slug}-university.eu/>"
        f.labels(
            page,
            f"En savoir plus sur l’alliance {self.name}",
            f"More about the {self.name} alliance",
        )
        f.add(page, "schema:about", self.alliance)
        self.quote("link-alliance-text", f"En savoir plus sur l’alliance {self.name}", f)
        t.say("\n\n")
        f = Facts()
        f.add(page, "a", "ikg:SourceDocument")
        f.add(self.document, "dcterms:references", page)
        self.urls.append(("link-alliance", page[1:-1], f))

    def role(self, facts: Facts, role: v.Role) -> str:
        iri = f"<role/{role.slug}>"
        facts.entity(iri, "ikg:Role", role.fr_m, role.en)
        return iri

    def assignment(
        self, facts: Facts, person: Person, role: v.Role, organization: str | None
    ) -> None:
        iri = f"<role-assignment/{person.slug}-{role.slug}>"
        role_fr = role.fr_f if person.feminine else role.fr_m
        facts.entity(
            iri, "ikg:RoleAssignment", f"{person.name}, {role_fr}", f"{person.name}, {role.en}"
        )
        facts.add(iri, "org:member", person.iri)
        facts.add(iri, "org:role", self.role(facts, role))
        if organization:
            facts.add(iri, "org:organization", organization)

    def words_of_the_vice_president(self) -> None:
        t, rng = self.text, self.rng
        vp = self.gen.person(rng)
        role_fr = v.VICE_PRESIDENT.fr_f if vp.feminine else v.VICE_PRESIDENT.fr_m
        f = Facts()
        vp.declare(f)
        self.assignment(f, vp, v.VICE_PRESIDENT, self.host.iri)
        quotation = f"<quotation/{vp.slug}>"
        f.entity(quotation, "ikg:Quotation", f"Le mot {de(vp.name)}", f"A word from {vp.name}")
        f.add(quotation, "schema:creator", vp.iri)
        f.add(quotation, "schema:about", self.alliance)
        self.quote("vice-president", f"Le mot {de(vp.name)}, {role_fr}", f)
        t.say(f"\n\n{self.filler(1)} ")
        first_years = self.phase_years[0][1] - self.phase_years[0][0] + 1
        for slug, sentence, fr, en in rng.sample(v.ACHIEVEMENTS, k=self.sizes.achievements):
            achievement = self.iri("achievement", slug)
            f = Facts()
            f.add(self.alliance, "ikg:hasAchievement", achievement)
            f.entity(achievement, "ikg:Achievement", fr, en)
            f.add(achievement, "ikg:beneficiary", self.host.iri)
            words = sentence.format(A=self.name, h=self.host.in_text, n=first_years)
            self.quote(f"achievement-{slug}", words, f)
            t.say(" ")
        aims = rng.sample(v.AIMS, k=min(self.sizes.aims, len(v.AIMS)))
        f = Facts()
        goals = [self.iri("goal", slug) for slug, _, _ in aims]
        f.add(self.alliance, "ikg:hasAim", *goals)
        for goal, (_, fr, en) in zip(goals, aims, strict=True):
            f.entity(goal, "ikg:Goal", fr, en)
        clauses = [fr for _, fr, _ in aims]
        words = f"{self.name} vise à " + join_fr([clauses[0], *(f"à {c}" for c in clauses[1:])])
        self.quote("aims", words + ".", f)
        t.say("\n\n")

    def head_of_office(self) -> None:
        head = self.gen.person(self.rng)
        unit = f"<unit/{self.host.slug}-{self.slug}-office>"
        f = Facts()
        head.declare(f)
        f.add(head.iri, "org:headOf", unit)
        f.entity(
            unit,
            "ikg:OrganizationalUnit",
            f"pôle {self.name} de {self.host.in_text}",
            f"{self.name} office of the {self.host.en}",
        )
        f.add(unit, "org:unitOf", self.host.iri)
        self.assignment(f, head, v.HEAD_OF_OFFICE, unit)
        words = f"{head.name}, responsable du pôle {self.name} de {self.host.in_text}"
        self.quote("head-of-office", words, f)
        self.text.say("\n\n")

    def phases(self) -> None:
        t, last = self.text, len(self.phase_years) - 1
        plans = [self.plan_objectives(i) for i in range(len(self.phase_years))]
        for i in range(last):
            start, end = self.phase_years[i]
            fr, en = self.phase_labels(i)
            f = Facts()
            f.entity(self.phase_iri(i), "ikg:Phase", fr, en)
            f.add(self.phase_iri(i), "ikg:phaseOf", self.alliance)
            f.add(self.phase_iri(i), "ikg:startYear", typed(str(start), "gYear"))
            f.add(self.phase_iri(i), "ikg:endYear", typed(str(end), "gYear"))
            if i:
                f.add(self.phase_iri(i), "ikg:previousPhase", self.phase_iri(i - 1))
            if i < last - 1:
                self.quote(f"phase-{i + 1}", f"Sa {fr} ({start}-{end}) a posé les bases", f)
                t.say(" de la coopération. ")
                continue
            consolidate = self.iri("goal", "consolidate-previous-phase")
            f.entity(self.phase_iri(last), "ikg:Phase", *self.phase_labels(last))
            f.add(self.phase_iri(last), "ikg:phaseOf", self.alliance)
            f.add(self.phase_iri(last), "ikg:previousPhase", self.phase_iri(i))
            f.add(self.phase_iri(last), "ikg:hasGoal", consolidate)
            f.entity(
                consolidate,
                "ikg:Goal",
                f"consolider les acquis de la {fr}",
                f"consolidating what the {en} achieved",
            )
            words = f"Next {self.name} souhaite consolider les acquis de sa {fr} ({start}-{end})"
            self.quote(f"phase-{i + 1}", words, f)
            t.say(".\n\n")
        for i, objectives in enumerate(plans):
            self.work_packages(i, objectives)
            self.objectives(i, objectives)
        self.next_phase()

    def plan_objectives(self, i: int) -> list[tuple[v.Target, int, tuple[str, str, str], int]]:
        """The phase's objectives, drawn before the text: target, value, comparison, deadline."""
        rng, (start, end) = self.rng, self.phase_years[i]
        chosen = rng.sample(v.TARGETS, k=min(self.sizes.objectives[i], len(v.TARGETS)))
        plans = []
        for target in chosen:
            value = rng.randint(target.low, target.high)
            value = round(value, -2 if value >= 1000 else -1 if value >= 100 else 0)
            deadline = end if rng.random() < 0.8 or start == end else end - 1
            plans.append((target, value, rng.choice(v.COMPARISONS), deadline))
        return plans

    def work_packages(self, i: int, objectives: list) -> None:  # type: ignore[type-arg]
        t, rng = self.text, self.rng
        phase = self.phase_iri(i)
        themes = rng.sample(v.THEMES, k=min(self.sizes.work_packages[i], 8))
        fr = self.phase_labels(i)[0]
        t.say(f"Les Work Packages de la {fr}\n\n" if i < len(self.phase_years) - 1 else (
            f"Les Work Packages de Next {self.name}\n\n"
        ))  # fmt: skip
        n_fr = in_words(len(themes))[0]
        f = Facts()
        f.add(phase, "ikg:workPackageCount", str(len(themes)))
        wps = [
            self.iri("work-package", f"{self.phase_key(i)}-{n}") for n in range(1, len(themes) + 1)
        ]
        for wp in wps:
            f.add(wp, "ikg:partOfPhase", phase)
        self.quote(
            f"work-packages-intro-{i + 1}",
            f"Le modèle collaboratif s’articule autour de {n_fr} Work Packages, qui couvrent "
            "l’ensemble des missions de l’alliance.",
            f,
        )
        t.say("\n\n")
        carried: dict[str, list[str]] = {}
        for target, *_ in objectives:
            for n, theme in enumerate(themes):
                if target.topic in theme.topics:
                    carried.setdefault(wps[n], []).append(self.objective_iri(i, target))
                    break
        for n, (theme, wp) in enumerate(zip(themes, wps, strict=True), start=1):
            f = Facts()
            f.add(wp, "a", "ikg:WorkPackage")
            f.add(wp, "ikg:wpNumber", str(n))
            f.add(wp, "skos:notation", lit(f"WP{n}"))
            f.labels(wp, f"WP{n} – {theme.title_fr}", f"WP{n} – {theme.title_en}")
            f.add(wp, "dcterms:title", lit(theme.title_fr, "fr"), lit(theme.title_en, "en"))
            f.add(
                wp,
                "dcterms:description",
                lit(theme.description_fr, "fr"),
                lit(theme.description_en, "en"),
            )
            f.add(wp, "ikg:addresses", *(self.topic(f, s) for s in theme.topics))
            if theme.legal_form:
                f.add(wp, "ikg:plannedLegalForm", EGTC)
                f.entity(
                    EGTC,
                    "ikg:LegalForm",
                    "Groupement européen de coopération territoriale",
                    "European grouping of territorial cooperation",
                )
                f.add(EGTC, "skos:altLabel", lit("EGTC", "fr"), lit("EGTC", "en"))
            for objective in carried.get(wp, []):
                f.add(objective, "ikg:carriedBy", wp)
            self.quote(
                f"work-package-{i + 1}-{n}",
                f"WP{n} – {theme.title_fr} : {theme.description_fr}.",
                f,
            )
            t.say("\n")
        t.say("\n")

    def objective_iri(self, i: int, target: v.Target) -> str:
        return self.iri("objective", f"{self.phase_key(i)}-{target.slug}")

    def objectives(self, i: int, objectives: list) -> None:  # type: ignore[type-arg]
        t = self.text
        phase = self.phase_iri(i)
        subject = f"Next {self.name}" if i == len(self.phase_years) - 1 else (
            f"La {self.phase_labels(i)[0]}"
        )  # fmt: skip
        f = Facts()
        for target, *_, due in objectives:
            f.add(self.objective_iri(i, target), "ikg:pursuedIn", phase)
            f.add(self.objective_iri(i, target), "ikg:deadline", typed(str(due), "gYear"))
        dues = sorted({due for *_, due in objectives})
        self.quote(
            f"objectives-intro-{i + 1}",
            f"{subject} poursuit plusieurs objectifs ambitieux d’ici {dues[-1]}",
            f,
        )
        t.say(" : ")
        for n, (target, value, (comparison, cmp_fr, cmp_en), _) in enumerate(objectives):
            objective = self.objective_iri(i, target)
            fr = f"{target.verb_fr} {cmp_fr}{french_number(value)} {target.things_fr}"
            en = f"{target.verb_en} {cmp_en}{value:,} {target.things_en}"
            f = Facts()
            f.entity(objective, "ikg:Objective", fr, en)
            f.add(objective, "ikg:targetValue", str(value))
            f.add(objective, "ikg:comparison", comparison)
            f.add(objective, "ikg:countedThing", self.topic(f, target.topic))
            self.quote(f"objective-{i + 1}-{target.slug}", fr, f)
            t.say(", " if n < len(objectives) - 1 else ".\n\n")

    def next_phase(self) -> None:
        t, rng, last = self.text, self.rng, len(self.phase_years) - 1
        start, end = self.phase_years[last]
        horizon = end + rng.randint(5, 9)
        phase = self.phase_iri(last)
        strategy = self.iri("goal", f"long-term-strategy-{horizon}")
        f = Facts()
        f.add(phase, "ikg:startYear", typed(str(start), "gYear"))
        f.add(phase, "ikg:endYear", typed(str(end), "gYear"))
        f.add(
            phase,
            "skos:altLabel",
            lit("phase stratégique de consolidation et de préparation", "fr"),
            lit("strategic phase of consolidation and preparation", "en"),
        )
        f.add(phase, "ikg:hasGoal", strategy)
        f.entity(
            strategy,
            "ikg:Goal",
            f"mise en œuvre de la stratégie à long terme de l’alliance {self.name} à l’horizon "
            f"{horizon}",
            f"implementing the alliance's long-term strategy to {horizon}",
        )
        f.add(strategy, "ikg:horizonYear", typed(str(horizon), "gYear"))
        self.quote(
            "phase-next-years",
            f"Les années {start} et {end} constitueront une phase stratégique de consolidation "
            "et de préparation, essentielle à la mise en œuvre de la stratégie à long terme de "
            f"l’alliance {self.name} à l’horizon {horizon}.",
            f,
        )
        t.say(" ")
        application = self.iri("goal", "erasmus-plus-2028-2034-application")
        f = Facts()
        f.add(phase, "ikg:hasGoal", application)
        f.entity(
            application,
            "ikg:Goal",
            "préparation de la candidature de l’alliance à la prochaine programmation Erasmus+ "
            "(2028-2034)",
            "preparing the alliance's application to the next Erasmus+ programme (2028-2034)",
        )
        f.add(application, "ikg:concerns", ERASMUS_NEXT)
        f.entity(
            ERASMUS_NEXT,
            "ikg:ProgrammePeriod",
            "programmation Erasmus+ 2028-2034",
            "Erasmus+ 2028-2034 programme",
        )
        f.add(ERASMUS_NEXT, "ikg:periodOf", ERASMUS)
        f.add(ERASMUS_NEXT, "ikg:startYear", typed("2028", "gYear"))
        f.add(ERASMUS_NEXT, "ikg:endYear", typed("2034", "gYear"))
        f.entity(ERASMUS, "ikg:FundingProgramme", "Erasmus+", "Erasmus+")
        self.quote(
            "phase-next-application",
            "Elles seront également consacrées à la préparation de la candidature de l’alliance "
            "à la prochaine programmation Erasmus+ (2028-2034), en vue d’obtenir un financement "
            "pluriannuel.",
            f,
        )
        t.say("\n\n")

    def figures(self) -> None:
        t, rng = self.text, self.rng
        chosen = rng.sample(v.FIGURES, k=min(self.sizes.figures, len(v.FIGURES)))
        f = Facts()
        for slug, *_ in chosen:
            f.add(self.iri("indicator", slug), "schema:observationAbout", self.host.iri)
            f.add(self.iri("indicator", slug), "ikg:context", self.alliance)
        self.quote("key-figures", f"{self.name} à {self.host.in_text} en chiffres", f)
        t.say("\n\n")
        for slug, fr, en, low, high in chosen:
            value = rng.randint(low, high)
            indicator = self.iri("indicator", slug)
            f = Facts()
            f.entity(indicator, "ikg:Indicator", f"{value} {fr}", f"{value} {en}")
            f.add(indicator, "schema:value", str(value))
            f.add(indicator, "ikg:countedThing", self.topic(f, v.FIGURE_TOPICS[slug]))
            self.quote(f"key-figure-{slug}", f"{value} {fr}", f)
            t.say("\n")
        t.say("\n")

    def theses(self) -> None:
        t, rng = self.text, self.rng
        first_start, first_end = self.phase_years[0]
        years = sorted(rng.sample(range(first_start, first_end + 1), k=min(
            self.sizes.thesis_groups, first_end - first_start + 1)))  # fmt: skip
        for year in years:
            n = rng.randint(1, 6)
            n_fr, n_en = in_words(n)
            theses_fr = "une thèse de doctorat" if n == 1 else f"{n_fr} thèses de doctorat"
            group = self.iri("thesis-group", str(year))
            f = Facts()
            f.entity(
                group,
                "ikg:ThesisGroup",
                f"{theses_fr} démarrée{'' if n == 1 else 's'} en {year}",
                f"{n_en} doctoral thes{'i' if n == 1 else 'e'}s started in {year}",
            )
            f.add(group, "ikg:thesisCount", str(n))
            f.add(group, "ikg:startYear", typed(str(year), "gYear"))
            f.add(group, "ikg:context", self.alliance)
            f.add(group, "ikg:relatedTo", self.topic(f, "societal-challenges"))
            self.quote(
                f"theses-{year}",
                f"Grâce à l’alliance {self.name}, l’engagement en faveur de la recherche a été "
                f"renforcé avec le démarrage, en {year}, {de(theses_fr)} en lien avec les "
                "enjeux sociétaux majeurs.",
                f,
            )
            t.say(" ")
        partners = [u for u in self.members if u is not self.host]
        year = first_end + 1
        n = rng.randint(2, 4)
        n_fr, n_en = in_words(n)
        partner = rng.choice(partners)
        group = self.iri("thesis-group", f"{year}-co-supervised")
        f = Facts()
        f.entity(
            group,
            "ikg:ThesisGroup",
            f"{n_fr} thèses de doctorat en co-tutelle avec {partner.in_text} ({year})",
            f"{n_en} doctoral theses co-supervised with the {partner.en} ({year})",
        )
        f.add(group, "ikg:thesisCount", str(n))
        f.add(group, "ikg:startYear", typed(str(year), "gYear"))
        f.add(group, "ikg:supervisionMode", "ikg:CoSupervision")
        f.add(group, "ikg:coSupervisedWith", partner.iri)
        self.quote(
            f"theses-{year}-co-supervised",
            f"En {year}, {n_fr} thèses de doctorat en co-tutelle avec {partner.in_text} ont "
            "également vu le jour.",
            f,
        )
        t.say("\n\n")

    def testimonials(self) -> None:
        t, rng = self.text, self.rng
        people = [self.gen.person(rng) for _ in range(self.sizes.testimonials)]
        roles = [rng.choice(v.ROLES) for _ in people]
        labs = [self.lab_name() for _ in people]
        addresses = []
        for person, role, lab in zip(people, roles, labs, strict=True):
            role_fr = role.fr_f if person.feminine else role.fr_m
            tail = f"-au-laboratoire-{slugify(lab)}" if role.lab else ""
            addresses.append(
                f"https://{self.host.site}/temoignages/{person.slug}-{slugify(role_fr)}{tail}/"
            )
        f = Facts()
        for address in addresses:
            f.add(f"<{address}>", "schema:about", self.alliance)
        self.quote(
            "testimonials-intro",
            "Découvrez les témoignages des étudiants, personnels et enseignants-chercheurs qui "
            f"ont bénéficié des avantages de l’alliance {self.name} au fil des années.",
            f,
        )
        t.say("\n\n")
        for person, role, lab, address in zip(people, roles, labs, addresses, strict=True):
            title = f"Le témoignage {de(person.name)}"
            f = Facts()
            person.declare(f)
            f.entity(f"<{address}>", "ikg:Testimonial", title, f"Testimonial of {person.name}")
            f.add(f"<{address}>", "dcterms:title", lit(title, "fr"))
            f.add(f"<{address}>", "schema:author", person.iri)
            self.quote(f"testimonial-{person.slug}", title, f)
            t.say("\n")
            f = Facts()
            f.add(f"<{address}>", "a", "ikg:SourceDocument")
            f.add(f"<{address}>", "schema:about", person.iri)
            f.add(self.document, "dcterms:references", f"<{address}>")
            lab_iri = None
            if role.lab:
                lab_iri = f"<lab/{self.host.slug}-{slugify(lab)}>"
                f.entity(lab_iri, "ikg:Laboratory", f"laboratoire {lab}", f"{lab} laboratory")
            self.assignment(f, person, role, lab_iri)
            if role.student:
                f.add(person.iri, "ikg:participatedIn", self.series)
            self.urls.append((f"testimonial-address-{person.slug}", address, f))
        t.say("\n")

    def lab_name(self) -> str:
        """A laboratory acronym of the host (used when the author's role is in a lab)."""
        return "".join(self.rng.choice("ABCDEGHILMNOPRST") for _ in range(self.rng.randint(3, 5)))

    def events(self) -> None:
        t, rng = self.text, self.rng
        days = rng.choice((5, 7, 10))
        name_fr = f"les {days} jours {de(self.name)}"
        name_en = f"the {days} days of {self.name}"
        heading = t.say("L’événement phare : ")
        name = t.say(name_fr)
        t.say("\n\n")
        f = Facts()
        f.entity(self.series, "ikg:EventSeries", name_fr, name_en)
        t.excerpt(f"{self.slug}-ten-days-name", name, f)
        f = Facts()
        f.add(self.series, "ikg:flagshipEventOf", self.alliance)
        t.excerpt(f"{self.slug}-ten-days-title", (heading[0], name[1]), f)
        active = self.phase_years[0][1] - self.phase_years[0][0] + 1
        f = Facts()
        f.add(self.series, "ikg:eventFormat", self.topic(f, "winter-school"),
              self.topic(f, "summer-school"))  # fmt: skip
        f.add(self.series, "ikg:activeYears", str(active))
        self.quote(
            "ten-days-schools",
            f"Pendant {in_words(active)[0]} ans, {name_fr} ont rassemblé des centaines "
            "d’étudiants de tous niveaux lors d’universités d’hiver et d’été.",
            f,
        )
        t.say(" ")
        f = Facts()
        f.add(self.series, "ikg:eachMemberHostsOnce", "true")
        self.quote("ten-days-hosting", "Chacun des membres a accueilli une fois cet événement.", f)
        t.say(" ")
        self.activities(
            "ten-days-activities",
            self.series,
            v.SERIES_ACTIVITIES,
            "Le principe était d’accueillir des étudiants et leurs mentors et de proposer à la "
            "fois {}.",
        )
        t.say(" ")
        achievement = self.iri("achievement", "students-met")
        f = Facts()
        f.add(self.series, "ikg:hasAchievement", achievement)
        f.entity(
            achievement,
            "ikg:Achievement",
            "de très nombreux étudiants se sont rencontrés et ont créé des liens à l’échelle "
            "européenne",
            "a great many students met and built ties across Europe",
        )
        self.quote(
            "ten-days-outcome",
            "Ces événements ont permis à de très nombreux étudiants de se rencontrer et de créer "
            "des liens à l’échelle européenne.",
            f,
        )
        t.say("\n\n")
        hosts = rng.sample(self.members, k=min(self.sizes.editions, len(self.members)))
        for year, host in enumerate(hosts, start=self.phase_years[0][0]):
            self.edition(year, host, name_fr, name_en)

    def activities(
        self, local: str, subject: str, choices: tuple[tuple[str, str], ...], sentence: str
    ) -> None:
        chosen = self.rng.sample(choices, k=self.rng.randint(2, 4))
        f = Facts()
        f.add(subject, "ikg:activity", *(self.topic(f, slug) for _, slug in chosen))
        self.quote(local, sentence.format(join_fr([w for w, _ in chosen])), f)

    def edition(self, year: int, host: University, name_fr: str, name_en: str) -> None:
        t, rng = self.text, self.rng
        month = rng.choice((1, 2, 5, 6, 7))
        duration = rng.randint(3, 7)
        first = rng.randint(1, 28 - duration)
        last = first + duration - 1
        event = f"<event/{self.slug}-ten-days-{host.slug}-{year}>"
        f = Facts()
        f.entity(
            event,
            "ikg:Event",
            f"{name_fr} à {host.city} ({first}-{last} {v.MONTHS[month - 1]} {year})",
            f"{name_en} in {host.city} ({first}-{last} {v.MONTHS_EN[month - 1]} {year})",
        )
        f.add(event, "schema:superEvent", self.series)
        f.add(event, "ikg:host", host.iri)
        f.add(event, "schema:startDate", typed(dt.date(year, month, first).isoformat(), "date"))
        f.add(event, "schema:endDate", typed(dt.date(year, month, last).isoformat(), "date"))
        hosted = host.in_text[0].upper() + host.in_text[1:]
        self.quote(
            f"ten-days-{host.slug}-{year}",
            f"{hosted} a accueilli {name_fr} du {first} au {last} {v.MONTHS[month - 1]} {year}.",
            f,
        )
        t.say(" ")
        f = Facts()
        f.add(event, "ikg:durationDays", str(duration))
        self.activities(
            f"ten-days-{host.slug}-{year}-programme",
            event,
            v.EDITION_ACTIVITIES,
            f"Pendant {in_words(duration)[0]} jours, les étudiants ont vécu au rythme {{}}.",
        )
        t.say("\n\n")
        if rng.random() < 0.5:
            address = (
                f"https://{host.site}/actualites/{slugify(name_fr)}-a-{slugify(host.city)}-{year}/"
            )
            f = Facts()
            f.add(f"<{address}>", "a", "ikg:SourceDocument")
            f.labels(
                f"<{address}>",
                f"{name_fr[0].upper()}{name_fr[1:]} à {host.city} : entre sport et culture",
                f"{name_en[0].upper()}{name_en[1:]} in {host.city}: between sport and culture",
            )
            f.add(f"<{address}>", "schema:about", event)
            f.add(self.document, "dcterms:references", f"<{address}>")
            self.urls.append((f"link-ten-days-{year}", address, f))

    def links(self) -> None:
        t = self.text
        address, renewal = self.press, self.iri("renewal", str(self.renewal_date.year))
        f = Facts()
        f.labels(
            f"<{address}>",
            f"Le communiqué de presse sur le renouvellement {de(self.name)}",
            f"The press release on the renewal of {self.name}",
        )
        f.add(f"<{address}>", "schema:about", renewal)
        self.quote(
            "link-press-release-text",
            f"Le communiqué de presse sur le renouvellement {de(self.name)}",
            f,
        )
        t.say("\n\n")
        for local, url, facts in self.urls:
            self.text.excerpt(f"{self.slug}-{local}", t.say(url), facts, cited=url)
            t.say("\n")


# -- writing the tree -------------------------------------------------------------------------


def trig(alliance: Alliance, seed: int, index: int) -> str:
    """The alliance's data file, laid out like data/article/*.trig."""
    out = [
        f"# Generated alliance {alliance.name} (seed {seed}, alliance {index}): one graph per "
        f"excerpt of {alliance.text_file}.\n",
        PREFIXES,
        "\n# The source text: the document every text selector of this file points into.\n",
        f"{alliance.document} a ikg:Article ;\n",
        f"    dcterms:title {lit(alliance.title_fr, 'fr')} ;\n",
        f"    rdfs:label {lit(alliance.title_fr, 'fr')}, {lit(alliance.title_en, 'en')} ;\n",
        '    dcterms:language "fr" ;\n',
        f"    dcterms:publisher {alliance.publisher.iri} ;\n",
        f"    dcterms:issued {typed(alliance.issued, 'gYearMonth')} ;\n",
        f"    ikg:textFile {lit(alliance.text_file)} .\n",
    ]
    for e in alliance.text.excerpts:
        iri = f"<excerpt/{e.slug}>"
        out.append(f"\n# {e.slug}\n{iri} a ikg:Excerpt ;\n    oa:hasSource {alliance.document} ;\n")
        if e.cited:
            out.append(f"    ikg:citedAddress <{e.cited}> ;\n")
        out.append(
            f"    oa:hasSelector <excerpt/{e.slug}#quote>, <excerpt/{e.slug}#position> .\n"
            f"<excerpt/{e.slug}#quote> a oa:TextQuoteSelector ;\n    oa:exact {lit(e.exact)}"
        )
        if e.prefix:
            out.append(f" ;\n    oa:prefix {lit(e.prefix)}")
        if e.suffix:
            out.append(f" ;\n    oa:suffix {lit(e.suffix)}")
        out.append(
            f" .\n<excerpt/{e.slug}#position> a oa:TextPositionSelector ;\n"
            f"    oa:start {e.start} ;\n    oa:end {e.end} .\n\n{iri} {{\n"
        )
        for subject, predicates in e.facts.by_subject.items():
            lines = [f"{p} {', '.join(objects)}" for p, objects in predicates.items()]
            out.append(f"    {subject} " + " ;\n        ".join(lines) + " .\n")
        out.append("}\n")
    return "".join(out)


def links_header() -> str:
    return (
        "# Generated links from the graph's entities to (made-up) Wikidata items, with the\n"
        "# members' ROR-shaped ids, local names and cities. The build loads this file into\n"
        "# the named graph id:graph/links.\n"
        + LINKS_PREFIXES
        + """
<graph/links> dcterms:title "Links from the INGENIUM graph to Wikidata"@en,
        "Liens du graphe INGENIUM vers Wikidata"@fr ;
    dcterms:created "2026-11-24"^^xsd:date ;
    dcterms:license <https://creativecommons.org/licenses/by/4.0/> ;
    prov:wasDerivedFrom <reference/identifiers> .

<reference/identifiers> a prov:Entity, dcat:Dataset ;
    dcterms:title "Generated identifiers for the benchmark"@en ;
    dcterms:description "ROR-shaped ids and Wikidata items made up by bench/generate.py."@en .
"""
    )


def links(alliance: Alliance) -> str:
    """The links of one alliance's members, and of their cities and countries the first time."""
    out = []
    for u in alliance.universities:
        local = u.country.lang not in ("fr", "en")
        lines = [f"skos:exactMatch wd:{u.qid}"] if u.qid else []
        lines.append(f"schema:identifier <https://ror.org/{u.ror}>")
        lines.append(f"schema:name {lit(u.local, u.country.lang)}")
        if local:
            lines.append(f"rdfs:label {lit(u.local, u.country.lang)}")
        lines += [f"schema:location <city/{u.city_slug}>", f"prov:wasDerivedFrom {REFERENCE}"]
        out.append(f"\n{u.iri} " + " ;\n    ".join(lines) + " .\n")
        if f"city/{u.city_slug}" in alliance.new_places:
            alliance.new_places.discard(f"city/{u.city_slug}")
            labels = [lit(u.city, "fr"), lit(u.city, "en")]
            if local:
                labels.append(lit(u.city, u.country.lang))
            out.append(
                f"\n<city/{u.city_slug}> a schema:City ;\n    rdfs:label {', '.join(labels)} ;\n"
                f"    schema:containedInPlace <country/{u.country.slug}> ;\n"
                f"    skos:exactMatch wd:{u.city_qid} ;\n    prov:wasDerivedFrom {REFERENCE} .\n"
            )
        if f"country/{u.country.slug}" in alliance.new_places:
            alliance.new_places.discard(f"country/{u.country.slug}")
            out.append(
                f"\n<country/{u.country.slug}> skos:exactMatch wd:{u.country.qid} ;\n"
                f"    prov:wasDerivedFrom {REFERENCE} .\n"
            )
    return "".join(out)


def write_project(target: int, out: Path, seed: int) -> tuple[int, int]:
    """Write the whole tree into `out` (emptied first); (alliances, estimated quads)."""
    if out.exists():
        shutil.rmtree(out)
    for folder in ("ontology", "queries", "data/source", "data/article", "data/links"):
        (out / folder).mkdir(parents=True)
    for name in ("ingenium.ttl", "shapes.ttl"):
        shutil.copyfile(REPO / "ontology" / name, out / "ontology" / name)
    for query in sorted((REPO / "queries").glob("*.rq")):
        shutil.copyfile(query, out / "queries" / query.name)
    gen = Generator(seed)
    links_parts = [links_header()]
    alliances = 0
    for alliances, alliance in enumerate(gen.generate(target), start=1):
        (out / alliance.text_file).write_text(alliance.text.body, encoding="utf-8", newline="")
        (out / "data" / "article" / f"{alliance.slug}.trig").write_text(
            trig(alliance, seed, alliances - 1), encoding="utf-8", newline=""
        )
        links_parts.append(links(alliance))
    (out / "data" / "links" / "wikidata.ttl").write_text(
        "".join(links_parts), encoding="utf-8", newline=""
    )
    return alliances, gen.total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, required=True, help="about this many quads in all")
    parser.add_argument("--out", type=Path, required=True, help="project folder (replaced)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    alliances, total = write_project(args.triples, args.out, args.seed)
    print(
        f"{args.out}: {alliances} alliance(s), about {total} quads, "
        f"in {time.perf_counter() - started:.2f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
