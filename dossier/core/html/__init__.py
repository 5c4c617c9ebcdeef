"""Briefing content as HTML for Qt rich text: one rendering for the screen and the page.

The output keeps to the subset of HTML 4 and CSS that ``QTextDocument`` understands
(tables, ``<a name>``, class selectors in a default style sheet). Every string that
comes from a dossier or a source passes through :func:`html.escape`; nothing here
produces an ``<img>`` or a link to anywhere but this dossier.

Each item, section, source and source paragraph carries its anchor
(``<a name="politics/point/3"></a>``; a page's own inside its heading, where Qt keeps
it), each citation marker links to its passage
(``<a class="cite" href="cite:interview:26:10:57">¶ 26</a>``) and the overview's
sections and headline figures to their place (``go:section/politics``); all are spelt
by :mod:`dossier.core.anchors`, the class names by :mod:`dossier.core.styles`.
:class:`.pieces.RenderOptions` says what the medium needs: the banner, the links, paper tables.

A source paragraph's text sits alone in its own block with ``white-space: pre-wrap``,
so the character offsets of a citation are offsets into that block.

The parts: :mod:`.pieces` (the render options, escaping, anchors, headings and small
tables), :mod:`.links` (citation markers, links to places, portion marks),
:mod:`.figures`, :mod:`.timeline`, :mod:`.items` (points, entities, quotes),
:mod:`.sources` (a source's details and numbered paragraphs) and :mod:`.pages` (the
overview, a section and a source, as the viewer's tabs show them).
"""
