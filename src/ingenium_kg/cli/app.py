"""What every command shares: the group that turns failures into exit codes, the common options,
and the one way to write output, notes and progress.

Every failure ends as one `Error: …` line on stderr: 2 for bad input, usage or an unreachable
endpoint, 1 for a negative answer (the command says so itself), 130 when interrupted. A closed
pipe (`| head`) ends quietly. Nothing here loads more than click, so the CLI starts fast.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import io
import os
import signal
import sys
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from ..deadline import check_seconds
from ..errors import ExportError, IngeniumError

if TYPE_CHECKING:
    from ..dataset import BuiltDataset

LANGUAGES = ("en", "fr")


def locale_language() -> str:
    """`fr` when the locale (LC_ALL, LC_MESSAGES, LANG, in POSIX order) is French, else `en`."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if value := os.environ.get(name):
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


@dataclass(eq=False)
class Settings:
    """The common options of this run (set by any command's or the group's options); one per
    process, compared by identity."""

    quiet: bool = False
    verbose: bool = False
    lang: str = ""

    @property
    def language(self) -> str:
        return self.lang or locale_language()

    def reset(self) -> None:
        """Back to the defaults, for a new run in the same process (tests, the Python API)."""
        self.quiet, self.verbose, self.lang = False, False, ""


SETTINGS = Settings()


class _InterruptedError(Exception):
    """Ctrl-C, carried past click (which would print a blank line for it)."""


class Group(click.Group):
    """A click group whose every failure is one stderr line and a documented exit code.

    Its commands are named with their module (`commands_in`) and imported when first asked
    for, so `query` does not pay for loading `build` or `link`.
    """

    def __init__(self, *args: Any, commands_in: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands_in = commands_in

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.commands_in)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands_in and cmd_name not in self.commands:
            module = importlib.import_module(f"{__package__}.{self.commands_in[cmd_name]}")
            for command in vars(module).values():
                if isinstance(command, click.Command) and command.name in self.commands_in:
                    self.add_command(command)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise _InterruptedError from None

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> NoReturn:
        extra.pop("standalone_mode", None)
        SETTINGS.reset()
        signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C: KeyboardInterrupt
        _quiet_libraries()
        if sys.stdout is None:  # started with stdout closed (`>&-`): writing it must fail
            sys.stdout = io.TextIOWrapper(io.BufferedWriter(_ClosedStdout()))
        try:
            code = super().main(args, prog_name, standalone_mode=False, **extra)
        except IngeniumError as exc:
            fail(exc.message, exc.exit_code)
        except click.ClickException as exc:  # usage errors, bad choices, missing arguments
            fail(exc.format_message(), 2)
        except (click.Abort, KeyboardInterrupt, _InterruptedError):
            fail("interrupted", 130)
        except BrokenPipeError:  # `| head` closed the pipe: stop quietly, as Unix tools do
            _silence_stdout()
            sys.exit(0)
        except OSError as exc:  # click's own writes (help, version) to a full or closed stdout
            if exc.filename is not None or exc.errno not in _STDOUT_ERRORS:
                raise
            _silence_stdout()
            fail(f"cannot write to stdout ({exc.strerror})", 2)
        except Exception as exc:  # a bug: still one line, the traceback only on request
            if SETTINGS.verbose:
                import traceback

                traceback.print_exc()
            reason = " ".join(str(exc).split()) or "no message"
            fail(f"internal error ({type(exc).__name__}: {reason}); --verbose shows where", 2)
        sys.exit(code if isinstance(code, int) else 0)


_STDOUT_ERRORS = frozenset({errno.EBADF, errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG})


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
        click.echo(text, err=True)


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
        click.echo(f"  {name:<28} {seconds:6.2f} s  {detail}".rstrip(), err=True)

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


# --- options -------------------------------------------------------------------------------------


class Seconds(click.ParamType):
    """A positive, finite number of seconds (`nan`, `inf`, 0 and negatives are refused)."""

    name = "seconds"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        try:
            return check_seconds(seconds)
        except ValueError:
            self.fail(f"{value!r} is not a positive, finite number of seconds", param, ctx)


def _set(field: str) -> Callable[[click.Context, click.Parameter, Any], None]:
    def store(_ctx: click.Context, _param: click.Parameter, value: Any) -> None:
        if value:
            setattr(SETTINGS, field, value)

    return store


def common_options(command: Any) -> Any:
    """--quiet, --verbose and --lang, on the group and on every command."""
    options = (
        click.option(
            "-q",
            "--quiet",
            is_flag=True,
            expose_value=False,
            callback=_set("quiet"),
            help="Print only the result and errors: no notes, progress or warnings.",
        ),
        click.option(
            "-v",
            "--verbose",
            is_flag=True,
            expose_value=False,
            callback=_set("verbose"),
            help="Show progress even when not on a terminal, and a traceback on internal errors.",
        ),
        click.option(
            "--lang",
            type=click.Choice(LANGUAGES),
            default=None,
            expose_value=False,
            callback=_set("lang"),
            help="Language of reports and messages (default: from the locale).",
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command


def output_option(help_text: str = "Write to this file instead of stdout.") -> Any:
    return click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path),
        default=None,
        help=f"{help_text} A file is replaced atomically (mode kept), a symlink's target is "
        "written, a device or FIFO is written directly; a directory is refused.",
    )


ALLOW_INVALID = click.option(
    "--allow-invalid",
    is_flag=True,
    help="Read a build whose data does not conform (`ingenium-kg validate` lists why).",
)
