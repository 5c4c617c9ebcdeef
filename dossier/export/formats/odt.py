"""The briefing as ODF text, for LibreOffice and other office suites.

Written by Qt's own ODF writer and then completed: Qt writes every paragraph as plain
``text:p`` and no ``styles.xml``, so headings become real outline headings (``text:h``
with Heading styles) and a master page carries the classification in its header and
footer, with "Page N of M".
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Iterator, Sequence
from xml.etree import ElementTree as ET

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QTextBlock, QTextDocument, QTextDocumentWriter

from dossier.core.briefing.plan import Briefing
from dossier.core.text import xml_text
from dossier.export.formats.content import content_document
from dossier.export.pdf import ExportError

log = logging.getLogger("dossier.export")

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
    top = xml_text(briefing.banner + (" — DRAFT" if briefing.draft else ""))
    ET.SubElement(header, f"{{{t}}}p", {f"{{{t}}}style-name": "Banner"}).text = top
    if briefing.handling:
        ET.SubElement(header, f"{{{t}}}p", {f"{{{t}}}style-name": "Banner"}).text = xml_text(
            briefing.handling
        )
    footer = ET.SubElement(master, f"{{{s}}}footer")
    line = ET.SubElement(footer, f"{{{t}}}p", {f"{{{t}}}style-name": "Banner"})
    line.text = xml_text(f"{briefing.banner} · {briefing.as_of_text} · Page ")
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
