"""The class names of the rendered pages, and the style rules screen and paper share.

:mod:`dossier.core.html` and :mod:`dossier.core.briefing` write these names into the
HTML; the screen style sheet (:mod:`dossier.core.screen_style`) and the paper one
(:mod:`dossier.export.style`) select on them, so a name is spelt in one place. Qt-free.
"""

from __future__ import annotations

# -- page furniture and headings -----------------------------------------------------------
BANNER = "banner"
TITLE = "title"  # a page's or a part's h1
SUBTITLE = "subtitle"
META_LINE = "meta-line"
SUMMARY = "summary"
BLUF = "bluf"  # with SUMMARY: the dossier's bottom line
MUTED = "muted"
LEGEND = "legend"
NAME = "name"
# -- citations ------------------------------------------------------------------------------
CITE = "cite"  # a ¶ marker
CITES = "cites"  # the markers of one item
# -- lists ----------------------------------------------------------------------------------
POINTS = "points"
POINT = "point"
TOC = "toc"
TOC_ITEM = "toc-item"
ENTITIES = "entities"
ENTITY = "entity"
ROLE = "role"
ALIASES = "aliases"
# -- figures --------------------------------------------------------------------------------
FIGURES = "figures"
FIGURE_GROUP = "figure-group"
HEAD = "head"
NUM = "num"  # right-aligned numbers
LABEL = "label"
VALUE = "value"
UNIT = "unit"
PERIOD = "period"
CHANGE = "change"
CELL_CITES = "cell-cites"
# -- timeline -------------------------------------------------------------------------------
TIMELINE = "timeline"
EVENT = "event"
UPCOMING_ROW = "upcoming-row"
DATE = "date"
WHAT = "what"
UPCOMING = "upcoming"  # the UPCOMING and PLANNED marks
AS_OF_ROW = "as-of-row"  # the rule where the events not yet past at the as-of date begin
# -- quotes ---------------------------------------------------------------------------------
QUOTE = "quote"
QUOTE_TEXT = "quote-text"
SPEAKER = "speaker"
# -- sources --------------------------------------------------------------------------------
META = "meta"  # what is known about a source
KEY = "key"
VAL = "val"
SOURCE = "source"  # a source's numbered paragraphs
SOURCE_TITLE = "source-title"
PARA = "para"
PNUM = "pnum"
PTURN = "pturn"
PTEXT = "ptext"
TURN = "turn"
TURN_ROW = "turn-{}"  # a paragraph's turn in lower case: turn-q, turn-a
# -- the printed briefing only --------------------------------------------------------------
CONTENTS = "contents"
TOC_TITLE = "toc-title"
TOC_PAGE = "toc-page"
COVER_COUNTRIES = "cover-countries"
COVER_TITLE = "cover-title"
COVER_KIND = "cover-kind"
COVER_SUBTITLE = "cover-subtitle"
COVER_META = "cover-meta"
APPENDIX_SOURCE = "appendix-source"
PEOPLE = "people"  # the read-ahead's names and roles
PORTION = "portion"  # a portion mark, "(R)"

# On paper, the column widths (percent of the table) of the tables that come without them.
PAPER_COLUMNS: dict[str, tuple[int, ...]] = {
    TIMELINE: (13, 87),
    SOURCE: (6, 4, 90),
    CONTENTS: (88, 12),
    META: (18, 82),
    COVER_META: (16, 84),
}


def shared_rules(*, link: str, muted: str) -> str:
    """The rules both style sheets hold, in their colours (``#rrggbb``)."""
    return f"""
a {{ color: {link}; text-decoration: none; }}
.{MUTED} {{ color: {muted}; }}
.{ALIASES} {{ color: {muted}; font-style: italic; }}
.{NUM} {{ text-align: right; }}
td.{CELL_CITES} {{ white-space: nowrap; padding-right: 0px; }}
tr.{AS_OF_ROW} td {{ color: {muted}; font-style: italic; border-top: 1px solid {muted}; }}
"""
