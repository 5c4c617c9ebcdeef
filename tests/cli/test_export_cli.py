"""``dossier export`` end to end, as a user runs it: exit status and one-line messages."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.pdfs import bookmarks
from tests.processes import REPO, run_dossier

MULTILINGUAL = REPO / "tests" / "export" / "data" / "baku-astana.yaml"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)  # the command must choose offscreen by itself
    env["PYTHONPATH"] = str(REPO)
    return run_dossier("export", *args, cwd=cwd or REPO, env=env)


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_bundled_briefing_from_another_folder(tmp_path: Path) -> None:
    out = tmp_path / "briefing.pdf"
    result = run("-o", str(out), "--page-size", "Letter", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    assert len(reader.pages) >= 10
    assert round(reader.pages[0].mediabox.width) == 612
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.pdf"]


def test_sections_appendix_and_classification(tmp_path: Path) -> None:
    out = tmp_path / "b.pdf"
    result = run(
        "--dossier", str(MULTILINGUAL), "-o", str(out),
        "--sections", "trade, culture", "--classification", "Secret", "--appendix",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    titles = [title for title, _ in bookmarks(reader)]
    assert titles[3:5] == ["Ticarət", "Mədəniyyət"]
    assert titles[-1].startswith("Appendix A")
    assert "SECRET" in reader.pages[0].extract_text()


def test_unknown_section_lists_the_valid_ones(tmp_path: Path) -> None:
    out = tmp_path / "b.pdf"
    result = run("--dossier", str(MULTILINGUAL), "-o", str(out), "--sections", "culture,fish")
    line = one_line_error(result)
    assert "unknown section 'fish'" in line
    assert "valid: culture, trade, transport" in line
    assert not out.exists()


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("missing/b.pdf", "the output folder does not exist"),
        ("adir.pdf", "the output is a folder"),
        ("b.txt", "the output must be a .pdf file"),
    ],
)
def test_bad_output_paths(tmp_path: Path, target: str, message: str) -> None:
    (tmp_path / "adir.pdf").mkdir()
    line = one_line_error(run("--dossier", str(MULTILINGUAL), "-o", str(tmp_path / target)))
    assert message in line


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("~no-such-user-here/b.pdf", "cannot find the home folder in the output path"),
        ("TMP/" + "n" * 300 + ".pdf", "the output file name is too long"),
        ("TMP/" + "deep/" * 1000 + "b.pdf", "the output path is too long"),
        ("TMP/no\nsuch/b.pdf", "the output folder does not exist"),
    ],
)
def test_odd_output_paths_are_one_line_errors(tmp_path: Path, target: str, message: str) -> None:
    result = run("--dossier", str(MULTILINGUAL), "-o", target.replace("TMP", str(tmp_path)))
    line = one_line_error(result)
    assert line.startswith(f"dossier: {message}")
    assert "unexpected" not in line
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("which", ["dossier", "source"])
def test_the_dossier_and_its_source_are_never_the_output(tmp_path: Path, which: str) -> None:
    source = MULTILINGUAL.parent / "baku-astana-source.txt"
    target = MULTILINGUAL if which == "dossier" else source
    before = target.read_bytes()
    line = one_line_error(run("--dossier", str(MULTILINGUAL), "-o", str(target)))
    assert "the output must be a .pdf file" in line
    assert target.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        line = one_line_error(run("--dossier", str(MULTILINGUAL), "-o", str(folder / "b.pdf")))
    finally:
        folder.chmod(0o700)
    assert "cannot write to the output folder" in line


def test_invalid_dossier_reports_its_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: briefing-dossier/1\nid: x\n", encoding="utf-8")
    result = run("--dossier", str(bad), "-o", str(tmp_path / "b.pdf"))
    assert result.returncode == 1
    assert str(bad) in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "b.pdf").exists()


def test_empty_sections_option(tmp_path: Path) -> None:
    line = one_line_error(
        run("--dossier", str(MULTILINGUAL), "-o", str(tmp_path / "b.pdf"), "--sections", ",")
    )
    assert "names no section" in line


MARKED = REPO / "tests" / "export" / "data" / "marked.yaml"


def test_brief_template_and_the_format_from_the_suffix(tmp_path: Path) -> None:
    pdf = tmp_path / "brief.pdf"
    result = run("--template", "brief", "--page-size", "Letter", "-o", str(pdf))
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(pdf).pages) <= 2
    odt = tmp_path / "b.odt"
    assert run("--dossier", str(MULTILINGUAL), "-o", str(odt)).returncode == 0
    assert odt.read_bytes()[:2] == b"PK"
    md = tmp_path / "b.txt"
    assert run("--dossier", str(MULTILINGUAL), "--format", "md", "-o", str(md)).returncode == 0
    assert md.read_text(encoding="utf-8").startswith("**RƏSMI ISTIFADƏ ÜÇÜN**")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--template", "short"), "unknown template 'short'; use full, brief, points"),
        (("--format", "rtf"), "unknown format 'rtf'"),
        (("--points", "politics/point/99"), "no point 'politics/point/99' in the printed"),
        (("--template", "points", "--points", ",".join(f"politics/point/{i}" for i in
          range(1, 17)) + ",culture/point/1,culture/point/2,culture/point/3,trade/point/1,"
          "trade/point/2,trade/point/3,trade/point/4,trade/point/5,investment/point/1,"
          "investment/point/2,investment/point/3,investment/point/4,investment/point/5,"
          "investment/point/6"), "the talking points need 3 pages, about"),
    ],
)  # fmt: skip
def test_bad_choices_are_one_line_and_write_nothing(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    out = tmp_path / "b.pdf"
    line = one_line_error(run(*args, "-o", str(out)))
    assert message in line
    assert list(tmp_path.iterdir()) == []


def test_a_banner_lower_than_an_item_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "m.pdf"
    line = one_line_error(run("--dossier", str(MARKED), "-o", str(out)))
    assert "give --classification CONFIDENTIAL" in line
    assert not out.exists()
    result = run("--dossier", str(MARKED), "--classification", "CONFIDENTIAL",
                 "--portion-marks", "-o", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "(C)A" in "".join(PdfReader(out).pages[3].extract_text().split())


def test_a_folder_of_dossiers_to_a_folder(tmp_path: Path) -> None:
    source = tmp_path / "dossiers"
    source.mkdir()
    for name in ("baku-astana.yaml", "baku-astana-source.txt"):
        (source / name).write_bytes((MULTILINGUAL.parent / name).read_bytes())
    (source / "broken.yaml").write_text("format: briefing-dossier/1\nid: x\n", encoding="utf-8")
    (source / "loop.yaml").symlink_to("loop.yaml")  # once a traceback for the whole folder
    out = tmp_path / "out"
    out.mkdir()
    result = run("--dossier", str(source), "--template", "points", "--format", "html",
                 "-o", str(out))  # fmt: skip
    assert result.returncode == 1
    assert [p.name for p in out.iterdir()] == ["baku-astana-points.html"]
    problems = result.stderr.strip().splitlines()
    assert len(problems) == 2 and problems[0].startswith(str(source / "broken.yaml"))
    assert problems[1].startswith(f"{source / 'loop.yaml'}: cannot read: ")
    missing = one_line_error(run("--dossier", str(source), "-o", str(tmp_path / "nowhere")))
    assert "the output folder does not exist" in missing
    (tmp_path / "afile").write_text("not a folder", encoding="utf-8")
    a_file = one_line_error(run("--dossier", str(source), "-o", str(tmp_path / "afile")))
    assert "the output folder is a file, not a folder" in a_file


def test_two_dossiers_of_one_id_in_a_folder_never_replace_each_others_briefing(
    tmp_path: Path,
) -> None:
    source = tmp_path / "dossiers"
    source.mkdir()
    for name in ("baku-astana.yaml", "baku-astana-source.txt"):
        (source / name).write_bytes((MULTILINGUAL.parent / name).read_bytes())
    text = (source / "baku-astana.yaml").read_text(encoding="utf-8")
    (source / "copy.yaml").write_text(text.replace("title: ", "title: Copy of ", 1), "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = run("--dossier", str(source), "--format", "md", "-o", str(out))
    assert result.returncode == 1
    assert [p.name for p in out.iterdir()] == ["baku-astana.md"]
    assert "Copy of" not in (out / "baku-astana.md").read_text(encoding="utf-8")  # the first
    (problem,) = result.stderr.strip().splitlines()
    assert problem.startswith(str(source / "copy.yaml")) and "is already used by" in problem
    assert result.stdout.count("wrote ") == 1
