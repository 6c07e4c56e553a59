"""`python -m ingenium_kg` and the `ingenium-kg` script: run the CLI."""

import signal
import sys
from types import FrameType


def _interrupted_while_loading(_signum: int, _frame: FrameType | None) -> None:
    sys.stderr.write("Error: interrupted\n")
    raise SystemExit(130)


def run() -> None:
    """Load and run the CLI; Ctrl-C while it loads exits 130 with one line, as once it runs."""
    signal.signal(signal.SIGINT, _interrupted_while_loading)
    from .cli import main

    main()


if __name__ == "__main__":
    run()
