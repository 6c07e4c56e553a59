"""What every command shares: the parser that turns failures into exit codes, the common options,
and the one way to write output, notes and progress.

Every failure ends as one `Error: …` line on stderr: 2 for bad input, usage or an unreachable
endpoint, 1 for a negative answer (the command says so itself), 130 when interrupted. A closed
pipe (`| head`) ends quietly. Nothing here loads more than argparse, so the CLI starts fast.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import io
import os
import signal
import sys
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from ..errors import ExportError, IngeniumError, UsageError
from .parsing import Arg, Command, Formatter, seconds

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NoReturn

    from ..dataset import BuiltDataset

LANGUAGES = ("en", "fr")


def locale_language() -> str:
    """`fr` when the locale (LC_ALL, LC_MESSAGES, LANG, in POSIX order) is French, else `en`."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if value := os.environ.get(name):
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


class Settings:
    """The common options of this run (given on the group or on the command); one per process."""

    __slots__ = ("lang", "quiet", "verbose")

    def __init__(self) -> None:
        self.reset()

    @property
    def language(self) -> str:
        return self.lang or locale_language()

    def reset(self) -> None:
        """Back to the defaults, for a new run in the same process (tests, the Python API)."""
        self.quiet, self.verbose, self.lang = False, False, ""


SETTINGS = Settings()


def run_group(
    description: str, commands_in: Mapping[str, str], args: Sequence[str] | None = None
) -> NoReturn:
    """Run the command line `args` (default: the process's), then exit with its code.

    `commands_in` names each command's module; only the chosen command's module is imported,
    so `query` does not pay for loading `build` or `link` (help and typos load them all).
    """
    SETTINGS.reset()
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C: KeyboardInterrupt
    _quiet_libraries()
    if sys.stdout is None:  # started with stdout closed (`>&-`): writing it must fail
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(_ClosedStdout()))
    argv = list(sys.argv[1:] if args is None else args)
    try:
        parser = _group_parser(description, load_commands(commands_in, _command_name(argv)))
        known, unknown = parser.parse_known_args(argv)
        given = vars(known)
        chosen: Command = given.pop("command")
        del given["command_name"]
        if unknown:  # argparse would point at the group's help, not the command's
            parser.error(f"unrecognized arguments: {' '.join(unknown)}", chosen.name)
        for name in Settings.__slots__:
            if name in given:
                setattr(SETTINGS, name, given.pop(name))
        code = chosen.run(**given)
    except IngeniumError as exc:
        fail(exc.message, exc.exit_code)
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except BrokenPipeError:  # `| head` closed the pipe: stop quietly, as Unix tools do
        _silence_stdout()
        sys.exit(0)
    except Exception as exc:  # a bug: still one line, the traceback only on request
        if SETTINGS.verbose:
            import traceback

            traceback.print_exc()
        reason = " ".join(str(exc).split()) or "no message"
        fail(f"internal error ({type(exc).__name__}: {reason}); --verbose shows where", 2)
    sys.exit(code or 0)


def _command_name(argv: Sequence[str]) -> str | None:
    """The command the line names: its first word that is not a group option or its value."""
    words = iter(argv)
    for word in words:
        if word == "--lang":
            next(words, None)
        elif word == "--":
            return next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def load_commands(commands_in: Mapping[str, str], name: str | None = None) -> list[Command]:
    """The commands defined by `name`'s module, or all of them when `name` is none of theirs."""
    modules = [commands_in[name]] if name in commands_in else sorted(set(commands_in.values()))
    found = []
    for module_name in modules:
        module = importlib.import_module(f"{__package__}.{module_name}")
        found += [
            value
            for value in vars(module).values()
            if isinstance(value, Command) and commands_in.get(value.name) == module_name
        ]
    return sorted(found, key=lambda c: c.name)


class _Parser(argparse.ArgumentParser):
    """argparse, failing with one `UsageError` line (and a pointer to --help) instead of its
    usage, and printing help through `emit`, so a full or closed stdout is an error there too."""

    def __init__(self, *args: Any, formatter_class: type = Formatter, **kwargs: Any) -> None:
        super().__init__(*args, formatter_class=formatter_class, **kwargs)

    def error(self, message: str, command: str = "") -> NoReturn:
        raise UsageError(f"{message}; see `{' '.join((self.prog, command)).strip()} --help`")

    def print_help(self, file: Any = None) -> None:
        emit(self.format_help())


