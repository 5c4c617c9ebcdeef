"""The bundled dossier covers the whole interview, and every claim is traceable."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.core.loader import load_dossier
from dossier.core.model import Dossier
from dossier.core.resources import (
    bundled_dossier,
    bundled_dossier_file,
    shipped_sources,
    shipped_sources_folder,
)


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return load_dossier(bundled_dossier())


def test_it_is_the_shipped_file(bundled: Path) -> None:
    assert bundled_dossier() == bundled


def test_six_sections_in_order(dossier: Dossier) -> None:
    assert [s.id for s in dossier.sections] == [
        "politics",
        "energy",
        "transport",
        "trade",
        "investment",
        "culture",
    ]
    assert dossier.as_of.iso() == "2021-02"


def test_every_answer_paragraph_is_cited(dossier: Dossier) -> None:
    """Each of the ambassador's paragraphs backs at least one item of the dossier."""
    cited = {c.paragraph for s in dossier.sections for i in s.items() for c in i.cites}
    source = dossier.sources[0].text
    first_question = next(p.number for p in source.paragraphs if p.turn == "Q")
    answers = [p.number for p in source.paragraphs[first_question:] if p.turn != "Q"]
    assert len(answers) == 32
    assert sorted(set(answers) - cited) == []


def test_every_question_turn_is_answered_in_some_section(dossier: Dossier) -> None:
    source = dossier.sources[0].text
    cited_by: dict[int, set[str]] = {}
    for section in dossier.sections:
        for item in section.items():
            for citation in item.cites:
                cited_by.setdefault(citation.paragraph, set()).add(section.id)
    questions = [p.number for p in source.paragraphs if p.turn == "Q"]
    last = source.paragraphs[-1].number
    for question, following in zip(questions, [*questions[1:], last + 1], strict=True):
        # The answer is the paragraph after the question, and runs to the next question.
        answer = [n for n in range(question + 1, following) if n in cited_by]
        assert answer, f"nothing cites the answer to the question at ¶ {question}"


@pytest.mark.parametrize(
    ("section", "label_word", "value", "unit"),
    [
        ("trade", "trade", 142, "USD million"),
        ("transport", "capacity", 26, "million tons"),
        ("investment", "compan", 145, "companies"),
        ("politics", "investment", 320, "USD billion"),
    ],
)
def test_key_numbers_are_figures(
    dossier: Dossier, section: str, label_word: str, value: int, unit: str
) -> None:
    figures = dossier.section(section).figures
    assert any(
        f.value == value and label_word in f.label.lower() and f.unit == unit for f in figures
    ), [(f.label, f.value, f.unit) for f in figures]


def test_named_people_vessels_and_bodies_are_entities(dossier: Dossier) -> None:
    names = {e.name for s in dossier.sections for e in s.entities}
    aliases = {a for s in dossier.sections for e in s.entities for a in e.aliases}
    for expected in ("Beket Ata", "KazMunayGas", "SOCAR", "Kaspi Grain Way", "BI Group"):
        assert any(expected in name for name in names), expected
    assert any("Nazarbayev" in name for name in names)
    assert "Elbasy" in aliases


def test_upcoming_events_are_after_as_of(dossier: Dossier) -> None:
    upcoming = [e for _, e in dossier.events() if e.upcoming]
    assert upcoming, "the dossier names planned events (the 2022 grain terminal)"
    assert all(e.date.is_after(dossier.as_of) for e in upcoming)


def test_every_figure_carries_its_period(dossier: Dossier) -> None:
    """A briefing's figures each say when they held (a figure without
    its period cannot be compared with another)."""
    missing = [f.anchor for s in dossier.sections for f in s.figures if not f.period]
    assert missing == []


def test_the_bundled_dossier_is_one_file_however_it_is_asked_for() -> None:
    assert bundled_dossier_file() == str(bundled_dossier())
    assert shipped_sources_folder() == str(shipped_sources())
