"""A large made-up dossier (built in memory) for the pictures' tests and benchmark."""

from __future__ import annotations

import random
from pathlib import Path

from dossier.core import anchors
from dossier.core.dates import PartialDate
from dossier.core.model import Citation, Dossier, Entity, Event, Location, Section


def synthetic_dossier(events: int = 1000, places: int = 300, sections: int = 8) -> Dossier:
    """``events`` events over 30 years and ``places`` located places around the
    Caspian, spread over ``sections`` sections; the same every time (fixed seed)."""
    rng = random.Random(14)
    built = []
    for s in range(sections):
        sid = f"s{s + 1}"
        section_events: list[Event] = []
        for i in range(s, events, sections):
            year = 1995 + rng.randrange(30)
            shape = rng.random()
            month = None if shape < 0.3 else rng.randrange(1, 13)
            day = None if month is None or shape < 0.6 else rng.randrange(1, 29)
            cite = Citation("src", "q", i % 90 + 1, 0, 1)
            section_events.append(
                Event(
                    anchors.item(sid, "event", len(section_events) + 1),
                    PartialDate(year, month, day),
                    f"Event number {i + 1} of the synthetic dossier",
                    False,
                    (cite,),
                )
            )
        entities: list[Entity] = []
        for i in range(s, places, sections):
            cite = Citation("src", "q", i % 90 + 1, 0, 1)
            location = Location(36 + rng.random() * 12, 44 + rng.random() * 16)
            entities.append(
                Entity(
                    anchors.item(sid, "entity", len(entities) + 1),
                    f"Place {i + 1}",
                    "place",
                    None,
                    (),
                    (cite,),
                    f"place-{i + 1}",
                    location,
                )
            )
        built.append(
            Section(sid, f"Section {s + 1}", "Synthetic.", events=tuple(section_events),
                    entities=tuple(entities))
        )  # fmt: skip
    return Dossier(
        path=Path("synthetic.yaml"),
        id="synthetic",
        title="Synthetic",
        as_of=PartialDate(2021, 2),
        summary="Made up for tests and benchmarks.",
        sources=(),
        sections=tuple(built),
        gazetteer="Random positions.",
    )
