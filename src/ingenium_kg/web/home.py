"""The home page's content, read from the build by SPARQL over the ontology's terms: the
alliance and its members on the map, the objectives as a chart, the work packages, the key
figures. Nothing of the article is written here; a build with other data shows other facts.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from ..namespaces import ONTOLOGY_IRI
from . import basemap
from .site import Label, Site


@dataclass(frozen=True)
class Member:
    """A member on the map: its place in the article's list, where it is, when known."""

    iri: str
    position: int
    label: Label | None
    country: Label | None
    city: Label | None
    point: tuple[float, float] | None
    """Where it is drawn on the map (None when off the map or without coordinates)."""
    coordinates: tuple[float, float] | None = None
    """Its city's latitude and longitude, as the data gives them."""


@dataclass(frozen=True)
class Bar:
    """One objective in the chart: its label, bar length and the comparison beside it."""

    iri: str
    label: Label | None
    target: int
    comparison: Label | None
    symbol: str
    work_package: str | None
    y: float
    length: float


@dataclass
class Chart:
    """The objectives chart: bars on a logarithmic axis, with its ticks."""

    width: float
    height: float
    axis: float
    bars: list[Bar] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)


@dataclass
class Home:
    """Everything the home page shows."""

    alliance: str | None
    members: list[Member]
    land: list[str]
    map_size: tuple[float, float]
    chart: Chart
    work_packages: list[tuple[str, str, dict[str, str]]]
    figures: list[tuple[str, list[tuple[str, int]]]]


def _rows(site: Site, text: str) -> list[dict[str, str]]:
    """SELECT rows as plain strings (unbound variables left out)."""
    result = site.dataset.query(text)
    names = [v.value for v in result.variables]  # type: ignore[union-attr]
    return [
        {n: s[n].value for n in names if s[n] is not None}  # type: ignore[index]
        for s in result  # type: ignore[union-attr]
    ]


def home(site: Site) -> Home:
    """Read the home page's content from the build."""
    alliances = _rows(site, "SELECT ?a WHERE { ?a a ikg:EuropeanUniversityAlliance } ORDER BY ?a")
    alliance = alliances[0]["a"] if alliances else None
    return Home(
        alliance,
        _members(site, alliance) if alliance else [],
        basemap.land(),
        basemap.size(),
        objectives_chart(site),
        _work_packages(site),
        _figures(site),
    )


def _members(site: Site, alliance: str) -> list[Member]:
    rows = _rows(
        site,
        f"""SELECT ?member ?position ?country ?city ?lat ?long WHERE {{
          ?membership org:organization <{alliance}> ; org:member ?member ;
            ikg:listPosition ?position .
          OPTIONAL {{ ?member ikg:country ?country }}
          OPTIONAL {{ GRAPH ?where {{ ?member schema:location ?city }}
                     GRAPH ?at {{ ?city wgs84:lat ?lat ; wgs84:long ?long }} }}
        }} ORDER BY ?position ?city ?lat ?long""",
    )
    members: dict[str, Member] = {}
    for row in rows:
        if row["member"] in members:
            continue
        point, coordinates = None, None
        if "lat" in row and "long" in row:
            try:
                coordinates = (float(row["lat"]), float(row["long"]))
                point = basemap.project(*coordinates)
            except ValueError:
                point = None
        members[row["member"]] = Member(
            row["member"],
            int(row["position"]),
            site.label(row["member"]),
            site.label(row["country"]) if "country" in row else None,
            site.label(row["city"]) if "city" in row else None,
            point,
            coordinates,
        )
    return list(members.values())


def objectives_chart(site: Site) -> Chart:
    """The objectives, largest target first, as bars on a log axis (targets run from units to
    thousands, which a linear axis would flatten)."""
    rows = _rows(
        site,
        f"""SELECT ?objective ?target ?comparison ?symbol ?deadline ?notation WHERE {{
          ?objective a ikg:Objective ; ikg:targetValue ?target ; ikg:comparison ?comparison .
          OPTIONAL {{ GRAPH <{ONTOLOGY_IRI}> {{ ?comparison skos:notation ?symbol }} }}
          OPTIONAL {{ ?objective ikg:deadline ?deadline }}
          OPTIONAL {{ ?objective ikg:carriedBy/skos:notation ?notation }}
        }} ORDER BY DESC(?target) ?objective""",
    )
    seen: dict[str, dict[str, str]] = {}
    for row in rows:
        seen.setdefault(row["objective"], row)
    targets = [int(float(r["target"])) for r in seen.values()]
    top = 10 ** max(1, math.ceil(math.log10(max([*targets, 1]) + 1)))
    axis, row_height, left = 360.0, 46.0, 8.0
    chart = Chart(width=axis + 200, height=row_height * len(seen) + 30, axis=axis)
    scale = lambda value: left + axis * math.log10(max(value, 1)) / math.log10(top)  # noqa: E731
    chart.ticks = [
        (scale(10**k), f"{10**k:,}".replace(",", " ")) for k in range(round(math.log10(top)) + 1)
    ]
    for index, row in enumerate(seen.values()):
        target = int(float(row["target"]))
        chart.bars.append(
            Bar(
                row["objective"],
                site.label(row["objective"]),
                target,
                site.label(row["comparison"]),
                row.get("symbol", ""),
                row.get("notation"),
                y=index * row_height,
                length=scale(target) - left,
            )
        )
    chart.deadlines = sorted({r["deadline"] for r in seen.values() if "deadline" in r})
    return chart


def _work_packages(site: Site) -> list[tuple[str, str, dict[str, str]]]:
    """(IRI, notation, title by language) of each work package, by number."""
    rows = _rows(
        site,
        """SELECT ?wp ?number ?notation ?title ?lang WHERE {
          ?wp a ikg:WorkPackage ; ikg:wpNumber ?number .
          OPTIONAL { ?wp skos:notation ?notation }
          OPTIONAL { ?wp dcterms:title ?title BIND(LANG(?title) AS ?lang) }
        } ORDER BY ?number ?wp""",
    )
    titles: dict[str, dict[str, str]] = defaultdict(dict)
    notations: dict[str, str] = {}
    for row in rows:
        notations.setdefault(row["wp"], row.get("notation", row["number"]))
        if "title" in row:
            titles[row["wp"]].setdefault(row.get("lang", ""), row["title"])
    return [(wp, notation, titles[wp]) for wp, notation in notations.items()]


def _figures(site: Site) -> list[tuple[str, list[tuple[str, int]]]]:
    """Indicators grouped by what they are about: (about IRI, [(indicator IRI, value)])."""
    rows = _rows(
        site,
        """SELECT ?indicator ?value ?about WHERE {
          ?indicator a ikg:Indicator ; schema:value ?value .
          OPTIONAL { ?indicator schema:observationAbout ?about }
        } ORDER BY ?about DESC(?value) ?indicator""",
    )
    groups: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        groups[row.get("about", "")].setdefault(row["indicator"], int(float(row["value"])))
    return [(about, list(values.items())) for about, values in groups.items()]
