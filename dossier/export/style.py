"""Page geometry and the print style sheet of the briefing.

Everything is laid out once, at Qt's default resolution (:func:`layout_dpi`), whatever
the final device, so that a PDF, a print preview and a printout break pages at the same
places. Qt's rich-text CSS takes margins and paddings in pixels only (``pt`` is silently
ignored there), and it scales paddings and fixed line heights by the ratio of the
layout device's resolution to the default one; laying out at the default resolution
keeps that ratio at 1, and the style sheet is generated with lengths converted from
points to those pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

from dossier.core import styles as S
from dossier.export.fonts import Families

MM = 72 / 25.4  # points per millimetre

# Paper sizes in points.
PAPER = {"A4": (595.2756, 841.8898), "Letter": (612.0, 792.0)}

BODY_PT = 11.0
COMPACT_BODY_PT = 10.0  # the read-ahead and talking points: two pages, one page
LEADING = 1.32  # body line spacing as a multiple of the size
TEXT = "#111111"
MUTED = "#555555"
RULE = "#222222"
CITE = "#1f4e79"
# Tables set at the measure of the running text rather than across the whole frame.
INSET_TABLES = (S.CONTENTS, S.META, S.COVER_META)


def layout_dpi() -> int:
    """Qt's default resolution for rich text (the primary screen's, or 96)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.testAttribute(Qt.ApplicationAttribute.AA_Use96Dpi):
        return 96
    screen = QGuiApplication.primaryScreen()
    return round(screen.logicalDotsPerInchY()) if screen is not None else 96


def px(points: float, dpi: float) -> float:
    """Points to layout pixels at ``dpi``."""
    return points * dpi / 72


@dataclass(frozen=True)
class PageGeometry:
    """Where things go on a page, in points from the top-left corner of the paper.

    The frame (tables, rules, running heads) is ``frame_width`` wide; running text is
    inset ``text_inset`` on each side so that a line holds about 66 characters.
    """

    name: str
    width: float
    height: float
    frame_left: float
    frame_width: float
    text_inset: float
    body_top: float
    body_height: float
    banner_top_baseline: float
    head_baseline: float
    head_rule: float
    foot_rule: float
    foot_baseline: float
    banner_bottom_baseline: float

    @classmethod
    def for_paper(cls, name: str) -> PageGeometry:
        """The geometry for ``"A4"`` or ``"Letter"`` (KeyError otherwise)."""
        width, height = PAPER[name]
        frame_width = 150 * MM
        top = 27 * MM
        bottom = 27 * MM
        return cls(
            name=name,
            width=width,
            height=height,
            frame_left=(width - frame_width) / 2,
            frame_width=frame_width,
            text_inset=16 * MM,
            body_top=top,
            body_height=height - top - bottom,
            banner_top_baseline=11.5 * MM,
            head_baseline=19 * MM,
            head_rule=21 * MM,
            foot_rule=height - 21.5 * MM,
            foot_baseline=height - 17 * MM,
            banner_bottom_baseline=height - 9.5 * MM,
        )


