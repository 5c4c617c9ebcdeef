"""``dossier validate`` end to end, as a user runs it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.core.dossiers import MINIMAL, write
from tests.processes import REPO, run_dossier


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return run_dossier(*args, timeout=60)


def test_bundled_dossier_is_valid_and_counted(bundled: Path) -> None:
    result = run("validate", bundled)
    assert result.returncode == 0, result.stdout + result.stderr
    (line,) = result.stdout.splitlines()
    assert line.startswith(f"{bundled}: valid: 6 sections, ")
    for word in ("points", "figures", "events", "entities", "quotes", "citations"):
        assert f" {word}" in line


def test_each_problem_is_one_line_with_position(tmp_path: Path) -> None:
    text = MINIMAL.replace("    title: Trade\n", "    titel: Trade\n").replace(
        "value: 142", "value: lots"
    )
    path = write(tmp_path, text)
    result = run("validate", path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert all(line.startswith(f"{path}:") for line in lines)
    assert "Traceback" not in result.stdout + result.stderr


def test_several_paths_report_each(tmp_path: Path, bundled: Path) -> None:
    good = write(tmp_path)
    result = run("validate", good, tmp_path / "missing.yaml", bundled)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{good}: valid:")
    assert lines[1] == f"{tmp_path / 'missing.yaml'}: no such file (the dossier was not found)"
    assert lines[2].startswith(f"{bundled}: valid:")


def test_hostile_yaml_gets_a_line_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text("!!python/object/apply:os.system ['touch pwned']\n")
    result = run("validate", path)
    assert result.returncode == 1
    assert "not allowed" in result.stdout
    assert not (REPO / "pwned").exists()
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2() -> None:
    assert run("validate").returncode == 2
    assert run("frobnicate").returncode == 2
    assert run("search", "x", "--limit", "0").returncode == 2


def test_an_unexpected_error_is_one_line_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from dossier import cli
    from dossier.cli import validate

    def broken(_paths: object, _trusted: object = ()) -> int:
        raise RuntimeError("disk on fire \x1b[31m")

    monkeypatch.delenv("DOSSIER_DEBUG", raising=False)
    monkeypatch.setattr(validate, "run_validate", broken)
    assert cli.main(["validate", "x.yaml"]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "dossier: unexpected error: RuntimeError('disk on fire \\x1b[31m') "
        "(set DOSSIER_DEBUG=1 for details)"
    ]


def test_control_characters_in_a_dossier_never_reach_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "escape.yaml"
    path.write_text('format: briefing-dossier/1\n"\\e[2Jtitle": x\n', encoding="utf-8")
    result = run("validate", path)
    assert result.returncode == 1
    assert "\x1b" not in result.stdout
    assert "unknown key '\\x1b[2Jtitle'" in result.stdout
