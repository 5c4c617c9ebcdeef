"""The briefing in the formats people edit and paste: ODT, DOCX, Markdown and HTML.

Each is made from the same planned parts (:func:`dossier.core.briefing.plan_briefing`)
as the PDF. This module picks the format (the output's suffix, or the one asked for)
and writes the file atomically; each family has its module: :mod:`.content` (the
rich-text document the others read back), :mod:`.markdown`, :mod:`.web` (HTML),
:mod:`.odt` and :mod:`.word` (DOCX).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from dossier.core.briefing.choices import BriefingError, BriefingOptions
from dossier.core.briefing.plan import Briefing, plan_briefing
from dossier.core.model import Dossier
from dossier.export.pdf import (
    ExportError,
    ExportResult,
    check_not_input,
    check_output,
    describe_os_error,
    export_pdf,
    write_atomically,
)

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
    data = _writer(fmt)(briefing)
    try:
        write_atomically(path, lambda out: _write(out, data))
    except OSError as error:
        raise ExportError(describe_os_error(error, path)) from None
    log.info("wrote %s (%s)", path, FORMAT_NAMES[fmt])
    return ExportResult(path, 0, tuple((p.title, 0) for p in briefing.parts if p.in_contents))


def _writer(fmt: str) -> Callable[[Briefing], bytes]:
    """The writer of ``fmt`` (not the PDF), imported when asked for: a PDF export loads
    none of the other formats' code."""
    if fmt == "odt":
        from dossier.export.formats.odt import odt_bytes

        return odt_bytes
    if fmt == "docx":
        from dossier.export.formats.word import docx_bytes

        return docx_bytes
    if fmt == "md":
        from dossier.export.formats.markdown import markdown_text

        return lambda briefing: markdown_text(briefing).encode("utf-8")
    from dossier.export.formats.web import html_text

    return lambda briefing: html_text(briefing).encode("utf-8")


def _write(out: BinaryIO, data: bytes) -> None:
    out.write(data)
