"""Every input and output exact, tried as a hostile user would: files as Unix tools treat them,
nothing read or reached that was not asked for, real deadlines, stdout closed or full, a build
interrupted at any moment, and one documented exit code with one stderr line every time."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingenium_kg.dataset import MANIFEST, BuiltDataset
from kg_helpers import REPO, left_beside, run_cli
from oxigraph_server import CannedResponse, recording_endpoint

EMPTY_RESULTS = b'{"head":{"vars":["x"]},"results":{"bindings":[]}}'
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the real project, built once; the tests only read it (or say why not)."""
    root = tmp_path_factory.mktemp("exact") / "project"
    for name in ("ontology", "data", "queries"):
        shutil.copytree(REPO / name, root / name)
    built = run_cli("build", root=root)
    assert built.returncode == 0, built.stderr
    return root


def _digests(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for top in ("ontology", "data", "queries")
        for p in sorted((root / top).rglob("*"))
        if p.is_file()
    }


@pytest.fixture(autouse=True)
def _inputs_never_change(root: Path) -> Iterator[None]:
    before = _digests(root)
    yield
    assert _digests(root) == before


def _one_error_line(result: subprocess.CompletedProcess[bytes], code: int) -> str:
    """The single `Error: …` line a failure prints, after checking the exit code."""
    stderr = result.stderr.decode()
    assert result.returncode == code, stderr
    assert stderr.startswith("Error: ") and stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr
    return stderr


# --- -o/--output: files as Unix tools treat them ------------------------------------------------

