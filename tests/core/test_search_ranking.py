"""Real queries against the bundled dossier: what a reader expects at the top."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dossier.core.search.catalog as search_catalog
import dossier.core.search.index as search_index
import dossier.core.search.query as search_query
from dossier.core.loader import load_dossier
from dossier.core.model import Dossier, Entity, Figure, Point
from dossier.core.search import SearchIndex, SearchResult, parse_query, to_plain
from dossier.core.search.store import scope_token
from tests.conftest import BUNDLED
from tests.core.dossiers import MINIMAL, write


@cache
def _bundled() -> Dossier:
    return load_dossier(BUNDLED)


@cache
def _index() -> SearchIndex:
    return SearchIndex.for_dossiers([_bundled()], cache=False)


@pytest.fixture(scope="module", autouse=True)
def _close_the_shared_index() -> Iterator[None]:
    yield
    if _index.cache_info().currsize:
        _index().close()
        _index.cache_clear()


def search(text: str, limit: int = 20) -> list[SearchResult]:
    return list(_index().search(text, limit=limit).results)


def test_kuryk_top_result_is_the_kuryk_entity_not_a_paragraph() -> None:
    results = search("Kuryk")
    top = _bundled().item(results[0].anchor)
    assert isinstance(top, Entity) and top.name == "Kuryk"
    first_paragraph = next(i for i, r in enumerate(results) if r.kind == "paragraph")
    assert all(r.kind != "paragraph" for r in results[:first_paragraph])
    assert first_paragraph >= 5


def test_grain_kuryk_finds_the_grain_terminal_point() -> None:
    results = search("grain Kuryk")
    points = [r for r in results[:5] if r.kind == "point"]
    assert points, [r.anchor for r in results]
    point = _bundled().item(points[0].anchor)
    assert isinstance(point, Point)
    assert "terminal" in point.text and "Kuryk" in point.text
    assert all("grain" in r.text.lower() and "kuryk" in r.text.lower() for r in results)


def test_beket_finds_the_vessel() -> None:
    top = _bundled().item(search("Beket")[0].anchor)
    assert isinstance(top, Entity) and top.kind == "vessel" and top.name == "Beket Ata"


@pytest.mark.parametrize("query", ["38%", "38"])
def test_38_finds_the_trade_figures_first(query: str) -> None:
    results = search(query)
    assert results[0].kind == "figure"
    figure = _bundled().item(results[0].anchor)
    assert isinstance(figure, Figure) and "trade" in figure.label.lower()
    assert results[0].section_id == "trade"


def test_an_entity_named_exactly_beats_entities_named_with_it() -> None:
    # "Baku" names the city; "Baku shipyard" and "Baku State University" contain it.
    top = _bundled().item(search("Baku")[0].anchor)
    assert isinstance(top, Entity) and top.name == "Baku"


def test_a_point_beats_a_passing_mention_in_a_long_paragraph() -> None:
    results = search("Tokayev")
    kinds = [r.kind for r in results]
    assert kinds.index("point") < kinds.index("paragraph")


@pytest.mark.parametrize(
    ("query", "alias"),
    [
        ("Qarabag", "Smart Qarabağ"),
        ("sheki", "Şəki"),
        ("Şəki", "Şəki"),
        ("SHEKI", "Şəki"),
        ("qebele", "Qəbələ"),
        ("Qəbələ", "Qəbələ"),
        ("Quryq", "Quryq"),
        ("nakhchivan", "Naxçıvan"),
    ],
)
def test_diacritics_and_aliases_find_the_entity(query: str, alias: str) -> None:
    results = search(query)
    top = [_bundled().item(r.anchor) for r in results[:2] if r.kind == "entity"]
    assert any(isinstance(e, Entity) and alias in e.aliases for e in top), [
        r.text for r in results[:3]
    ]


def test_a_prefix_finds_while_typing() -> None:
    assert search("Kur")[0].anchor == search("Kuryk")[0].anchor
    assert search("Bek")[0].anchor == search("Beket")[0].anchor


def test_quoted_phrase_needs_the_words_together() -> None:
    together = search('"grain terminal"')
    assert together and all("grain terminal" in r.text.lower() for r in together)
    assert not search('"terminal grain"')


def test_section_filter_keeps_that_section() -> None:
    results = search("section:trade grain")
    assert results and {r.section_id for r in results} == {"trade"}
    assert not search("section:nosuch grain")


def test_a_section_no_dossier_has_is_told_apart_from_words_not_found() -> None:
    unknown = _index().search("section:nosuch grain")
    assert not unknown.results and unknown.no_section
    absent_words = _index().search("section:trade zzqxjw")
    assert not absent_words.results and not absent_words.no_section
    assert not _index().search("zzqxjw").no_section


def test_results_know_dossier_section_kind_and_paragraph() -> None:
    result = search("Beket")[0]
    assert result.dossier_id == _bundled().id
    assert result.dossier_title == _bundled().title
    assert result.section_id == "transport"
    assert result.section_title == _bundled().section("transport").title
    item = _bundled().item(result.anchor)
    assert result.paragraph == item.cites[0].paragraph
    assert result.marker == f"¶\u00a0{result.paragraph}"
    assert "[Beket]" in to_plain(result.snippet)


def test_overview_section_summaries_and_paragraphs_are_found() -> None:
    kinds = {r.kind: r for r in search("pandemic", limit=200)}
    assert {"overview", "section", "paragraph", "point"} <= set(kinds)
    assert kinds["overview"].anchor == "overview" and kinds["overview"].section_id is None
    paragraph = kinds["paragraph"]
    assert paragraph.anchor == f"source:interview/{paragraph.paragraph}"
    assert paragraph.section_id is None
    section = kinds["section"]
    assert section.anchor == f"section/{section.section_id}" and section.paragraph is None


def test_events_are_found_by_title_and_date() -> None:
    assert any(r.kind == "event" for r in search("2022 terminal"))


def test_results_are_ranked_best_first() -> None:
    scores = [r.score for r in search("trade", limit=100)]
    assert scores == sorted(scores, reverse=True)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_query_returns_results_or_nothing(text: str) -> None:
    found = _index().search(text, limit=10)
    assert len(found.results) <= 10
    for result in found.results:
        assert _bundled().id == result.dossier_id


_PORTS = MINIMAL.replace(
    """    points:
      - text: Bilateral trade fell by 38 per cent in 2020.
        cite: "our trade turnover fell by 38% in 2020"
