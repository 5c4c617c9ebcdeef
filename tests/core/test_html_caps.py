"""A huge source renders a capped page (with a line saying so) and names its file."""

from __future__ import annotations

from pathlib import Path

from dossier.core import anchors
from dossier.core.briefing.full import APPENDIX_PARAGRAPHS, appendix_html
from dossier.core.html.pages import source_html
from dossier.core.html.sources import SOURCE_PAGE_PARAGRAPHS
from dossier.core.loader import load_dossier as load
from tests.core.dossiers import MINIMAL

BIG = MINIMAL.replace("{seed}", "big.txt").replace(
    'cite: "our trade turnover fell by 38% in 2020"', 'cite: "line 7 of the source"'
)


def _big_dossier(tmp_path: Path, paragraphs: int) -> Path:
    text = "\n\n".join(
        f"Paragraph {n} of the source, line {n} of the source." for n in range(1, paragraphs + 1)
    )
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "big.yaml"
    body = BIG.split("    figures:")[0].replace("{{", "{").replace("}}", "}")
    path.write_text(body, encoding="utf-8")
    return path


def test_a_huge_source_page_is_capped_with_a_line_saying_so(tmp_path: Path) -> None:
    total = SOURCE_PAGE_PARAGRAPHS + 2500
    dossier = load(_big_dossier(tmp_path, total))
    source = dossier.sources[0]
    assert len(source.text.paragraphs) == total
    page = source_html(dossier, source)
    last = SOURCE_PAGE_PARAGRAPHS
    assert f'name="{anchors.paragraph(source.id, last)}"' in page
    assert f'name="{anchors.paragraph(source.id, last + 1)}"' not in page
    assert f"Showing paragraphs 1\u2013{last:,} of {total:,}; search finds the rest." in page


def test_a_short_source_page_is_whole_without_a_cap_line(tmp_path: Path) -> None:
    dossier = load(_big_dossier(tmp_path, 30))
    page = source_html(dossier, dossier.sources[0])
    assert f'name="{anchors.paragraph("interview", 30)}"' in page
    assert "Showing paragraphs" not in page


def test_the_source_page_names_its_file_relative_to_the_dossier(tmp_path: Path) -> None:
    dossier = load(_big_dossier(tmp_path, 30))
    assert "File: big.txt" in source_html(dossier, dossier.sources[0])


def test_a_huge_source_appendix_is_capped_with_a_line_saying_so(tmp_path: Path) -> None:
    total = APPENDIX_PARAGRAPHS + 10
    dossier = load(_big_dossier(tmp_path, total))
    page = appendix_html(dossier, 0)
    last = APPENDIX_PARAGRAPHS
    assert f'name="{anchors.paragraph("interview", last + 1)}"' not in page
    assert f"Printed: paragraphs 1\u2013{last:,} of {total:,}" in page
