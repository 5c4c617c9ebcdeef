"""The briefing in the formats people edit and paste: ODT, DOCX, Markdown and HTML.

Each is made from the same planned parts (:func:`dossier.core.briefing.plan.plan_briefing`)
as the PDF. ODT is written by Qt's own ODF writer and then completed: Qt writes every
paragraph as plain ``text:p`` and no ``styles.xml``, so headings become real outline
headings (``text:h`` with Heading styles) and a master page carries the classification
in its header and footer, with "Page N of M". DOCX is built with python-docx from the
blocks and tables of the same rich-text document; Markdown too. The HTML file is
self-contained: its style sheet is inline and it references nothing outside itself.
Every file is written atomically.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from xml.etree import ElementTree as ET

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QTextBlock, QTextDocument, QTextDocumentWriter, QTextTable

from dossier.core import styles as S
from dossier.core.briefing.choices import BriefingError, BriefingOptions
from dossier.core.briefing.parts import CONTENTS, part_anchor
from dossier.core.briefing.plan import Briefing, plan_briefing
from dossier.core.html import pieces as h
from dossier.core.model import Dossier
from dossier.export.fonts import register_fonts
from dossier.export.layout import _top_items
from dossier.export.pdf import (
    ExportError,
    ExportResult,
    check_not_input,
    check_output,
    describe_os_error,
    export_pdf,
    write_atomically,
)
from dossier.export.style import layout_dpi, stylesheet

log = logging.getLogger("dossier.export")

FORMATS = ("pdf", "odt", "docx", "md", "html")
FORMAT_NAMES = {"pdf": "PDF", "odt": "ODT", "docx": "DOCX", "md": "Markdown", "html": "HTML"}


def check_format(output: Path, override: str | None) -> str:
    """The format to write: ``override`` when given, else the output's suffix."""
    if override is not None:
        fmt = override.strip().lower().lstrip(".")
        if fmt not in FORMATS:
            raise ExportError(f"unknown format {override!r}; use {', '.join(FORMATS)}")
        return fmt
    fmt = output.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        others = ", ".join(f".{f}" for f in FORMATS[1:])
        raise ExportError(f"the output must be a .pdf file (or {others}): {output}")
    return fmt


def export_briefing(
    dossier: Dossier, output: Path, options: BriefingOptions, fmt: str
) -> ExportResult:
    """Write the briefing in ``fmt`` (one of FORMATS); ExportError on failure."""
    if fmt == "pdf":
        return export_pdf(dossier, output, options, any_suffix=True)
    path = check_output(output, any_suffix=True)
    check_not_input(dossier, path)
    try:
        briefing = plan_briefing(dossier, options)
    except BriefingError as error:
        raise ExportError(str(error)) from None
    writers: dict[str, Callable[[Briefing], bytes]] = {
        "odt": odt_bytes,
        "docx": docx_bytes,
        "md": lambda b: markdown_text(b).encode("utf-8"),
        "html": lambda b: html_text(b).encode("utf-8"),
    }
    data = writers[fmt](briefing)
    try:
        write_atomically(path, lambda out: _write(out, data))
    except OSError as error:
        raise ExportError(describe_os_error(error, path)) from None
    log.info("wrote %s (%s)", path, FORMAT_NAMES[fmt])
    return ExportResult(path, 0, tuple((p.title, 0) for p in briefing.parts if p.in_contents))


def _write(out: BinaryIO, data: bytes) -> None:
    out.write(data)


# -- one rich-text document, and its blocks ----------------------------------------------------
def content_document(briefing: Briefing) -> QTextDocument:
    """Every part but the page-numbered contents in one document, styled as on paper."""
    fonts = register_fonts()
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    doc.setDefaultStyleSheet(stylesheet(fonts, layout_dpi()))
    body = "".join(p.html for p in briefing.parts if p.kind != CONTENTS)
    doc.setHtml(f"<html><body>{body}</body></html>")
    return doc


@dataclass(frozen=True)
class Block:
    """A paragraph of the content: a heading (level 1-4), a bullet, or body text."""

    text: str
    level: int = 0
    bullet: bool = False


