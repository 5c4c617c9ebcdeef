"""Annotations: a highlight, a note or a bookmark, and the place it points at.

A target follows the W3C Web Annotation model: the quoted text (``exact``) with a
little of the text before and after it (``prefix``/``suffix``), so the passage can be
found again after the dossier changes. It also records where the note was made (item
anchor, section, source paragraph) and, for a note on a whole item, the item's text
(``snapshot``) so the item is recognised even when its anchor now names another one.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Literal

Kind = Literal["highlight", "note", "bookmark"]
Status = Literal["anchored", "orphan"]
KINDS: tuple[Kind, ...] = ("highlight", "note", "bookmark")
ANCHORED: Status = "anchored"
ORPHAN: Status = "orphan"
STATUSES: tuple[Status, ...] = (ANCHORED, ORPHAN)

# Colour keys are stored; their names (what a colour means) the user may rename.
DEFAULT_COLOURS: tuple[tuple[str, str], ...] = (
    ("yellow", "Raise in meeting"),
    ("green", "Check"),
    ("red", "Disputed"),
    ("blue", "Background"),
)
COLOUR_KEY = re.compile(r"[a-z][a-z0-9-]{0,31}")

# Upper bounds that keep one annotation a note, not a document (imports are untrusted).
MAX_BODY = 100_000
MAX_QUOTE = 10_000
MAX_CONTEXT = 1_000
MAX_SNAPSHOT = 20_000
MAX_NAME = 200  # author, tag, ids, anchors, colour names
MAX_TAGS = 50


@dataclass(frozen=True)
class TextQuoteSelector:
    """The quoted passage and the text just before and after it."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Target:
    """Where an annotation was made: an item, a section or a source paragraph.

    ``anchor`` is an item anchor ("trade/point/2"); ``section`` the section id (also
    set for item notes); ``source`` and ``paragraph`` (1-based) a Source-tab place.
    """

    anchor: str | None = None
    section: str | None = None
    source: str | None = None
    paragraph: int | None = None
    quote: TextQuoteSelector | None = None
    snapshot: str = ""


@dataclass(frozen=True)
class Annotation:
    """One highlight, note or bookmark of one dossier, as stored."""

    id: str
    dossier_id: str
    kind: Kind
    target: Target
    created: str
    modified: str
    body: str = ""
    colour: str | None = None
    tags: tuple[str, ...] = ()
    author: str = ""
    status: Status = ANCHORED  # as placed when stored; every view places it anew


def now() -> str:
    """The current time in UTC, ISO 8601 to the millisecond ("2026-12-01T20:16:21.123Z")."""
    stamp = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
    return stamp.replace("+00:00", "Z")


def new_annotation(
    dossier_id: str,
    kind: Kind,
    target: Target,
    *,
    body: str = "",
    colour: str | None = None,
    tags: tuple[str, ...] = (),
    author: str = "",
) -> Annotation:
    """A fresh annotation with a new id, created and modified now."""
    stamp = now()
    annotation = Annotation(
        id=str(uuid.uuid4()),
        dossier_id=dossier_id,
        kind=kind,
        target=target,
        created=stamp,
        modified=stamp,
        body=body,
        colour=colour,
        tags=normal_tags(tags),
        author=author,
    )
    check(annotation)
    return annotation


def edited(
    annotation: Annotation,
    *,
    body: str | None = None,
    colour: str | None = "",
    tags: tuple[str, ...] | None = None,
) -> Annotation:
    """``annotation`` with a new body, colour or tags, modified now.

    ``colour`` is a key, None to clear it, or "" (the default) to keep it.
    """
    changed = replace(
        annotation,
        body=annotation.body if body is None else body,
        colour=annotation.colour if colour == "" else colour,
        tags=annotation.tags if tags is None else normal_tags(tags),
        modified=max(now(), annotation.modified),
    )
    check(changed)
    return changed


def normal_tags(tags: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Tags stripped, without empty ones or repeats, in the order given."""
    seen: dict[str, None] = {}
    for tag in tags:
        clean = " ".join(tag.split())
        if clean:
            seen.setdefault(clean, None)
    return tuple(seen)


def check(annotation: Annotation) -> None:
    """Raise ValueError (one line) when ``annotation`` is not one the store may hold."""
    a = annotation
    if a.kind not in KINDS:
        raise ValueError(f"unknown kind {a.kind!r} (one of: {', '.join(KINDS)})")
    try:
        if str(uuid.UUID(a.id)) != a.id.lower():
            raise ValueError
    except ValueError:
        raise ValueError(f"the id {a.id[:60]!r} is not a UUID") from None
    if a.colour is not None and not COLOUR_KEY.fullmatch(a.colour):
        raise ValueError(f"the colour {a.colour[:60]!r} is not a colour key")
    if len(a.tags) > MAX_TAGS:
        raise ValueError(f"{len(a.tags)} tags (at most {MAX_TAGS})")
    t = a.target
    if t.paragraph is not None and not 1 <= t.paragraph <= 10_000_000:
        raise ValueError(f"paragraph {t.paragraph} is out of range")
    if t.paragraph is not None and t.source is None:
        raise ValueError("a paragraph needs its source")
    if t.anchor is None and t.section is None and t.source is None and t.quote is None:
        raise ValueError("the target names no item, section, source or quote")
    if t.quote is not None and not t.quote.exact.strip():
        raise ValueError("the quoted text is empty")
    limits = [
        ("the body", a.body, MAX_BODY),
        ("the author", a.author, MAX_NAME),
        ("the dossier id", a.dossier_id, MAX_NAME),
        ("the anchor", t.anchor or "", MAX_NAME),
        ("the section id", t.section or "", MAX_NAME),
        ("the source id", t.source or "", MAX_NAME),
        ("the snapshot", t.snapshot, MAX_SNAPSHOT),
        *(("a tag", tag, MAX_NAME) for tag in a.tags),
    ]
    if t.quote is not None:
        limits += [
            ("the quoted text", t.quote.exact, MAX_QUOTE),
            ("the prefix", t.quote.prefix, MAX_CONTEXT),
            ("the suffix", t.quote.suffix, MAX_CONTEXT),
        ]
    for what, text, limit in limits:
        if len(text) > limit:
            raise ValueError(f"{what} is {len(text):,} characters long (at most {limit:,})")
    if not a.dossier_id:
        raise ValueError("the dossier id is empty")
    for stamp in (a.created, a.modified):
        if parse_time(stamp) is None:
            raise ValueError(f"{stamp[:40]!r} is not an ISO 8601 time")


def parse_time(stamp: str) -> datetime | None:
    """``stamp`` as an aware datetime, or None when it is not ISO 8601 with a zone."""
    if len(stamp) > 40:
        return None
    try:
        value = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo is not None else None


def utc_time(stamp: str) -> str:
    """``stamp`` converted to UTC in the form :func:`now` writes (for comparing)."""
    value = parse_time(stamp)
    if value is None:
        raise ValueError(f"{stamp[:40]!r} is not an ISO 8601 time")
    text = value.astimezone(timezone.utc).isoformat(timespec="milliseconds")
    return text.replace("+00:00", "Z")
