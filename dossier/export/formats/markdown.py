"""The briefing as Markdown: CommonMark with pipe tables, the banner first and last."""

from __future__ import annotations

from dossier.core.briefing.plan import Briefing
from dossier.core.text import xml_text
from dossier.export.formats.content import Table, content_document, content_items


def _md_escape(text: str) -> str:
    text = xml_text(text)
    for char in "\\`*_[]<>|#":
        text = text.replace(char, f"\\{char}")
    return text


def markdown_text(briefing: Briefing) -> str:
    """The briefing as Markdown (CommonMark with pipe tables), banner first and last."""
    doc = content_document(briefing)
    out = [f"**{_md_escape(briefing.banner)}**", ""]
    if briefing.handling:
        out += [f"*{_md_escape(briefing.handling)}*", ""]
    if briefing.draft:
        out += ["**DRAFT**", ""]
    for item in content_items(doc):
        if isinstance(item, Table):
            out += _md_table(item)
        elif item.level:
            if out and out[-1].startswith("- "):
                out.append("")
            out += [f"{'#' * min(item.level, 4)} {_md_escape(item.text)}", ""]
        elif item.bullet:
            out.append(f"- {_md_escape(item.text)}")
        else:
            if out and out[-1].startswith("- "):
                out.append("")
            out += [_md_escape(item.text), ""]
    out += ["", f"**{_md_escape(briefing.banner)}**", ""]
    return "\n".join(out)


def _md_table(table: Table) -> list[str]:
    rows = [[_md_escape(c) for c in row] for row in table.rows]
    if not rows:
        return []
    if not table.header:  # a list of facts: one line each
        return [*("- " + " — ".join(c for c in row if c) for row in rows if any(row)), ""]
    for r in table.groups:  # a group's heading: bold, in the first cell
        rows[r][0] = f"**{rows[r][0]}**"
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return [*lines, ""]
