"""Folding (case, diacritics, Azerbaijani letters) and snippets (marks, safe HTML)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.core.search import MARK_END, MARK_START, make_snippet, parse_query, to_html, to_plain
from dossier.core.search.catalog import words_of
from dossier.core.search.fold import fold, index_text, variants, words


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Qarabağ", "qarabag"),
        ("Şəki", "seki"),
        ("QƏBƏLƏ", "qebele"),
        ("İçərişəhər", "iceriseher"),
        ("Bakı", "baki"),
        ("Naxçıvan", "naxcivan"),
        ("Straße", "strasse"),
        ("Ørsted", "orsted"),
        ("ﬁnance", "finance"),
        ("Kazakhstan", "kazakhstan"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_transliterated_variants_of_azerbaijani_words() -> None:
    assert variants("Şəki") == ["sheki"]
    assert variants("Naxçıvan") == ["nakhchivan"]
    assert variants("Kazakhstan exports") == []  # x only in Azerbaijani words


def test_index_text_folds_what_unicode61_would_miss_and_keeps_ascii() -> None:
    assert index_text("Grain at Kuryk") == "Grain at Kuryk"
    indexed = index_text("Şəki and Qəbələ")
    assert "ə" not in indexed
    assert indexed.endswith("sheki")


def test_words() -> None:
    assert words("Kuryk–Alat ferry, 38%!") == ["kuryk", "alat", "ferry", "38"]


def test_snippet_marks_exact_prefix_and_diacritic_matches() -> None:
    query = parse_query("sheki kur")
    snippet = make_snippet("Şəki (Sheki) lies far from Kuryk.", query)
    assert to_plain(snippet) == "[Şəki] ([Sheki]) lies far from [Kuryk]."


def test_snippet_of_a_long_text_is_cut_around_the_match() -> None:
    text = "Filler words. " * 40 + "The grain terminal at Kuryk opens in 2022. " + "More. " * 40
    snippet = make_snippet(text, parse_query("grain"), width=80)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert f"{MARK_START}grain{MARK_END}" in snippet
    assert len(snippet) < 100


def test_html_snippet_escapes_the_text_and_bolds_only_the_marks() -> None:
    text = 'Port <script>alert("Kuryk")</script> & <b>Kuryk</b>'
    html = to_html(make_snippet(text, parse_query("kuryk")))
    assert html == (
        "Port &lt;script&gt;alert(&quot;<b>Kuryk</b>&quot;)&lt;/script&gt; &amp; "
        "&lt;b&gt;<b>Kuryk</b>&lt;/b&gt;"
    )


def test_marker_characters_in_the_text_cannot_forge_marks() -> None:
    snippet = make_snippet(f"{MARK_START}nothing{MARK_END} here", parse_query("here"))
    assert to_plain(snippet) == "nothing [here]"


# Letters, digits, marks, spaces of every kind and the characters folding rewrites:
# what could make folding the distinct tokens differ from folding the whole text.
_TRICKY = st.text(
    st.one_of(
        st.characters(categories=["L", "M", "N", "Z", "P", "S", "Cc"]),
        st.sampled_from("əƏıİßﬁ½™℃¨´\u00a0\u2007\u3000\x02\x1f\u0301\u0308 \t\n"),
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_TRICKY, _TRICKY, _TRICKY), min_size=1, max_size=6))
def test_words_of_rows_are_the_words_of_their_whole_text(rows: list[tuple[str, str, str]]) -> None:
    fields = [(name, body, extra, "", "") for name, body, extra in rows]
    whole = " ".join(text for row in rows for text in row)
    assert words_of(fields) == set(words(whole))


def test_words_of_folds_what_each_token_holds() -> None:
    rows = [("Qəbələ, Şəki", "Straße ﬁnance ½", "KURYK. kuryk", "name:kuryk", "")]
    assert words_of(rows) == {
        "qebele",
        "seki",
        "strasse",
        "finance",
        "1",
        "2",
        "kuryk",
        "name:kuryk",
    }
