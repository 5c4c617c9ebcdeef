"""``pip install .`` ships the dossier, its source and the resources inside the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.processes import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("*.whl")
    return built


def test_wheel_carries_data_and_entry_point(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "dossier/_data/resources/dossiers/kazakhstan-azerbaijan-2021.yaml",
        "dossier/_data/seeds/kazakhstan-azerbaijan-ambassador-interview-2021.txt",
        "dossier/core/loader/__init__.py",
    }
    assert expected <= names
    assert any(name.startswith("dossier/_data/resources/fonts/") for name in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "dossier = dossier.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_wheel_validates_from_any_folder(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from dossier.core.resources import bundled_dossier;"
        "from dossier.cli import main;"
        "assert str(bundled_dossier()).startswith(sys.argv[1]);"
        "sys.exit(main(['validate', str(bundled_dossier())]))"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", code, str(target)],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert ": valid: 6 sections" in result.stdout
