"""What ``dossier export`` writes and prints is safe: clean PDF metadata, a validated
``--classification``, no stale part files, no write through a symlink or to a device,
and a file name that is not UTF-8 printed without a crash."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from dossier.core.briefing.choices import BriefingOptions
from dossier.core.loader import load_dossier
from dossier.core.resources import bundled_dossier
from dossier.export.pdf import MAX_METADATA, export_pdf, metadata_text, sweep_stale_parts

REPO = Path(__file__).resolve().parents[2]


def run(*args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dossier", "export", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), **env},
        cwd=REPO,
        timeout=120,
        check=False,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


HOSTILE = "Brief\x1b[2J\x07\x00 \u202eTERCES\u2028POT\u200b"


def test_metadata_text_drops_what_a_terminal_or_a_reader_would_obey() -> None:
    cleaned = metadata_text(HOSTILE + " word" * 500)
    assert all(ord(c) >= 0x20 and c not in "\u202e\u2028\u200b\x7f" for c in cleaned)
    assert cleaned.startswith("Brief [2J TERCES POT word")
    assert len(cleaned) <= MAX_METADATA


def test_the_pdf_document_information_is_sanitised(qapp: object, tmp_path: Path) -> None:
    dossier = load_dossier(bundled_dossier())
    hostile = replace(dossier, title=HOSTILE, producer=HOSTILE, subtitle=HOSTILE * 100)
    out = tmp_path / "b.pdf"
    export_pdf(hostile, out, BriefingOptions(template="points"))
    info = PdfReader(out).metadata
    assert info is not None
    for key in ("/Title", "/Author", "/Subject"):
        value = str(info[key])
        assert not any(ord(c) < 0x20 or c in "\u202e\u2028\u200b" for c in value), key
        assert len(value) <= MAX_METADATA, key


def test_a_classification_that_is_not_a_safe_marking_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "b.md"
    for marking in ("\u202eTERCES POT", "SEC\u200bRET", "UNCLAS\x07SIFIED", "SECRET\nTOP"):
        line = one_line_error(run("--classification", marking, "-o", out))
        assert line.startswith("dossier: --classification: the classification")
    assert not out.exists()
    assert run("--classification", "Rəsmi istifadə üçün", "-o", out).returncode == 0


def test_a_handling_caveat_that_would_not_print_as_typed_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "b.html"
    for caveat in ("a\u202eb", "Not for\x1b[31m distribution"):
        line = one_line_error(run("--handling", caveat, "-o", out))
        assert line.startswith("dossier: the handling caveat holds U+")
        assert "not printed as typed" in line
    assert not out.exists()
    assert run("--handling", "Не для распространения", "-o", out).returncode == 0


def test_stale_part_files_of_a_killed_export_are_swept(tmp_path: Path) -> None:
    old = tmp_path / ".brief-0123456789ab.pdf.part"
    fresh = tmp_path / ".brief-ba9876543210.pdf.part"
    mine = tmp_path / ".notes.txt.part"  # not a name the export makes
    for path in (old, fresh, mine):
        path.write_bytes(b"%PDF-1.4 half")
    hour_ago = time.time() - 7200
    os.utime(old, (hour_ago, hour_ago))
    os.utime(mine, (hour_ago, hour_ago))
    result = run("--template", "points", "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    assert not old.exists()
    assert fresh.exists() and mine.exists()  # an export may be writing it; not ours
    assert sweep_stale_parts(tmp_path) == 0


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_symlink_or_a_device_as_output_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "b.pdf"
    link.symlink_to("/dev/full")
    assert "symbolic link" in one_line_error(run("-o", link))
    assert link.is_symlink()  # left as it was: no 0666 PDF in its place
    assert "not a regular file" in one_line_error(run("--format", "pdf", "-o", "/dev/full"))


def test_a_read_only_file_a_folder_or_a_file_as_folder_is_refused(tmp_path: Path) -> None:
    kept = tmp_path / "final.pdf"
    kept.write_bytes(b"the signed copy")
    kept.chmod(0o444)
    assert "is read-only" in one_line_error(run("-o", kept))
    # replaced by a rename, it would have gone: only the folder's permission is needed
    assert kept.read_bytes() == b"the signed copy"
    folder = tmp_path / "briefings"
    folder.mkdir()
    assert "is a folder, not a file" in one_line_error(run("-o", folder))
    assert "is a file, not a folder" in one_line_error(run("-o", kept / "b.pdf"))


@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes on Linux")
def test_a_file_name_that_is_not_utf8_prints(tmp_path: Path) -> None:
    out = os.fsdecode(bytes(tmp_path) + b"/caf\xe9.md")
    result = run("-o", out, PYTHONIOENCODING="utf-8")
    assert result.returncode == 0, result.stderr
    assert "caf\\xe9.md" in result.stdout
    assert os.path.exists(bytes(tmp_path) + b"/caf\xe9.md")
