"""The core must import and work where PySide6 is not installed."""

from __future__ import annotations

import re
from pathlib import Path

from tests.processes import BLOCK_QT, REPO, run_python

_PROBE = (
    BLOCK_QT
    + """
import importlib, pkgutil
import dossier.core
for module in pkgutil.walk_packages(dossier.core.__path__, 'dossier.core.'):
    importlib.import_module(module.name)
from dossier.cli import main
status = main(['validate', sys.argv[1]])
assert status == 0, status
assert not any(m.startswith('PySide6') for m in sys.modules)
print('ok')
"""
)


def test_core_and_validate_run_without_qt(bundled: Path) -> None:
    result = run_python("-c", _PROBE, bundled, timeout=None)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("ok")


def test_core_and_its_tests_have_no_qt_imports() -> None:
    qt_import = re.compile(r"^\s*(from|import)\s+(PySide6|shiboken6|dossier\.(ui|export))\b", re.M)
    for folder in (REPO / "dossier" / "core", REPO / "tests" / "core"):
        for path in folder.rglob("*.py"):
            assert not qt_import.search(path.read_text(encoding="utf-8")), path
