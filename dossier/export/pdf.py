"""The briefing as a real PDF: Qt paints it, pypdf adds the outline and metadata, and the
file is written atomically (a failure leaves any existing file as it was, and no part
file behind).
"""

from __future__ import annotations

import contextlib
import errno
import io
import logging
import os
import re
import secrets
import stat
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NullObject,
    TextStringObject,
)
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QPdfWriter

from dossier import __version__
from dossier.core import anchors, output_paths
from dossier.core.briefing.choices import BRIEF, BriefingError, BriefingOptions
from dossier.core.briefing.parts import PART_PREFIX
from dossier.core.briefing.plan import Briefing, plan_briefing
from dossier.core.model import Dossier
from dossier.core.output_paths import OutputPathError
from dossier.export.layout import BriefingLayout, LayoutError, lay_out
from dossier.export.render import RenderError, prepare_device, render

log = logging.getLogger("dossier.export")

CREATOR = f"briefing-dossier {__version__}"
PDF_DPI = 1200  # coordinates in the PDF are this fine
CONTENTS_LINK = "contents entry"  # what a contents entry's link says it is


class ExportError(Exception):
    """The briefing could not be exported; the message is one line a user can act on."""


@dataclass(frozen=True)
class ExportResult:
    """What was written."""

    path: Path
    pages: int
    outline: tuple[tuple[str, int], ...]  # (title, 1-based page)


SUFFIXES = (".pdf", ".odt", ".docx", ".md", ".html")  # the formats a briefing is written in


def check_output(path: Path, *, any_suffix: bool = False) -> Path:
    """The output path, absolute, after the checks a user can act on (ExportError).

    The file must end in one of ``SUFFIXES`` unless ``any_suffix`` (a format was named).
    """
    try:
        return output_paths.check_output(path, None if any_suffix else SUFFIXES)
    except OutputPathError as error:
        raise ExportError(str(error)) from None


def build_layout(
    dossier: Dossier, options: BriefingOptions, *, links: bool = False
) -> BriefingLayout:
    """Plan and lay out the briefing (ExportError for a bad choice of sections etc.).

    ``links``: keep the citation links, which :func:`finish_pdf` points at the appendix.
    """
    try:
        briefing = plan_briefing(dossier, options, links=links)
        try:
            return lay_out(briefing)
        except LayoutError:
            if briefing.options.template != BRIEF:
                raise
            # a read-ahead too long by a few lines: without what its year still plans
            # (a line says how many), before it is refused
            return lay_out(plan_briefing(dossier, options, links=links, planned=False))
    except (BriefingError, LayoutError) as error:
        raise ExportError(str(error)) from None


def check_not_input(dossier: Dossier, path: Path) -> None:
    """ExportError when ``path`` is the dossier, one of its sources or the notes database."""
    from dossier.core.notes.paths import notes_path  # the notes package: not at start-up

    try:
        output_paths.check_not_read(path, [dossier], notes_path())
    except OutputPathError as error:
        raise ExportError(str(error)) from None


def export_pdf(
    dossier: Dossier, output: Path, options: BriefingOptions, *, any_suffix: bool = False
) -> ExportResult:
    """Write the briefing of ``dossier`` to ``output`` as a PDF; raise ExportError on failure."""
    path = check_output(output, any_suffix=any_suffix)
    check_not_input(dossier, path)
    layout = build_layout(dossier, options, links=True)
    data = pdf_bytes(layout)
    outline = tuple((title, page + 1) for title, page in layout.outline())
    try:
        write_atomically(path, lambda out: finish_pdf(data, layout.briefing, layout, out))
    except OSError as error:
        raise ExportError(describe_os_error(error, path)) from None
    log.info("wrote %s (%d pages)", path, layout.pages)
    return ExportResult(path, layout.pages, outline)


