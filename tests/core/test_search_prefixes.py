"""Prefixes answered without FTS5 prefix indexes: a prefix being typed is spelled out
as the commonest indexed words that begin with it (the cache's ``words`` table)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.core.search import cache_dir, catalog, open_library
from dossier.core.search.fold import WORD
from dossier.core.search.query import COMPLETIONS, parse_query
from dossier.core.search.snippet import MARK_START
from tests.core.dossiers import MINIMAL, write, write_pair


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_pair(tmp_path / "library")


def _database() -> Path:
    (found,) = (cache_dir() / "search").glob("*.sqlite")
    return found


def _kinds(folder: Path, query: str) -> list[str]:
    with open_library(folder) as library:
        return [r.kind for r in library.index.search(query, limit=500).results]


@pytest.mark.parametrize(
    ("typed", "word"),
    [("gr", "Grain"), ("Ku", "Kuryk"), ("te", "terminal"), ("Qu", "Quryq"), ("20", "2020")],
)
def test_a_two_letter_prefix_finds_its_words_from_the_cache(
    library: Path, typed: str, word: str
) -> None:
    open_library(library).index.close()  # built; what follows reads the cache
    with open_library(library) as warm:
        assert warm.loaded == 0
        found = warm.index.search(typed, limit=500).results
    assert any(word.lower() in r.text.lower() for r in found), [r.text for r in found]
    marked = MARK_START + typed.lower()
    assert all(marked in r.snippet.lower() for r in found)  # the completed words marked


def test_a_prefix_finds_what_the_whole_word_finds(library: Path) -> None:
    assert sorted(_kinds(library, "Kury")) == sorted(_kinds(library, "Kuryk"))
    assert "paragraph" in _kinds(library, "termin")  # source paragraphs too


def test_a_phrase_still_typing_finds_the_phrase(library: Path) -> None:
    with open_library(library) as opened:
        found = opened.index.search('"grain term', limit=500).results
        assert [r.kind for r in found if r.kind == "event"] == ["event", "event"]
        assert not opened.index.search('"terminal grain', limit=500).results


def test_one_letter_completes_names_from_the_cache(library: Path) -> None:
    with open_library(library) as opened:
        found = opened.index.search("k").results
    assert found and {r.kind for r in found} <= {"entity", "overview"}
    assert any("Kuryk" in r.text for r in found)


def test_a_prefix_with_no_word_finds_nothing(library: Path) -> None:
    with open_library(library) as opened:
        assert not opened.index.search("zq").results
        assert not opened.index.search("grain zq").results


def test_completions_are_the_commonest_words_and_bounded() -> None:
    with closing(sqlite3.connect(":memory:")) as conn:
        conn.execute("CREATE TABLE words(word TEXT PRIMARY KEY, entries INTEGER NOT NULL)")
        rows = [(f"ka{n:03d}", n) for n in range(50)] + [("kb", 99), ("k", 99)]
        conn.executemany("INSERT INTO words VALUES (?, ?)", rows)
        found = catalog.completions(conn, "ka", COMPLETIONS)
    assert found == [f"ka{n:03d}" for n in range(49, 49 - COMPLETIONS, -1)]


def test_the_expression_spells_the_prefix_out() -> None:
    query = parse_query("grain ku")
    expression = query.expression(lambda prefix, n: [prefix + "ryk"])
    assert '"grain" AND ("ku" OR "kuryk")' in expression
    assert "*" not in expression.split(" OR (names")[0]


def test_a_removed_dossier_leaves_no_words_behind(library: Path) -> None:
    open_library(library).index.close()
    with closing(sqlite3.connect(_database())) as conn:
        assert catalog.completions(conn, "aqt", 5) == ["aqtau"]
    (library / "b.yaml").unlink()
    open_library(library).index.close()
    with closing(sqlite3.connect(_database())) as conn:
        assert catalog.completions(conn, "aqt", 5) == []
        assert catalog.completions(conn, "quryq", 5) == ["quryq"]  # still indexed
        assert conn.execute("SELECT min(entries) FROM words").fetchone()[0] >= 1


def test_a_large_build_leaves_the_cache_compact(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("dossier.core.search.index.COMPACT_FROM", 1)
    monkeypatch.setattr("dossier.core.search.scan.COMMIT_EVERY", 1)  # a segment each
    with open_library(library) as opened:
        assert opened.index.search("Kur").results
    with closing(sqlite3.connect(_database())) as conn:
        assert conn.execute("SELECT count(DISTINCT segid) FROM fts_idx").fetchone()[0] == 1
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA page_size").fetchone()[0] == 65536
    with open_library(library) as again:
        assert again.loaded == 0 and again.index.search("Kur").results


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="aAbkKuzZ ɘəŞş_-—“”1½İ", max_size=60),
    st.sampled_from(["ku", "a", "kuz b", "ş", "sh", "1", '"ab k', "İk"]),
)
def test_marked_words_are_those_the_query_matches(text: str, typed: str) -> None:
    query = parse_query(typed)
    one_by_one = [m.span() for m in WORD.finditer(text) if query.matches(m.group())]
    assert query.spans(text) == one_by_one


LONG = "Donaudampfschifffahrtsgesellschaftskapitaenswitwenrente"  # 55 letters


@pytest.mark.parametrize("typed", [LONG, f"{LONG} trade", f"trade {LONG}", f'"{LONG}"'])
def test_a_long_word_is_found_wherever_it_stands_in_the_query(tmp_path: Path, typed: str) -> None:
    text = MINIMAL.replace("summary: Trade fell in 2020;", f"summary: Trade fell in 2020 ({LONG});")
    folder = tmp_path / "library"
    folder.mkdir()
    write(folder, text)
    with open_library(folder) as opened:
        found = opened.index.search(typed, limit=10).results
    assert [r.kind for r in found] == ["overview"]  # the dossier's own summary
    assert MARK_START + LONG in found[0].snippet  # marked whole
