"""The briefing as a Word document (DOCX), built with python-docx.

Made from the blocks and tables of the same rich-text document as the other formats:
real headings, bullets and tables, and the classification in every page's header and
footer. python-docx is imported only when this format is written.
"""

from __future__ import annotations

import io

from dossier.core.briefing.plan import Briefing
from dossier.core.text import xml_text
from dossier.export.formats.content import Table, content_document, content_items


def docx_bytes(briefing: Briefing) -> bytes:
    """The briefing as a Word document: real headings, bullets and tables, and the
    classification in every page's header and footer."""
    import docx  # python-docx; only this format needs it
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from dossier.export.docx_parts import StyledParagraphs, fill_table

    document = docx.Document()
    paragraphs = StyledParagraphs(document)
    normal = document.styles["Normal"]
    normal.font.name = "Charis SIL"
    normal.font.size = Pt(11)
    section = document.sections[0]
    head = section.header.paragraphs[0]
    head.text = xml_text(briefing.banner + (" — DRAFT" if briefing.draft else ""))
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if briefing.handling:
        caveat = section.header.add_paragraph(xml_text(briefing.handling))
        caveat.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot.add_run(xml_text(f"{briefing.banner} · {briefing.as_of_text} · Page "))
    _field(foot, "PAGE")
    foot.add_run(" of ")
    _field(foot, "NUMPAGES")
    for item in content_items(content_document(briefing)):
        if isinstance(item, Table) and item.rows:
            columns = max(len(r) for r in item.rows)
            fill_table(
                document.add_table(rows=len(item.rows), cols=columns),
                item.rows,
                item.header,
                item.groups,
            )
        elif isinstance(item, Table):
            continue
        elif item.level:
            paragraphs.add(item.text, f"Heading {min(item.level, 4)}")
        else:
            paragraphs.add(item.text, "List Bullet" if item.bullet else None)
    props = document.core_properties
    props.title = xml_text(briefing.metadata["title"])
    props.subject = xml_text(briefing.metadata["subject"])
    props.keywords = xml_text(briefing.metadata["keywords"])
    props.author = xml_text(briefing.metadata["author"])
    props.category = xml_text(briefing.banner)
    out = io.BytesIO()
    document.save(out)
    return bytes(out.getvalue())


def _field(paragraph: object, code: str) -> None:
    """A Word field (``PAGE``, ``NUMPAGES``) in ``paragraph``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()  # type: ignore[attr-defined]
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), code)
    run._r.append(simple)
