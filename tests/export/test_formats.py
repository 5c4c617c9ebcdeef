"""ODT, DOCX, Markdown and HTML, each read back with its own tools."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path
from typing import BinaryIO
from xml.etree import ElementTree as ET

import docx
import pytest

from dossier.core.briefing.choices import BriefingOptions
from dossier.core.loader import load_dossier
from dossier.core.model import Dossier
from dossier.export import formats
from dossier.export.formats import check_format, export_briefing
from dossier.export.formats.odt import NS
from dossier.export.pdf import ExportError, sweep_stale_parts
from tests.core.dossiers import MINIMAL, SEED
from tests.export.conftest import BUNDLED, HERE, PRODUCED

MARKED = HERE / "data" / "marked.yaml"


@pytest.fixture(scope="module")
def bundled() -> Dossier:
    return load_dossier(BUNDLED)


def _write(dossier: Dossier, out: Path, fmt: str, **options: object) -> Path:
    options.setdefault("produced", PRODUCED)
    export_briefing(dossier, out, BriefingOptions(**options), fmt)  # type: ignore[arg-type]
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]  # no part file left
    return out


def _q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


def test_the_format_comes_from_the_suffix_unless_named(tmp_path: Path) -> None:
    assert check_format(tmp_path / "b.ODT", None) == "odt"
    assert check_format(tmp_path / "b.txt", "md") == "md"
    with pytest.raises(ExportError, match="unknown format 'rtf'"):
        check_format(tmp_path / "b.odt", "rtf")
    with pytest.raises(ExportError, match=r"the output must be a \.pdf file"):
        check_format(tmp_path / "b.rtf", None)


def test_odt_has_outline_headings_tables_and_the_banner_in_header_and_footer(
    qapp: object, tmp_path: Path, bundled: Dossier
) -> None:
    out = _write(bundled, tmp_path / "b.odt", "odt", handling="Delegation only")
    with zipfile.ZipFile(out) as package:
        assert package.namelist()[0] == "mimetype"
        assert package.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        content = ET.fromstring(package.read("content.xml"))
        styles = ET.fromstring(package.read("styles.xml"))
        manifest = package.read("META-INF/manifest.xml").decode()
    assert 'full-path="styles.xml"' in manifest
    headings = {
        "".join(h.itertext()): h.get(_q("text", "outline-level"))
        for h in content.iter(_q("text", "h"))
    }
    for section in bundled.sections:
        assert headings[section.title] == "1"
    assert headings["Key figures"] == "2"
    assert len(list(content.iter(_q("table", "table")))) > 10
    header = "".join(next(styles.iter(_q("style", "header"))).itertext())
    footer = next(styles.iter(_q("style", "footer")))
    assert "UNCLASSIFIED" in header and "Delegation only" in header
    assert "UNCLASSIFIED" in "".join(footer.itertext())
    assert list(footer.iter(_q("text", "page-number")))
    assert list(footer.iter(_q("text", "page-count")))


def test_docx_reads_back_with_headings_tables_and_the_banner(
    qapp: object, tmp_path: Path, bundled: Dossier
) -> None:
    out = _write(bundled, tmp_path / "b.docx", "docx", draft=True)
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style and p.style.name == "Heading 1"]
    for section in bundled.sections:
        assert section.title in headings
    assert "Timeline" in headings
    assert len(document.tables) > 10
    figures = next(t for t in document.tables if t.rows[0].cells[0].text == "Figure")
    assert [c.text for c in figures.rows[0].cells][:2] == ["Figure", "Value"]
    assert all(r.bold for c in figures.rows[0].cells for r in c.paragraphs[0].runs)  # header
    # the key figures' first group: one bold cell across the table, then its figures
    group = figures.rows[1].cells
    assert {c.text for c in group} == {bundled.sections[0].title} and len(group) > 3
    assert group[0]._tc is group[-1]._tc  # merged, not the title repeated
    assert all(r.bold for r in group[0].paragraphs[0].runs)
    assert not any(r.bold for c in figures.rows[2].cells for r in c.paragraphs[0].runs)
    header = document.sections[0].header.paragraphs[0].text
    assert header == "UNCLASSIFIED — DRAFT"
    assert "UNCLASSIFIED" in document.sections[0].footer.paragraphs[0].text
    bullets = [p for p in document.paragraphs if p.style and p.style.name == "List Bullet"]
    assert any(bundled.sections[0].points[0].text in p.text for p in bullets)
    assert document.core_properties.category == "UNCLASSIFIED"


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_markdown_and_html_hold_every_section_and_no_remote_reference(
    qapp: object, tmp_path: Path, bundled: Dossier, fmt: str
) -> None:
    text = _write(bundled, tmp_path / f"b.{fmt}", fmt).read_text(encoding="utf-8")
    for section in bundled.sections:
        assert section.title in text
        assert section.points[-1].text.replace("'", "&#x27;" if fmt == "html" else "'") in text
    assert "¶ 30" in text.replace("\u00a0", " ")
    if fmt == "md":  # the key figures' groups head their rows in bold
        assert f"| **{bundled.sections[0].title}** |" in text
        assert re.search(r"^# Politics$", text, re.MULTILINE)
        assert "| Figure | Value | Unit |" in text
    else:
        assert "<style>" in text and "<link" not in text and "<img" not in text
        assert "@import" not in text and "url(" not in text
        assert not re.search(r"(src|href)=\"(?!#)", text)  # only links within the page
        assert text.count("UNCLASSIFIED</") >= 2  # banner at the top and the bottom
    assert "http://" not in text and "https://" not in text


def test_portion_marks_reach_the_editable_formats(qapp: object, tmp_path: Path) -> None:
    dossier = load_dossier(MARKED)
    md = _write(dossier, tmp_path / "m.md", "md", classification="CONFIDENTIAL",
                portion_marks=True).read_text(encoding="utf-8")  # fmt: skip
    assert "**CONFIDENTIAL**" in md
    assert "- (C) A street in Baku" in md.replace("\u00a0", " ")


@pytest.mark.parametrize("name", ["brief.md", "brief.txt"])
def test_a_briefing_being_written_is_named_for_its_format_and_swept_when_left(
    qapp: object, tmp_path: Path, bundled: Dossier, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:  # fmt: skip
    seen: list[str] = []
    real = formats._write

    def watched(out: BinaryIO, data: bytes) -> None:
        seen.extend(p.name for p in tmp_path.iterdir())
        real(out, data)

    monkeypatch.setattr(formats, "_write", watched)
    export_briefing(bundled, tmp_path / name, BriefingOptions(), "md")
    (part,) = seen
    kind = ".md" if name.endswith(".md") else ".briefing"
    assert part.startswith(".brief-") and part.endswith(f"{kind}.part")
    # One a killed export left an hour ago is swept by the next.
    left = tmp_path / part
    left.write_bytes(b"# half")
    os.utime(left, (time.time() - 7200,) * 2)
    assert sweep_stale_parts(tmp_path) == 1 and not left.exists()


def test_a_failed_plan_writes_nothing(qapp: object, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="give --classification"):
        export_briefing(load_dossier(MARKED), tmp_path / "m.odt", BriefingOptions(), "odt")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("fmt", ["odt", "docx"])
def test_libreoffice_converts_the_editable_formats(
    qapp: object, tmp_path: Path, bundled: Dossier, fmt: str
) -> None:
    (tmp_path / "in").mkdir()
    source = _write(bundled, tmp_path / "in" / f"b.{fmt}", fmt)
    result = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "txt:Text", "--outdir", str(tmp_path / "out"), str(source)],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "out" / "b.txt").read_text(encoding="utf-8-sig")
    for section in bundled.sections:
        assert section.title in text


CONTROLS = "\x00\x01\x08\x0b\x0c\x0e\x1b\x7f\x9b"


@pytest.mark.parametrize("fmt", ["docx", "odt", "html", "md"])
def test_control_characters_in_valid_text_never_reach_the_file(
    qapp: object, tmp_path: Path, fmt: str
) -> None:
    """A dossier may hold control characters (a source made by pdftotext has form feeds):
    every editable format is written, legible, without them (Word's XML refuses them,
    a terminal showing a Markdown file would obey an escape)."""
    source = tmp_path / "src.txt"
    source.write_text(SEED.read_text(encoding="utf-8") + "\n\x0cA page\x01 after a form feed.\n")
    text = MINIMAL.format(seed="src.txt").replace(
        "summary: Trade fell in 2020; transport links grew.",
        'summary: "Trade\\x01 fell\\x1b[31m in 2020\\x0c; links \\x9bgrew."',
    )
    # The dossier's own caveat (one typed for an export is refused: see the CLI's tests)
    text = text.replace("format: ", 'handling: "Handle\\x01 with care"\nformat: ', 1)
    (tmp_path / "d.yaml").write_text(text, encoding="utf-8")
    dossier = load_dossier(tmp_path / "d.yaml")
    assert "\x1b" in dossier.summary and "\x01" in (dossier.handling or "")
    out = tmp_path / "out"
    out.mkdir()
    path = _write(dossier, out / f"b.{fmt}", fmt, appendix=True)
    if fmt in ("docx", "odt"):
        with zipfile.ZipFile(path) as archive:
            parts = [archive.read(n) for n in archive.namelist() if n.endswith(".xml")]
        # every part is well-formed XML; its text, however it is split into runs
        written = "".join("".join(ET.fromstring(part).itertext()) for part in parts)
    else:
        written = path.read_text(encoding="utf-8")
    assert not set(CONTROLS) & set(written)
    assert "[31m in 2020" in written and "A page after a form feed." in written
    assert "Handle with care" in written
