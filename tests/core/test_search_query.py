"""The query language: words, phrases, prefixes, section filter; any text is safe."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.core.search import parse_query
from dossier.core.search.query import MAX_GROUPS, MAX_QUERY_CHARS

HOSTILE = [
    "",
    "   ",
    "\t\n",
    '"',
    '""',
    '"""',
    '"grain',
    'grain"',
    "*",
    "**",
    "kur*",
    "-",
    "-grain",
    ":",
    "name:",
    "body:grain",
    "{name body}: grain",
    "NEAR(",
    "NEAR(grain kuryk, 2)",
    "AND",
    "AND OR",
    "grain AND OR NOT kuryk",
    "^grain",
    "(",
    ")",
    "((()))",
    "+",
    "'",
    "'; DROP TABLE docs; --",
    "\\",
    "\x00",
    "\x02grain\x03",
    "section:",
    "section:Trade!",
    "section:trade",
    "🙂",
    "ﬁ ß İ ı Ə",
    "x" * 5000,
    "grain " * 400,
    '"' * 300,
]


def _fts(conn: sqlite3.Connection, expression: str) -> list[tuple[int]]:
    return conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,)).fetchall()


@pytest.fixture(scope="module")
def fts() -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(":memory:")) as conn:
        conn.execute(
            "CREATE VIRTUAL TABLE t USING fts5(name, body, extra, names, scope, "
            "tokenize='unicode61 remove_diacritics 2')"
        )
        conn.execute("INSERT INTO t VALUES ('Kuryk', 'grain terminal near', '', '0nkuryk', '')")
        yield conn


def test_words_all_required_last_one_a_prefix_while_typing() -> None:
    query = parse_query("grain Kur")
    assert [group.words for group in query.groups] == [("grain",), ("kur",)]
    assert [group.prefix for group in query.groups] == [False, True]
    assert '"grain" AND ("kur" OR "kur"*)' in query.expression()


def test_a_trailing_space_ends_the_last_word() -> None:
    assert not parse_query("grain Kuryk ").groups[-1].prefix


def test_quoted_phrase_and_unfinished_phrase() -> None:
    closed = parse_query('"grain terminal" Kuryk ')
    assert closed.groups[0].words == ("grain", "terminal")
    assert not closed.groups[0].prefix
    open_ = parse_query('Kuryk "grain term')
    assert open_.groups[-1].words == ("grain", "term")
    assert open_.groups[-1].prefix


def test_section_filter() -> None:
    query = parse_query("section:Trade grain")
    assert query.section == "trade"
    assert [group.words for group in query.groups] == [("grain",)]
    assert parse_query("section:").section is None
    # Not an id: just words.
    assert parse_query("section:Trade!").section is None


def test_hyphenated_word_is_a_phrase_and_punctuation_is_dropped() -> None:
    assert parse_query("Kuryk-Alat ").groups[0].words == ("kuryk", "alat")
    assert parse_query("38% ").groups[0].words == ("38",)
    assert parse_query("* - : ( ) ^").empty


def test_folding_applies_to_the_query() -> None:
    assert parse_query("Şəki ").groups[0].words == ("seki",)
    assert parse_query("QƏBƏLƏ ").groups[0].words == ("qebele",)
    assert parse_query("İçərişəhər ").groups[0].words == ("iceriseher",)


def test_very_long_queries_are_capped() -> None:
    query = parse_query(" ".join(f"word{i}" for i in range(1000)))
    assert len(query.groups) <= MAX_GROUPS
    long_word = parse_query("a" * 10_000)
    assert all(len(word) <= MAX_QUERY_CHARS for g in long_word.groups for word in g.words)


def test_one_letter_completes_names_only() -> None:
    assert parse_query("k").expression() == 'names : "0nk"*'
    # After other words a lone letter waits for the next keystroke.
    assert '"t"' not in parse_query("trade t").expression()


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_only_ever_produce_quoted_strings(
    text: str, fts: sqlite3.Connection
) -> None:
    query = parse_query(text)
    if query.empty:
        return
    expression = query.expression()
    skeleton = re.sub(r'"(?:[^"]|"")*"', "Q", expression)
    operators = r"(?:AND|OR|names :|\{name body extra\} :)"
    assert re.fullmatch(rf"[Q()* ]*(?:{operators}[Q()* ]*)*", skeleton), expression
    _fts(fts, expression)  # FTS5 accepts it


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_parses_to_valid_fts5(text: str) -> None:
    with closing(sqlite3.connect(":memory:")) as conn:
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(name, body, extra, names, scope)")
        query = parse_query(text)
        if not query.empty:
            _fts(conn, query.expression())
