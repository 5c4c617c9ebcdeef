"""Check the settings file before Qt reads it, and remove what Qt would decode unsafely.

Qt decodes an INI value that begins with ``@Variant(`` or ``@DateTime(`` by
deserialising binary data, and a crafted value makes it allocate without bound and
abort the process (``std::bad_alloc``); it decodes a whole section when any key of it
is read, so one bad line stops every window. The viewer writes only text, lists of
text, numbers and ``@ByteArray(...)``, so a line is kept only when no item of its
value can begin with ``@`` (after Qt's escapes) other than as a byte array. The test is
deliberately stricter than Qt's grammar: a value it cannot prove harmless is removed.

Qt-free: this reads and writes bytes only.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

MAX_FILE_BYTES = 1 << 20  # a settings file is a few KiB; past this it is set aside
MAX_VALUE_CHARACTERS = 1 << 17  # one value (window state is the largest, ~2 KiB)

_SECTION = re.compile(r"\[[^\]\r\n]*\]\s*")
_LINES = re.compile(r"\r\n|\r|\n")  # Qt's line ends (not Python's wider splitlines)
_NUMERIC = "xX01234567"  # an escape Qt turns into a character by number: maybe an "@"


def value_is_safe(value: str) -> bool:
    """True when no item of the INI ``value`` can decode as anything but text, numbers
    or a byte array.

    Qt splits a value into items at commas outside quotes and decodes an item that
    begins with "@". Read here as strictly as can be: an "@" is kept only after a
    plain character of the same item (escapes, quotes and spaces count as nothing, as
    a numeric escape at an item's start counts as an "@"); a value that runs on to the
    next line (an open quote, a last backslash) or holds a bare ";" is not kept.
    """
    text = value.strip(" \t")
    if len(text) > MAX_VALUE_CHARACTERS:
        return False
    if text == "@Invalid()" or _byte_array(text):  # an empty list; bytes
        return True
    produced = quoted = False  # has the item a character yet; inside quotes
    i = 0
    while i < len(text):
        character = text[i]
        if character == "\\":
            if i + 1 >= len(text) or (text[i + 1] in _NUMERIC and not produced):
                return False
            i += 2
            continue
        if character == '"':
            quoted = not quoted
        elif character in ",;" and not quoted:
            if character == ";":
                return False
            produced = False
        elif character == "@" and not produced:
            return False
        elif character not in " \t":
            produced = True
        i += 1
    return not quoted


def _byte_array(text: str) -> bool:
    """A single ``@ByteArray(...)`` as Qt writes it: quoted with no other quote
    inside it, or bare with no quote, comma or semicolon."""
    if text.startswith('"@ByteArray(') and text.endswith(')"'):
        return _unescaped_quotes(text[1:-1]) == 0
    if text.startswith("@ByteArray(") and text.endswith(")"):
        return not any(c in text for c in '",;')
    return False


def _unescaped_quotes(text: str) -> int:
    count, escaped = 0, False
    for character in text:
        if escaped:
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == '"':
            count += 1
    return count


def kept_lines(text: str) -> tuple[list[str], list[str]]:
    """The lines of an INI file to keep, and the keys of the lines removed."""
    kept: list[str] = []
    removed: list[str] = []
    section = ""
    for line in _LINES.split(text):
        stripped = line.strip()
        if not stripped or stripped.startswith(";"):
            kept.append(line)
        elif _SECTION.fullmatch(stripped):
            section = stripped[1:].split("]")[0]
            kept.append(line)
        elif "=" in line:
            key, value = line.split("=", 1)
            if value_is_safe(value):
                kept.append(line)
            else:
                name = key.strip()[:80]
                removed.append(f"{section}/{name}" if section and section != "General" else name)
        else:  # not a line Qt writes (a continuation, or junk)
            removed.append(stripped[:40])
    return kept, removed


def repair(path: Path) -> list[str]:
    """Remove from the settings file at ``path`` every line Qt could decode unsafely;
    one notice per removal (none when the file is fine or absent).

    A file too large, or not UTF-8, is set aside whole as ``NAME.unreadable``.
    """
    try:
        info = path.stat()
    except OSError:
        return []  # no settings yet (or none we may read): Qt starts empty
    if info.st_size > MAX_FILE_BYTES:
        return [_set_aside(path, f"it is {info.st_size:,} bytes")]
    try:
        data = path.read_bytes()
    except OSError as error:
        return [f"The settings file {path} could not be read ({error.strerror or error})."]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return [_set_aside(path, "it is not UTF-8 text")]
    kept, removed = kept_lines(text)
    if not removed:
        return []
    _write(path, "\n".join(kept))
    return [
        f"The setting {name} was unreadable (a value Qt would decode unsafely) and has "
        "been reset to its default."
        for name in removed
    ]


def _set_aside(path: Path, why: str) -> str:
    aside = path.with_name(path.name + ".unreadable")
    try:
        os.replace(path, aside)
    except OSError as error:
        return f"The settings file {path} is unusable ({why}) and could not be moved: {error}"
    return f"The settings file was unusable ({why}); moved to {aside}, settings start afresh."


def _write(path: Path, text: str) -> None:
    """Replace the file whole (a temporary file beside it, then a rename)."""
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