@dataclass(frozen=True)
class Table:
    """A table's cells as text; ``header``: the first row names the columns."""

    rows: list[list[str]]
    header: bool


def _plain(text: str) -> str:
    return " ".join(text.replace("\u2028", " ").replace("\ufffc", "").split())


def content_items(doc: QTextDocument) -> Iterator[Block | Table]:
    """The document's top-level paragraphs and tables, in reading order."""
    for item in _top_items(doc):
        if isinstance(item, QTextTable):
            rows = [
                [_plain(_cell_text(item, r, c)) for c in range(item.columns())]
                for r in range(item.rows())
            ]
            if _is_columned_list(item):  # a list set in columns, read down each column
                for c in range(item.columns()):
                    for row in rows:
                        if row[c]:
                            yield Block(row[c], bullet=True)
                continue
            yield Table(rows, item.format().headerRowCount() > 0)
            continue
        text = _plain(item.text())
        if text:
            level = item.blockFormat().headingLevel()
            yield Block(text, level, item.textList() is not None and level == 0)


def _is_columned_list(table: QTextTable) -> bool:
    """Whether a table only sets a list in equal columns (the brief's people)."""
    widths = table.format().columnWidthConstraints()
    return (
        table.columns() == 2
        and table.format().headerRowCount() == 0
        and all(w.type() == w.Type.PercentageLength and w.rawValue() == 50 for w in widths)
    )


def _cell_text(table: QTextTable, row: int, column: int) -> str:
    cell = table.cellAt(row, column)
    if cell.row() != row or cell.column() != column:
        return ""
    texts = []
    block: QTextBlock = cell.firstCursorPosition().block()
    end = cell.lastCursorPosition().block().blockNumber()
    while block.isValid() and block.blockNumber() <= end:
        texts.append(block.text())
        block = block.next()
    return " ".join(texts)


# -- Markdown ------------------------------------------------------------------------------------
def _md_escape(text: str) -> str:
    for char in "\\`*_[]<>|#":
        text = text.replace(char, f"\\{char}")
    return text


def markdown_text(briefing: Briefing) -> str:
    """The briefing as Markdown (CommonMark with pipe tables), banner first and last."""
    doc = content_document(briefing)
    out = [f"**{_md_escape(briefing.banner)}**", ""]
    if briefing.handling:
        out += [f"*{_md_escape(briefing.handling)}*", ""]
    if briefing.draft:
        out += ["**DRAFT**", ""]
    for item in content_items(doc):
        if isinstance(item, Table):
            out += _md_table(item)
        elif item.level:
            if out and out[-1].startswith("- "):
                out.append("")
            out += [f"{'#' * min(item.level, 4)} {_md_escape(item.text)}", ""]
        elif item.bullet:
            out.append(f"- {_md_escape(item.text)}")
        else:
            if out and out[-1].startswith("- "):
                out.append("")
            out += [_md_escape(item.text), ""]
    out += ["", f"**{_md_escape(briefing.banner)}**", ""]
    return "\n".join(out)


def _md_table(table: Table) -> list[str]:
    rows = [[_md_escape(c) for c in row] for row in table.rows]
    if not rows:
        return []
    if not table.header:  # a list of facts: one line each
        return [*("- " + " — ".join(c for c in row if c) for row in rows if any(row)), ""]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return [*lines, ""]


