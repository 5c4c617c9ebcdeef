"""Reading shared notes back: W3C Web Annotation JSON, checked whole, merged at once.

Reads a collection, an ``AnnotationPage``, a list or one ``Annotation``, including
plain ones written by other tools (a ``TextQuoteSelector`` target and a body). The
file is untrusted: every annotation is checked before anything is stored, and the
merge is one transaction, so a refused file imports nothing.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from dossier.core.model import Dossier
from dossier.core.notes.anchoring import place
from dossier.core.notes.errors import NotesImportError
from dossier.core.notes.model import (
    DEFAULT_COLOURS,
    KINDS,
    Annotation,
    Target,
    TextQuoteSelector,
    check,
    normal_tags,
    now,
    parse_time,
    utc_time,
)
from dossier.core.notes.store import MergeReport, NotesStore
from dossier.core.notes.w3c import FORMAT, FORMAT_KEY, KIND_OF_MOTIVATION, NOTE_KEY, SOURCE_PREFIX

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_ANNOTATIONS = 100_000
MAX_DEPTH = 32
MAX_INT_DIGITS = 20
# A colleague's clock may run ahead; a day ahead is a wrong date, not a fast clock.
FUTURE_SLACK = timedelta(days=1)
COLOUR_KEYS = tuple(key for key, _ in DEFAULT_COLOURS)  # every store has these, and no more


def read_notes_file(path: Path) -> list[Annotation]:
    """The annotations of a notes file, checked whole; NotesImportError when refused."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise NotesImportError(f"cannot read {path}: {error.strerror or error}") from None
    return parse_notes(data)


