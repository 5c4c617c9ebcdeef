"""Sources: numbered paragraphs and finding a passage in them."""

from __future__ import annotations

from pathlib import Path

from dossier.core.source import SourceText
from dossier.core.text import normalise


def test_paragraphs_are_the_non_empty_lines(seed: Path) -> None:
    source = SourceText(seed.read_text(encoding="utf-8"))
    assert len(source.paragraphs) == 48
    assert source.paragraph(1).text.startswith("Kazakhstan-Azerbaijan: Strategic Partnership")
    assert source.paragraph(26).text.startswith("Ferry traffic between the commercial sea ports")


def test_interview_turns_are_marked(seed: Path) -> None:
    source = SourceText(seed.read_text(encoding="utf-8"))
    turns = [p.turn for p in source.paragraphs if p.turn]
    assert turns.count("Q") == 11
    assert turns.count("A") == 11
    assert source.paragraph(6).turn == "Q"
    assert source.paragraph(8).turn is None  # a continuation of the answer


def test_locate_maps_back_to_the_original_text(seed: Path) -> None:
    source = SourceText(seed.read_text(encoding="utf-8"))
    match = source.locate('Elbasy (Ed. note: the title meaning "Leader of the Nation")')
    assert match is not None
    assert match.paragraph == 7
    found = source.paragraph(7).text[match.start : match.end]
    assert found == "Elbasy (Ed. note: the title meaning “Leader of the Nation”)"


def test_locate_folds_white_space_and_dashes() -> None:
    source = SourceText("First line.\n\nNot only for Kazakhstan and  Azerbaijan – the world\n")
    match = source.locate("Kazakhstan and Azerbaijan - the")
    assert match is not None and match.paragraph == 2
    assert source.paragraph(2).text[match.start : match.end] == "Kazakhstan and  Azerbaijan – the"


def test_locate_is_case_sensitive_and_within_one_paragraph() -> None:
    source = SourceText("Alpha beta.\nGamma delta.\n")
    assert source.locate("alpha beta") is None
    assert source.locate("beta. Gamma") is None
    assert source.locate("   ") is None


def test_closest_passage_for_a_near_miss(seed: Path) -> None:
    source = SourceText(seed.read_text(encoding="utf-8"))
    closest = source.closest("the Kazakh seaport handled 20% more cargoes")
    assert closest is not None
    number, text = closest
    assert number == 26
    assert "the Kazakh seaports handled 19% more cargo" in text


def test_normalise_nfc_and_quotes() -> None:
    assert normalise("Qarabag\u0306") == normalise("Qarabağ")
    assert normalise("“it’s”  —\tfine") == '"it\'s" - fine'