# -- HTML ----------------------------------------------------------------------------------------
WEB_CSS = f"""
body {{ font-family: 'Charis SIL', Charter, Georgia, serif; max-width: 46em; margin: 2em auto;
       padding: 0 1em; line-height: 1.4; color: #111; }}
h1, h2, h3, h4 {{ font-family: 'Noto Sans', Helvetica, Arial, sans-serif; line-height: 1.2; }}
.{S.BANNER} {{ text-align: center; font-family: sans-serif; font-weight: 700;
              letter-spacing: 0.12em; border-bottom: 1px solid #222; padding: 0.3em; }}
footer.{S.BANNER} {{ border-top: 1px solid #222; border-bottom: none; margin-top: 2em; }}
.handling {{ text-align: center; font-style: italic; font-size: 0.9em; }}
.draft {{ text-align: center; font-weight: 700; color: #a00; letter-spacing: 0.3em; }}
section {{ margin-top: 2.5em; }}
table {{ border-collapse: collapse; margin: 0.4em 0 0.8em; }}
th {{ text-align: left; font-size: 0.8em; color: #555; border-bottom: 1px solid #222; }}
td, th {{ padding: 0.15em 0.7em 0.15em 0; vertical-align: top; }}
.{S.NUM} {{ text-align: right; font-variant-numeric: tabular-nums; }}
.{S.CITE}, .{S.CITES} {{ font-size: 0.8em; color: #1f4e79; }}
.{S.MUTED}, .{S.LEGEND}, .{S.META_LINE} {{ color: #555; }}
.{S.LEGEND}, .{S.META_LINE} {{ font-style: italic; }}
.{S.BLUF} {{ font-size: 1.1em; }}
.{S.UPCOMING} {{ font-size: 0.7em; font-weight: 700; color: #fff; background: #8a4b00;
                padding: 0 0.3em; }}
.{S.PORTION} {{ font-size: 0.8em; font-weight: 700; color: #555; }}
.{S.NAME} {{ font-weight: 700; }}
.{S.COVER_TITLE} {{ font-size: 2.2em; }}
td.{S.PNUM} {{ color: #555; text-align: right; }}
td.{S.PTEXT} {{ white-space: pre-wrap; }}
"""


def html_text(briefing: Briefing) -> str:
    """A self-contained HTML page: the style sheet inline, no remote resource."""
    banner = h.esc(briefing.banner)
    head = [f'<header class="{S.BANNER}">{banner}</header>']
    if briefing.handling:
        head.append(f'<p class="handling">{h.esc(briefing.handling)}</p>')
    if briefing.draft:
        head.append('<p class="draft">DRAFT</p>')
    body = []
    for part in briefing.parts:
        if part.kind == CONTENTS:
            items = "".join(
                f'<li><a href="#{h.esc(part_anchor(p.id))}">{h.esc(p.title)}</a></li>'
                for p in briefing.parts
                if p.in_contents
            )
            body.append(f'<nav><h1 class="{S.TITLE}">Contents</h1><ul>{items}</ul></nav>')
            continue
        body.append(f'<section id="{h.esc(part_anchor(part.id))}">{part.html}</section>')
    title = h.esc(briefing.metadata["title"])
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="classification" content="{banner}">\n'
        f"<title>{title}</title>\n<style>{WEB_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(head)
        + "\n<main>\n"
        + "\n".join(body)
        + f'\n</main>\n<footer class="{S.BANNER}">{banner}</footer>\n</body>\n</html>\n'
    )


# -- ODT -----------------------------------------------------------------------------------------
NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}
PAGE_CM = {"A4": ("21cm", "29.7cm"), "Letter": ("21.59cm", "27.94cm")}
MARGIN_CM = {"A4": "2.5cm", "Letter": "2.795cm"}  # leaves TEXT_WIDTH_CM for the text
HEADING_SIZES = {1: "17pt", 2: "13pt", 3: "11pt", 4: "10pt"}


def odt_bytes(briefing: Briefing) -> bytes:
    """The briefing as ODF text: Qt's writer, then outline headings and a master page."""
    doc = content_document(briefing)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QTextDocumentWriter(buffer, QByteArray(b"odf"))
    if not writer.write(doc):
        raise ExportError("Qt's ODF writer could not write the document")
    data = bytes(buffer.data().data())
    buffer.close()
    levels = [block.blockFormat().headingLevel() for block in _all_blocks(doc)]
    return _complete_odt(data, levels, briefing)


def _all_blocks(doc: QTextDocument) -> Iterator[QTextBlock]:
    block = doc.begin()
    while block.isValid():
        yield block
        block = block.next()


def _q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


def _complete_odt(data: bytes, levels: Sequence[int], briefing: Briefing) -> bytes:
    for prefix, uri in NS.items():
        ET.register_namespace(prefix, uri)
    source = zipfile.ZipFile(io.BytesIO(data))
    content = ET.fromstring(source.read("content.xml"))
    _outline_headings(content, levels)
    _table_widths(content)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(zipfile.ZipInfo("mimetype"), source.read("mimetype"), zipfile.ZIP_STORED)
        package.writestr("content.xml", _xml(content))
        package.writestr("styles.xml", _styles_xml(briefing))
        package.writestr("META-INF/manifest.xml", _manifest(source.read("META-INF/manifest.xml")))
    return bytes(out.getvalue())


