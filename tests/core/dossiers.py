"""Small dossiers written for tests, pointing at the real interview."""

from __future__ import annotations

import os
from pathlib import Path

SEED = (
    Path(__file__).resolve().parents[2]
    / "seeds"
    / "kazakhstan-azerbaijan-ambassador-interview-2021.txt"
)

MINIMAL = """\
format: briefing-dossier/1
id: mini
title: Kazakhstan – Azerbaijan
as_of: "2021-02"
summary: Trade fell in 2020; transport links grew.
sources:
  - id: interview
    path: {seed}
    title: Interview with the Kazakh Ambassador
sections:
  - id: trade
    title: Trade
    summary: Trade fell by more than a third.
    points:
      - text: Bilateral trade fell by 38 per cent in 2020.
        cite: "our trade turnover fell by 38% in 2020"
    figures:
      - label: Bilateral trade
        value: 142
        unit: USD million
        period: 2020
        change: "-38%"
        cite: "it fell by 38% compared to 2019 to $142 million"
    events:
      - date: "2022"
        title: Grain terminal at Kuryk to open
        cite: The terminal is scheduled to be launched in 2022.
      - date: 2020-12
        title: Presidents' telephone call
        cite: {{source: interview, quote: "conversation between our Presidents in December 2020"}}
    entities:
      - name: Kuryk
        kind: place
        aliases: [Quryq]
    quotes:
      - text: It undoubtedly had some impact.
        speaker: Serzhan Abdykarimov
"""


def seed_from(folder: Path) -> str:
    """The interview's path relative to ``folder`` (a source path may not be absolute;
    the app's shipped sources may be cited from anywhere)."""
    return Path(os.path.relpath(SEED, folder.resolve())).as_posix()


def write(folder: Path, text: str = MINIMAL, name: str = "mini.yaml") -> Path:
    """Write a dossier into ``folder`` whose source is the real interview."""
    path = folder / name
    path.write_text(text.format(seed=seed_from(folder)), encoding="utf-8")
    return path


def write_pair(folder: Path) -> Path:
    """A library of two dossiers in ``folder`` (created), citing the same source: each
    has an alias of its own (the source mentions both ports)."""
    folder.mkdir()
    write(folder)
    second = MINIMAL.replace("id: mini", "id: second").replace("[Quryq]", "[Aqtau]")
    write(folder, second, "b.yaml")
    return folder
