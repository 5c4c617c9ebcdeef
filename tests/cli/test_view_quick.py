"""The quick reading of ``dossier view`` (no argument parser) against the full parser:
the same dossier and trusted folders wherever it reads the arguments itself, the rest
left to the parser; and ``dossier view`` really is spared building the parser."""

from __future__ import annotations

import os

import pytest

from dossier.cli.parser import build_parser
from dossier.cli.quick import ViewArguments, read_view
from tests.conftest import BUNDLED
from tests.processes import REPO, run_python

B = str(BUNDLED)
T = str(BUNDLED.parent)  # a folder that exists, for --trust
R = str(REPO)

READ_QUICKLY: list[list[str]] = [
    [],
    ["view"],
    ["view", B],
    ["view", "missing.yaml"],
    ["view", ""],
    ["view", "search"],
    ["view", " a dossier.yaml "],
    ["view", "--trust", T],
    ["view", B, "--trust", T, f"--trust={R}"],
    ["view", f"--trust={T}", B],
    ["view", "--trust", T, "--trust", T],
    ["view", "--trust="],  # the current folder, as the parser has it
    ["view", "--trust", T, "a=b"],
]

LEFT_TO_THE_PARSER: list[list[str]] = [
    ["view", B, B],
    ["view", "--trust"],
    ["view", "--trust", "no-such-folder"],
    ["view", "--trust=no-such-folder"],
    ["view", "--trust", "-x"],
    ["view", "--tr", T],
    ["view", "--bogus"],
    ["view", "-h"],
    ["view", "--help"],
    ["view", "--", B],
    ["view", "-"],
    ["view", "-5"],
    ["-v", "view"],
    ["--verbose"],
    ["--version"],
    ["views"],
    ["search", "Kuryk"],
    ["validate", B],
]


@pytest.mark.parametrize("argv", READ_QUICKLY, ids=lambda a: " ".join(a) or "(none)")
def test_the_quick_reading_is_the_parsers(argv: list[str]) -> None:
    args = build_parser().parse_args(argv)
    assert (args.command or "view") == "view" and not args.verbose
    parsed = ViewArguments(getattr(args, "path", None), getattr(args, "trust", []))
    assert read_view(argv) == parsed


@pytest.mark.parametrize("argv", LEFT_TO_THE_PARSER, ids=" ".join)
def test_anything_else_is_left_to_the_parser(argv: list[str]) -> None:
    assert read_view(argv) is None


_PROBE = """
import logging, sys
import dossier.cli.view
dossier.cli.view.run_view = lambda path, trust: print('viewing', path, trust)
if sys.argv[1] == 'quick':
    from dossier.cli import main
else:
    from dossier.cli.parser import main
status = main(sys.argv[2:])
root = logging.getLogger()
print(root.level, [h.formatter._fmt for h in root.handlers])
print('parser built:', 'dossier.cli.parser' in sys.modules)
sys.exit(status)
"""


@pytest.mark.parametrize("argv", [[], ["view", B, "--trust", T]], ids=["plain", "path-trust"])
def test_dossier_view_runs_the_viewer_as_the_parser_did_without_it(argv: list[str]) -> None:
    """The same dossier, folders, logging level and format; the parser never imported."""
    quick, full = (
        run_python("-c", _PROBE, how, *argv, env=dict(os.environ)) for how in ("quick", "full")
    )
    assert quick.returncode == full.returncode == 0, quick.stderr + full.stderr
    assert quick.stdout.splitlines()[:2] == full.stdout.splitlines()[:2]
    assert quick.stdout.splitlines()[1] == "30 ['%(name)s: %(levelname)s: %(message)s']"
    assert quick.stdout.splitlines()[2] == "parser built: False"
