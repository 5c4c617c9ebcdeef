"""The analyst's notes in the briefing PDF: the notes part, the marks, only filtered notes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from dossier.core.briefing.analyst_notes import parse_notes_filter, printed_notes
from dossier.core.briefing.choices import BriefingOptions
from dossier.core.briefing.plan import plan_briefing
from dossier.core.loader import load_dossier
from dossier.core.model import Dossier, Point
from dossier.core.notes import NotesStore, new_annotation, notes_path
from dossier.core.notes.targets import item_target, paragraph_target

from .conftest import BUNDLED, PRODUCED, squash

RAISE = "Ask about the joint anniversary programme."
CHECK = "Check the 2012 ranking."
SOURCE_NOTE = "Quote this line verbatim."


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return load_dossier(BUNDLED)


def fill(store: NotesStore, dossier: Dossier) -> None:
    """A yellow note, a green one tagged "check", a note in the Source tab, a bookmark."""
    point = dossier.item("politics/point/1")
    assert isinstance(point, Point)
    text = point.text
    start = text.index("30th anniversary")
    store.add(new_annotation(dossier.id, "note", item_target(dossier, "politics/point/1",
              (start, start + len("30th anniversary"))), body=RAISE, colour="yellow"))  # fmt: skip
    store.add(new_annotation(dossier.id, "note", item_target(dossier, "politics/point/2"),
              body=CHECK, colour="green", tags=("check",)))  # fmt: skip
    source = dossier.sources[0]
    store.add(new_annotation(dossier.id, "note", paragraph_target(dossier, source.id, 3),
              body=SOURCE_NOTE))  # fmt: skip
    store.add(new_annotation(dossier.id, "bookmark", item_target(dossier, "energy/point/1")))


def pages_text(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def export(dossier: Dossier, out: Path, spec: str | None, tmp_path: Path) -> list[str]:
    from dossier.export.pdf import export_pdf

    with NotesStore.open(tmp_path / "notes.sqlite3") as store:
        if not store.annotations():
            fill(store, dossier)
        colours, tags = parse_notes_filter(spec)
        chosen = printed_notes(store, dossier, colours, tags)
    options = BriefingOptions(produced=PRODUCED, notes=chosen)
    export_pdf(dossier, out, options)
    return pages_text(out)


def notes_pages(texts: list[str]) -> list[str]:
    return [t for t in texts if "Analystnotes" in squash(t) and "N1" in t]


def test_the_pdf_has_the_notes_part_before_the_sources_and_marks(
    qapp: object, dossier: Dossier, tmp_path: Path
) -> None:
    texts = export(dossier, tmp_path / "b.pdf", None, tmp_path)
    flat = [squash(t) for t in texts]
    notes_at = next(n for n, t in enumerate(flat) if t.startswith("") and squash(RAISE) in t)
    sources_at = max(n for n, t in enumerate(flat) if "Sources" in t and n > 2)
    assert notes_at < sources_at
    whole = "".join(flat)
    for body in (RAISE, CHECK, SOURCE_NOTE):
        assert squash(body) in whole
    # The marks: N1 and N2 beside their points in the Politics section, before the notes part.
    politics = [t for n, t in enumerate(flat) if n < notes_at and "N1" in t and "N2" in t]
    assert politics, "the annotated points carry their marks"
    assert "¶" in texts[notes_at]  # the ¶ references of the annotated items


def test_only_the_filtered_notes_are_printed(
    qapp: object, dossier: Dossier, tmp_path: Path
) -> None:
    texts = export(dossier, tmp_path / "b.pdf", "colour:green", tmp_path)
    whole = squash("".join(texts))
    assert squash(CHECK) in whole
    assert squash(RAISE) not in whole and squash(SOURCE_NOTE) not in whole
    assert "N2" not in whole  # one note printed, one mark
    assert squash("only those with colour Check") in whole


def test_without_notes_the_briefing_has_no_notes_part(dossier: Dossier) -> None:
    titles = [p.title for p in plan_briefing(dossier, BriefingOptions()).parts]
    assert "Analyst notes" not in titles


def test_a_bad_filter_is_refused_in_one_line() -> None:
    with pytest.raises(ValueError, match="colour:NAME or tag:NAME"):
        parse_notes_filter("yellow")


def test_cli_export_notes_with_a_filter(dossier: Dossier, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with NotesStore.open(notes_path(data)) as store:
        fill(store, dossier)
    out = tmp_path / "cli.pdf"
    env = {**os.environ, "DOSSIER_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "dossier", "export", "-o", str(out), "--notes",
         "--notes-filter", "tag:check"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    whole = squash("".join(pages_text(out)))
    assert squash(CHECK) in whole and squash(RAISE) not in whole
    before = notes_path(data).stat().st_mtime_ns
    bad = subprocess.run(
        [sys.executable, "-m", "dossier", "export", "-o", str(out), "--notes-filter", "x"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert bad.returncode != 0
    assert len(bad.stderr.strip().splitlines()) == 1
    assert notes_path(data).stat().st_mtime_ns == before  # the notes were only read
