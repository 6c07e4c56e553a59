"""`quickstatements`: what the graph can give back to Wikidata, as a QuickStatements V1 batch.

The article supports one thing Wikidata lacks: the ten members belong to the INGENIUM alliance
(P463). The alliance has no item yet, so the batch creates it (CREATE, then labels and
descriptions on LAST) and uses LAST as the value of each member's P463; V1 resolves LAST to the
item the batch last created. Only members with a reviewed link get a line. Every statement
carries a reference URL (S854) and retrieval date (S813). QuickStatements itself does not
duplicate a statement an item already has; it adds the reference to it instead.
"""

from __future__ import annotations

from datetime import date

from rdflib import Dataset, Graph, Literal
from rdflib.namespace import RDFS

from ..errors import UsageError
from ..namespaces import IKG, ORG
from .linking import Kind, Linkable, linkables, reviewed_on, union

PRESS_RELEASE = (
    "https://ingenium-university.eu/ingenium-secures-two-more-years-of-erasmus-funding-for-its-"
    "next-phase/"
)
"""The default reference: the alliance's press release on its renewal, cited by the article
(the article copy has no web address of its own)."""
LANGUAGES = ("en", "fr")


def quickstatements(
    dataset: Dataset | Graph,
    *,
    retrieved: date | None = None,
    reference_url: str = PRESS_RELEASE,
    ontology: Graph | None = None,
) -> str:
    """The V1 batch (tab-separated, one command per line), in a fixed order.

    `retrieved` (S813) defaults to the day the links were reviewed against the sources;
    `ontology` supplies the alliance class's labels as the new item's descriptions.

    :raises UsageError: when no retrieval date is given and the links record none.
    """
    graph = union(dataset)
    retrieved = retrieved or reviewed_on(graph)
    if retrieved is None:
        raise UsageError("no retrieval date for the references: pass --retrieved YYYY-MM-DD")
    entities = linkables(graph)
    source = f'S854\t"{_escape(reference_url)}"\tS813\t+{retrieved.isoformat()}T00:00:00Z/11'
    lines: list[str] = []
    for alliance in (e for e in entities if e.kind is Kind.ALLIANCE):
        members = [m for m in entities if m.kind is Kind.UNIVERSITY and m.link]
        members = [m for m in members if (alliance.iri, ORG.hasMember, m.iri) in graph]
        if alliance.link:
            target = alliance.link
        else:
            target = "LAST"
            lines.extend(_create(alliance, ontology))
        lines.extend(f"{m.link}\tP463\t{target}\t{source}" for m in sorted(members, key=_order))
    return "\n".join(lines) + "\n" if lines else ""


def _create(alliance: Linkable, ontology: Graph | None) -> list[str]:
    lines = ["CREATE"]
    for lang in LANGUAGES:
        label = next((str(x) for x in alliance.labels if x.language == lang), None)
        if label:
            lines.append(f'LAST\tL{lang}\t"{_escape(label)}"')
    classes = ontology.objects(IKG.EuropeanUniversityAlliance, RDFS.label) if ontology else ()
    for description in sorted(c for c in classes if isinstance(c, Literal)):
        if description.language in LANGUAGES:
            lines.append(f'LAST\tD{description.language}\t"{_escape(str(description))}"')
    return lines


def _order(member: Linkable) -> int:
    assert member.link is not None
    return int(member.link[1:])


def _escape(text: str) -> str:
    """V1 strings are double-quoted; tabs and newlines would break the line format."""
    return " ".join(text.replace('"', "'").split())
