"""No command writes over what the app reads: ``notes export``, ``screenshot`` and
``export`` refuse, in one line and with exit 1, an output that is the dossier, one of
its sources or the notes database (by any name: a symbolic link to it included) or its
log or backups, and
an output that is a link, a FIFO or a device; what was there is left byte for byte."""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from dossier.core.notes import NotesStore, notes_path
from tests.core.dossiers import MINIMAL, SEED
from tests.processes import run_dossier

Command = Callable[[Path, Path], subprocess.CompletedProcess[str]]


def notes_export(dossier: Path, output: Path) -> subprocess.CompletedProcess[str]:
    return run_dossier("notes", "export", "--dossier", dossier, "--format", "json", "-o", output)


def screenshot(dossier: Path, output: Path) -> subprocess.CompletedProcess[str]:
    return run_dossier("screenshot", "--dossier", dossier, "--size", "400x300", "-o", output)


def export_md(dossier: Path, output: Path) -> subprocess.CompletedProcess[str]:
    return run_dossier("export", "--dossier", dossier, "--format", "md", "-o", output)


COMMANDS = {"notes export": notes_export, "screenshot": screenshot, "export": export_md}


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A dossier (named as a .png, so that every command's suffix rule lets it through)
    whose source is a copy of the interview, also named as a .png."""
    (tmp_path / "source.png").write_bytes(SEED.read_bytes())
    dossier = tmp_path / "dossier.png"
    dossier.write_text(MINIMAL.format(seed="source.png"), encoding="utf-8")
    return dossier


def refused(result: subprocess.CompletedProcess[str], wanted: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.startswith("dossier: ") and result.stderr.count("\n") == 1, result.stderr
    assert wanted in result.stderr and "Traceback" not in result.stderr, result.stderr


@pytest.mark.parametrize("name", COMMANDS)
def test_the_dossier_its_source_and_the_notes_database_are_never_written_over(
    name: str, library: Path
) -> None:
    command = COMMANDS[name]
    folder = library.parent
    notes = notes_path()
    with NotesStore.open(notes):  # the user's notes database exists
        pass
    link = folder / "link.png"
    link.symlink_to(library)
    backup = notes.with_name(notes.name + ".backup-2026-12-04")
    backup.write_bytes(notes.read_bytes())
    kept = (library, folder / "source.png", notes, backup)
    before = {path: path.read_bytes() for path in kept}
    refused(command(library, library), "would overwrite the dossier")
    refused(command(library, folder / "source.png"), "would overwrite a source of the dossier")
    refused(command(library, folder / "sub" / ".." / "source.png"), "would overwrite a source")
    if name != "screenshot":  # a screenshot is a .png; the database is not
        refused(command(library, notes), "would overwrite your notes database")
        for companion in (backup, notes.with_name(notes.name + "-wal")):
            refused(command(library, companion), "a file of your notes database")
        assert not notes.with_name(notes.name + "-wal").exists()
    refused(command(library, link), "is a symbolic link")
    assert link.is_symlink()
    assert {path: path.read_bytes() for path in before} == before


@pytest.mark.parametrize("name", COMMANDS)
def test_a_fifo_is_refused_not_replaced(name: str, library: Path) -> None:
    fifo = library.parent / "pipe.png"
    os.mkfifo(fifo)
    refused(COMMANDS[name](library, fifo), "is not a regular file")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
