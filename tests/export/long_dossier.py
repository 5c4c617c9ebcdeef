"""A dossier of one section far longer than any real one, for the tests of long pages."""

from __future__ import annotations

from pathlib import Path

from dossier.export.textdoc import LIST_CHUNK

POINTS = 2 * LIST_CHUNK + 50  # three lists' worth, on some 35 pages
NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def point_words(n: int) -> str:
    """A point's number in words: pypdf reads words back more reliably than digits."""
    return "-".join(NUMBERS[int(d)] for d in str(n))


def long_dossier(folder: Path) -> Path:
    """Write ``long.yaml`` and its source into ``folder``: one section of ``POINTS``
    points, each beginning "Point <its number in words> begins"."""
    lines = ["The source of the long section.", *(f"marker {i} stands here" for i in range(9))]
    (folder / "source.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    yaml = [
        "format: briefing-dossier/1",
        "id: long",
        "title: Long – Section",
        'as_of: "2021-02"',
        "summary: One section with hundreds of points.",
        "sources:",
        "  - {id: src, path: source.txt, title: The source}",
        "sections:",
        "  - id: many",
        "    title: Many points",
        "    summary: Every point below must be printed once, in order.",
        "    points:",
    ]
    for i in range(POINTS):
        filler = " and the ports handled more cargo than before" * (1 + i % 4)
        yaml += [f"      - text: Point {point_words(i)} begins{filler}."]
        yaml += [f'        cite: "marker {i % 9}"']
    path = folder / "long.yaml"
    path.write_text("\n".join(yaml) + "\n", encoding="utf-8")
    return path
