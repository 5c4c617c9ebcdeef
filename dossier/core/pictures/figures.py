"""Figures to compare: series of one label and unit across periods, and change bars.

Figures of different units are never put on one axis: a series holds one unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossier.core.model import Dossier, Figure

_NUMBER = re.compile(r"([+\-−–]?)\s*(\d[\d,]*(?:\.\d+)?)\s*(%|pp|percent)?", re.IGNORECASE)
_YEAR = re.compile(r"(1[89]\d\d|2\d\d\d)")
# "vs 2019", "compared to 2019": the period compared with, never the size of the change
_REFERENCE = re.compile(r"\b(?:vs\.?|versus|than|compared (?:to|with)|from|since)\s+\S+", re.I)


@dataclass(frozen=True)
class SeriesPoint:
    anchor: str
    period: str
    value: float
    markers: str


@dataclass(frozen=True)
class FigureSeries:
    """One label and one unit over two or more periods, oldest first."""

    label: str
    unit: str
    points: tuple[SeriesPoint, ...]


@dataclass(frozen=True)
class ChangeBar:
    """A figure's change as a signed size: ``-38`` (%) for "-38% vs 2019"."""

    anchor: str
    label: str
    value_text: str
    unit: str
    change: str  # as written
    delta: float
    delta_unit: str  # "%" or the figure's unit
    markers: str


def figure_markers(figure: Figure) -> str:
    return ", ".join(dict.fromkeys(cite.marker for cite in figure.cites))


def _period_key(period: str | None) -> tuple[int, str]:
    match = _YEAR.search(period or "")
    return (int(match.group(1)) if match else 10_000, period or "")


def build_series(dossier: Dossier) -> tuple[FigureSeries, ...]:
    """Figures sharing a label and a unit across at least two periods."""
    groups: dict[tuple[str, str], list[Figure]] = {}
    for section in dossier.sections:
        for figure in section.figures:
            key = (" ".join(figure.label.casefold().split()), figure.unit.casefold())
            groups.setdefault(key, []).append(figure)
    out = []
    for figures in groups.values():
        if len({f.period for f in figures}) < 2:
            continue
        figures.sort(key=lambda f: _period_key(f.period))
        points = tuple(
            SeriesPoint(f.anchor, f.period or "", float(f.value), figure_markers(f))
            for f in figures
        )
        out.append(FigureSeries(figures[0].label, figures[0].unit, points))
    return tuple(out)


def value_and_unit(value_text: str, unit: str) -> str:
    """A value with its unit as a reader writes it: "142 USD million", but "-38%"."""
    unit = unit.strip()
    return f"{value_text}{unit}" if unit == "%" else f"{value_text} {unit}".strip()


def parse_change(figure: Figure) -> tuple[float, str] | None:
    """The signed size of a figure's change and its unit, or None when it has none.

    "+19% vs 2019" is +19 %; "vs 2019" on a figure in % is the figure's own value.
    """
    if not figure.change:
        return None
    match = _NUMBER.search(_REFERENCE.sub(" ", figure.change))
    if match is None:
        if figure.unit.strip() == "%":
            return float(figure.value), "%"
        return None
    sign = -1.0 if match.group(1) in ("-", "−", "–") else 1.0
    value = sign * float(match.group(2).replace(",", ""))
    unit = "%" if match.group(3) else figure.unit
    return value, unit


def build_changes(dossier: Dossier) -> tuple[ChangeBar, ...]:
    """Every figure with a change that has a size, in file order."""
    out = []
    for section in dossier.sections:
        for figure in section.figures:
            parsed = parse_change(figure)
            if parsed is None or figure.change is None:
                continue
            delta, unit = parsed
            out.append(
                ChangeBar(
                    figure.anchor,
                    figure.label,
                    figure.value_text,
                    figure.unit,
                    figure.change,
                    delta,
                    unit,
                    figure_markers(figure),
                )
            )
    return tuple(out)
