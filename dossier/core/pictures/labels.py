"""Labels that never collide: greedy placement with collision checks (Qt-free).

Candidates are tried in priority order; each takes the first of its offered positions
that stays inside the bounds and overlaps no placed label and no obstacle, or is left
out (the picture's table still lists it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Rect = tuple[float, float, float, float]  # x, y, width, height
Segment = tuple[float, float, float, float]  # x0, y0, x1, y1: a stretch of a drawn line


def overlaps(a: Rect, b: Rect, gap: float = 0.0) -> bool:
    return not (
        a[0] + a[2] + gap <= b[0]
        or b[0] + b[2] + gap <= a[0]
        or a[1] + a[3] + gap <= b[1]
        or b[1] + b[3] + gap <= a[1]
    )


def inside(a: Rect, bounds: Rect) -> bool:
    return (
        a[0] >= bounds[0]
        and a[1] >= bounds[1]
        and a[0] + a[2] <= bounds[0] + bounds[2]
        and a[1] + a[3] <= bounds[1] + bounds[3]
    )


def crosses(rect: Rect, segment: Segment) -> bool:
    """Whether ``segment`` passes through ``rect`` (Liang–Barsky clipping)."""
    x0, y0, x1, y1 = segment
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in (
        (-dx, x0 - rect[0]),
        (dx, rect[0] + rect[2] - x0),
        (-dy, y0 - rect[1]),
        (dy, rect[1] + rect[3] - y0),
    ):
        if p == 0:
            if q < 0:
                return False  # parallel to this edge and outside it
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def uncrossed_first(positions: Sequence[Rect], lines: Sequence[Segment]) -> tuple[Rect, ...]:
    """``positions`` with those no line crosses first, each group in its own order: a
    label struck through by a route reads as part of it, yet beats no label at all."""
    clear = [rect for rect in positions if not any(crosses(rect, line) for line in lines)]
    return (*clear, *(rect for rect in positions if rect not in clear))


@dataclass(frozen=True)
class Candidate:
    key: str
    positions: tuple[Rect, ...]  # in order of preference


class Placer:
    """Remembers what is placed; a spatial grid keeps each check near-constant time."""

    def __init__(self, bounds: Rect, gap: float = 2.0, cell: float = 64.0) -> None:
        self.bounds = bounds
        self.gap = gap
        self.cell = cell
        self.placed: dict[str, Rect] = {}
        self._grid: dict[tuple[int, int], list[Rect]] = {}

    def _cells(self, rect: Rect) -> list[tuple[int, int]]:
        x0, y0 = int(rect[0] // self.cell), int(rect[1] // self.cell)
        x1, y1 = int((rect[0] + rect[2]) // self.cell), int((rect[1] + rect[3]) // self.cell)
        return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]

    def block(self, rect: Rect) -> None:
        """Keep labels off ``rect`` (a mark, a legend)."""
        for key in self._cells(rect):
            self._grid.setdefault(key, []).append(rect)

    def free(self, rect: Rect, ignore: Rect | None = None, gap: float | None = None) -> bool:
        """Whether ``rect`` is inside the bounds and clear (of all but ``ignore``, the
        mark a label may sit on) by ``gap`` (the placer's own by default)."""
        if not inside(rect, self.bounds):
            return False
        gap = self.gap if gap is None else gap
        # the grid's cells hold what touches them: a wider gap must look a ring further
        near = (rect[0] - gap, rect[1] - gap, rect[2] + 2 * gap, rect[3] + 2 * gap)
        return not any(
            overlaps(rect, other, gap)
            for key in self._cells(near)
            for other in self._grid.get(key, ())
            if other != ignore
        )

    def place(
        self, candidate: Candidate, ignore: Rect | None = None, gap: float | None = None
    ) -> Rect | None:
        for rect in candidate.positions:
            if self.free(rect, ignore, gap):
                self.placed[candidate.key] = rect
                self.block(rect)
                return rect
        return None

    def place_all(self, candidates: Sequence[Candidate]) -> dict[str, Rect]:
        for candidate in candidates:
            self.place(candidate)
        return dict(self.placed)


def around(x: float, y: float, width: float, height: float, offset: float) -> tuple[Rect, ...]:
    """The usual places for a point's label: right, left, above, below, then diagonals."""
    return (
        (x + offset, y - height / 2, width, height),
        (x - offset - width, y - height / 2, width, height),
        (x - width / 2, y - offset - height, width, height),
        (x - width / 2, y + offset, width, height),
        (x + offset * 0.7, y - offset * 0.7 - height, width, height),
        (x + offset * 0.7, y + offset * 0.7, width, height),
        (x - offset * 0.7 - width, y - offset * 0.7 - height, width, height),
        (x - offset * 0.7 - width, y + offset * 0.7, width, height),
    )
