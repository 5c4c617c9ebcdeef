"""Portion marks and banner levels on a dossier with mixed markings."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.core.briefing.choices import BriefingError, BriefingOptions
from dossier.core.briefing.plan import plan_briefing
from dossier.core.errors import DossierError
from dossier.core.loader import load_dossier
from dossier.core.markings import banner_level, short_mark
from dossier.export.pdf import ExportError
from tests.export.conftest import HERE, MULTILINGUAL, export, squash

MARKED = HERE / "data" / "marked.yaml"


def test_short_marks_are_the_initials() -> None:
    assert short_mark("RESTRICTED") == "R"
    assert short_mark("TOP SECRET") == "TS"
    assert short_mark("official-sensitive") == "OS"


def test_the_loader_reads_markings_and_warns_where_an_item_is_above_the_dossier() -> None:
    dossier = load_dossier(MARKED)
    assert dossier.markings == ("UNCLASSIFIED", "RESTRICTED", "CONFIDENTIAL")
    assert dossier.handling == "Not for distribution beyond the delegation"
    culture, trade = dossier.sections
    assert culture.classification == "UNCLASSIFIED"
    assert culture.points[1].classification == "CONFIDENTIAL"
    assert trade.figures[0].classification == "UNCLASSIFIED"
    [warning] = dossier.warnings
    assert "CONFIDENTIAL" in warning.message and "RESTRICTED" in warning.message
    line = MARKED.read_text(encoding="utf-8").splitlines()[warning.line - 1]  # type: ignore[operator]
    assert line[warning.column - 1 :].startswith("CONFIDENTIAL")  # type: ignore[operator]


def test_a_marking_not_declared_is_a_problem_at_its_place(tmp_path: Path) -> None:
    text = MARKED.read_text(encoding="utf-8").replace(
        "classification: CONFIDENTIAL", "classification: SECRET"
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    (tmp_path / "baku-astana-source.txt").write_bytes(
        (HERE / "data" / "baku-astana-source.txt").read_bytes()
    )
    with pytest.raises(DossierError) as caught:
        load_dossier(bad)
    [problem] = caught.value.problems
    assert "the marking 'SECRET' is not a declared one" in problem.message
    assert problem.line == 25


def test_dossiers_without_markings_are_unchanged() -> None:
    dossier = load_dossier(MULTILINGUAL)
    assert dossier.markings == () and dossier.warnings == ()
    assert banner_level(dossier, dossier.sections) == dossier.classification
    briefing = plan_briefing(dossier, BriefingOptions())
    assert briefing.banner == dossier.classification.upper()
    assert "(U)" not in "".join(p.html for p in briefing.parts)


def test_the_banner_is_never_lower_than_what_is_printed() -> None:
    dossier = load_dossier(MARKED)
    with pytest.raises(BriefingError, match="marked CONFIDENTIAL, above the dossier's"):
        plan_briefing(dossier, BriefingOptions())
    with pytest.raises(BriefingError, match="above --classification Restricted"):
        plan_briefing(dossier, BriefingOptions(classification="Restricted"))
    assert plan_briefing(dossier, BriefingOptions(classification="CONFIDENTIAL")).banner == (
        "CONFIDENTIAL"
    )
    # Without the confidential point, the dossier's own RESTRICTED is high enough.
    trade = plan_briefing(dossier, BriefingOptions(sections=("trade",)))
    assert trade.banner == "RESTRICTED"


def test_portion_marks_are_printed_before_each_paragraph(qapp: object, tmp_path: Path) -> None:
    exported = export(MARKED, tmp_path / "m.pdf", classification="CONFIDENTIAL", portion_marks=True)
    text = squash("".join(exported.texts))
    assert "(U)Jointfestivals" in text  # the section's marking
    assert "(C)AstreetinBaku" in text  # the item's own
    assert "(R)TradeofUSD142" in text  # a section summary carries its section's
    assert "(U)Tradeturnover" in text  # a figure marked lower than its section
    assert "(R)Grainterminal" in text and "UPCOMING" in text  # an event inherits its section's
    assert text.count("CONFIDENTIAL") >= 2 * len(exported.reader.pages)
    plain = export(MARKED, tmp_path / "p.pdf", classification="CONFIDENTIAL")
    assert "(U)" not in squash("".join(plain.texts))


def test_the_export_refuses_a_banner_too_low(qapp: object, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="give --classification CONFIDENTIAL"):
        export(MARKED, tmp_path / "m.pdf")
    assert list(tmp_path.iterdir()) == []