def stylesheet(fonts: Families, dpi: float, *, inset: float = 0, body: float = BODY_PT) -> str:
    """The CSS of the briefing, selecting on the class names of :mod:`dossier.core.styles`.

    ``inset``: points each side of the tables that sit at the measure of the text;
    ``body``: the size of running text (the short templates set it a point smaller,
    and their table cells never below 9.5 pt).
    """

    def px(points: float) -> int:  # CSS takes whole pixels
        return max(1, round(points * dpi / 72)) if points > 0 else 0

    serif = f"'{fonts.serif}'"
    sans = f"'{fonts.sans}'"

    def lead(size: float, factor: float = LEADING) -> str:
        return f"line-height: {px(size * factor)}px; -qt-line-height-type: fixed;"

    def space(before: float, after: float) -> str:
        return f"margin-top: {px(before)}px; margin-bottom: {px(after)}px;"

    small = 9.5
    cell = max(small, body - 1)
    gap = body / BODY_PT  # vertical spacing shrinks with the type
    measured = ", ".join(f"table.{name}" for name in INSET_TABLES)
    return f"""
body {{ font-family: {serif}; font-size: {body}pt; color: {TEXT}; }}
p {{ {space(0, 6)} {lead(body)} }}
h1, h2, h3 {{ font-family: {sans}; font-weight: 700; color: {TEXT}; }}
h1 {{ font-size: 17pt; {space(0, 4)} {lead(17, 1.2)} }}
h2 {{ font-size: 12pt; {space(15 * gap**3, 5 * gap)} {lead(12, 1.25)} }}
h3 {{ font-size: 9.5pt; {space(9, 3)} {lead(9.5, 1.3)} color: {MUTED}; }}
{S.shared_rules(link=TEXT, muted=MUTED)}
a.{S.CITE} {{ font-size: 8.5pt; color: {CITE}; }}
.{S.CITES} {{ font-size: 8.5pt; }}
.{S.META_LINE} {{ font-size: {small}pt; font-style: italic; color: {MUTED}; {space(0, 10)}
              {lead(small)} }}
.{S.SUMMARY} {{ {space(2, 6)} }}
.{S.BLUF} {{ font-size: 12pt; {lead(12, 1.32)} }}
.{S.LEGEND} {{ font-size: {small}pt; font-style: italic; color: {MUTED}; {lead(small)}
           {space(4, 8)} }}
ul {{ margin-top: 0px; margin-bottom: 0px; -qt-list-indent: 1; }}
li {{ {space(0, 4)} {lead(body)} }}
.{S.NAME} {{ font-weight: 700; }}
table {{ {space(3, 6)} border-collapse: collapse; }}
{measured} {{ margin-left: {px(inset)}px; margin-right: {px(inset)}px; }}
th {{ font-family: {sans}; font-size: 7.5pt; font-weight: 700; color: {MUTED};
      text-align: left; padding-top: 0px; padding-bottom: {px(3)}px;
      padding-right: {px(8)}px; padding-left: 0px;
      border-bottom: {px(0.6)}px solid {RULE}; {lead(7.5, 1.2)} }}
td {{ font-size: {cell}pt; padding-top: {px(2.5 * gap)}px; padding-bottom: {px(2.5 * gap)}px;
      padding-right: {px(8)}px; padding-left: 0px; vertical-align: top; {lead(cell, 1.25)} }}
td.{S.VALUE} {{ font-weight: 700; white-space: nowrap; }}
td.{S.UNIT}, td.{S.PERIOD}, td.{S.CHANGE} {{ color: {TEXT}; }}
h4.{S.FIGURE_GROUP} {{ font-family: {sans}; font-size: 8pt; font-weight: 700; color: {MUTED};
                  {space(6, 0)} }}
td.{S.DATE} {{ white-space: nowrap; font-weight: 700; padding-right: {px(12)}px; }}
.{S.UPCOMING} {{ font-family: {sans}; font-size: 6.5pt; font-weight: 700; color: #ffffff;
             background-color: #8a4b00; }}
blockquote {{ margin-left: {px(18)}px; margin-right: {px(18)}px; {space(2, 8)} }}
.{S.QUOTE_TEXT} {{ font-style: italic; {space(0, 1)} }}
.{S.SPEAKER} {{ font-size: {small}pt; color: {MUTED}; {lead(small)} {space(0, 8)} }}
.{S.META} td.{S.KEY}, .{S.COVER_META} td.{S.KEY} {{ font-family: {sans}; font-size: 7pt;
             font-weight: 700; color: {MUTED};
             padding-right: {px(14)}px; padding-top: {px(3.5)}px; }}
.{S.META} td, .{S.COVER_META} td {{ padding-top: {px(2)}px; padding-bottom: {px(2)}px; }}
.{S.SOURCE} td {{ padding-top: {px(1.5)}px; padding-bottom: {px(4)}px; }}
td.{S.PNUM} {{ font-size: 8.5pt; color: {MUTED}; text-align: right; white-space: nowrap;
           padding-right: {px(8)}px; padding-top: {px(3.5)}px; }}
td.{S.PTURN} {{ padding-right: {px(6)}px; }}
.{S.TURN} {{ font-family: {sans}; font-size: 7.5pt; font-weight: 700; color: {MUTED}; }}
td.{S.PTEXT} {{ font-size: 10pt; white-space: pre-wrap; {lead(10, 1.3)} }}
tr.{S.TURN_ROW.format("q")} td.{S.PTEXT} {{ font-style: italic; }}
.{S.CONTENTS} td {{ font-size: {body}pt; padding-top: {px(3)}px; padding-bottom: {px(3)}px;
                {lead(body)} }}
td.{S.TOC_PAGE} {{ text-align: right; padding-right: 0px; vertical-align: bottom; }}
a.{S.TOC_TITLE} {{ font-size: {body}pt; color: {TEXT}; }}
.{S.COVER_COUNTRIES} {{ font-family: {sans}; font-size: 10pt; font-weight: 700;
                    color: {MUTED}; {space(90, 10)} {lead(10, 1.2)} }}
h1.{S.COVER_TITLE} {{ font-size: 30pt; {space(0, 6)} {lead(30, 1.15)} }}
.{S.COVER_KIND} {{ font-family: {sans}; font-size: 13pt; font-weight: 700; color: {MUTED};
               {space(0, 14)} {lead(13, 1.2)} }}
.{S.COVER_SUBTITLE} {{ font-size: 14pt; font-style: italic; {lead(14, 1.3)} {space(0, 40)} }}
.{S.COVER_META} td {{ font-size: 10.5pt; {lead(10.5, 1.3)} }}
.{S.COVER_META} td.{S.KEY} {{ font-size: 8.5pt; padding-top: {px(2.6)}px; }}
.{S.APPENDIX_SOURCE} {{ font-style: italic; {space(0, 10)} }}
.{S.PORTION} {{ font-family: {sans}; font-size: 7.5pt; font-weight: 700; color: {MUTED}; }}
.{S.PEOPLE} td {{ padding-right: {px(12)}px; padding-bottom: {px(3)}px; }}
"""
