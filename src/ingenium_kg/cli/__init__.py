"""The `ingenium-kg` command: parse options, call one API function, write the result.

The only package that prints or exits. `app` holds what every command shares (exit codes,
common options, output), `parsing` how a command and its arguments are declared; each other
module holds one family of commands.
"""

from __future__ import annotations

from collections.abc import Sequence

from .app import run_group

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn

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

DESCRIPTION = """A knowledge graph of the INGENIUM alliance, every fact traced to its source
article.

Exit codes: 0 done (or no violation: warnings alone pass), 1 a negative answer (SHACL
violations, a link to review, a disagreement), 2 bad input, usage or an unreachable
endpoint, 130 interrupted. The project root is the repository, or $INGENIUM_KG_ROOT."""


def main(args: Sequence[str] | None = None) -> NoReturn:
    """Run `ingenium-kg` with `args` (default: the process's arguments) and exit with its code."""
    run_group(DESCRIPTION, COMMANDS, args)