def _xml(root: ET.Element) -> bytes:
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


def _outline_headings(content: ET.Element, levels: Sequence[int]) -> None:
    """Make each heading block's ``text:p`` a ``text:h`` of its level (Qt's writer keeps
    paragraphs in block order, so the n-th paragraph is the n-th block)."""
    paragraphs = [e for e in content.iter() if e.tag == _q("text", "p")]
    if len(paragraphs) != len(levels):
        log.warning(
            "ODT: %d paragraphs for %d blocks; headings left plain", len(paragraphs), len(levels)
        )
        return
    for element, level in zip(paragraphs, levels, strict=True):
        if level > 0:
            element.tag = _q("text", "h")
            element.set(_q("text", "outline-level"), str(level))
            element.set(_q("text", "style-name"), f"Heading_20_{min(level, 4)}")


TEXT_WIDTH_CM = 16.0  # the text width of the master page below, on A4 and Letter alike


def _table_widths(content: ET.Element) -> None:
    """Qt writes a table 100% wide as ``style:width="100pt"`` and its columns as
    percentages, which ODF does not allow: give each the text width and relative
    column widths instead."""
    for props in content.iter(_q("style", "table-properties")):
        width = props.get(_q("style", "width"), "")
        if width.endswith("pt"):
            props.set(_q("style", "width"), f"{TEXT_WIDTH_CM}cm")
            props.set(_q("style", "rel-width"), "100%")
            props.set(_q("table", "align"), "margins")
    for props in content.iter(_q("style", "table-column-properties")):
        width = props.get(_q("style", "column-width"), "")
        if width.endswith("%"):
            share = float(width[:-1])
            props.set(_q("style", "column-width"), f"{TEXT_WIDTH_CM * share / 100:.2f}cm")
            props.set(_q("style", "rel-column-width"), f"{round(share * 100)}*")


def _styles_xml(briefing: Briefing) -> bytes:
    """Heading styles, and the master page whose header and footer carry the banner."""
    o, t, s, fo = (NS[k] for k in ("office", "text", "style", "fo"))
    root = ET.Element(_q("office", "document-styles"), {_q("office", "version"): "1.2"})
    styles = ET.SubElement(root, f"{{{o}}}styles")
    for level, size in HEADING_SIZES.items():
        style = ET.SubElement(
            styles,
            f"{{{s}}}style",
            {
                f"{{{s}}}name": f"Heading_20_{level}",
                f"{{{s}}}display-name": f"Heading {level}",
                f"{{{s}}}family": "paragraph",
                f"{{{s}}}default-outline-level": str(level),
            },
        )
        ET.SubElement(style, f"{{{s}}}paragraph-properties", {f"{{{fo}}}keep-with-next": "always"})
        ET.SubElement(
            style,
            f"{{{s}}}text-properties",
            {f"{{{fo}}}font-size": size, f"{{{fo}}}font-weight": "bold"},
        )
    automatic = ET.SubElement(root, f"{{{o}}}automatic-styles")
    layout = ET.SubElement(automatic, f"{{{s}}}page-layout", {f"{{{s}}}name": "pm1"})
    ET.SubElement(
        layout,
        f"{{{s}}}page-layout-properties",
        {f"{{{fo}}}page-width": PAGE_CM[briefing.options.page_size][0],
         f"{{{fo}}}page-height": PAGE_CM[briefing.options.page_size][1],
         f"{{{fo}}}margin-left": MARGIN_CM[briefing.options.page_size],
         f"{{{fo}}}margin-right": MARGIN_CM[briefing.options.page_size],
         f"{{{fo}}}margin-top": "1.2cm", f"{{{fo}}}margin-bottom": "1.2cm"},
    )  # fmt: skip
    for part in ("header-style", "footer-style"):
        holder = ET.SubElement(layout, f"{{{s}}}{part}")
        ET.SubElement(holder, f"{{{s}}}header-footer-properties", {f"{{{fo}}}min-height": "1cm"})
    ET.SubElement(
        automatic, f"{{{s}}}style", {f"{{{s}}}name": "Banner", f"{{{s}}}family": "paragraph"}
    ).extend(
        [
            ET.Element(f"{{{s}}}paragraph-properties", {f"{{{fo}}}text-align": "center"}),
            ET.Element(f"{{{s}}}text-properties", {f"{{{fo}}}font-weight": "bold"}),
        ]
    )
    masters = ET.SubElement(root, f"{{{o}}}master-styles")
    master = ET.SubElement(
        masters,
        f"{{{s}}}master-page",
        {f"{{{s}}}name": "Standard", f"{{{s}}}page-layout-name": "pm1"},
    )
    header = ET.SubElement(master, f"{{{s}}}header")
    top = briefing.banner + (" — DRAFT" if briefing.draft else "")
    ET.SubElement(header, f"{{{t}}}p", {f"{{{t}}}style-name": "Banner"}).text = top
    if briefing.handling:
        ET.SubElement(
            header, f"{{{t}}}p", {f"{{{t}}}style-name": "Banner"}
        ).text = briefing.handling
    footer = ET.SubElement(master, f"{{{s}}}footer")
    line = ET.SubElement(footer, f"{{{t}}}p", {f"{{{t}}}style-name": "Banner"})
    line.text = f"{briefing.banner} · {briefing.as_of_text} · Page "
    number = ET.SubElement(line, f"{{{t}}}page-number", {f"{{{t}}}select-page": "current"})
    number.text = "1"
    number.tail = " of "
    ET.SubElement(line, f"{{{t}}}page-count").text = "1"
    return _xml(root)


