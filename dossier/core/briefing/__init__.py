"""The printed briefing's structure: which parts, in what order, with which content.

Qt-free. :func:`dossier.core.briefing.plan.plan_briefing` turns a dossier and the
reader's choices (:mod:`.choices`) into a list of parts (:mod:`.parts`): for the full
template (:mod:`.full`) the cover, bottom line, contents, one part per selected section,
timeline, who's who, the analyst's notes when asked for (:mod:`.analyst_notes`),
sources and the optional source appendix; for the read-ahead and talking-points
templates (:mod:`.short`) one part each, with the talking points chosen by
:mod:`.points`. Every part's HTML is built from the same pieces
(:mod:`dossier.core.html`) the viewer shows, so that what is printed matches the
screen. The export layer lays the parts out on pages and adds the page furniture.
"""
