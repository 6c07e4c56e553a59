"""`python -m ingenium_kg` and the `ingenium-kg` script: run the CLI."""

import gc
import signal
import sys
from types import FrameType


def _interrupted_while_loading(_signum: int, _frame: FrameType | None) -> None:
    sys.stderr.write("Error: interrupted\n")
    raise SystemExit(130)


def run() -> None:
    """Load and run the CLI; Ctrl-C while it loads exits 130 with one line, as once it runs.

    The process ends with the command: its objects are frozen out of the collector first, so
    the interpreter's exit does not walk them all (15 ms of a 0.1 s query), and is otherwise
    the usual one (atexit, flushed streams).
    """
    signal.signal(signal.SIGINT, _interrupted_while_loading)
    from .cli import main

    try:
        main()
    finally:
        gc.freeze()


if __name__ == "__main__":
    run()
