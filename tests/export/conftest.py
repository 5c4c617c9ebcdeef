"""Export fixtures: PDFs made once per session and read back with pypdf."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from dossier.core.briefing.choices import BriefingOptions
from dossier.core.loader import load_dossier
from dossier.core.model import Dossier
from dossier.export.pdf import ExportResult, export_pdf

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
BUNDLED = REPO / "resources" / "dossiers" / "kazakhstan-azerbaijan-2021.yaml"
MULTILINGUAL = HERE / "data" / "baku-astana.yaml"
PRODUCED = dt.date(2021, 3, 1)


@dataclass
class Exported:
    """A PDF written by the exporter, with its text read back page by page."""

    dossier: Dossier
    result: ExportResult
    reader: PdfReader
    texts: list[str]

    @property
    def path(self) -> Path:
        return self.result.path


def squash(text: str) -> str:
    """Text without white space (pypdf splits words and fragments unpredictably)."""
    return "".join(text.split())


def export(dossier: Dossier | Path, out: Path, **options: object) -> Exported:
    """Export ``dossier`` to ``out`` and read the PDF back."""
    if isinstance(dossier, Path):
        dossier = load_dossier(dossier)
    options.setdefault("produced", PRODUCED)
    result = export_pdf(dossier, out, BriefingOptions(**options))  # type: ignore[arg-type]
    reader = PdfReader(out)
    return Exported(dossier, result, reader, [p.extract_text() for p in reader.pages])


@pytest.fixture(scope="session")
def bundled_pdf(qapp: object, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """The bundled briefing, A4, with the source appendix."""
    return export(BUNDLED, tmp_path_factory.mktemp("pdf") / "bundled.pdf", appendix=True)


@pytest.fixture(scope="session")
def multilingual_pdf(qapp: object, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """A small Azerbaijani and Kazakh (Cyrillic) dossier, Letter, with the appendix."""
    out = tmp_path_factory.mktemp("pdf") / "multilingual.pdf"
    return export(MULTILINGUAL, out, appendix=True, page_size="Letter")
