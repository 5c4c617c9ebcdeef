"""Running the command line, or a probe script, in a fresh process as a user would."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Start of a probe script: a meta-path finder that makes any PySide6 import fail, as on
# a machine without it.
BLOCK_QT = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6'):
            raise ImportError('PySide6 is blocked in this test')
sys.meta_path.insert(0, Block())
"""


def run_dossier(
    *args: str | Path,
    cwd: Path = REPO,
    env: Mapping[str, str] | None = None,
    timeout: float | None = 120,
) -> subprocess.CompletedProcess[str]:
    """``python -m dossier ARGS``, its output captured as text, whatever its status."""
    return run_python("-m", "dossier", *args, cwd=cwd, env=env, timeout=timeout)


def run_python(
    *args: str | Path,
    cwd: Path = REPO,
    env: Mapping[str, str] | None = None,
    timeout: float | None = 120,
) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` (a module or a ``-c`` script), its output captured as text."""
    return subprocess.run(
        [sys.executable, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
        timeout=timeout,
    )