WRITERS = [
    ("export", "--format", "turtle"),
    ("query", "members", "--format", "csv"),
    ("validate", "--format", "json"),
    ("explain", "id:university/oviedo"),
    ("queries",),
    ("quickstatements",),
]


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: c[0])
def test_every_writer_writes_to_output_what_it_prints(
    root: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    printed = run_cli(*command, root=root)
    target = tmp_path / "out"
    written = run_cli(*command, "--output", str(target), root=root)
    assert written.returncode == printed.returncode, written.stderr
    assert (written.stdout, target.read_bytes()) == (b"", printed.stdout)


def test_output_keeps_the_mode_of_the_file_it_replaces(root: Path, tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("old")
    target.chmod(0o640)
    assert run_cli("export", "--format", "turtle", "-o", str(target), root=root).returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_bytes() == (root / "dist" / "ingenium.ttl").read_bytes()


def test_output_through_a_symlink_writes_its_target_and_keeps_the_link(
    root: Path, tmp_path: Path
) -> None:
    real, link = tmp_path / "real.nt", tmp_path / "link.nt"
    real.write_text("old")
    link.symlink_to(real)
    assert run_cli("export", "--format", "nt", "-o", str(link), root=root).returncode == 0
    assert link.is_symlink() and link.resolve() == real
    assert real.read_bytes() == (root / "dist" / "ingenium.nt").read_bytes()


def test_output_to_a_fifo_is_written_directly(root: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run_cli("export", "--format", "nt", "-o", str(fifo), root=root)
    reader.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received == [(root / "dist" / "ingenium.nt").read_bytes()]


def test_output_to_a_full_device_is_one_line_and_the_device_stays(root: Path) -> None:
    result = run_cli("export", "--format", "nt", "-o", "/dev/full", root=root)
    assert (
        _one_error_line(result, 2) == "Error: /dev/full: cannot write (No space left on device)\n"
    )
    assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)


def test_output_to_a_directory_is_refused(root: Path, tmp_path: Path) -> None:
    result = run_cli("export", "--format", "nt", "-o", str(tmp_path), root=root)
    assert "is a directory" in _one_error_line(result, 2)
    assert list(tmp_path.iterdir()) == []


# --- stdout closed or full, for every command ---------------------------------------------------

STDOUT_COMMANDS = [
    *WRITERS,
    ("build",),
    ("diff", "dist/ingenium.trig", "dist/ingenium.nq"),
    ("--help",),
    ("--version",),
    ("query", "--help"),
]


def _run_with_stdout(
    root: Path, args: tuple[str, ...], stdout: str
) -> subprocess.CompletedProcess[bytes]:
    """The CLI with its stdout closed (`>&-`) or on /dev/full."""
    env = {**os.environ, "INGENIUM_KG_ROOT": str(root)}
    command = [sys.executable, "-m", "ingenium_kg", *args]
    with Path("/dev/full").open("wb") as full:
        closed = stdout == "closed"
        return subprocess.run(
            command,
            cwd=root,
            env=env,
            stdout=None if closed else full,
            stderr=subprocess.PIPE,
            check=False,
            timeout=120,
            preexec_fn=(lambda: os.close(1)) if closed else None,
        )


@pytest.mark.parametrize("stdout", ["closed", "full"])
@pytest.mark.parametrize("command", STDOUT_COMMANDS, ids=" ".join)
def test_stdout_closed_or_full_is_one_line_and_exit_2(
    root: Path, command: tuple[str, ...], stdout: str
) -> None:
    result = _run_with_stdout(root, command, stdout)
    reason = "stdout is closed" if stdout == "closed" else "No space left on device"
    assert _one_error_line(result, 2) == f"Error: cannot write to stdout ({reason})\n"


def test_a_closed_pipe_ends_quietly(root: Path) -> None:
    env = {**os.environ, "INGENIUM_KG_ROOT": str(root)}
    shell = f"{sys.executable} -m ingenium_kg export --format nt | head -c 10 >/dev/null"
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", shell], env=env, capture_output=True, check=False
    )
    assert (result.returncode, result.stderr) == (0, b"")


# --- a local query sees the build only ----------------------------------------------------------


def _local(root: Path, text: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "INGENIUM_KG_ROOT": str(root)}
    return subprocess.run(
        [sys.executable, "-m", "ingenium_kg", "query", "-", "--format", "csv", *args],
        input=text.encode(),
        cwd=root,
        env=env,
        capture_output=True,
        check=False,
        timeout=120,
    )


def test_from_never_reads_a_file(root: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.ttl"
    secret.write_text("<http://ex.org/s> <http://ex.org/p> <http://ex.org/o> .\n")
    text = f"SELECT ?s FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}"
    result = _local(root, text)
    assert (result.returncode, result.stdout) == (0, b"s\r\n"), result.stderr


def test_from_picks_among_the_builds_graphs(root: Path) -> None:
    text = (
        "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/ingenium-kg/id/graph/links>"
        " WHERE { ?s skos:exactMatch ?o }"
    )
    result = _local(root, text)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.split()[1]) > 0


def test_from_and_from_named_never_reach_the_network(root: Path) -> None:
    with recording_endpoint(CannedResponse(body=b"")) as (url, calls):
        text = f"SELECT * FROM <{url}> FROM NAMED <{url}/named> WHERE {{ ?s ?p ?o }}"
        result = _local(root, text)
    assert (result.returncode, result.stdout, calls) == (0, b"o,p,s\r\n", [])


def test_service_is_refused_and_never_called(root: Path) -> None:
    with recording_endpoint(CannedResponse(body=EMPTY_RESULTS)) as (url, calls):
        result = _local(root, f"SELECT * WHERE {{ SERVICE <{url}> {{ ?x ?p ?o }} }}")
    assert "SERVICE is refused" in _one_error_line(result, 2)
    assert "--allow-service" in result.stderr.decode()
    assert calls == []


def test_allow_service_lets_the_query_call_it(root: Path) -> None:
    with recording_endpoint(CannedResponse(body=EMPTY_RESULTS)) as (url, calls):
        text = f"SELECT * WHERE {{ SERVICE <{url}> {{ ?x ?p ?o }} }}"
        result = _local(root, text, "--allow-service")
    assert result.returncode == 0, result.stderr
    assert len(calls) == 1


# --- real deadlines ---------------------------------------------------------------------------


def test_a_local_query_has_a_time_limit(root: Path) -> None:
    result = _local(root, HEAVY, "--timeout", "0.5")
    assert "ran past its 0.5 s limit (--timeout)" in _one_error_line(result, 2)


def test_a_trickling_endpoint_is_cut_off_at_the_deadline(root: Path) -> None:
    slow = CannedResponse(body=EMPTY_RESULTS, trickle=0.1)  # 5 s in all, a byte at a time
    with recording_endpoint(slow) as (url, calls):
        args = ("query", "members", "--endpoint", url, "--timeout", "1", "--format", "csv")
        started = time.monotonic()
        result = run_cli(*args, root=root)
        took = time.monotonic() - started
    assert "did not answer within 1 s" in _one_error_line(result, 2)
    assert len(calls) == 1
    assert took < 0.9 * len(EMPTY_RESULTS) * slow.trickle  # stopped long before the body ended


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0", "soon"])
def test_timeouts_must_be_positive_finite_seconds(root: Path, value: str) -> None:
    result = run_cli("query", "members", "--timeout", value, root=root)
    assert "--timeout" in _one_error_line(result, 2)


@pytest.mark.parametrize("url", ["http://[::1", "ftp://example.org/sparql", "http://:80/x"])
def test_malformed_endpoint_urls_are_one_line(root: Path, url: str) -> None:
    result = run_cli("query", "members", "--endpoint", url, root=root)
    assert "endpoint" in _one_error_line(result, 2)


# --- wrong inputs: one line, exit 2 -----------------------------------------------------------


def test_a_wrong_project_root_says_so(tmp_path: Path) -> None:
    result = run_cli("query", "members", root=tmp_path / "nowhere", cwd=tmp_path)
    assert "is not an ingenium-kg project" in _one_error_line(result, 2)


def test_an_empty_shapes_file_is_refused(root: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.ttl"
    empty.write_text("")
    result = run_cli("validate", "--shapes", str(empty), root=root)
    assert "holds no SHACL shape" in _one_error_line(result, 2)


# --- reports, languages, verbosity -------------------------------------------------------------


def test_validate_speaks_french_on_request_and_from_the_locale(root: Path) -> None:
    asked = run_cli("validate", "--lang", "fr", root=root)
    env = {**os.environ, "INGENIUM_KG_ROOT": str(root), "LC_ALL": "fr_FR.UTF-8"}
    located = subprocess.run(
        [sys.executable, "-m", "ingenium_kg", "validate"],
        env=env,
        capture_output=True,
        check=False,
    )
    assert asked.stdout == located.stdout
    assert asked.stdout.decode().endswith("Conforme, avec 1 avertissement(s).\n")
    english = run_cli("validate", "--lang", "en", root=root).stdout.decode()
    assert english.endswith("Conforms, with 1 warning(s).\n")
    assert "at data/article/members.trig:" in english


def test_the_rdf_report_follows_shacl_and_warnings_exit_0(root: Path) -> None:
    result = run_cli("validate", "--format", "json", root=root)
    assert result.returncode == 0
    body = json.loads(result.stdout)
    assert (body["conforms"], body["valid"], body["counts"]["warning"]) == (False, True, 1)
    turtle = run_cli("validate", "--format", "turtle", root=root).stdout.decode()
    assert "sh:conforms false" in turtle


def test_build_shows_its_stages_only_where_asked(tmp_path: Path, root: Path) -> None:
    out = tmp_path / "dist"
    piped = run_cli("build", "--out", str(out), root=root)
    assert piped.stderr == b""
    verbose = run_cli("build", "--out", str(out), "--verbose", root=root)
    stages = verbose.stderr.decode().splitlines()
    assert any(line.split()[0] == "load" and "facts from" in line for line in stages), stages
    assert any(line.split()[0] == "validation" and "warning(s)" in line for line in stages)
    quiet = run_cli("build", "--out", str(out), "--quiet", root=root)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, b"", b"")


def test_explain_knows_objects_classes_and_wikidata_items(root: Path) -> None:
    item = run_cli("explain", "wd:Q494247", root=root).stdout.decode()
    assert "id:university/rouen-normandie) skos:exactMatch" in item
    cls = run_cli("explain", "ikg:University", root=root).stdout.decode()
    assert cls.count(") rdf:type") == 10 and "defined in the ontology:" in cls
    typo = run_cli("explain", "ikg:Universty", root=root)
    assert "did you mean ikg:University" in _one_error_line(typo, 2)


# --- Ctrl-C at any moment ------------------------------------------------------------------------


def _build_whole(out: Path) -> bool:
    """Whether `out` holds one complete build: its manifest's every output and the store."""
    dataset = BuiltDataset.open(out, allow_invalid=True)
    return all((out / name).is_file() for name in dataset.manifest.outputs)


def test_a_build_interrupted_at_many_moments_leaves_a_whole_build(
    root: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    assert run_cli("build", "--out", str(out), root=root).returncode == 0
    before = (out / MANIFEST).read_bytes()
    env = {**os.environ, "INGENIUM_KG_ROOT": str(root)}
    codes = set()
    for delay in [0.05 * step for step in range(1, 25)]:
        process = subprocess.Popen(
            [sys.executable, "-m", "ingenium_kg", "build", "--out", str(out)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
        codes.add(process.returncode)
        # -SIGINT: the signal came before the CLI took it over (the shell shows 130): before
        # the interpreter ran any code, or while it was still loading the package (Python's own
        # handler then prints its KeyboardInterrupt, from no frame of the CLI or the build)
        assert process.returncode in (0, 130, -signal.SIGINT), stderr
        if process.returncode == 130:
            assert stderr.decode() == "Error: interrupted\n", stderr
        if process.returncode == -signal.SIGINT:
            assert stderr in (b"", b"Error: interrupted\n") or (
                stderr.endswith(b"\nKeyboardInterrupt\n")
                and b"/ingenium_kg/cli/" not in stderr
                and b"/ingenium_kg/pipeline.py" not in stderr
            ), stderr
        assert _build_whole(out)
        assert sorted(p.name for p in tmp_path.iterdir()) == [".dist.builds", "dist"]
        assert left_beside(out) == []  # no part of an interrupted build, no older build
        assert (out / MANIFEST).read_bytes() == before  # same inputs: the same build, or the old
    assert 130 in codes


def test_library_warnings_become_one_line_and_quiet_silences_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import warnings

    from ingenium_kg.cli import app

    shown = warnings.showwarning
    try:
        app._quiet_libraries()
        warnings.warn_explicit("weird\n  literal", UserWarning, "lib.py", 1)
        app.SETTINGS.quiet = True
        warnings.warn_explicit("hidden", UserWarning, "lib.py", 2)
    finally:
        warnings.showwarning = shown
        app.SETTINGS.reset()
    assert capsys.readouterr().err == "Warning: weird literal\n"
