"""The `ingenium-kg` command: parse options, call one API function, write the result.

The only package that prints or exits. `app` holds what every command shares (exit codes,
common options, output); each other module holds one family of commands.
"""

from __future__ import annotations

import click

from .app import Group, common_options
from .data import build, explain, export, validate
from .publishing import diff, publish, serve
from .questions import list_saved_queries, query
from .wikidata import enrich, link, quickstatements, wikidata_check


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ingenium-kg")
@common_options
def main() -> None:
    """A knowledge graph of the INGENIUM alliance, every fact traced to its source article.

    Exit codes: 0 done (or no violation: warnings alone pass), 1 a negative answer (SHACL
    violations, a link to review, a disagreement), 2 bad input, usage or an unreachable
    endpoint, 130 interrupted. The project root is the repository, or $INGENIUM_KG_ROOT.
    """


for command in (
    build,
    validate,
    query,
    list_saved_queries,
    export,
    explain,
    link,
    enrich,
    wikidata_check,
    quickstatements,
    serve,
    publish,
    diff,
):
    main.add_command(command)
