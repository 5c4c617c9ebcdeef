"""The briefing's plan: parts, order, choices a reader makes (no Qt here)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from dossier.core import anchors
from dossier.core.briefing.choices import BriefingError, BriefingOptions, parse_sections
from dossier.core.briefing.full import contents_html, merged_entities
from dossier.core.briefing.parts import APPENDIX
from dossier.core.briefing.plan import plan_briefing
from dossier.core.loader import load_dossier
from dossier.core.model import Dossier

from ..conftest import BUNDLED

MULTILINGUAL = Path(__file__).resolve().parents[1] / "export" / "data" / "baku-astana.yaml"


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return load_dossier(MULTILINGUAL)


def test_parts_in_the_order_a_briefing_reads(dossier: Dossier) -> None:
    plan = plan_briefing(dossier, BriefingOptions(produced=dt.date(2021, 3, 1)))
    assert [p.id for p in plan.parts] == [
        "cover", "bluf", "contents", "section/culture", "section/trade", "section/transport",
        "timeline", "whos-who", "sources",
    ]  # fmt: skip
    assert plan.banner == "RƏSMI ISTIFADƏ ÜÇÜN"
    assert plan.as_of_text == "As of Feb 2021"
    assert "1 Mar 2021" in plan.parts[0].html


def test_sections_subset_order_and_appendix(dossier: Dossier) -> None:
    plan = plan_briefing(dossier, BriefingOptions(sections=("transport", "culture"), appendix=True))
    ids = [p.id for p in plan.parts]
    assert ids[3:5] == ["section/transport", "section/culture"]
    assert "section/trade" not in ids
    appendix = plan.parts[-1]
    assert appendix.kind == APPENDIX
    assert appendix.running_title == "Appendix A: Source text"
    # paragraphs numbered as the Source tab (on paper the cell also carries its width)
    assert re.search(r'<td class="pnum"[^>]*>7</td>', appendix.html)


def test_timeline_and_whos_who_only_for_chosen_sections(dossier: Dossier) -> None:
    plan = plan_briefing(dossier, BriefingOptions(sections=("trade",)))
    assert [p.id for p in plan.parts][-1] == "sources"
    assert "timeline" not in [p.id for p in plan.parts]


def test_sections_part_has_no_screen_banner(dossier: Dossier) -> None:
    plan = plan_briefing(dossier, BriefingOptions())
    section = plan.parts[3]
    assert 'class="banner"' not in section.html
    assert anchors.section("culture") in section.html


@pytest.mark.parametrize(
    ("spec", "expected"),
    [(None, None), ("a", ("a",)), (" b , a,b ", ("b", "a"))],
)
def test_parse_sections(spec: str | None, expected: tuple[str, ...] | None) -> None:
    assert parse_sections(spec) == expected


def test_parse_sections_refuses_nothing() -> None:
    with pytest.raises(BriefingError, match="names no section"):
        parse_sections(" , ")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            BriefingOptions(sections=("x", "culture", "y")),
            r"unknown sections 'x', 'y'; valid: culture, trade, transport",
        ),
        (BriefingOptions(sections=()), "no section chosen"),
        (BriefingOptions(classification="   "), "classification text is empty"),
        (BriefingOptions(classification="X" * 200), "at most 80"),
        (BriefingOptions(page_size="A5"), "unknown page size"),
    ],
)
def test_bad_choices_are_one_line_errors(
    dossier: Dossier, options: BriefingOptions, message: str
) -> None:
    with pytest.raises(BriefingError, match=message):
        plan_briefing(dossier, options)


def test_contents_lists_titles_and_pages() -> None:
    html = contents_html([("Politics", 5), ("Şuşa & <co>", None)])
    assert re.search(r'<td class="toc-page"[^>]*>5</td>', html)  # its paper width aside
    assert "Şuşa &amp; &lt;co&gt;" in html


def test_whos_who_names_each_entity_once(dossier: Dossier) -> None:
    sections = (dossier.section("culture"), dossier.section("culture"))
    merged = merged_entities(sections)
    assert [e.name for e in merged] == ["İlham Əliyev"]


def test_metadata(dossier: Dossier) -> None:
    plan = plan_briefing(dossier, BriefingOptions())
    assert plan.metadata["title"] == "Azərbaycan – Қазақстан: briefing"
    assert "Mədəniyyət" in plan.metadata["keywords"]


def test_whos_who_is_people_and_organisations(bundled: Path) -> None:
    """Places, programmes and vessels stay in their sections, not in the who's who."""
    kz = load_dossier(bundled)
    part = next(p for p in plan_briefing(kz, BriefingOptions()).parts if p.id == "whos-who")
    assert "Nursultan Nazarbayev" in part.html and "KazMunayGas" in part.html
    assert "Beket Ata" not in part.html  # a vessel
    assert "Icheri Sheher" not in part.html  # a place
    assert "Places and infrastructure" not in part.html


def test_the_printed_timeline_marks_planned_and_upcoming_events() -> None:
    dossier = load_dossier(BUNDLED)  # as of Feb 2021: "Planned: …" items dated 2021
    plan = plan_briefing(dossier, BriefingOptions())
    timeline = next(p for p in plan.parts if p.id == "timeline").html
    upcoming = sum(1 for _, e in dossier.events() if e.upcoming)
    planned = sum(
        1 for _, e in dossier.events() if not e.upcoming and e.title.startswith("Planned")
    )
    assert planned and upcoming
    assert timeline.count("\u00a0PLANNED\u00a0") == planned
    assert timeline.count("\u00a0UPCOMING\u00a0") == upcoming
    assert f"{planned} items marked PLANNED" in timeline
    assert f"As of {dossier.as_of.display()}" in timeline
