"""The exported PDF, read back with pypdf as a reader's tools would see it."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any, TypeVar

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, PdfObject

from dossier.core.loader import load_dossier
from dossier.core.resources import bundled_dossier
from dossier.export import pdf as pdf_module
from dossier.export.pdf import CONTENTS_LINK, ExportError, check_output
from dossier.export.style import PageGeometry
from tests.export.conftest import BUNDLED, MULTILINGUAL, Exported, export, squash
from tests.pdfs import bookmarks

A4 = (595, 842)
LETTER = (612, 792)

PdfT = TypeVar("PdfT", bound=PdfObject)


def resolved(kind: type[PdfT], value: object) -> PdfT:
    """``value`` with an indirect reference followed, checked to be the ``kind`` it must be."""
    if isinstance(value, PdfObject):
        value = value.get_object()
    assert isinstance(value, kind), f"{value!r} is not a {kind.__name__}"
    return value


def outline(exported: Exported) -> list[tuple[str, int]]:
    return bookmarks(exported.reader)


def part_pages(exported: Exported, title: str) -> range:
    """The page indexes of the part the outline calls ``title``."""
    entries = outline(exported)
    starts = [page for _, page in entries] + [len(exported.reader.pages)]
    index = [t for t, _ in entries].index(title)
    return range(starts[index], starts[index + 1])


def text_of(exported: Exported, pages: range) -> str:
    return squash("".join(exported.texts[i] for i in pages))


def test_outline_has_an_entry_per_part_in_reading_order(bundled_pdf: Exported) -> None:
    titles = [title for title, _ in outline(bundled_pdf)]
    sections = [s.title for s in bundled_pdf.dossier.sections]
    source = bundled_pdf.dossier.sources[0]
    assert titles == [
        "Cover",
        "Bottom line up front",
        "Contents",
        *sections,
        "Timeline",
        "Who’s who",  # the picture pages follow the timeline's run, which holds this
        "Timeline chart",
        "Map of the places",
        "Sources",
        f"Appendix A: {source.title}",
    ]
    pages = [page for _, page in outline(bundled_pdf)]
    assert pages[0] == 0
    assert pages == sorted(set(pages)), "each part starts on a page of its own"


def test_page_count_is_sane(bundled_pdf: Exported) -> None:
    count = len(bundled_pdf.reader.pages)
    assert count == bundled_pdf.result.pages
    assert 12 <= count <= 80


def test_every_page_carries_banner_top_and_bottom_page_number_and_as_of(
    bundled_pdf: Exported,
) -> None:
    total = len(bundled_pdf.texts)
    for index, text in enumerate(bundled_pdf.texts):
        flat = squash(text)
        assert flat.count("UNCLASSIFIED") >= 2, f"page {index + 1}: banner top and bottom"
        assert f"Page{index + 1}of{total}" in flat, f"page {index + 1}: page number"
        assert "AsofFeb2021" in flat, f"page {index + 1}: as-of date"


def test_every_page_from_the_cover_on_has_the_title_in_its_header(bundled_pdf: Exported) -> None:
    title = bundled_pdf.dossier.title
    pages = bundled_pdf.reader.pages
    assert len(pages) == bundled_pdf.result.pages
    head = float(pages[0].mediabox.height) - PageGeometry.for_paper("A4").head_baseline
    for index, page in enumerate(pages):
        heights = _heights_of(page, title)
        assert any(abs(y - head) < 1 for y in heights), f"page {index + 1}: {heights}"


def test_banner_stands_at_the_top_and_the_bottom_of_the_page(bundled_pdf: Exported) -> None:
    for page in (bundled_pdf.reader.pages[0], bundled_pdf.reader.pages[7]):
        heights = _banner_heights(page)
        height = float(page.mediabox.height)
        assert heights, "the banner is real text"
        assert max(heights) > 0.93 * height
        assert min(heights) < 0.07 * height


def _banner_heights(page: Any) -> list[float]:
    return _heights_of(page, "UNCLASSIFIED")


def _heights_of(page: Any, needle: str) -> list[float]:
    """How high on ``page`` (points from the bottom) each run of text holding
    ``needle`` stands."""
    return [y for text, y in _runs(page) if squash(needle) in text]


def _runs(page: Any) -> list[tuple[str, float]]:
    """Each run of text on ``page`` (without white space) and the height of its baseline."""
    runs: list[tuple[str, float]] = []

    def visit(text: str, cm: Any, tm: Any, _fd: Any, _fs: Any) -> None:
        runs.append((squash(text), float(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])))

    page.extract_text(visitor_text=visit)
    return runs


def test_running_head_names_each_part(bundled_pdf: Exported) -> None:
    for section in bundled_pdf.dossier.sections:
        for index in part_pages(bundled_pdf, section.title):
            assert squash(section.title) in squash(bundled_pdf.texts[index])


def test_each_section_prints_its_content_on_its_own_pages(bundled_pdf: Exported) -> None:
    for section in bundled_pdf.dossier.sections:
        text = text_of(bundled_pdf, part_pages(bundled_pdf, section.title))
        assert squash(section.summary)[:60] in text
        for point in section.points:
            assert squash(point.text)[:40] in text, point.anchor
        for figure in section.figures:
            assert squash(figure.value_text) in text, figure.anchor
        for entity in section.entities:
            assert squash(entity.name) in text, entity.anchor


def test_contents_gives_the_page_each_part_starts_on(bundled_pdf: Exported) -> None:
    contents = text_of(bundled_pdf, part_pages(bundled_pdf, "Contents"))
    for title, page in outline(bundled_pdf)[3:7]:
        assert f"{squash(title)}{page + 1}" in contents, title


def test_citations_print_as_paragraph_references(bundled_pdf: Exported) -> None:
    politics = bundled_pdf.dossier.section("politics")
    text = text_of(bundled_pdf, part_pages(bundled_pdf, politics.title))
    for point in politics.points:
        for cite in point.cites:
            assert f"¶{cite.paragraph}" in text


def test_appendix_numbers_paragraphs_as_the_source_tab_does(bundled_pdf: Exported) -> None:
    source = bundled_pdf.dossier.sources[0]
    text = text_of(bundled_pdf, part_pages(bundled_pdf, f"Appendix A: {source.title}"))
    position = 0
    for paragraph in source.text.paragraphs:
        turn = paragraph.turn or ""
        marker = f"{paragraph.number}{turn}{squash(paragraph.text)[:12]}"
        found = text.find(marker, position)
        assert found >= 0, f"paragraph {paragraph.number}"
        position = found


def test_metadata(bundled_pdf: Exported) -> None:
    meta = bundled_pdf.reader.metadata
    assert meta is not None
    assert meta.title == "Kazakhstan – Azerbaijan: briefing"
    assert meta.author
    assert meta.subject and "Kazakh Ambassador" in meta.subject
    assert "Kazakhstan" in str(meta.get("/Keywords")) and "Energy" in str(meta.get("/Keywords"))
    assert meta.creator and "briefing-dossier" in meta.creator


def _fonts(reader: PdfReader) -> list[DictionaryObject]:
    fonts = []
    for page in reader.pages:
        resources = resolved(DictionaryObject, page["/Resources"])
        for font in resources.get("/Font", {}).values():
            fonts.append(resolved(DictionaryObject, font))
    return fonts


@pytest.mark.parametrize("which", ["bundled_pdf", "multilingual_pdf"])
def test_fonts_are_embedded_truetype(which: str, request: pytest.FixtureRequest) -> None:
    exported: Exported = request.getfixturevalue(which)
    fonts = _fonts(exported.reader)
    assert fonts
    names = set()
    for font in fonts:
        assert str(font["/Subtype"]) != "/Type3", "text is never drawn as Type 3 outlines"
        descendant = resolved(DictionaryObject, resolved(ArrayObject, font["/DescendantFonts"])[0])
        descriptor = resolved(DictionaryObject, descendant["/FontDescriptor"])
        assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is embedded"
        names.add(str(font["/BaseFont"]))
    assert any("CharisSIL" in n for n in names) and any("NotoSans-Bold" in n for n in names)


def test_azerbaijani_and_cyrillic_text_can_be_extracted(multilingual_pdf: Exported) -> None:
    text = squash("".join(multilingual_pdf.texts))
    for word in (
        "Azərbaycan", "Qazaxıstan", "Şuşa", "Gəncədə", "İlhamƏliyev", "dövriyyəsi",
        "ğıöüİ", "Қазақстан", "Құнанбайұлы", "көшесі", "Құрық", "достығын",
    ):  # fmt: skip
        assert word in text, word
    assert "RƏSMI" in text  # the classification banner, in capitals


def test_paper_sizes(bundled_pdf: Exported, multilingual_pdf: Exported) -> None:
    for page in bundled_pdf.reader.pages:
        assert (round(page.mediabox.width), round(page.mediabox.height)) == A4
    for page in multilingual_pdf.reader.pages:
        assert (round(page.mediabox.width), round(page.mediabox.height)) == LETTER


def test_sections_subset_in_the_order_asked(qapp: object, tmp_path: Path) -> None:
    exported = export(MULTILINGUAL, tmp_path / "subset.pdf", sections=("transport", "culture"))
    titles = [title for title, _ in outline(exported)]
    assert titles[3:5] == ["Көлік", "Mədəniyyət"]
    assert "Ticarət" not in titles
    assert "Ticarətdövriyyəsi" not in squash("".join(exported.texts))
    assert not any(t.startswith("Appendix") for t in titles)


def test_classification_override_on_every_page(qapp: object, tmp_path: Path) -> None:
    exported = export(MULTILINGUAL, tmp_path / "c.pdf", classification="restricted")
    for text in exported.texts:
        assert squash(text).count("RESTRICTED") >= 2


def test_unknown_section_is_refused_and_nothing_is_written(qapp: object, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    with pytest.raises(ExportError, match=r"unknown section 'nope'; valid: culture, trade"):
        export(MULTILINGUAL, out, sections=("culture", "nope"))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("folder.pdf", "is a folder"),
        ("missing/out.pdf", "folder does not exist"),
        ("out.txt", "must be a .pdf file"),
    ],
)
def test_bad_output_paths(qapp: object, tmp_path: Path, name: str, message: str) -> None:
    (tmp_path / "folder.pdf").mkdir()
    with pytest.raises(ExportError, match=message):
        export(MULTILINGUAL, tmp_path / name)


def test_the_dossier_itself_is_never_overwritten(qapp: object, tmp_path: Path) -> None:
    dossier = load_dossier(MULTILINGUAL)
    target = tmp_path / "d.pdf"
    object.__setattr__(dossier, "path", target)
    target.write_bytes(b"not a pdf")
    with pytest.raises(ExportError, match="overwrite the dossier"):
        export(dossier, target)
    assert target.read_bytes() == b"not a pdf"


@pytest.mark.parametrize("where", ["finish_pdf", "replace"])
def test_a_full_disk_leaves_the_old_file_and_no_partial_file(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    out = tmp_path / "briefing.pdf"
    out.write_bytes(b"%PDF-1.4 the old briefing")

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    if where == "finish_pdf":
        original = pdf_module.finish_pdf

        def half_then_full(data: bytes, *args: Any) -> None:
            args[-1].write(data[:1000])  # part of the file is written, then the disk fills
            full()
            original(data, *args)

        monkeypatch.setattr(pdf_module, "finish_pdf", half_then_full)
    else:
        monkeypatch.setattr(os, "replace", full)
    with pytest.raises(ExportError, match="disk is full"):
        export(MULTILINGUAL, out)
    assert out.read_bytes() == b"%PDF-1.4 the old briefing"
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.pdf"]


def test_an_existing_file_is_replaced_whole(qapp: object, tmp_path: Path) -> None:
    out = tmp_path / "briefing.pdf"
    out.write_bytes(b"old")
    exported = export(MULTILINGUAL, out)
    assert out.read_bytes().startswith(b"%PDF")
    assert len(exported.reader.pages) == exported.result.pages
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.pdf"]


def test_the_bundled_briefing_is_the_shipped_dossier_s(bundled_pdf: Exported) -> None:
    """What ``dossier export`` prints by default is the dossier the app ships, and its
    cover tells a reader which one: title, subtitle, as-of date, source, sections."""
    assert BUNDLED.resolve() == bundled_dossier().resolve()
    dossier = bundled_pdf.dossier
    cover = squash(bundled_pdf.texts[0])
    assert squash(dossier.title) in cover
    assert dossier.subtitle and squash(dossier.subtitle) in cover
    assert f"Asof{squash(dossier.as_of.display())}" in cover
    assert squash(dossier.sources[0].title) in cover
    assert squash(", ".join(s.title for s in dossier.sections)) in cover
    assert "1Mar2021" in cover  # the date produced the briefing asked for


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("~no-such-user-here/b.pdf", "cannot find the home folder"),
        ("b\0c.pdf", "NUL character"),
        ("n" * 300 + ".pdf", "file name is too long"),
        ("deep/" * 1000 + "b.pdf", "path is too long"),
    ],
)
def test_odd_output_paths_are_one_line_errors(tmp_path: Path, name: str, message: str) -> None:
    path = Path(name) if name.startswith("~") else tmp_path / name
    with pytest.raises(ExportError, match=message) as caught:
        check_output(path)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 400


def test_the_longest_name_the_folder_takes_is_written(qapp: object, tmp_path: Path) -> None:
    out = tmp_path / ("n" * 251 + ".pdf")  # 255 bytes; the temporary file fits too
    exported = export(MULTILINGUAL, out)
    assert len(exported.reader.pages) == exported.result.pages
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


@pytest.mark.parametrize("which", ["dossier", "source"])
def test_neither_the_dossier_nor_its_source_is_overwritten(
    qapp: object, tmp_path: Path, which: str
) -> None:
    dossier = load_dossier(MULTILINGUAL)
    target = dossier.path if which == "dossier" else dossier.sources[0].path
    before = target.read_bytes()
    with pytest.raises(ExportError, match=r"must be a \.pdf file"):
        export(dossier, target)
    link = tmp_path / "innocent.pdf"  # a .pdf name that leads to the file all the same
    link.symlink_to(target)
    with pytest.raises(ExportError, match="the output is a symbolic link"):
        export(dossier, link)
    assert target.read_bytes() == before
    assert link.is_symlink()


def _links(exported: Exported) -> list[tuple[int, DictionaryObject]]:
    """Every link annotation but the contents entries', with the index of its page."""
    return [
        (index, annot)
        for index, page in enumerate(exported.reader.pages)
        for annot in (resolved(DictionaryObject, a) for a in page.get("/Annots") or [])
        if annot.get("/Subtype") == "/Link" and annot.get("/Contents") != CONTENTS_LINK
    ]