def pdf_bytes(layout: BriefingLayout) -> bytes:
    """The briefing painted by Qt's PDF engine, before post-processing."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setCreator(CREATOR)
    writer.setTitle(metadata_text(layout.briefing.metadata["title"]))
    prepare_device(writer, layout.geometry.name)
    try:
        render(layout, writer)
    except RenderError as error:
        raise ExportError(f"could not paint the PDF: {error}") from None
    del writer  # flushes the last page into the buffer
    data: QByteArray = buffer.data()
    buffer.close()
    return bytes(data.data())


def finish_pdf(data: bytes, briefing: Briefing, layout: BriefingLayout, out: BinaryIO) -> None:
    """Add the outline (a bookmark per part), document metadata and viewer hints."""
    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter(clone_from=reader)
    meta = briefing.metadata
    writer.add_metadata(
        {
            "/Title": metadata_text(meta["title"]),
            "/Author": metadata_text(meta["author"]),
            "/Subject": metadata_text(meta["subject"]),
            "/Keywords": metadata_text(meta["keywords"]),
            "/Creator": CREATOR,
            "/Producer": f"{CREATOR} (Qt PDF engine, pypdf)",
        }
    )
    for title, page in layout.outline():
        writer.add_outline_item(title=title, page_number=page)
    link_citations(writer, layout)
    writer.page_mode = "/UseOutlines"
    root = writer.root_object
    root[NameObject("/Lang")] = TextStringObject("en")
    prefs = writer.create_viewer_preferences()
    prefs[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    writer.write(out)


def metadata_text(text: str) -> str:
    """``text`` fit for a PDF's document information, which tools such as ``pdfinfo``
    print raw on a terminal: control, format and bidi characters become spaces, white
    space is collapsed, and at most :data:`MAX_METADATA` characters are kept."""
    cleaned = "".join(" " if unicodedata.category(c) in _UNPRINTED else c for c in text)
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) <= MAX_METADATA else cleaned[: MAX_METADATA - 1] + "…"


MAX_METADATA = 256  # characters of one metadata field (a title is rarely 100)
_UNPRINTED = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def link_citations(writer: PdfWriter, layout: BriefingLayout) -> int:
    """Point each ¶ marker's link at its paragraph in the source appendix.

    Qt writes the markers' ``cite:`` links as URI links, which a PDF viewer would try to
    open as a web address; each becomes a link within the document, or is removed when
    the paragraph is not printed. Returns how many links now point at a paragraph.
    """
    places = layout.paragraph_places()
    parts = layout.part_places()
    linked = 0
    for page in writer.pages:
        annots = page.get("/Annots")
        if annots is None:
            continue
        keep = ArrayObject()
        for ref in annots.get_object():
            annot = ref.get_object()
            action = annot.get("/A")
            uri = str(action.get_object().get("/URI", "")) if action is not None else ""
            if uri.startswith(PART_PREFIX):  # a contents entry
                place = parts.get(uri.removeprefix(PART_PREFIX))
                if place is not None:
                    _point_at(writer, annot, *place)
                    annot[NameObject("/Contents")] = TextStringObject(CONTENTS_LINK)
                    keep.append(ref)
                continue
            if not anchors.is_cite_href(uri):
                keep.append(ref)
                continue
            cite = anchors.parse_cite_href(uri)
            place = places.get(anchors.paragraph(cite[0], cite[1])) if cite is not None else None
            if cite is None or place is None:
                continue  # nowhere to go: the marker stays plain text
            _point_at(writer, annot, *place)
            annot[NameObject("/Contents")] = TextStringObject(f"¶ {cite[1]}")
            keep.append(ref)
            linked += 1
        if keep:
            page[NameObject("/Annots")] = keep
        else:
            del page["/Annots"]
    return linked


def _point_at(writer: PdfWriter, annot: DictionaryObject, target: int, top: float) -> None:
    """Make a link annotation go to page ``target`` (0-based), ``top`` points down it."""
    target_page = writer.pages[target]
    del annot["/A"]
    annot[NameObject("/Dest")] = ArrayObject(
        [
            target_page.indirect_reference,
            NameObject("/XYZ"),
            NullObject(),
            FloatObject(round(float(target_page.mediabox.top) - top + 6, 2)),
            NullObject(),
        ]
    )


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write ``path`` through a temporary file in the same folder, then rename it over.

    A new file gets the usual mode for the process's umask (a classified briefing is no
    more readable than the user asked files to be); a replaced file keeps its mode.
    On any failure the temporary file is removed and an existing ``path`` is untouched.
    """
    try:
        info = path.lstat()  # the link itself: never a device's or a target's mode
    except FileNotFoundError:
        info = None
    mode = stat.S_IMODE(info.st_mode) if info is not None and stat.S_ISREG(info.st_mode) else None
    sweep_stale_parts(path.parent)
    fd, temp = _create_temp(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sync_folder(path.parent)


_UID = os.getuid() if hasattr(os, "getuid") else 0  # 0 where files have no owner (Windows)
STALE_PART_SECONDS = 3600  # a part file this old belongs to no export still running
_PART = re.compile(r"\..*-[0-9a-f]{12}\.(?:pdf|odt|docx|md|html|briefing)\.part")


def sweep_stale_parts(folder: Path) -> int:
    """Remove the temporary files a killed export left in ``folder`` (ours by name, the
    user's, regular, untouched for an hour); how many were removed."""
    removed = 0
    now = time.time()
    try:
        names = [entry for entry in os.scandir(folder) if _PART.fullmatch(entry.name)]
    except OSError:
        return 0
    for entry in names:
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if (
                stat.S_ISREG(info.st_mode)
                and info.st_uid == _UID
                and now - info.st_mtime > STALE_PART_SECONDS
            ):
                os.unlink(entry.path)
                removed += 1
    return removed


def _create_temp(path: Path) -> tuple[int, str]:
    """A new, empty file beside ``path``, created with mode 0666 less the umask.

    (``tempfile.mkstemp`` makes files 0600 whatever the umask; asking ``os.umask`` what
    it is would change it for every thread for a moment.)
    """
    stem = path.stem[:40]  # the temporary name must fit where the final one fits
    # Named for what it will be (a file manager shows it while it is written).
    kind = path.suffix.lower() if path.suffix.lower() in SUFFIXES else ".briefing"
    for _ in range(100):
        temp = path.parent / f".{stem}-{secrets.token_hex(6)}{kind}.part"
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_CLOEXEC, 0o666)
        except FileExistsError:
            continue
        return fd, str(temp)
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(path.parent))


_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def describe_os_error(error: OSError, path: Path) -> str:
    """One line for a failed write."""
    reason = error.strerror or str(error)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk is full; could not write {path} ({reason})"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"not allowed to write {path} ({reason})"
    return f"could not write {path}: {reason}"
