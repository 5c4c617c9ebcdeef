"""Tables of figures: label, value, unit, period, change and ¶ markers, with the
column widths Qt needs to lay them out well, grouped by section on the overview.
"""

from __future__ import annotations

from collections.abc import Sequence

from dossier.core import styles as S
from dossier.core.html.links import cite_links, place_link, portion_mark
from dossier.core.html.pieces import SCREEN, RenderOptions, anchor, esc
from dossier.core.model import Figure, Section

NOWRAP = ' style="white-space: nowrap"'
SHORT_CELL = 14  # characters a figure's unit, period or change may hold and never wrap


def figures_table(
    rows: Sequence[tuple[Figure, Section | None]],
    *,
    show_section: bool = False,
    options: RenderOptions = SCREEN,
    places: bool = False,
) -> str:
    """A table of figures: label, value (right-aligned), unit, period, change, source.

    ``show_section`` groups the figures under their section's name (for the overview):
    one table, a row spanning every column heads each group. One table, because Qt
    widens a column to its widest unbreakable cell: tables of their own would each
    set their columns differently, and the ¶ column would wander from group to group.
    With ``places`` each label links to its figure in its section (the overview's
    headline figures).
    """
    if not rows:
        return ""
    has_period = any(f.period for f, _ in rows)
    has_change = any(f.change for f, _ in rows)
    # Qt lays out tables well only when every column has a width: share out 100%.
    widths = {"value": 9, "unit": 15, "cites": 7}
    widths["period"] = 11 if has_period else 0
    widths["change"] = 15 if has_change else 0
    widths["label"] = 100 - sum(widths.values())
    columns = [
        ("label", "Figure", S.LABEL),
        ("value", "Value", f"{S.NUM} {S.VALUE}"),
        ("unit", "Unit", S.UNIT),
        ("period", "Period", S.PERIOD),
        ("change", "Change", f"{S.NUM} {S.CHANGE}"),
        ("cites", "¶", S.CELL_CITES),
    ]
    shown = [(key, title, klass) for key, title, klass in columns if widths.get(key, 1)]
    groups: list[tuple[Section | None, list[Figure]]] = []
    for figure, section in rows:
        group = section if show_section else None  # None: no heading row
        if not groups or groups[-1][0] is not group:
            groups.append((group, []))
        groups[-1][1].append(figure)
    return _figure_rows_table(groups, shown, widths, options=options, places=places)


def _figure_rows_table(
    groups: Sequence[tuple[Section | None, Sequence[Figure]]],
    shown: Sequence[tuple[str, str, str]],
    widths: dict[str, int],
    *,
    options: RenderOptions,
    places: bool,
) -> str:
    # A heading cell's class is its column's key; both number columns' is NUM.
    cells = "".join(
        f'<th class="{S.NUM if key in ("value", "change") else key}" '
        f'width="{widths[key]}%"{NOWRAP}>{title}</th>'
        for key, title, _ in shown
    )
    head = f'<thead><tr class="{S.HEAD}">{cells}</tr></thead>'
    body = []
    for section, figures in groups:
        if section is not None:
            body.append(
                f'<tr><td colspan="{len(shown)}">'
                f'<h4 class="{S.FIGURE_GROUP}">{esc(section.title)}</h4></td></tr>'
            )
        body += [_figure_row(figure, shown, widths, options, places) for figure in figures]
    return (
        f'<table class="{S.FIGURES}" width="100%" cellspacing="0" cellpadding="0" border="0">'
        f"{head}<tbody>{''.join(body)}</tbody></table>"
    )


def _figure_row(
    figure: Figure,
    shown: Sequence[tuple[str, str, str]],
    widths: dict[str, int],
    options: RenderOptions,
    places: bool,
) -> str:
    """One figure's row."""
    values = {
        "label": anchor(figure.anchor)
        + portion_mark(figure.anchor, options)
        + (place_link(figure.anchor, esc(figure.label)) if places else esc(figure.label)),
        "value": esc(figure.value_text),
        "unit": esc(figure.unit),
        "period": esc(figure.period or ""),
        "change": esc(figure.change or ""),
        "cites": cite_links(figure.cites, options).strip(),
    }
    # A value, and a short unit, period or change ("USD million", "2019–2020", "-38% vs
    # 2019"), stays on one line; a long one ("since independence") may wrap, or it would
    # starve the other columns.
    keep = {"value"} | {
        key
        for key, text in (
            ("unit", figure.unit),
            ("period", figure.period),
            ("change", figure.change),
        )
        if text and len(text) <= SHORT_CELL
    }
    cells = "".join(
        f'<td class="{klass}" width="{widths[key]}%"'
        f"{NOWRAP if key in keep else ''}>{values[key]}</td>"
        for key, _, klass in shown
    )
    return f"<tr>{cells}</tr>"
