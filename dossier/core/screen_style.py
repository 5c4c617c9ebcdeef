"""The screen style sheet of the pages, for ``QTextDocument.setDefaultStyleSheet``.

It selects on the class names of :mod:`dossier.core.styles` and holds its shared rules;
the viewer's theme (:mod:`dossier.ui.theme`) gives it the palette's colours and the
zoomed size. Qt-free.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dossier.core import styles as S


@dataclass(frozen=True)
class Colors:
    """The colours the style sheet uses (``#rrggbb``), taken from the UI palette."""

    text: str = "#1d1d1f"
    muted: str = "#5f6368"
    link: str = "#1a5fb4"
    rule: str = "#9aa0a6"
    banner_text: str = "#ffffff"
    banner_back: str = "#2e7d32"
    upcoming_text: str = "#ffffff"
    upcoming_back: str = "#b35900"


LIGHT = Colors()
DARK = Colors(
    text="#e8e6e3",
    muted="#a8a8a8",
    link="#8ab4f8",
    rule="#7a7a7a",
    banner_text="#ffffff",
    banner_back="#2e6b31",
    upcoming_text="#1b1b1b",
    upcoming_back="#f0a35a",
)


def font_list(families: Sequence[str], generic: str) -> str:
    """A CSS ``font-family`` value: ``families`` in order (quoted), then ``generic``."""
    quoted = ", ".join("'" + family.replace("'", "") + "'" for family in families)
    return f"{quoted}, {generic}" if quoted else generic


SERIF = font_list(("Charis SIL", "Source Serif 4", "DejaVu Serif", "Georgia"), "serif")
SANS_FAMILIES = ("Inter", "Source Sans 3", "DejaVu Sans", "Helvetica")
SANS = font_list(SANS_FAMILIES, "sans-serif")


def stylesheet(
    colors: Colors = LIGHT,
    *,
    base_pt: float = 11.5,
    print_mode: bool = False,
    serif: str = SERIF,
    sans: str = SANS,
) -> str:
    """The CSS of the pages on screen.

    ``print_mode`` drops colours that waste ink (the banner becomes a bold line)
    and tightens the spacing a little.
    """
    c = colors
    gap = 0.8 if print_mode else 1.0

    def pt(factor: float) -> str:
        return f"{base_pt * factor:.1f}pt"

    def px(factor: float) -> str:  # Qt reads box lengths in px only (1pt = 4/3 px)
        return f"{round(base_pt * factor * 4 / 3)}px"

    banner = (
        f"color: {c.text}; background-color: transparent; font-weight: 700;"
        if print_mode
        else f"color: {c.banner_text}; background-color: {c.banner_back}; font-weight: 700;"
    )
    body = f"font-family: {serif}; font-size: {pt(1)}; color: {c.text};"
    return f"""
body {{ {body} }}
p, li, td, blockquote {{ {body} }}
p {{ margin-top: 0px; margin-bottom: {px(0.75 * gap)}; line-height: 100%; }}
h1, h2, h3, th {{ font-family: {sans}; color: {c.text}; }}
h1 {{ font-size: {pt(1.9)}; font-weight: 700; margin-top: {px(0.5)}; margin-bottom: {px(0.2)}; }}
h2 {{ font-size: {pt(1.2)}; font-weight: 600; margin-top: {px(1.9 * gap)};
      margin-bottom: {px(0.55)}; }}
h3 {{ font-size: {pt(0.95)}; font-weight: 600; margin-top: {px(1.0 * gap)};
      margin-bottom: {px(0.3)}; color: {c.muted}; }}
{S.shared_rules(link=c.link, muted=c.muted)}
a.{S.CITE} {{ font-family: {sans}; font-size: {pt(0.78)}; color: {c.link}; }}
.{S.BANNER} {{ {banner} font-family: {sans}; font-size: {pt(0.8)}; text-align: center;
           margin-bottom: {px(1.2)}; line-height: 150%; }}
.{S.SUBTITLE} {{ font-size: {pt(1.12)}; color: {c.muted}; margin-top: {px(0.1)};
             margin-bottom: {px(0.5)}; line-height: 100%; }}
.{S.META_LINE} {{ font-family: {sans}; font-size: {pt(0.85)}; color: {c.muted};
              margin-bottom: {px(1.1)}; }}
.{S.SUMMARY} {{ font-size: {pt(1.06)}; }}
.{S.LEGEND} {{ font-family: {sans}; font-size: {pt(0.85)}; margin-top: {px(1.0)};
           margin-bottom: {px(0.6)}; }}
ul {{ margin-top: 0px; margin-bottom: 0px; margin-left: 0px; }}
li {{ margin-bottom: {px(0.45 * gap)}; line-height: 100%; }}
li.{S.TOC_ITEM} {{ margin-bottom: {px(0.1)}; }}
.{S.NAME} {{ font-weight: 600; }}
table {{ margin-top: {px(0.2)}; margin-bottom: {px(0.4)}; border-collapse: collapse; }}
th {{ font-size: {pt(0.78)}; font-weight: 600; color: {c.muted}; text-align: left;
      padding-top: 2px; padding-bottom: 5px; padding-right: {px(0.6)}; padding-left: 0px;
      border-bottom: 1px solid {c.rule}; }}
td {{ padding-top: {px(0.3)}; padding-bottom: {px(0.3)}; padding-right: {px(0.6)};
      padding-left: 0px; vertical-align: top; }}
td.{S.VALUE} {{ font-family: {sans}; font-size: {pt(0.92)}; font-weight: 600;
            white-space: nowrap; }}
td.{S.UNIT}, td.{S.PERIOD}, td.{S.CHANGE} {{ font-family: {sans}; font-size: {pt(0.85)}; }}
h4.{S.FIGURE_GROUP} {{ font-family: {sans}; font-size: {pt(0.85)}; font-weight: 600;
                  color: {c.muted}; margin-top: {px(0.7)}; margin-bottom: 0px; }}
td.{S.DATE} {{ font-family: {sans}; font-size: {pt(0.85)}; font-weight: 600; white-space: nowrap;
           padding-right: {px(1.2)}; }}
.{S.UPCOMING} {{ font-family: {sans}; font-size: {pt(0.68)}; font-weight: 700;
             color: {c.upcoming_text}; background-color: {c.upcoming_back}; }}
blockquote {{ margin-left: {px(1.5)}; margin-right: {px(1.5)}; margin-top: {px(0.5)};
              margin-bottom: {px(1.0)}; }}
.{S.QUOTE_TEXT} {{ font-style: italic; margin-bottom: {px(0.25)}; }}
.{S.SPEAKER} {{ font-family: {sans}; font-size: {pt(0.85)}; color: {c.muted}; }}
.{S.META} td {{ padding-top: 1px; padding-bottom: 1px; }}
.{S.META} td.{S.KEY} {{ font-family: {sans}; font-size: {pt(0.85)}; color: {c.muted};
               padding-right: {px(1.2)}; }}
h1.{S.SOURCE_TITLE} {{ font-size: {pt(1.45)}; }}
.{S.SOURCE} td {{ padding-top: {px(0.25)}; padding-bottom: {px(0.45)}; }}
td.{S.PNUM} {{ font-family: {sans}; font-size: {pt(0.8)}; color: {c.muted}; text-align: right;
           padding-right: {px(0.6)}; white-space: nowrap; padding-top: {px(0.45)}; }}
td.{S.PTURN} {{ padding-right: {px(0.6)}; padding-top: {px(0.45)}; }}
.{S.TURN} {{ font-family: {sans}; font-size: {pt(0.8)}; font-weight: 700; color: {c.link}; }}
td.{S.PTEXT} {{ white-space: pre-wrap; line-height: 100%; }}
tr.{S.TURN_ROW.format("q")} td.{S.PTEXT} {{ font-weight: 600; }}
"""
