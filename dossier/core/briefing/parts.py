"""A part of the printed briefing: a run of pages with its title, kind and HTML.

The export layer treats each kind of part its own way (the contents filled in once
pages are known, the cover without a running head), so the kinds are named here, below
both the planning and the layout.
"""

from __future__ import annotations

from dataclasses import dataclass

# Part kinds, in the order they appear.
COVER = "cover"
BLUF = "bluf"
CONTENTS = "contents"
SECTION = "section"
TIMELINE = "timeline"
WHOS_WHO = "whos-who"
SOURCES = "sources"
APPENDIX = "appendix"
READ_AHEAD = "read-ahead"  # the whole brief template, one part
TALKING_POINTS = "talking-points"  # the whole points template, one part
NOTES = "notes"  # the analyst's notes, before the sources


@dataclass(frozen=True)
class Part:
    """A run of pages that starts on a new page: its title (contents, outline) and HTML."""

    id: str
    kind: str
    title: str
    html: str
    in_contents: bool = True
    running: str = ""  # the part's name in the running head; the title when empty

    @property
    def running_title(self) -> str:
        """What the running head calls this part."""
        return self.running or self.title


PART_PREFIX = "part:"  # a part's anchor, and a contents entry's link to it


def part_anchor(part_id: str) -> str:
    """The anchor at the start of a part, and the link a contents entry points with."""
    return f"{PART_PREFIX}{part_id}"
