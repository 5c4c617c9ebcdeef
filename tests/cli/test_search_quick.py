"""The quick reading of ``dossier search`` (no argparse) against the full parser: the
same output, byte for byte, and the same exit status, on every argument list; and the
quick one really spares a search argparse, logging, typing and pathlib."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from dossier.cli.quick import SearchArguments, read_search
from tests.conftest import BUNDLED
from tests.processes import REPO, run_python

# The full parser, as ``dossier.cli.main`` ran every command before the quick path.
FULL = "import sys; from dossier.cli.parser import main; sys.exit(main(sys.argv[1:]))"
QUICK = "import sys; from dossier.cli import main; sys.exit(main())"

B = str(BUNDLED)
T = str(BUNDLED.parent)  # a folder that exists, for --trust
ARGUMENT_LISTS: list[list[str]] = [
    ["search", "Kuryk"],
    ["search", "Kuryk", "--json"],
    ["search", "Kazakhstan"],  # more results than the default limit
    ["search", "--json", "Kuryk", "--limit", "2"],
    ["search", "--limit=3", "grain Kuryk", "--dossier", B],
    ["search", f"--dossier={B}", "--notes", "pandemic", "--limit", " 4 "],
    ["search", "Kuryk", "--limit", "\u0663"],  # an Arabic-Indic 3: int() reads it
    ["search", "Kuryk", "--trust", T, f"--trust={T}", "--json", "--json"],
    ["search", "--dossier", "nowhere", "--dossier", B, "Beket"],
    ["search", "--forget"],
    ["search", "--forget", "Kuryk", "--limit", "1"],
    ["search", "--json", "--forget"],
    ["search", ""],
    ["search", "\u202eevil\x1b[31m"],
    ["search", "Kuryk", "--dossier", "missing.yaml"],
    ["search", "Kuryk", "--dossier", ""],
    ["search", "Kuryk", "--trust", "no-such-folder"],
    ["search", "Kuryk", "--limit", "0"],
    ["search", "Kuryk", "--limit", "10001"],
    ["search", "Kuryk", "--limit=-1"],
    ["search", "Kuryk", "--limit", "many"],
    ["search", "Kuryk", "--limit"],
    ["search", "Kuryk", "--dossier"],
    ["search", "--dossier", "--json", "Kuryk"],
    ["search", "Kuryk", "--json=yes"],
    ["search", "Kuryk", "--jso"],
    ["search", "Kuryk", "--bogus"],
    ["search", "Kuryk", "Aktau"],
    ["search"],
    ["search", "--json"],
    ["search", "--", "-x"],
    ["search", "Kuryk", "--", "x"],
    ["search", "--json", "--", "Kuryk"],
    ["search", "-5"],
    ["search", "-"],
    ["search", "-x y"],
    ["search", "--help"],
    ["search", "Kuryk", "-h"],
    ["-v", "search", "Kuryk"],
    ["search", "Kuryk", "-v"],
    ["--version"],
    ["sear", "Kuryk"],
]


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache that holds the bundled dossier's index, copied for each run."""
    cache = tmp_path_factory.mktemp("template") / "cache"
    for _ in range(2):  # built, then its files' signatures recorded by a warm search
        done = _run(FULL, ["search", "Kuryk"], cache, cache.parent / "data")
        assert done.returncode == 0, done.stderr
    return cache


def _run(script: str, argv: list[str], cache: Path, data: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, DOSSIER_CACHE_DIR=str(cache), DOSSIER_DATA_DIR=str(data))
    env.pop("DOSSIER_DEBUG", None)
    return run_python("-c", script, *argv, env=env)


def _both(argv: list[str], template: Path, where: Path, *, damage: bool = False) -> None:
    """Run ``argv`` through each reader, each from a copy of ``template`` at the same
    place, and require the same stdout, stderr and exit status."""
    outcomes = []
    for script in (QUICK, FULL):
        cache = where / "cache"
        shutil.rmtree(where, ignore_errors=True)
        shutil.copytree(template, cache)
        if damage:
            for database in cache.rglob("index-*.sqlite"):
                database.write_bytes(b"not a database at all" * 100)
        done = _run(script, argv, cache, where / "data")
        outcomes.append((done.stdout, done.stderr, done.returncode))
    assert outcomes[0] == outcomes[1], argv


@pytest.mark.parametrize("argv", ARGUMENT_LISTS, ids=" ".join)
def test_the_quick_reading_says_what_the_parser_says(
    argv: list[str], warm_cache: Path, tmp_path: Path
) -> None:
    _both(argv, warm_cache, tmp_path / "run")


def test_a_warning_is_formatted_as_the_parser_formats_it(warm_cache: Path, tmp_path: Path) -> None:
    """A damaged cache is rebuilt with one warning, however the search was read."""
    _both(["search", "Kuryk"], warm_cache, tmp_path / "run", damage=True)
    done = _run(QUICK, ["search", "Kuryk"], tmp_path / "again", tmp_path / "data")
    assert done.returncode == 0 and done.stderr == ""


_PROBE = """
import sys
from dossier.cli import main
status = main(['search', 'Kuryk', '--limit', '1', '--json'])
heavy = [m for m in ('argparse', 'logging', 'gettext', 'typing', 'pathlib') if m in sys.modules]
print('heavy:', heavy, file=sys.stderr)
sys.exit(status)
"""


def test_a_plain_search_imports_neither_argparse_logging_typing_nor_pathlib(
    warm_cache: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    shutil.copytree(warm_cache, cache)
    done = _run(_PROBE, [], cache, tmp_path / "data")
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "heavy: []"
    assert '"kind"' in done.stdout


def test_the_quick_reading_leaves_the_unusual_to_the_parser() -> None:
    assert read_search(["search", "--dossier=x", "Kuryk", "--trust", str(REPO)]) == SearchArguments(
        "Kuryk", "x", 20, False, False, False, [str(REPO)]
    )
    for argv in (["search", "-x"], ["search", "--", "x"], ["search", "a", "b"], ["search"]):
        assert read_search(argv) is None, argv
