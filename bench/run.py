"""The benchmark: the project against the plain rdflib stack, side by side, at several sizes.

    .venv/bin/python bench/run.py --sizes article,10000,100000,1000000

For each size (the article is this repository; the others are written by bench/generate.py into
--work) it runs, each side in a fresh process so times are cold and peak memory is its own:
- the project: `ingenium_kg.pipeline.build` stage by stage, the saved queries on the built
  store (the engine's own time), and the cold CLI (`ingenium-kg query NAME`, `ingenium-kg build`);
- the plain stack: rdflib parsing, a plain-Python quote check, owlrl's full OWL-RL closure,
  pyshacl with its defaults, rdflib's serialisers and rdflib's SPARQL for the same queries.
A plain stage that outlives --baseline-timeout is stopped and shown as "> T s". The answers of
both sides to every saved query are compared. The table is Markdown, for the README.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from ingenium_kg.builds import builds_folder

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
_SCRIPT = Path(PYTHON).with_name("ingenium-kg")
CLI = [str(_SCRIPT)] if _SCRIPT.exists() else [PYTHON, "-m", "ingenium_kg"]
"""The installed `ingenium-kg` command, as users run it (`python -m` also pays for runpy)."""
BUILT_ONCE = 200_000
"""Above this many triples a cold build is timed once (a million takes a minute), else 3 times."""
QUERIES = ("members", "work-packages", "objectives-2028", "graph-summary", "fact-source")
FACT_SOURCE = {
    "subject": "id:alliance/ingenium",
    "predicate": "ikg:declaredMemberCount",
    "object": "10",
}


def side(
    kind: str, root: Path, timeout: float, *, reuse: bool = False
) -> tuple[dict[str, float | str], dict[str, list[str]]]:
    """Run one side in its own process (or, with `reuse`, read what its last run wrote).

    A stage the side was in when stopped is given as '> T s', T the time it had run."""
    out = root / f".bench-{kind}.jsonl"
    if not (reuse and out.exists()):
        out.unlink(missing_ok=True)
        args = [PYTHON, str(Path(__file__).with_name("sides.py")), kind, str(root), str(out)]
        with contextlib.suppress(subprocess.TimeoutExpired):  # a stopped side keeps what it wrote
            subprocess.run(args, timeout=timeout, check=False)
    times: dict[str, float | str] = {}
    answers: dict[str, list[str]] = {}
    started: dict[str, float] = {}
    for line in out.read_text(encoding="utf-8").splitlines() if out.exists() else []:
        record = json.loads(line)
        if "answer" in record:
            answers[record["query"]] = record["answer"]
        elif "started" in record:
            started[record["started"]] = record["at"]
        else:
            times[record["stage"]] = record["seconds"]
    for stage, at in started.items():
        times.setdefault(stage, f"> {max(0.0, timeout - at):.0f} s")
    return times, answers


def cold(
    command: list[str],
    root: Path,
    runs: int = 3,
    timeout: float | None = None,
    *,
    fresh: Path | None = None,
) -> float:
    """The best wall time of a fresh process running `command` (best of `runs`), each run
    starting without the folder `fresh` (a first build, not a rebuild).

    :raises subprocess.TimeoutExpired: a run outlived `timeout`.
    """
    env = {**os.environ, "INGENIUM_KG_ROOT": str(root)}
    best = float("inf")
    for _ in range(runs):
        if fresh is not None:  # the symlink (or a folder of an older layout) and the builds
            shutil.rmtree(builds_folder(fresh), ignore_errors=True)
            if fresh.is_symlink():
                fresh.unlink()
            shutil.rmtree(fresh, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(command, env=env, capture_output=True, check=True, timeout=timeout)
        best = min(best, time.perf_counter() - start)
    return best


def cold_plain_query(root: Path, timeout: float) -> float | str:
    """`cold` for the plain rdflib path to the same answer ('> T s' when stopped)."""
    sides = str(Path(__file__).with_name("sides.py"))
    command = [PYTHON, sides, "plain-query", str(root), os.devnull]
    try:
        return cold(command, root, runs=5, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"> {timeout:.0f} s"


def figure(value: float | str | None) -> str:
    if value is None:
        return "–"
    return value if isinstance(value, str) else f"{value:.3f}"


def at_least(value: float | str | None) -> float | None:
    """The seconds of a time, or of a lower bound ('> T s'); None for a stage not reached."""
    if isinstance(value, float):
        return value
    if isinstance(value, str) and value.startswith("> "):
        return float(value.strip("> s"))
    return None


def ratio(ours: float | str | None, plain: float | str | None, timeout: float) -> str:
    """How many times faster the project is; '> nx' where the plain stack was stopped."""
    bound = at_least(plain)
    if not isinstance(ours, float) or ours <= 0 or bound is None:
        return "–"
    return f"{bound / ours:.1f}x" if isinstance(plain, float) else f"> {bound / ours:.0f}x"


def run_size(size: str, work: Path, timeout: float, *, reuse: bool = False) -> list[str]:
    """Generate (the article is one copy), run both sides, and give this size's table rows."""
    root = work / ("article" if size == "article" else f"kg-{size}")
    triples = "1" if size == "article" else size
    generator = str(Path(__file__).with_name("generate.py"))
    if not (reuse and root.exists()):
        subprocess.run([PYTHON, generator, "--triples", triples, "--out", str(root)], check=True)
    ours, our_answers = side("project", root, 4 * timeout, reuse=reuse)
    plain, plain_answers = side("plain", root, timeout, reuse=reuse)
    plain_stopped = "peak MB" not in plain  # the side was stopped before its last line
    rows = []
    for stage, seconds in ours.items():
        if stage in ("triples", "peak MB") or stage.startswith("engine "):
            continue
        if stage.startswith("api "):
            rows.append(through_api(size, stage.removeprefix("api "), seconds, ours))
            continue
        expected = stage in PLAIN_STAGES or stage.startswith("query ")
        theirs = plain.get(stage, NOT_REACHED if expected and plain_stopped else None)
        note = ""
        if stage.startswith("query ") and stage.removeprefix("query ") in plain_answers:
            name = stage.removeprefix("query ")
            note = "same answers" if our_answers.get(name) == plain_answers[name] else "DIFFER"
        rows.append(row(size, stage, seconds, theirs, timeout, note))
    ours_build = _build_total(ours)
    plain_build = sum(at_least(plain.get(stage)) or 0.0 for stage in PLAIN_STAGES)
    finished = all(isinstance(plain.get(stage), float) for stage in PLAIN_STAGES)
    label = f"**whole build** ({int(ours.get('triples', 0))} triples)"
    plain_shown: float | str = plain_build if finished else f"> {plain_build:.0f} s"
    rows.append(row(size, label, ours_build, plain_shown, timeout, ""))
    rows.append(row(size, "peak memory (MB)", ours.get("peak MB"), plain.get("peak MB"), 0, ""))
    query = cold([*CLI, "query", "members", "--format", "csv"], root, runs=5)
    plain_query = cold_plain_query(root, timeout)
    label = "cold `query members` (best of 5): CLI, plain rdflib on the dump"
    rows.append(row(size, label, query, plain_query, timeout, ""))
    runs = 1 if ours.get("triples", 0) > BUILT_ONCE else 3
    fresh = root / "dist-cold"
    build = cold([*CLI, "build", "--out", str(fresh)], root, runs=runs, fresh=fresh)
    label = "cold CLI `build` into a new folder" + (f" (best of {runs})" if runs > 1 else "")
    rows.append(row(size, label, build, None, 0, ""))
    return rows