class _Version(argparse.Action):
    """`--version`: the installed package's version, looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        from importlib.metadata import version

        emit(f"{parser.prog}, version {version('ingenium-kg')}\n")
        parser.exit()


def _group_parser(description: str, commands: Sequence[Command]) -> _Parser:
    """The `ingenium-kg` parser: the common options, --version, and `commands`."""
    common = _common_options()
    parser = _Parser(
        prog="ingenium-kg",
        description=description,
        parents=[common],
        allow_abbrev=False,
    )
    parser.add_argument("--version", action=_Version, help="Show the version and exit.")
    chosen = parser.add_subparsers(  # `prog` given, or argparse makes a help formatter for it
        title="commands", dest="command_name", metavar="COMMAND", required=True, prog=parser.prog
    )
    for found in commands:
        found.add_to(chosen, common)
    return parser


def _common_options() -> _Parser:
    """--quiet, --verbose and --lang, taken on the group and on every command alike."""
    common = _Parser(add_help=False)
    common.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=argparse.SUPPRESS,
        help="Print only the result and errors: no notes, progress or warnings.",
    )
    common.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS,
        help="Show progress even when not on a terminal, and a traceback on internal errors.",
    )
    common.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help="Language of reports and messages (default: from the locale).",
    )
    return common


class _ClosedStdout(io.RawIOBase):
    """What stdout is when the process started without one: every write fails (EBADF)."""

    discard = False

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.discard:
            return len(data)
        raise OSError(errno.EBADF, "stdout is closed")


def fail(message: str, code: int) -> NoReturn:
    if sys.stderr is not None:
        with contextlib.suppress(OSError):
            sys.stderr.write(f"Error: {' '.join(message.split())}\n")
            sys.stderr.flush()
    sys.exit(code)


def _silence_stdout() -> None:
    """Send what stdout still holds nowhere, so the interpreter's last flush cannot fail again."""
    raw = getattr(getattr(sys.stdout, "buffer", None), "raw", None)
    if isinstance(raw, _ClosedStdout):
        raw.discard = True
        return
    with contextlib.suppress(OSError, AttributeError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _quiet_libraries() -> None:
    """Library warnings become one `Warning: …` line (none under --quiet); rdflib's log of
    ill-typed literals, with its traceback, is dropped: the SHACL report names them."""
    if "rdflib" in sys.modules:
        _quiet_rdflib_log()
    elif not any(isinstance(finder, _QuietRdflibOnImport) for finder in sys.meta_path):
        sys.meta_path.insert(0, _QuietRdflibOnImport())

    def show(message: Warning | str, *_: Any, **__: Any) -> None:
        note(f"Warning: {' '.join(str(message).split())}")

    warnings.showwarning = show  # type: ignore[assignment]


def _quiet_rdflib_log() -> None:
    import logging

    logging.getLogger("rdflib").setLevel(logging.CRITICAL)


class _QuietRdflibOnImport:
    """Quiets rdflib's log as rdflib is first imported, and only then: most commands never
    load rdflib, and `logging` alone costs a fast query several milliseconds."""

    def find_spec(self, name: str, *_: object) -> None:
        if name == "rdflib":
            sys.meta_path.remove(self)
            _quiet_rdflib_log()
        # None: the usual finders import the module


# --- output --------------------------------------------------------------------------------------


def emit(data: bytes | str, output: Path | None = None) -> None:
    """Write a command's result: to `output` as `write_output` does, else to stdout.

    :raises ExportError: stdout is closed or full, or the file cannot be written.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if output is not None:
        from ..files import write_output

        write_output(output, raw)
        return
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _silence_stdout()
        raise ExportError(f"cannot write to stdout ({exc.strerror or exc})") from None


def note(text: str) -> None:
    """A line for the person at the terminal, on stderr (none under --quiet)."""
    if not SETTINGS.quiet and sys.stderr is not None:
        _to_stderr(text)


def shows_progress() -> bool:
    """Progress goes to a terminal (or anywhere under --verbose), never under --quiet."""
    if SETTINGS.quiet or sys.stderr is None:
        return False
    return SETTINGS.verbose or sys.stderr.isatty()


def stage_reporter() -> Callable[[str, float, str], None] | None:
    """Prints each build stage, its time and what it counted, where progress is shown."""
    if not shows_progress():
        return None

    def report(name: str, seconds: float, detail: str) -> None:
        _to_stderr(f"  {name:<28} {seconds:6.2f} s  {detail}".rstrip())

    return report


def open_build(*, allow_invalid: bool = False) -> BuiltDataset:
    """The current build (built first, with a note on stderr, when dist/ is stale).

    A current build is opened without loading the build stages: that is the fast path.
    """
    from ..dataset import open_current

    dataset = open_current(allow_invalid=allow_invalid)
    if dataset is not None:
        return dataset
    from ..pipeline import open_dataset

    return open_dataset(allow_invalid=allow_invalid, on_build=note, on_stage=stage_reporter())


def _to_stderr(text: str) -> None:
    sys.stderr.write(f"{text}\n")
    sys.stderr.flush()


@contextlib.contextmanager
def counting(label: str, total: int) -> Iterator[Callable[[object], None]]:
    """A count of `total` steps on stderr where progress is shown (rewritten in place on a
    terminal, else printed once at the end); the block calls what it is given once a step."""
    done = 0
    shown = shows_progress()
    live = shown and sys.stderr.isatty()
    start = "\r" if live else ""

    def line() -> str:
        return f"{start}{label} {done}/{total} ({done * 100 // (total or 1)}%)"

    def step(_: object) -> None:
        nonlocal done
        done += 1
        if live:
            sys.stderr.write(line())
            sys.stderr.flush()

    try:
        yield step
    finally:
        if shown:
            _to_stderr(line())


# --- arguments every family of commands uses -----------------------------------------------------


def output_option(help_text: str = "Write to this file instead of stdout.") -> Arg:
    return Arg(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="FILE",
        help=f"{help_text} A file is replaced atomically (mode kept), a symlink's target is "
        "written, a device or FIFO is written directly; a directory is refused.",
    )


def timeout_option(help_text: str, default: float, flag: str = "--timeout") -> Arg:
    return Arg(
        flag, type=seconds, metavar="SECONDS", default=default, show_default=True, help=help_text
    )


ALLOW_INVALID = Arg(
    "--allow-invalid",
    action="store_true",
    help="Read a build whose data does not conform (`ingenium-kg validate` lists why).",
)