def _manifest(data: bytes) -> bytes:
    root = ET.fromstring(data)
    m = NS["manifest"]
    paths = {e.get(f"{{{m}}}full-path") for e in root}
    if "styles.xml" not in paths:
        ET.SubElement(
            root,
            f"{{{m}}}file-entry",
            {f"{{{m}}}media-type": "text/xml", f"{{{m}}}full-path": "styles.xml"},
        )
    return _xml(root)


# -- DOCX ----------------------------------------------------------------------------------------
def docx_bytes(briefing: Briefing) -> bytes:
    """The briefing as a Word document: real headings, bullets and tables, and the
    classification in every page's header and footer."""
    import docx  # python-docx; only this format needs it
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from dossier.export.docx_parts import StyledParagraphs, fill_table

    document = docx.Document()
    paragraphs = StyledParagraphs(document)
    normal = document.styles["Normal"]
    normal.font.name = "Charis SIL"
    normal.font.size = Pt(11)
    section = document.sections[0]
    head = section.header.paragraphs[0]
    head.text = briefing.banner + (" — DRAFT" if briefing.draft else "")
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if briefing.handling:
        caveat = section.header.add_paragraph(briefing.handling)
        caveat.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot.add_run(f"{briefing.banner} · {briefing.as_of_text} · Page ")
    _field(foot, "PAGE")
    foot.add_run(" of ")
    _field(foot, "NUMPAGES")
    for item in content_items(content_document(briefing)):
        if isinstance(item, Table) and item.rows:
            columns = max(len(r) for r in item.rows)
            fill_table(
                document.add_table(rows=len(item.rows), cols=columns), item.rows, item.header
            )
        elif isinstance(item, Table):
            continue
        elif item.level:
            paragraphs.add(item.text, f"Heading {min(item.level, 4)}")
        else:
            paragraphs.add(item.text, "List Bullet" if item.bullet else None)
    props = document.core_properties
    props.title = briefing.metadata["title"]
    props.subject = briefing.metadata["subject"]
    props.keywords = briefing.metadata["keywords"]
    props.author = briefing.metadata["author"]
    props.category = briefing.banner
    out = io.BytesIO()
    document.save(out)
    return bytes(out.getvalue())


def _field(paragraph: object, code: str) -> None:
    """A Word field (``PAGE``, ``NUMPAGES``) in ``paragraph``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()  # type: ignore[attr-defined]
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), code)
    run._r.append(simple)
