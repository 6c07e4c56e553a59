import importlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

from ingenium_kg.cli import COMMANDS
from ingenium_kg.cli.app import load_commands
from ingenium_kg.cli.parsing import Command
from ingenium_kg.dataset import MANIFEST
from ingenium_kg.pipeline import build
from ingenium_kg.stages.sources import Project
from kg_helpers import FIXTURE, REPO, edit, invoke, left_beside, run_cli


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file of the project but dist/ and its builds, which a reader may (re)build."""
    return {
        str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] not in ("dist", ".dist.builds")
    }


BUILD_NOTE = "dist is missing: building it first"


def _nothing(project: Project) -> None:
    return None


def _break_turtle(project: Project) -> None:
    edit(project.article_files[0], "ikg:declaredMemberCount 10 .", "ikg:declaredMemberCount .")


def _remove_data(project: Project) -> None:
    project.article_files[0].unlink()


BAD_INPUTS: list[tuple[str, Callable[[Project], None], list[str], str]] = [
    (
        "missing data file",
        _nothing,
        ["validate", "--data", "missing.ttl"],
        "missing.ttl: file not found",
    ),
    ("no article data", _remove_data, ["build"], r"no *.trig data files"),
    ("unparsable turtle", _break_turtle, ["build"], "x.trig:45: "),
    (
        "unparsable turtle on export",
        _break_turtle,
        ["export", "--format", "nt", "-o", "out.nt"],
        "x.trig:45: ",
    ),
    ("bad format name", _nothing, ["export", "--format", "yaml"], "invalid choice: 'yaml'"),
    ("unknown term", _nothing, ["explain", "id:university/nowhere"], "is not in the graph"),
    ("unknown prefix", _nothing, ["explain", "nope:thing"], "unknown prefix 'nope:'"),
    (
        "bad --data extension",
        _nothing,
        ["validate", "--data", "facts.json"],
        "unknown RDF file extension",
    ),
    (
        "missing shapes file",
        _nothing,
        ["validate", "--shapes", "none.ttl"],
        "none.ttl: file not found",
    ),
    (
        "unknown command",
        _nothing,
        ["frobnicate"],
        "invalid choice: 'frobnicate' (choose from 'build',",
    ),
    ("missing option", _nothing, ["export"], "the following arguments are required: --format"),
    ("bad choice", _nothing, ["query", "members", "--format", "x"], "invalid choice: 'x'"),
    ("bad seconds", _nothing, ["query", "members", "--timeout", "nan"], "'nan' is not a positive"),
    ("bad port", _nothing, ["serve", "--port", "70000"], "'70000' is not from 0 to 65535"),
    ("bad score", _nothing, ["link", "--min-score", "2"], "'2' is not a number from 0 to 1"),
    ("bad date", _nothing, ["quickstatements", "--retrieved", "2026-13-01"], "not a date"),
    ("no command", _nothing, [], "the following arguments are required: COMMAND"),
    (
        "abbreviated option",
        _nothing,
        ["query", "members", "--form", "csv"],
        "unrecognized arguments: --form",
    ),
    (
        "output dir is a file",
        _nothing,
        ["build", "--out", "ontology/shapes.ttl/dist"],
        "cannot create output directory",
    ),
    (
        "export into a missing dir",
        _nothing,
        ["export", "--format", "nt", "-o", "no/dir/x.nt"],
        "cannot write",
    ),
]


@pytest.mark.parametrize(
    ("prepare", "args", "expected"),
    [case[1:] for case in BAD_INPUTS],
    ids=[case[0] for case in BAD_INPUTS],
)
def test_bad_input_gives_one_error_line_exit_2_and_writes_nothing(
    project: Project, prepare: Callable[[Project], None], args: list[str], expected: str
) -> None:
    prepare(project)
    (project.root / "facts.json").write_text("{}")
    before = _snapshot(project.root)
    result = run_cli(*args, root=project.root)
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    lines = [line for line in stderr.splitlines() if line != BUILD_NOTE]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: ")
    assert expected in stderr
    assert "Traceback" not in stderr
    assert result.stdout == b""
    assert _snapshot(project.root) == before


def test_export_failure_leaves_an_existing_output_intact(project: Project) -> None:
    target = project.root / "out.nt"
    target.write_bytes(b"previous export\n")
    _break_turtle(project)
    result = run_cli("export", "--format", "nt", "-o", "out.nt", root=project.root)
    assert result.returncode == 2
    assert target.read_bytes() == b"previous export\n"
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".out.nt")] == []


def test_build_exit_0_prints_a_summary(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    result = run_cli("build", "--out", str(out), root=project.root)
    assert result.returncode == 0, result.stderr.decode()
    stdout = result.stdout.decode()
    assert "id:graph/facts: 20 triples" in stdout
    assert f"wrote {out} (21 files) in " in stdout
    assert (out / MANIFEST).exists()
    assert result.stderr == b""


def test_build_defaults_to_dist_in_the_project(project: Project) -> None:
    result = run_cli("build", root=project.root)
    assert result.returncode == 0
    assert (project.root / "dist" / "ingenium-inferred.nq").exists()


def test_build_exit_1_writes_a_build_that_readers_refuse(project: Project) -> None:
    edit(project.article_files[0], " ;\n        ikg:country <country/spain> .", " .")
    result = run_cli("build", root=project.root)
    assert result.returncode == 1
    stdout = result.stdout.decode()
    assert "Violation: id:university/oviedo ikg:country:" in stdout
    assert "Does not conform: 1 violation(s)." in stdout
    assert json.loads((project.root / "dist" / MANIFEST).read_text())["valid"] is False
    refused = run_cli("explain", "id:university/oviedo", root=project.root)
    assert refused.returncode == 2
    assert refused.stderr.decode().splitlines() == [
        f"Error: the build in {project.root / 'dist'} does not conform (1 violation(s)); "
        "`ingenium-kg validate` lists them; pass --allow-invalid to read it anyway"
    ]
    allowed = run_cli("explain", "id:university/oviedo", "--allow-invalid", root=project.root)
    assert allowed.returncode == 0, allowed.stderr.decode()


@pytest.mark.parametrize("fmt", ["text", "json", "turtle"])
def test_validate_exit_0_in_every_format(fmt: str) -> None:
    result = run_cli("validate", "--format", fmt, root=FIXTURE)
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    if fmt == "text":
        assert out == "Conforms.\n"
    elif fmt == "json":
        assert json.loads(out) == {
            "conforms": True,
            "valid": True,
            "counts": {"violation": 0, "warning": 0, "info": 0},
            "results": [],
        }
    else:
        assert len(Graph().parse(data=out, format="turtle")) == 2


def test_validate_exit_1_for_violating_data_files(tmp_path: Path) -> None:
    data = tmp_path / "bad.ttl"
    data.write_text(
        "@prefix ikg: <https://w3id.org/ingenium-kg/ontology#> .\n"
        "<university/x> a ikg:University .\n"
    )
    result = run_cli(
        "validate", "--data", str(data), "--format", "json", root=FIXTURE, cwd=tmp_path
    )
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert (report["conforms"], report["valid"]) == (False, False)
    assert all(r["location"] == f"{data}:2" for r in report["results"])
    assert {v["path"] for v in report["results"]} == {
        "<http://www.w3.org/2000/01/rdf-schema#label>",
        "<https://w3id.org/ingenium-kg/ontology#country>",
    }


def test_validate_runs_the_quote_check_on_project_data(project: Project) -> None:
    edit(project.article_files[0], "oa:start 0 ;", "oa:start 3 ;")
    result = run_cli("validate", root=project.root)
    assert result.returncode == 1
    assert "found at 0–34" in result.stdout.decode()


def test_export_to_stdout_and_to_a_file_agree(project: Project) -> None:
    to_stdout = run_cli("export", "--format", "turtle", "--inferred", root=project.root)
    assert to_stdout.returncode == 0
    to_file = run_cli(
        "export", "--format", "turtle", "--inferred", "-o", "g.ttl", root=project.root
    )
    assert to_file.returncode == 0
    assert to_file.stdout == b""
    assert (project.root / "g.ttl").read_bytes() == to_stdout.stdout


def test_explain_prints_facts_and_quotes(project: Project) -> None:
    result = run_cli("explain", "id:university/rouen", root=project.root)
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    assert lines[0] == "University of Rouen Normandy (id:university/rouen)"
    assert "      « membre de l’alliance INGENIUM » (id:excerpt/rouen, 72–101)" in lines
    assert "  org:memberOf INGENIUM (id:alliance/ingenium)  [inferred]" in lines


def test_help_is_fast_to_import_and_documents_every_command() -> None:
    code = (
        "import sys\n"
        "from ingenium_kg.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit as exc:\n    assert exc.code == 0\n"
        "heavy = {'rdflib', 'pyshacl', 'owlrl', 'pyld'} & {m.split('.')[0] for m in sys.modules}\n"
        "assert not heavy, heavy\n"
    )
    listed = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    for name in COMMANDS:
        assert f"    {name}" in listed.stdout.decode()
        result = invoke([name, "--help"])
        assert result.exit_code == 0
        assert result.stdout.startswith(f"usage: ingenium-kg {name} ")
        assert _command(name).help.split("\n")[0] in " ".join(result.stdout.split())


def _command(name: str) -> Command:
    return next(command for command in load_commands(COMMANDS) if command.name == name)


def test_each_command_is_loaded_from_the_module_named_for_it() -> None:
    """`cli.COMMANDS` lists exactly the commands the modules define: one left out would vanish."""
    defined = {
        command.name: module
        for module in set(COMMANDS.values())
        for command in vars(importlib.import_module(f"ingenium_kg.cli.{module}")).values()
        if isinstance(command, Command)
    }
    assert defined == COMMANDS
    code = (
        "import sys\n"
        "from ingenium_kg.__main__ import run\n"
        "sys.argv = ['ingenium-kg', 'queries']\n"
        "try:\n    run()\nexcept SystemExit:\n    pass\n"
        "loaded = {m for m in sys.modules if m.startswith('ingenium_kg.cli.')}\n"
        "assert loaded == {'ingenium_kg.cli.app', 'ingenium_kg.cli.parsing', "
        "'ingenium_kg.cli.questions'}, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def _choices(command: str, dest: str) -> list[str]:
    return next(
        list(a.settings["choices"])
        for a in _command(command).args
        if a.settings.get("dest") == dest
    )


def test_format_choices_come_from_the_enums() -> None:
    from ingenium_kg.diff import DiffFormat
    from ingenium_kg.query.results import OutputFormat
    from ingenium_kg.stages.export import ExportFormat
    from ingenium_kg.stages.validation import ReportFormat

    assert _choices("export", "fmt") == [f.value for f in ExportFormat]
    assert _choices("validate", "fmt") == [f.value for f in ReportFormat]
    assert _choices("query", "fmt") == [f.value for f in OutputFormat]
    assert _choices("diff", "fmt") == [f.value for f in DiffFormat]


def test_options_are_taken_on_the_group_and_on_the_command(project: Project) -> None:
    for args in (["-q", "build"], ["build", "--quiet"], ["--lang", "fr", "-q", "build"]):
        result = run_cli(*args, root=project.root)
        assert result.returncode == 0 and result.stdout == b"", (args, result.stderr)
    assert run_cli("build", root=project.root).stdout.startswith(b"id:graph/")


def test_version_and_help_fail_on_a_full_stdout(project: Project) -> None:
    for args in (["--version"], ["query", "--help"]):
        with Path("/dev/full").open("wb") as full:
            done = subprocess.run(
                [sys.executable, "-m", "ingenium_kg", *args],
                stdout=full,
                stderr=subprocess.PIPE,
                check=False,
            )
        assert done.returncode == 2
        assert done.stderr.decode() == "Error: cannot write to stdout (No space left on device)\n"
    version = run_cli("--version", root=project.root)
    assert version.stdout.decode().startswith("ingenium-kg, version ")


def test_the_cli_default_min_score_is_the_reconcilers() -> None:
    from ingenium_kg.cli.wikidata import DEFAULT_MIN_SCORE
    from ingenium_kg.wikidata import reconcile

    assert reconcile.DEFAULT_MIN_SCORE == DEFAULT_MIN_SCORE


def test_an_in_process_run_sees_the_same_exit_codes(
    monkeypatch: pytest.MonkeyPatch, project: Project
) -> None:
    monkeypatch.setenv("INGENIUM_KG_ROOT", str(project.root))
    build(project=project)
    assert invoke(["validate"]).exit_code == 0
    bad = invoke(["explain", "nope:x"])
    assert bad.exit_code == 2
    assert (
        bad.stderr
        == "Error: unknown prefix 'nope:'; known: "
        + ", ".join(__import__("ingenium_kg.namespaces", fromlist=["PREFIXES"]).PREFIXES)
        + "\n"
    )


def test_a_query_loads_neither_rdflib_nor_the_validators(project: Project) -> None:
    """Nor the standard modules that cost a cold query milliseconds each, for nothing it does."""
    build(project=project)
    code = (
        "import sys\nfrom ingenium_kg.cli import main\n"
        "try:\n    main(['query', '-', '--format', 'csv'])\nexcept SystemExit:\n    pass\n"
        "heavy = {'rdflib', 'pyshacl', 'owlrl', 'SPARQLWrapper', 'click', 'typing',\n"
        "         'dataclasses', 'inspect', 'logging', 'traceback', 'shutil'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}), file=sys.stderr)"
    )
    env = {**os.environ, "INGENIUM_KG_ROOT": str(project.root)}
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=b"SELECT ?s WHERE { ?s a ikg:University }",
        capture_output=True,
        env=env,
        check=True,
    )
    assert done.stderr.decode().splitlines()[-1] == "[]"
    assert len(done.stdout.decode().splitlines()) == 3  # header and the fixture's two universities


def test_ctrl_c_during_a_build_exits_130_and_keeps_the_previous_build(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    generate = REPO / "bench" / "generate.py"
    subprocess.run(
        [sys.executable, str(generate), "--triples", "60000", "--out", str(root)], check=True
    )
    build(project=Project(root))
    before = (root / "dist" / MANIFEST).read_bytes()
    (root / "data" / "article" / "article-00003.trig").touch()  # a new mtime: the hash is checked
    edit(root / "data" / "source" / "article-3.txt", "INGENIUM-3", "INGENIUM-3 ")
    env = {**os.environ, "INGENIUM_KG_ROOT": str(root)}
    running = subprocess.Popen(
        [sys.executable, "-m", "ingenium_kg", "build"], env=env, stderr=subprocess.PIPE
    )
    time.sleep(1.5)  # well inside a build of this size (several seconds)
    running.send_signal(signal.SIGINT)
    _, stderr = running.communicate(timeout=120)
    assert running.returncode == 130, stderr.decode()
    assert stderr.decode().splitlines()[-1] == "Error: interrupted"
    assert (root / "dist" / MANIFEST).read_bytes() == before
    assert left_beside(root / "dist") == []
