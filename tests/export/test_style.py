"""One style system: every class the pages use is named once, and both style sheets
select only on those names."""

from __future__ import annotations

import re

from dossier.core import screen_style, styles
from dossier.core.briefing.choices import BriefingOptions
from dossier.core.briefing.full import contents_html
from dossier.core.briefing.plan import plan_briefing
from dossier.core.html import pages as H
from dossier.core.loader import load_dossier
from dossier.export.fonts import Families
from dossier.export.style import stylesheet
from tests.export.conftest import BUNDLED, MULTILINGUAL

NAMES = {
    value
    for name, value in vars(styles).items()
    if name.isupper() and isinstance(value, str) and "{" not in value
} | {styles.TURN_ROW.format(turn) for turn in ("q", "a")}


def _classes(html: str) -> set[str]:
    return {name for group in re.findall(r'class="([^"]*)"', html) for name in group.split()}


def _selected(css: str) -> set[str]:
    return set(re.findall(r"\.([a-z][a-z-]*)", re.sub(r"'[^']*'|\d+\.\d+", "", css)))


def test_every_class_the_pages_use_is_a_named_one() -> None:
    used: set[str] = set()
    for path in (BUNDLED, MULTILINGUAL):
        dossier = load_dossier(path)
        used |= _classes(H.overview_html(dossier))
        for section in dossier.sections:
            used |= _classes(H.section_html(dossier, section))
        for source in dossier.sources:
            used |= _classes(H.source_html(dossier, source))
        for part in plan_briefing(dossier, BriefingOptions(appendix=True)).parts:
            used |= _classes(part.html)
    used |= _classes(contents_html([("Politics", 3)]))
    # Figure heading cells take their column's key ("label", "cites"): named ones too.
    assert used - NAMES == set()
    assert {styles.BANNER, styles.CITE, styles.COVER_META, styles.TURN_ROW.format("q")} <= used


def test_both_style_sheets_select_only_on_named_classes() -> None:
    paper = stylesheet(Families("Charis SIL", "Noto Sans"), 96, inset=45)
    screen = screen_style.stylesheet()
    for css in (paper, screen):
        selected = _selected(css)
        assert selected, css[:200]
        assert selected - NAMES == set()
    shared = styles.shared_rules(link="#000000", muted="#555555")
    assert _selected(shared) <= _selected(paper) & _selected(screen)
