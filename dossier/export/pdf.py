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
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pypdf import PdfReader, PdfWriter
from pypdf.generic import BooleanObject, NameObject, TextStringObject
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QPdfWriter

from dossier import __version__
from dossier.core.briefing import Briefing, BriefingError, BriefingOptions, plan_briefing
from dossier.core.model import Dossier
from dossier.export.layout import BriefingLayout, lay_out
from dossier.export.render import Progress, RenderError, prepare_device, render

log = logging.getLogger("dossier.export")

CREATOR = f"briefing-dossier {__version__}"
PDF_DPI = 1200  # coordinates in the PDF are this fine


class ExportError(Exception):
    """The briefing could not be exported; the message is one line a user can act on."""


@dataclass(frozen=True)
class ExportResult:
    """What was written."""

    path: Path
    pages: int
    outline: tuple[tuple[str, int], ...]  # (title, 1-based page)


def check_output(path: Path) -> Path:
    """The output path, absolute, after the checks a user can act on (ExportError)."""
    path = Path(os.path.abspath(path.expanduser()))
    if path.suffix.lower() != ".pdf":
        raise ExportError(f"the output must be a .pdf file: {path}")
    if path.is_dir():
        raise ExportError(f"the output is a folder, not a file: {path}")
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(f"the output folder does not exist: {folder}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(f"cannot write to the output folder: {folder}")
    return path


def build_layout(dossier: Dossier, options: BriefingOptions) -> BriefingLayout:
    """Plan and lay out the briefing (ExportError for a bad choice of sections etc.)."""
    try:
        briefing = plan_briefing(dossier, options)
    except BriefingError as error:
        raise ExportError(str(error)) from None
    return lay_out(briefing)


def export_pdf(
    dossier: Dossier,
    output: Path,
    options: BriefingOptions,
    *,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the briefing of ``dossier`` to ``output`` as a PDF; raise ExportError on failure."""
    path = check_output(output)
    for source in dossier.sources:  # never overwrite what the dossier reads
        if source.path.resolve() == path.resolve():
            raise ExportError(f"the output would overwrite a source of the dossier: {path}")
    if dossier.path.resolve() == path.resolve():
        raise ExportError(f"the output would overwrite the dossier: {path}")
    layout = build_layout(dossier, options)
    data = pdf_bytes(layout, progress=progress)
    outline = tuple((title, page + 1) for title, page in layout.outline())
    try:
        write_atomically(path, lambda out: finish_pdf(data, layout.briefing, layout, out))
    except OSError as error:
        raise ExportError(describe_os_error(error, path)) from None
    log.info("wrote %s (%d pages)", path, layout.pages)
    return ExportResult(path, layout.pages, outline)


def pdf_bytes(layout: BriefingLayout, *, progress: Progress | None = None) -> bytes:
    """The briefing painted by Qt's PDF engine, before post-processing."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setCreator(CREATOR)
    writer.setTitle(layout.briefing.metadata["title"])
    prepare_device(writer, layout.geometry.name)
    try:
        render(layout, writer, progress=progress)
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
            "/Title": meta["title"],
            "/Author": meta["author"],
            "/Subject": meta["subject"],
            "/Keywords": meta["keywords"],
            "/Creator": CREATOR,
            "/Producer": f"{CREATOR} (Qt PDF engine, pypdf)",
        }
    )
    for title, page in layout.outline():
        writer.add_outline_item(title=title, page_number=page)
    writer.page_mode = "/UseOutlines"
    root = writer.root_object
    root[NameObject("/Lang")] = TextStringObject("en")
    prefs = writer.create_viewer_preferences()
    prefs[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    writer.write(out)


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write ``path`` through a temporary file in the same folder, then rename it over.

    On any failure the temporary file is removed and an existing ``path`` is untouched.
    """
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, temp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".pdf.part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sync_folder(path.parent)


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
