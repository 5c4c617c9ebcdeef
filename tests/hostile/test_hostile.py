"""Hostile dossiers, each validated by the real command in a process capped in CPU time
and memory: refused (or handled) with one positioned line per problem, no traceback,
no crash, and nothing written anywhere.

The inputs are generated at run time (``cases.py``). Full-size cases are marked slow;
the default run uses smaller versions of the same files.
"""

from __future__ import annotations

import os
import re
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile import cases

REPO = Path(__file__).resolve().parents[2]
# CPU seconds a case may use: several times what the full-size cases need (about 3 s),
# far below what they took before they were bounded (21 s to many minutes). A runaway
# case is killed by SIGXCPU, which the test reports as a crash.
CPU_SECONDS = {"small": 10, "full": 20}
MEMORY_BYTES = 1536 * 1024 * 1024  # address space: a runaway allocation fails
SMALL = 16  # the default run divides sizes and counts by this
BIDI_AND_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u2028\u2029]")


@dataclass(frozen=True)
class Outcome:
    status: int
    lines: list[str]
    stderr: str


def _limits(cpu: int) -> Callable[[], None]:
    def apply() -> None:  # runs in the child, before it executes Python
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))

    return apply


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every entry under ``root`` with its size and modification time (links unfollowed)."""
    found = {}
    for folder, names, files in os.walk(root):
        for name in names + files:
            path = Path(folder, name)
            info = path.lstat()
            found[str(path.relative_to(root))] = (info.st_size, info.st_mtime_ns)
    return found


def validate(build: Callable[[Path, int], Path], root: Path, scale: int) -> Outcome:
    """Build the case under ``root`` and run ``python -m dossier validate`` on it."""
    folder = root / "case"
    folder.mkdir()
    home = root / "home"
    home.mkdir()
    path = build(folder, scale)
    cpu = CPU_SECONDS["full" if scale == 1 else "small"]
    before = _snapshot(root)
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_DATA_HOME": str(home / "data"),
        "DOSSIER_CACHE_DIR": str(home / "cache" / "dossier"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": str(REPO),
    }
    env.pop("DOSSIER_DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-m", "dossier", "validate", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=root,
        env=env,
        preexec_fn=_limits(cpu),
        timeout=cpu * 4,  # a case blocked on I/O (a FIFO) uses no CPU
        check=False,
    )
    assert result.returncode >= 0, f"killed by {signal.Signals(-result.returncode).name}"
    assert "Traceback" not in result.stdout + result.stderr
    assert "MemoryError" not in result.stdout + result.stderr
    assert _snapshot(root) == before, "the validation wrote or changed a file"
    lines = result.stdout.splitlines()
    assert not BIDI_AND_INVISIBLE.search(result.stdout), "an invisible character was printed"
    return Outcome(result.returncode, lines, result.stderr)


def refused(outcome: Outcome, path_end: str, *expected: str) -> None:
    """Exit 1, and every line a positioned problem ``PATH:LINE:COL: message``."""
    assert outcome.status == 1, outcome
    assert outcome.lines, outcome
    for line in outcome.lines:
        assert re.match(rf"^.*{re.escape(path_end)}:\d+:\d+: \S", line), line
    for text in expected:  # "a|b": either
        found = any(part in line for part in text.split("|") for line in outcome.lines)
        assert found, (text, outcome.lines)


# What each case must answer: a piece of its message.
CONFINEMENT = {
    "etc-passwd": "is an absolute path",
    "dot-dot-hostname": "outside the dossier's folder",
    "symlink-out": "outside the dossier's folder",
    "proc-self-status": "is an absolute path",
    "proc-via-symlink": "outside the dossier's folder",
    "unc-forward": "names a network share",
    "unc-backward": "names a network share",
    "drive-absolute": "names a Windows drive",
    "drive-relative": "names a Windows drive",
    "symlink-loop": "cannot follow the path|no such file",  # Python 3.13 resolves loops
    "hidden-folder": "hidden",
    "fifo": "is not a regular file",
}
MARKINGS = {
    "rlo-classification": "character 1 is U+202E RIGHT-TO-LEFT OVERRIDE",
    "rlo-body": "U+202E RIGHT-TO-LEFT OVERRIDE",
    "zero-width-secret": "U+200B ZERO WIDTH SPACE",
    "nul-classification": "U+0000",
    "newline-classification": "U+000A",
}


@pytest.mark.parametrize("name", sorted(CONFINEMENT))
def test_a_source_outside_the_dossier_is_refused_unread(name: str, tmp_path: Path) -> None:
    if name == "dot-dot-hostname" and not Path("/etc/hostname").exists():
        pytest.skip("no /etc/hostname here")
    outcome = validate(cases.CONFINEMENT[name], tmp_path, SMALL)
    refused(outcome, "hostile.yaml", CONFINEMENT[name])
    assert len(outcome.lines) == 1  # the source only: its citations are not looked up
    assert not any("root:" in line for line in outcome.lines)  # no line of /etc/passwd
    assert not any("closest passage" in line for line in outcome.lines)


@pytest.mark.parametrize("name", sorted(MARKINGS))
def test_markings_and_text_that_lie_are_refused(name: str, tmp_path: Path) -> None:
    refused(validate(cases.MARKINGS[name], tmp_path, SMALL), "hostile.yaml", MARKINGS[name])


def _work_case(name: str, root: Path, scale: int) -> None:
    outcome = validate(cases.WORK[name], root, scale)
    if name == "one-source-named-many-times":  # read once, so simply valid
        assert outcome.status == 0, outcome
        assert len(outcome.lines) == 1 and ": valid: " in outcome.lines[0]
        return
    expected = {
        "million-lines": "is not in source 's1'",
        "million-lines-many-misses": "closest passage omitted",
        "single-line": "is not in source 's1'",
        "many-citations-at-the-end": "citations not checked from here on",
        "sources-over-the-total": "together they may be at most 67,108,864",
    }[name]
    refused(outcome, "hostile.yaml", expected)
    assert len(outcome.lines) <= 100


@pytest.mark.parametrize("name", sorted(set(cases.WORK) - {"sources-over-the-total"}))
def test_small_versions_of_the_work_cases(name: str, tmp_path: Path) -> None:
    _work_case(name, tmp_path, SMALL)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(cases.WORK))
def test_full_size_work_cases_are_bounded(name: str, tmp_path: Path) -> None:
    _work_case(name, tmp_path, 1)
