"""Notes as Markdown, to paste into an email: by section, each with its quote and place."""

from __future__ import annotations

import re
from collections.abc import Sequence

from dossier.core.model import Dossier
from dossier.core.notes.anchoring import Placement
from dossier.core.notes.model import now
from dossier.core.notes.queries import Group, place_label
from dossier.core.text import unsafe_pattern, xml_text

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def _md(text: str) -> str:
    """User text safe in Markdown: its special characters escaped, lines joined, and
    control and format characters left out (an imported note may hold an escape
    sequence that would retitle or recolour the terminal the file is shown in)."""
    text = unsafe_pattern().sub("", xml_text(text))
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def export_markdown(
    groups: Sequence[Group], dossier: Dossier, colours: dict[str, str] | None = None
) -> str:
    """The notes as Markdown for an email: by section, each with its quote and place."""
    names = colours or {}
    count = sum(len(g.placements) for g in groups)
    lines = [f"# Notes on {_md(dossier.title)}", "", f"{count} annotation(s), {now()[:10]}."]
    for part in groups:
        lines += ["", f"## {_md(part.title)}", ""]
        for placement in part.placements:
            lines += _markdown_entry(placement, dossier, names)
    return "\n".join(lines) + "\n"


def _markdown_entry(placement: Placement, dossier: Dossier, names: dict[str, str]) -> list[str]:
    a = placement.annotation
    head = a.kind.capitalize()
    if a.colour:
        head += f" ({_md(names.get(a.colour, a.colour))})"
    where = place_label(placement, dossier)
    line = f"- **{head}**"
    if a.target.quote is not None:
        line += f" “{_md(a.target.quote.exact)}”"
    if where:
        line += f" — {_md(where)}"
    lines = [line]
    if a.body:
        lines += [f"  {_md(body_line)}" for body_line in a.body.splitlines() if body_line.strip()]
    meta = [", ".join(_md(tag) for tag in a.tags)] if a.tags else []
    meta += [_md(a.author)] if a.author else []
    meta.append(a.modified[:10])
    lines.append(f"  _{' · '.join(meta)}_")
    return lines