""",
    """    points:
      - text: Portfolio managers met there.
        cite: "our trade turnover fell by 38% in 2020"
      - text: The port grew there.
        cite: "our trade turnover fell by 38% in 2020"
""",
)


def test_an_exact_word_ranks_above_a_longer_word_it_begins(tmp_path: Path) -> None:
    dossier = load_dossier(write(tmp_path, _PORTS))
    with SearchIndex.for_dossiers([dossier], cache=False) as index:
        typed = [r.text for r in index.search("port").results if r.kind == "point"]
        whole = [r.text for r in index.search("port ").results if r.kind == "point"]
    assert typed == ["The port grew there.", "Portfolio managers met there."]
    # Finished with a space, the word is whole: no prefix matches at all.
    assert whole == ["The port grew there."]


@pytest.mark.parametrize("typed", ["0n", "0nk", "0nkuryk", "0nbeketata"])
def test_typing_0n_does_not_match_every_name(typed: str) -> None:
    # Whole names are indexed as made-up "0n…" tokens; typed words never reach them.
    assert search(typed) == []


def test_a_section_token_typed_as_a_word_does_not_match_the_section() -> None:
    token = scope_token(_bundled().sections[0].id)
    assert search(token) == [] and search(token[:4]) == []


def _with_point(text: str, number: int) -> str:
    point = "- text: Bilateral trade fell by 38 per cent in 2020."
    assert point in MINIMAL
    return MINIMAL.replace(point, f"- text: {text}").replace("id: mini", f"id: d{number}")


def test_the_best_match_ranks_first_wherever_it_is_in_a_large_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A library whose early dossiers mention a word in passing more often than the
    # capped pool of candidates holds; the one point that is about it comes last.
    monkeypatch.setattr(search_index, "CANDIDATES", 3)
    passing = (
        "Officials spoke of shipments bound for Zanzibar among many other ports, routes,"
        " terminals, corridors, markets and partners across the wider region."
    )
    paths = [write(tmp_path, _with_point(passing, n), f"d{n}.yaml") for n in range(6)]
    paths.append(write(tmp_path, _with_point("Zanzibar.", 9), "d9.yaml"))
    with SearchIndex.for_dossiers([load_dossier(p) for p in paths], cache=False) as index:
        found = index.search("zanzibar")
        assert found.total == 7 and not found.capped
        assert found.results[0].dossier_id == "d9"
        # Over the ranking budget, the first candidates are ranked and the count says so.
        monkeypatch.setattr(search_index, "RANK_ALL", 5)
        capped = index.search("zanzibar")
    assert capped.capped and capped.total == 5 and len(capped.results) == 3


def test_a_huge_limit_is_capped_not_an_error() -> None:
    found = _index().search("Kuryk", limit=10**20)
    assert 0 < len(found.results) <= found.total
    assert found.results == _index().search("Kuryk", limit=1000).results


def test_results_do_not_depend_on_how_many_blocks_the_index_keeps_decoded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A broad query's results come from many stored blocks; a cache smaller than that
    # (a library far larger than this one) must still show every result, in order.
    wanted = search("the", limit=60)
    assert len(wanted) == 60
    with SearchIndex.for_dossiers([_bundled()], cache=False) as index:
        monkeypatch.setattr(search_catalog, "DECODED", 2)
        index.search("Kuryk", limit=60)  # blocks another query read are kept first
        assert list(index.search("the", limit=60).results) == wanted
        assert list(index.search("the", limit=60).results) == wanted


@pytest.mark.parametrize(
    "typed",
    ["Kuryk", "grain Ku", "trade turnover 20", '"strategic part', "Şəki", "trade 2020", "38 per"],
)
def test_words_searched_without_the_column_filter_find_and_rank_the_same(
    typed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Plain words go to FTS5 without the text-columns filter (the other columns hold
    # only made-up tokens): results, order and scores are those of the filtered query.
    unfiltered = search(typed, limit=100)
    assert unfiltered
    monkeypatch.setattr(search_query, "_TOKEN_LIKE", re.compile(".*"))
    assert "{name body extra}" in parse_query(typed).expression(lambda prefix, n: [])
    assert search(typed, limit=100) == unfiltered
