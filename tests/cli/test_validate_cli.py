"""``dossier validate`` end to end, as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
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


def test_a_file_name_on_the_valid_line_is_printed_safely(tmp_path: Path) -> None:
    good = write(tmp_path)
    named = tmp_path / "a\x1b[31mb.yaml"
    named.write_bytes(good.read_bytes())
    result = run("validate", named)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "a\\x1b[31mb.yaml: valid:" in result.stdout


def test_the_status_survives_a_reader_that_stops_early_and_a_full_disk(tmp_path: Path) -> None:
    bad = tmp_path / "many.yaml"
    keys = "\n".join(f"k{i}: 1" for i in range(20_000))
    bad.write_text(f"format: briefing-dossier/1\nid: x\n{keys}\n", encoding="utf-8")
    command = [sys.executable, "-m", "dossier", "validate", str(bad)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    reader = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.readline().startswith(str(bad).encode())
    reader.stdout.close()  # as `| head -1` does
    assert reader.wait(timeout=60) == 1
    assert b"Traceback" not in reader.stderr.read()
    reader.stderr.close()

    with open("/dev/full", "w") as full:
        done = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, env=env, text=True,
                              timeout=60, check=False)  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == "dossier: cannot write the output: No space left on device\n"
