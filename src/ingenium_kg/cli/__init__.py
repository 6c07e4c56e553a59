"""The `ingenium-kg` command: parse options, call one API function, write the result.

The only package that prints or exits. `app` holds what every command shares (exit codes,
common options, output); each other module holds one family of commands.
"""

from __future__ import annotations

import click

from .app import Group, common_options

COMMANDS = {
    "build": "data",
    "validate": "data",
    "export": "data",
    "explain": "data",
    "query": "questions",
    "queries": "questions",
    "link": "wikidata",
    "enrich": "wikidata",
    "wikidata-check": "wikidata",
    "quickstatements": "wikidata",
    "serve": "publishing",
    "publish": "publishing",
    "diff": "publishing",
}
"""Each command and the module of `cli` defining it: a run imports only its command's module."""


@click.group(
    cls=Group, commands_in=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(package_name="ingenium-kg")
@common_options
def main() -> None:
    """A knowledge graph of the INGENIUM alliance, every fact traced to its source article.

    Exit codes: 0 done (or no violation: warnings alone pass), 1 a negative answer (SHACL
    violations, a link to review, a disagreement), 2 bad input, usage or an unreachable
    endpoint, 130 interrupted. The project root is the repository, or $INGENIUM_KG_ROOT.
    """