def through_api(size: str, name: str, api: float | str, ours: dict[str, float | str]) -> str:
    """A row comparing a saved query through the API with the bare engine (both medians)."""
    engine = ours[f"engine {name}"]
    assert isinstance(api, float) and isinstance(engine, float)
    note = f"{api / engine:.1f}x the engine's {engine * 1000:.2f} ms"
    return row(size, f"API `{name}` (median, ms)", api * 1000, None, 0, note)


def _build_total(times: dict[str, float | str]) -> float:
    skip = ("triples", "peak MB")
    return sum(
        v
        for k, v in times.items()
        if isinstance(v, float)
        and k not in skip
        and not k.startswith(("query ", "engine ", "api "))
    )


def row(
    size: str,
    stage: str,
    ours: float | str | None,
    theirs: float | str | None,
    timeout: float,
    note: str,
) -> str:
    speedup = ratio(ours, theirs, timeout) if timeout else ""
    return f"| {size} | {stage} | {figure(ours)} | {figure(theirs)} | {speedup} | {note} |"


NOT_REACHED = "not reached"
"""A plain stage after the one the side was stopped in: no time to compare."""
PLAIN_STAGES = (
    "load",
    "quotes",
    "reasoning",
    "validation",
    *(f"export ingenium.{s}" for s in ("ttl", "jsonld", "nt", "trig", "nq", "rdf")),
)


def through_endpoint(size: str, work: Path) -> list[str]:
    """The saved queries of one built size asked of a local Oxigraph server, through the CLI."""
    sys.path.insert(0, str(REPO / "tests"))
    from oxigraph_server import RdfPayload, oxigraph_server

    root = work / ("article" if size == "article" else f"kg-{size}")
    dump = (root / "dist" / "ingenium.nq").read_bytes()
    rows = []
    with oxigraph_server([RdfPayload(dump, "application/n-quads")]) as server:
        copy = "COPY <https://w3id.org/ingenium-kg/id/graph/facts> TO DEFAULT"
        urllib.request.urlopen(
            server.update_url, data=urllib.parse.urlencode({"update": copy}).encode()
        )
        for name in ("members", "work-packages", "objectives-2028", "graph-summary"):
            args = ["query", name, "--format", "csv", "--endpoint", server.query_url]
            seconds = cold([*CLI, *args], root)
            rows.append(
                row(
                    size,
                    f"cold CLI `query {name} --endpoint` (Oxigraph server)",
                    seconds,
                    None,
                    0,
                    "",
                )
            )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="article,10000,100000,1000000")
    parser.add_argument("--baseline-timeout", type=float, default=600.0)
    parser.add_argument("--work", type=Path, default=Path("/tmp/ingenium-kg-bench"))
    parser.add_argument("--endpoint-size", default="10000", help="size also asked of a server")
    parser.add_argument(
        "--reuse", action="store_true", help="re-read the last run's results in --work"
    )
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    print("| size | stage | project (s) | plain stack (s) | ratio | note |")
    print("|---|---|---:|---:|---:|---|")
    for size in args.sizes.split(","):
        for row in run_size(size.strip(), args.work, args.baseline_timeout, reuse=args.reuse):
            print(row, flush=True)
    if args.endpoint_size:
        for line in through_endpoint(args.endpoint_size, args.work):
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
