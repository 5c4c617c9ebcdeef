"""``--trust DIR``: a dossier whose source lies outside its folder opens only when the
user trusts that folder, on every command that loads a dossier."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.dossiers import MINIMAL, SEED

REPO = Path(__file__).resolve().parents[2]


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dossier", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        timeout=120,
    )


@pytest.fixture
def delivered(tmp_path: Path) -> tuple[Path, Path]:
    """A dossier in ``delivered/`` citing its source in a sibling folder ``annex/``."""
    annex = tmp_path / "annex"
    annex.mkdir()
    shutil.copyfile(SEED, annex / "interview.txt")
    folder = tmp_path / "delivered"
    folder.mkdir()
    path = folder / "mini.yaml"
    path.write_text(MINIMAL.format(seed="../annex/interview.txt"), encoding="utf-8")
    return path, annex


def test_validate_refuses_an_untrusted_folder_and_says_how_to_trust_it(
    delivered: tuple[Path, Path],
) -> None:
    path, annex = delivered
    refused = run("validate", path)
    assert refused.returncode == 1
    (line,) = refused.stdout.splitlines()
    assert "leads outside the dossier's folder" in line
    assert "--trust DIR" in line and "Trust a Folder" in line
    trusted = run("validate", "--trust", annex, path)
    assert trusted.returncode == 0, trusted.stdout + trusted.stderr
    assert trusted.stdout.startswith(f"{path}: valid:")


def test_trust_is_repeatable_and_only_the_folders_named_count(
    delivered: tuple[Path, Path], tmp_path: Path
) -> None:
    path, annex = delivered
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert run("validate", "--trust", elsewhere, path).returncode == 1
    assert run("validate", "--trust", elsewhere, "--trust", annex, path).returncode == 0


def test_a_trusted_path_that_is_not_a_folder_is_a_usage_error(
    delivered: tuple[Path, Path],
) -> None:
    path, annex = delivered
    result = run("validate", "--trust", annex / "interview.txt", path)
    assert result.returncode == 2
    assert "is not a folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_search_export_notes_and_screenshot_take_trust(
    delivered: tuple[Path, Path], tmp_path: Path
) -> None:
    path, annex = delivered
    found = run("search", "Kuryk", "--dossier", path, "--trust", annex)
    assert found.returncode == 0, found.stderr
    assert "Kuryk" in found.stdout
    out = tmp_path / "brief.md"
    exported = run("export", "--dossier", path, "--trust", annex, "-o", out)
    assert exported.returncode == 0, exported.stderr
    assert "Bilateral trade" in out.read_text(encoding="utf-8")
    listed = run("notes", "list", "--dossier", path, "--trust", annex)
    assert listed.returncode == 0, listed.stderr
    shot = tmp_path / "shot.png"
    grabbed = run("screenshot", "--dossier", path, "--trust", annex, "-o", shot)
    assert grabbed.returncode == 0, grabbed.stderr
    assert shot.stat().st_size > 0
    refused_commands: list[list[str | Path]] = [
        ["export", "--dossier", path, "-o", tmp_path / "no.md"],
        ["notes", "list", "--dossier", path],
        ["screenshot", "--dossier", path, "-o", tmp_path / "no.png"],
    ]
    for command in refused_commands:
        refused = run(*command)
        assert refused.returncode == 1, command
        assert "--trust DIR" in refused.stderr, command
    assert not (tmp_path / "no.md").exists()


def test_search_does_not_serve_from_its_cache_what_is_trusted_no_longer(
    delivered: tuple[Path, Path],
) -> None:
    path, annex = delivered
    assert run("search", "Kuryk", "--dossier", path, "--trust", annex).returncode == 0
    again = run("search", "Kuryk", "--dossier", path)  # the index is cached by now
    assert again.returncode == 1
    assert "--trust DIR" in again.stderr
    assert "Kuryk" not in again.stdout