def parse_notes(data: bytes | str) -> list[Annotation]:
    """The annotations in a notes document (JSON), all checked; nothing partial."""
    if len(data) > MAX_FILE_BYTES:
        raise NotesImportError(f"the file is larger than {MAX_FILE_BYTES // 2**20} MiB")
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise NotesImportError(f"the file is not UTF-8 text (byte {error.start})") from None
    else:
        text = data
    try:
        root = json.loads(
            text,
            object_pairs_hook=_no_duplicate_keys,
            parse_constant=_no_constant,
            parse_int=_small_int,
        )
    except json.JSONDecodeError as error:
        raise NotesImportError(f"not valid JSON: {error.msg}", error.lineno, error.colno) from None
    except RecursionError:
        raise NotesImportError("the JSON is nested too deeply") from None
    if _depth(root) > MAX_DEPTH:
        raise NotesImportError(f"the JSON is nested more than {MAX_DEPTH} levels deep")
    try:  # "\ud800" alone is valid JSON but not text: no database or file could hold it
        json.dumps(root, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise NotesImportError(
            "the JSON holds a lone surrogate (a \\uD800-\\uDFFF escape)"
        ) from None
    items = _items(root)
    if len(items) > MAX_ANNOTATIONS:
        raise NotesImportError(f"{len(items):,} annotations (at most {MAX_ANNOTATIONS:,})")
    out: list[Annotation] = []
    seen: set[str] = set()
    for number, item in enumerate(items, start=1):
        try:
            annotation = _annotation(item)
            check(annotation)
        except (ValueError, TypeError) as error:
            raise NotesImportError(f"annotation {number}: {error}") from None
        if annotation.id in seen:
            raise NotesImportError(f"annotation {number}: the id {annotation.id} appears twice")
        seen.add(annotation.id)
        out.append(annotation)
    return out


def import_notes(
    data: bytes | str, store: NotesStore, dossier: Dossier | None = None
) -> MergeReport:
    """Merge the annotations of a notes document into ``store``, all or nothing.

    With ``dossier``, an annotation that names no item or section (one from another
    tool) is placed on it by its quote, and remembers the place it was found.
    """
    return merge_notes(parse_notes(data), store, dossier)


def merge_notes(
    annotations: Sequence[Annotation], store: NotesStore, dossier: Dossier | None = None
) -> MergeReport:
    """Merge annotations already read (:func:`read_notes_file`) into ``store``, all or
    nothing; with ``dossier``, those that name no place are placed as in :func:`import_notes`.

    Reading the file before opening the store lets a refused file leave no trace.
    """
    if dossier is not None:
        annotations = [_located(a, dossier) for a in annotations]
    return store.merge(annotations)


def _located(annotation: Annotation, dossier: Dossier) -> Annotation:
    t = annotation.target
    if annotation.dossier_id != dossier.id or t.anchor or t.section or t.source:
        return annotation
    found = place(annotation, dossier)
    if found.orphan:
        return replace(annotation, status=found.status)
    target = replace(t, anchor=found.anchor, section=found.section, source=found.source,
                     paragraph=found.paragraph)  # fmt: skip
    return replace(annotation, target=target, status=found.status)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise NotesImportError(f"the key {key[:60]!r} appears twice in one object")
        out[key] = value
    return out


def _no_constant(name: str) -> None:
    raise NotesImportError(f"{name} is not a JSON number")


def _small_int(digits: str) -> int:
    """A JSON integer, refused past MAX_INT_DIGITS digits (no note has a use for more,
    and Python refuses to convert past 4,300)."""
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise NotesImportError(f"a number in the file has more than {MAX_INT_DIGITS} digits")
    return int(digits)


def _depth(value: object) -> int:
    """How deeply ``value`` nests (iteratively: a hostile file must not recurse us)."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            return deepest
        if isinstance(node, dict):
            stack.extend((child, level + 1) for child in node.values())
        elif isinstance(node, list):
            stack.extend((child, level + 1) for child in node)
    return deepest


def _items(root: object) -> list[object]:
    """The annotations of a collection, a page, a list or a single annotation."""
    if isinstance(root, list):
        return root
    if not isinstance(root, dict):
        raise NotesImportError("the file holds neither annotations nor a collection of them")
    version = root.get(FORMAT_KEY)
    if version is not None and version != FORMAT:
        raise NotesImportError(
            f"unknown notes format {str(version)[:60]!r} (this app reads {FORMAT})"
        )
    kinds = _types(root.get("type"))
    if "AnnotationCollection" in kinds:
        first = root.get("first", {"items": []})
        if not isinstance(first, dict):
            raise NotesImportError("the collection's 'first' page must be an object (inline)")
        root = first
        kinds = {"AnnotationPage"}
    if "AnnotationPage" in kinds:
        items = root.get("items", [])
        if not isinstance(items, list):
            raise NotesImportError("the page's 'items' must be a list")
        if "next" in root:
            raise NotesImportError("the collection has more pages than one; export it whole")
        return items
    if "Annotation" in kinds:
        return [root]
    raise NotesImportError("the file holds neither annotations nor a collection of them")


def _types(value: object) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return {v for v in value if isinstance(v, str)}
    return set()


def _text(value: object, what: str, default: str | None = None) -> str:
    if value is None and default is not None:
        return default
    if not isinstance(value, str):
        raise TypeError(f"{what} must be text, not {_json_type(value)}")
    return value


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", int: "a number",
             float: "a number", type(None): "null"}  # fmt: skip
    return names.get(type(value), type(value).__name__)


def _annotation(item: object) -> Annotation:
    if not isinstance(item, dict):
        raise TypeError(f"must be an object, not {_json_type(item)}")
    if "Annotation" not in _types(item.get("type")):
        raise ValueError("its 'type' is not 'Annotation'")
    extra = item.get(NOTE_KEY, {})
    if not isinstance(extra, dict):
        raise TypeError(f"'{NOTE_KEY}' must be an object, not {_json_type(extra)}")
    dossier_id, quote = _target(item.get("target"))
    body, body_tags = _body(item.get("body"))
    given = extra.get("kind")
    if given is not None and given not in KINDS:  # our own field: only our kinds
        raise ValueError(f"'kind' must be one of {', '.join(KINDS)}, not {str(given)[:40]!r}")
    # Another tool's motivation ("describing", "tagging"...) reads as a note or highlight.
    found = given or KIND_OF_MOTIVATION.get(_text(item.get("motivation"), "'motivation'", ""))
    kind = next((k for k in KINDS if k == found), "note" if body else "highlight")
    paragraph = extra.get("paragraph")
    if paragraph is not None and (not isinstance(paragraph, int) or isinstance(paragraph, bool)):
        raise TypeError(f"'paragraph' must be a whole number, not {_json_type(paragraph)}")
    tags = extra.get("tags", [])
    if not isinstance(tags, list):
        raise TypeError(f"'tags' must be a list, not {_json_type(tags)}")
    created = item.get("created")
    modified = item.get("modified")
    if created is None and modified is None:
        created = modified = now()
    created = utc_time(_text(created if created is not None else modified, "'created'"))
    modified = utc_time(_text(modified if modified is not None else created, "'modified'"))
    for stamp, what in ((created, "created"), (modified, "modified")):
        when = parse_time(stamp)
        if when is not None and when > FUTURE_SLACK + datetime.now(timezone.utc):
            # a note "edited" in 9999 could never be replaced by a newer copy of it
            raise ValueError(f"'{what}' is in the future: {stamp}")
    colour = extra.get("colour")
    if colour is not None and colour not in COLOUR_KEYS:
        raise ValueError(f"the colour {str(colour)[:40]!r} is not one of {', '.join(COLOUR_KEYS)}")
    target = Target(
        anchor=_optional(extra.get("anchor"), "'anchor'"),
        section=_optional(extra.get("section"), "'section'"),
        source=_optional(extra.get("source"), "'source'"),
        paragraph=paragraph,
        quote=quote,
        snapshot=_text(extra.get("snapshot"), "'snapshot'", ""),
    )
    return Annotation(
        id=_identifier(item.get("id"), dossier_id, quote, body, created),
        dossier_id=dossier_id,
        kind=kind,
        target=target,
        created=created,
        modified=modified,
        body=body,
        colour=_optional(colour, "'colour'"),
        tags=normal_tags([_text(tag, "a tag") for tag in tags] + body_tags),
        author=_creator(item.get("creator")),
    )


def _optional(value: object, what: str) -> str | None:
    return None if value is None else _text(value, what)


def _target(value: object) -> tuple[str, TextQuoteSelector | None]:
    """The dossier id and the quote of a target (one object, or a list holding one)."""
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if not isinstance(value, dict):
        raise TypeError(f"its target must be an object, not {_json_type(value)}")
    source = _text(value.get("source"), "the target's 'source'")
    if not source.startswith(SOURCE_PREFIX) or len(source) == len(SOURCE_PREFIX):
        raise ValueError(f"its target {source[:80]!r} is not {SOURCE_PREFIX}<dossier id>")
    selectors = value.get("selector", [])
    if isinstance(selectors, dict):
        selectors = [selectors]
    if not isinstance(selectors, list):
        raise TypeError(f"the target's 'selector' must be a list, not {_json_type(selectors)}")
    quote = None
    for selector in selectors:
        if isinstance(selector, dict) and selector.get("type") == "TextQuoteSelector":
            quote = TextQuoteSelector(
                exact=_text(selector.get("exact"), "the selector's 'exact'"),
                prefix=_text(selector.get("prefix"), "the selector's 'prefix'", ""),
                suffix=_text(selector.get("suffix"), "the selector's 'suffix'", ""),
            )
            break
    return source[len(SOURCE_PREFIX) :], quote


def _body(value: object) -> tuple[str, list[str]]:
    """The text of the body (TextualBody values, joined) and any tagging bodies."""
    if value is None:
        return "", []
    bodies = value if isinstance(value, list) else [value]
    texts: list[str] = []
    tags: list[str] = []
    for body in bodies:
        if isinstance(body, str):  # a bare string body is an IRI, not text: not ours to fetch
            continue
        if not isinstance(body, dict):
            raise TypeError(f"a body must be an object, not {_json_type(body)}")
        if "TextualBody" not in _types(body.get("type")) and "value" not in body:
            continue
        text = _text(body.get("value"), "a body's 'value'")
        (tags if body.get("purpose") == "tagging" else texts).append(text)
    return "\n\n".join(texts), tags


def _creator(value: object) -> str:
    if isinstance(value, list) and value:
        value = value[0]
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return _text(value.get("name", value.get("nickname", "")), "the creator's 'name'")
    raise TypeError(f"'creator' must be an object or text, not {_json_type(value)}")


def _identifier(
    value: object, dossier_id: str, quote: TextQuoteSelector | None, body: str, created: str
) -> str:
    """The annotation's UUID: its own, or one derived from its IRI or content, so that
    importing the same file twice finds the same ids."""
    if value is None:
        exact = quote.exact if quote else ""
        return str(
            uuid.uuid5(
                uuid.NAMESPACE_URL, f"{SOURCE_PREFIX}{dossier_id}\0{exact}\0{body}\0{created}"
            )
        )
    text = _text(value, "'id'")
    if len(text) > 2000:
        raise ValueError("its 'id' is absurdly long")
    bare = text.removeprefix("urn:uuid:")
    try:
        return (
            str(uuid.UUID(bare)) if len(bare) == 36 else str(uuid.uuid5(uuid.NAMESPACE_URL, text))
        )
    except ValueError:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, text))
