"""Notes as W3C Web Annotation JSON: the format (README, "Notes") and its export.

An ``AnnotationCollection`` whose ``first`` page holds the annotations; each targets
``urn:x-briefing-dossier:<dossier id>`` with a ``TextQuoteSelector``, and keeps the
app's own fields (item anchor, paragraph, colour, tags...) under ``NOTE_KEY``.
Reading such files back is :mod:`dossier.core.notes.importing`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from dossier.core.notes.model import Annotation, Kind

FORMAT = "briefing-dossier-notes/1"
CONTEXT = "http://www.w3.org/ns/anno.jsonld"
SOURCE_PREFIX = "urn:x-briefing-dossier:"
NS = "urn:x-briefing-dossier:"  # the project's own keys: NS + "format", NS + "note"
FORMAT_KEY = NS + "format"
NOTE_KEY = NS + "note"

_MOTIVATION: dict[Kind, str] = {
    "highlight": "highlighting",
    "note": "commenting",
    "bookmark": "bookmarking",
}
KIND_OF_MOTIVATION = {motivation: kind for kind, motivation in _MOTIVATION.items()}


def to_w3c(annotation: Annotation) -> dict[str, Any]:
    """One annotation in the W3C Web Annotation data model, with the project's fields."""
    a, t = annotation, annotation.target
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "id": f"urn:uuid:{a.id}",
        "type": "Annotation",
        "motivation": _MOTIVATION[a.kind],
        "created": a.created,
        "modified": a.modified,
    }
    if a.author:
        out["creator"] = {"type": "Person", "name": a.author}
    if a.body:
        out["body"] = {"type": "TextualBody", "value": a.body, "format": "text/plain"}
    target: dict[str, Any] = {"source": SOURCE_PREFIX + a.dossier_id}
    if t.quote is not None:
        selector = {"type": "TextQuoteSelector", "exact": t.quote.exact}
        if t.quote.prefix:
            selector["prefix"] = t.quote.prefix
        if t.quote.suffix:
            selector["suffix"] = t.quote.suffix
        target["selector"] = [selector]
    out["target"] = target
    extra: dict[str, Any] = {"kind": a.kind}
    for key, value in (("anchor", t.anchor), ("section", t.section), ("source", t.source),
                       ("paragraph", t.paragraph), ("colour", a.colour)):  # fmt: skip
        if value is not None:
            extra[key] = value
    if t.snapshot:
        extra["snapshot"] = t.snapshot
    if a.tags:
        extra["tags"] = list(a.tags)
    out[NOTE_KEY] = extra
    return out


def export_json(annotations: Iterable[Annotation], label: str = "Dossier notes") -> str:
    """An ``AnnotationCollection`` of ``annotations`` as JSON text."""
    items = [to_w3c(a) for a in annotations]
    collection = {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": label,
        FORMAT_KEY: FORMAT,
        "total": len(items),
        "first": {"type": "AnnotationPage", "items": items},
    }
    return json.dumps(collection, ensure_ascii=False, indent=2) + "\n"
