"""A source that several dossiers cite is indexed once, and found from each of them."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from dossier.core.loader import load_dossier
from dossier.core.search import SearchIndex, cache_dir, open_library
from tests.core.dossiers import MINIMAL, write

# A word only the interview's paragraphs hold (no item of the test dossiers says it).
PARAGRAPH_WORD = "Semipalatinsk"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    write(folder)
    # The same interview under another source id.
    second = (
        MINIMAL.replace("id: mini", "id: second")
        .replace("- id: interview", "- id: talk")
        .replace("source: interview", "source: talk")
    )
    write(folder, second, "b.yaml")
    return folder


def _paragraph_rows(db: Path) -> tuple[int, int]:
    """(source entries, documents they hold) in a cache database."""
    with closing(sqlite3.connect(db)) as conn:
        row = conn.execute("SELECT count(*), sum(docs) FROM entries WHERE source = 1").fetchone()
    return int(row[0]), int(row[1] or 0)


def _paragraphs_of_the_seed(folder: Path) -> int:
    return len(load_dossier(folder / "b.yaml").sources[0].text.paragraphs)


def test_a_shared_source_is_stored_once_and_found_from_both(library: Path) -> None:
    with open_library(library) as opened:
        found = opened.index.search(PARAGRAPH_WORD).results
        database = opened.index.database
    assert database is not None
    assert _paragraph_rows(database) == (1, _paragraphs_of_the_seed(library))
    places = {(r.dossier_id, r.source_id, r.anchor.split("/")[0]) for r in found}
    assert places == {("mini", "interview", "source:interview"), ("second", "talk", "source:talk")}
    assert {r.paragraph for r in found if r.dossier_id == "mini"} == {
        r.paragraph for r in found if r.dossier_id == "second"
    }


def test_the_count_counts_a_shared_paragraph_once_for_each_dossier(library: Path) -> None:
    with open_library(library) as opened:
        every = opened.index.search(PARAGRAPH_WORD)
        first = opened.index.search(PARAGRAPH_WORD, limit=1)
    assert every.total == len(every.results) == 2 * len({r.paragraph for r in every.results})
    # Shown one at a time, the count still says how many there are.
    assert first.total == every.total and len(first.results) == 1
    assert not first.capped


def test_removing_one_dossier_keeps_the_others_hits(library: Path) -> None:
    open_library(library).index.close()
    (library / "mini.yaml").unlink()
    with open_library(library) as opened:
        found = opened.index.search(PARAGRAPH_WORD).results
        assert found and {r.dossier_id for r in found} == {"second"}
    (database,) = (cache_dir() / "search").glob("*.sqlite")
    assert _paragraph_rows(database) == (1, _paragraphs_of_the_seed(library))


def test_a_source_no_dossier_cites_any_more_leaves_the_cache(library: Path) -> None:
    open_library(library).index.close()
    other = library / "other.txt"
    other.write_text("Kuryk has a ferry.\nTrade fell.\n", encoding="utf-8")
    text = (
        MINIMAL.replace("id: mini", "id: other")
        .replace("path: {seed}", "path: other.txt")
        .split("sections:")[0]
        + "sections:\n  - id: trade\n    title: Trade\n    summary: Trade fell.\n"
    )
    (library / "c.yaml").write_text(text, encoding="utf-8")
    for name in ("mini.yaml", "b.yaml"):
        (library / name).unlink()
    with open_library(library) as opened:
        assert not opened.index.search(PARAGRAPH_WORD).results
        assert [r.dossier_id for r in opened.index.search("ferry").results] == ["other"]
        database = opened.index.database
    assert database is not None
    assert _paragraph_rows(database) == (1, 2)


def test_the_viewer_counts_a_shared_paragraph_once_per_dossier(library: Path) -> None:
    dossiers = [load_dossier(library / name) for name in ("mini.yaml", "b.yaml")]
    with SearchIndex.for_dossiers(dossiers) as index:
        both = index.search(PARAGRAPH_WORD)
    with SearchIndex.for_dossiers(dossiers[:1]) as index:
        one = index.search(PARAGRAPH_WORD)
    assert both.total == 2 * one.total == 2 * len(one.results)
    assert {r.dossier_id for r in one.results} == {"mini"}
