"""The briefing as one self-contained HTML page: its style sheet inline, nothing remote."""

from __future__ import annotations

from dossier.core import styles as S
from dossier.core.briefing.parts import CONTENTS, part_anchor
from dossier.core.briefing.plan import Briefing
from dossier.core.html import pieces as h
from dossier.core.text import xml_text

WEB_CSS = f"""
body {{ font-family: 'Charis SIL', Charter, Georgia, serif; max-width: 46em; margin: 2em auto;
       padding: 0 1em; line-height: 1.4; color: #111; }}
h1, h2, h3, h4 {{ font-family: 'Noto Sans', Helvetica, Arial, sans-serif; line-height: 1.2; }}
.{S.BANNER} {{ text-align: center; font-family: sans-serif; font-weight: 700;
              letter-spacing: 0.12em; border-bottom: 1px solid #222; padding: 0.3em; }}
footer.{S.BANNER} {{ border-top: 1px solid #222; border-bottom: none; margin-top: 2em; }}
.handling {{ text-align: center; font-style: italic; font-size: 0.9em; }}
.draft {{ text-align: center; font-weight: 700; color: #a00; letter-spacing: 0.3em; }}
section {{ margin-top: 2.5em; }}
table {{ border-collapse: collapse; margin: 0.4em 0 0.8em; }}
th {{ text-align: left; font-size: 0.8em; color: #555; border-bottom: 1px solid #222; }}
td, th {{ padding: 0.15em 0.7em 0.15em 0; vertical-align: top; }}
.{S.NUM} {{ text-align: right; font-variant-numeric: tabular-nums; }}
.{S.CITE}, .{S.CITES} {{ font-size: 0.8em; color: #1f4e79; }}
.{S.MUTED}, .{S.LEGEND}, .{S.META_LINE} {{ color: #555; }}
.{S.LEGEND}, .{S.META_LINE} {{ font-style: italic; }}
.{S.BLUF} {{ font-size: 1.1em; }}
.{S.UPCOMING} {{ font-size: 0.7em; font-weight: 700; color: #fff; background: #8a4b00;
                padding: 0 0.3em; }}
.{S.PORTION} {{ font-size: 0.8em; font-weight: 700; color: #555; }}
.{S.NAME} {{ font-weight: 700; }}
.{S.COVER_TITLE} {{ font-size: 2.2em; }}
td.{S.PNUM} {{ color: #555; text-align: right; }}
td.{S.PTEXT} {{ white-space: pre-wrap; }}
"""


def html_text(briefing: Briefing) -> str:
    """A self-contained HTML page: the style sheet inline, no remote resource."""
    banner = h.esc(briefing.banner)
    head = [f'<header class="{S.BANNER}">{banner}</header>']
    if briefing.handling:
        head.append(f'<p class="handling">{h.esc(briefing.handling)}</p>')
    if briefing.draft:
        head.append('<p class="draft">DRAFT</p>')
    body = []
    for part in briefing.parts:
        if part.kind == CONTENTS:
            items = "".join(
                f'<li><a href="#{h.esc(part_anchor(p.id))}">{h.esc(p.title)}</a></li>'
                for p in briefing.parts
                if p.in_contents
            )
            body.append(f'<nav><h1 class="{S.TITLE}">Contents</h1><ul>{items}</ul></nav>')
            continue
        body.append(f'<section id="{h.esc(part_anchor(part.id))}">{part.html}</section>')
    title = h.esc(briefing.metadata["title"])
    page = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="classification" content="{banner}">\n'
        f"<title>{title}</title>\n<style>{WEB_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(head)
        + "\n<main>\n"
        + "\n".join(body)
        + f'\n</main>\n<footer class="{S.BANNER}">{banner}</footer>\n</body>\n</html>\n'
    )
    return xml_text(page)  # control characters in the text: not for a browser
