"""``dossier screenshot`` end to end, in a fresh process on the offscreen platform."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from tests.processes import REPO, run_dossier


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    return run_dossier(*args, cwd=cwd, env=env)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.slow
@pytest.mark.parametrize("tab", ["overview", "energy", "source", "source:interview"])
def test_screenshot_writes_a_png_of_the_requested_size(tmp_path: Path, tab: str) -> None:
    out = tmp_path / "shot.png"
    result = run("screenshot", "--tab", tab, "--size", "900x640", "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (900, 640)
    assert [p.name for p in tmp_path.iterdir()] == ["shot.png"]  # no temporary file left


@pytest.mark.slow
def test_unknown_tab_is_one_line_listing_the_tabs(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    result = run("screenshot", "--tab", "nope", "-o", str(out), cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "nope" in lines[0] and "overview" in lines[0] and "politics" in lines[0]
    assert not out.exists()


@pytest.mark.slow
def test_bad_output_path_is_one_line(tmp_path: Path) -> None:
    result = run("screenshot", "-o", str(tmp_path / "missing" / "x.png"), cwd=tmp_path)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "does not exist" in result.stderr


def test_view_of_a_missing_path_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    result = run("view", str(missing), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == f"dossier: {missing}: no such file or folder"


def test_view_without_a_display_is_one_line(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "dossier"],
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if sys.platform.startswith("linux"):
        assert result.returncode == 1
        assert result.stderr.startswith("dossier: no display to open the viewer on")
        assert len(result.stderr.strip().splitlines()) == 1