def _uris(exported: Exported) -> list[str]:
    actions = [resolved(DictionaryObject, a["/A"]) for _, a in _links(exported) if "/A" in a]
    return [str(action.get("/URI", "")) for action in actions]


def test_paragraph_markers_link_to_the_paragraph_in_the_appendix(bundled_pdf: Exported) -> None:
    source = bundled_pdf.dossier.sources[0]
    appendix = part_pages(bundled_pdf, f"Appendix A: {source.title}")
    assert not [u for u in _uris(bundled_pdf) if u.startswith("cite:")], "no cite: web links"
    links = _links(bundled_pdf)
    assert len(links) > 100, "the ¶ markers stay clickable"
    pages = bundled_pdf.reader.pages
    page_of = {page.indirect_reference.idnum: i for i, page in enumerate(pages)}  # type: ignore[union-attr]
    runs = {i: _runs(pages[i]) for i in appendix}
    for index, link in links:
        assert index not in appendix
        number = int(str(link["/Contents"]).removeprefix("¶ "))
        destination = resolved(ArrayObject, link["/Dest"])
        target = page_of[destination[0].idnum]
        assert target in appendix, f"¶ {number} from page {index + 1}"
        top = float(destination[3])
        numbers = [y for text, y in runs[target] if text == str(number)]
        # The view opens just above the paragraph's number in the margin.
        assert any(0 < top - y < 24 for y in numbers), f"¶ {number}: {top} {numbers}"


def test_without_the_appendix_markers_are_plain_text(qapp: object, tmp_path: Path) -> None:
    exported = export(MULTILINGUAL, tmp_path / "plain.pdf")
    assert exported.dossier.sections[0].points[0].cites, "the fixture cites its source"
    assert "¶" in "".join(exported.texts)
    assert _links(exported) == []


@pytest.mark.parametrize(
    ("existing", "umask", "mode"),
    [(None, 0o077, 0o600), (None, 0o022, 0o644), (0o640, 0o022, 0o640)],
)
def test_file_mode_follows_the_umask_or_the_file_replaced(
    qapp: object, tmp_path: Path, existing: int | None, umask: int, mode: int
) -> None:
    out = tmp_path / "secret.pdf"
    if existing is not None:
        out.write_bytes(b"old")
        out.chmod(existing)
    old = os.umask(umask)
    try:
        export(MULTILINGUAL, out, classification="Secret")
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == mode
    assert [p.name for p in tmp_path.iterdir()] == ["secret.pdf"]
