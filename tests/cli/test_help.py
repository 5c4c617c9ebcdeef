"""``--help`` teaches: each command says what it does, its defaults and examples."""

from __future__ import annotations

import argparse
import os

import pytest

from dossier.cli.parser import build_parser
from tests.processes import run_dossier

COMMANDS = ("view", "validate", "search", "export", "screenshot", "notes")
# argparse wraps to the terminal's width, from COLUMNS; Python 3.14 colours help
# unless told not to.
ENV = {
    **{k: v for k, v in os.environ.items() if k != "FORCE_COLOR"},
    "COLUMNS": "80",
    "NO_COLOR": "1",
}


def help_text(*command: str) -> str:
    result = run_dossier(*command, "--help", env=ENV, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def examples(text: str) -> list[str]:
    """The example command lines after "examples:", each kept on its own line."""
    block = text.split("\nexamples:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split()[1] for line in block.splitlines() if line.startswith("  dossier")]


def test_bare_dossier_is_said_to_open_the_bundled_dossier() -> None:
    text = help_text()
    assert "Without a command, dossier opens the viewer on the bundled dossier" in text
    assert "dossier COMMAND --help" in text
    assert len(examples(text)) >= 3


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_a_description_and_examples_of_itself(command: str) -> None:
    text = help_text(command)
    description = text.split("\n\n", 2)[1]  # after the usage, before the arguments
    assert not description.startswith(("positional arguments", "options")), text
    found = examples(text)
    assert 2 <= len(found) <= 3, text
    assert set(found) == {command}


def test_every_argument_has_help() -> None:
    parser = build_parser()
    (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(commands.choices) == set(COMMANDS)
    for name, command in commands.choices.items():
        for action in command._actions:
            assert action.help, f"dossier {name}: {action.dest} has no help"


@pytest.mark.parametrize(
    ("command", "defaults"),
    [
        ("view", ["(default: the bundled dossier)"]),
        ("search", ["(default: 20)", "(default: the bundled dossier)"]),
        ("export", ["(default: A4)", "(default: all, in the dossier's order)"]),
        ("screenshot", ["(default: overview)", "(default: 1280x860)"]),
    ],
)
def test_defaults_are_shown(command: str, defaults: list[str]) -> None:
    text = " ".join(help_text(command).split())  # as read, whatever the wrapping
    for default in defaults:
        assert default in text, default


@pytest.mark.parametrize("command", ("", *COMMANDS))
def test_help_fits_80_columns(command: str) -> None:
    text = help_text(*filter(None, [command]))
    assert max(len(line) for line in text.splitlines()) <= 80
