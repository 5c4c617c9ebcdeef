"""The command line sits on top: nothing below it may import it."""

from __future__ import annotations

import re

from tests.processes import REPO

_CLI_IMPORT = re.compile(
    r"^\s*(from\s+dossier\.cli\b|import\s+dossier\.cli\b|from\s+dossier\s+import\s+cli\b)", re.M
)


def test_no_lower_layer_imports_the_cli() -> None:
    for layer in ("core", "export", "ui"):
        for path in (REPO / "dossier" / layer).rglob("*.py"):
            assert not _CLI_IMPORT.search(path.read_text(encoding="utf-8")), path
