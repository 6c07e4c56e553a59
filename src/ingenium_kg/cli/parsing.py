"""How a command is declared, and the types its arguments are read with.

A command is a function decorated with `@command(...)`: its arguments are the `Arg`s given (the
settings of argparse's `add_argument`), its help is its docstring. Each argument type refuses a
bad value with one line. argparse is the standard library's and loads in a few milliseconds,
which is what a fast `query` needs.
"""

from __future__ import annotations

import argparse
import functools
import math
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ..deadline import check_seconds

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date
    from typing import Any

Run = Callable[..., "int | None"]
"""A command's function: its parsed arguments by name in, its exit code out (None: 0)."""


class Arg:
    """One `add_argument` call, kept until the command's parser is made.

    `show_default=True` appends the default to the help text.
    """

    __slots__ = ("flags", "settings")

    def __init__(self, *flags: str, show_default: bool = False, **settings: Any) -> None:
        if show_default:
            settings["help"] = f"{settings['help']} (default: %(default)s)"
        self.flags = flags
        self.settings = settings


class Command:
    """A subcommand: its name, the function that runs it and the arguments it takes."""

    __slots__ = ("args", "name", "run")

    def __init__(self, name: str, run: Run, args: Sequence[Arg]) -> None:
        self.name, self.run, self.args = name, run, tuple(args)

    @property
    def help(self) -> str:
        return (self.run.__doc__ or "").strip()

    @property
    def summary(self) -> str:
        """The first line of the help, shown in the list of commands."""
        return self.help.split("\n", 1)[0]

    def add_to(self, commands: Any, common: argparse.ArgumentParser) -> None:
        """Add this command's parser to the group's `commands` (argparse's subparsers)."""
        parser = commands.add_parser(
            self.name,
            help=self.summary,
            description=self.help,
            parents=[common],
            allow_abbrev=False,
        )
        for arg in self.args:
            parser.add_argument(*arg.flags, **arg.settings)
        parser.set_defaults(command=self)


class Formatter(argparse.HelpFormatter):
    """Wraps each paragraph of a docstring on its own (argparse would run them together).

    argparse makes a formatter for every argument it is given, and by default each asks
    `shutil` for the terminal's width: the width is read here instead, as shutil would, once.
    """

    def __init__(self, prog: str, **settings: Any) -> None:
        settings.setdefault("width", _help_width())
        super().__init__(prog, **settings)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap

        paragraphs = (" ".join(part.split()) for part in text.split("\n\n"))
        return "\n\n".join(
            textwrap.fill(p, width, initial_indent=indent, subsequent_indent=indent)
            for p in paragraphs
            if p
        )


@functools.cache
def _help_width() -> int:
    """$COLUMNS, else the terminal's width, else 80; less 2, as argparse does."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 80
    return (columns if columns > 0 else 80) - 2


def command(*args: Arg, name: str | None = None) -> Callable[[Run], Command]:
    """Declare a command; its name is the function's, with `-` for `_`, unless given."""

    def declare(run: Run) -> Command:
        return Command(name or run.__name__.replace("_", "-"), run, args)

    return declare


# --- argument types: each refuses a bad value with one line --------------------------------------


def seconds(text: str) -> float:
    """A positive, finite number of seconds (`nan`, `inf`, 0 and negatives are refused)."""
    try:
        return check_seconds(float(text))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a positive, finite number of seconds"
        ) from None


def whole_number(low: int, high: int | None = None) -> Callable[[str], int]:
    """An integer from `low` to `high` (no upper bound when None)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < low or (high is not None and value > high):
            bounds = f"from {low} to {high}" if high is not None else f"at least {low}"
            raise argparse.ArgumentTypeError(f"{text!r} is not {bounds}")
        return value

    return parse


def fraction(text: str) -> float:
    """A number from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number from 0 to 1")
    return value


def iso_date(text: str) -> date:
    """A calendar date written YYYY-MM-DD."""
    from datetime import datetime

    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def folder(text: str) -> Path:
    """A directory, or a path where one can be made (not an existing file)."""
    path = Path(text)
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is a file, not a directory")
    return path


def file(text: str) -> Path:
    """A file, or a path where one can be written (not an existing directory)."""
    path = Path(text)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is a directory, not a file")
    return path
