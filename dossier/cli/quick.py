"""The arguments of a plain ``dossier search`` or ``dossier view``, read without argparse.

A warm search takes a few tens of milliseconds, and importing argparse and building
the full parser (every command, its help and examples) would be a good part of them.
This reads only the usual shapes of a search: ``search`` first, then QUERY at most
once and the search's own options in any order, each spelled in full, as ``--opt
VALUE`` or ``--opt=VALUE``. For anything else (help, ``--``, an abbreviation, an
unknown option, a value that starts with ``-``, a limit out of range, a ``--trust``
that is not a folder, no QUERY...) it answers None and the full parser reads the
arguments, so that parser's messages and exit codes are the only ones there are; a
test holds both readings to the same output on many argument lists.

The viewer's window appears sooner the same way: importing the full parser and
building it (every command, its help) are some 10 ms of ``dossier view`` (argparse
itself PySide6 imports anyway). Its usual shapes are
no argument at all, or ``view`` with PATH at most once and ``--trust DIR`` (or
``--trust=DIR``) any number of times; anything else goes to the full parser.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from dossier.cli.common import DEFAULT_SEARCH_LIMIT, MAX_LIMIT
from dossier.core.records import TYPE_CHECKING, NamedTuple
from dossier.core.roots import as_path_spells

if TYPE_CHECKING:  # a search needs no pathlib; the viewer imports it where it reads
    from pathlib import Path

_FLAGS = ("--json", "--notes", "--forget")
_VALUED = ("--dossier", "--limit", "--trust")


class SearchArguments(NamedTuple):
    """What ``dossier search`` was asked, as the full parser would have read it: each
    path as ``str(Path(value))`` spells it (strings, so that a warm search does not
    import pathlib)."""

    query: str | None
    dossier: str | None
    limit: int
    json: bool
    notes: bool
    forget: bool
    trust: list[str]


def read_search(argv: Sequence[str]) -> SearchArguments | None:
    """The search ``argv`` asks for, or None when the full parser must read it."""
    if not argv or argv[0] != "search":
        return None
    query: str | None = None
    dossier: str | None = None
    limit = DEFAULT_SEARCH_LIMIT
    flags: set[str] = set()
    trust: list[str] = []
    rest = iter(argv[1:])
    for token in rest:
        if not token.startswith("-"):
            if query is not None:
                return None  # a second QUERY: the parser's "unrecognized arguments"
            query = token
            continue
        name, equals, value = token.partition("=")
        if name in _FLAGS and not equals:
            flags.add(name)
            continue
        if name not in _VALUED:
            return None
        given = _value(equals, value, rest)
        if given is None:
            return None
        if name == "--dossier":
            dossier = as_path_spells(given)
        elif name == "--limit":
            number = _limit(given)
            if number is None:
                return None
            limit = number
        else:
            folder = _folder(given)
            if folder is None:
                return None
            trust.append(folder)
    forget = "--forget" in flags
    if query is None and not forget:
        return None
    return SearchArguments(
        query, dossier, limit, "--json" in flags, "--notes" in flags, forget, trust
    )


def _value(equals: str, value: str, rest: Iterator[str]) -> str | None:
    """An option's value, from ``--opt=VALUE`` or the next token; None where the parser
    must read it (no value, or one that starts with "-")."""
    if not equals:
        following = next(rest, None)
        if following is None:
            return None
        value = following
    return None if value.startswith("-") else value


def _limit(text: str) -> int | None:
    """``--limit``'s value as the parser converts it, or None where it would refuse it."""
    try:
        value = int(text)
    except ValueError:
        return None
    return value if 1 <= value <= MAX_LIMIT else None


def _folder(text: str) -> str | None:
    """``--trust``'s value as the parser converts it, or None where it would not."""
    path = as_path_spells(text)
    try:
        return path if os.path.isdir(path) else None
    except Exception:  # whatever the parser makes of it, it says so itself
        return None


class ViewArguments(NamedTuple):
    """What ``dossier view`` was asked, as the full parser would have read it."""

    path: Path | None
    trust: list[Path]


def read_view(argv: Sequence[str]) -> ViewArguments | None:
    """The viewing ``argv`` asks for, or None when the full parser must read it."""
    from pathlib import Path

    if not argv:
        return ViewArguments(None, [])  # plain ``dossier`` opens the viewer
    if argv[0] != "view":
        return None
    path: Path | None = None
    trust: list[Path] = []
    rest = iter(argv[1:])
    for token in rest:
        if not token.startswith("-"):
            if path is not None:
                return None  # a second PATH: the parser's "unrecognized arguments"
            path = Path(token)
            continue
        name, equals, value = token.partition("=")
        if name != "--trust":
            return None
        given = _value(equals, value, rest)
        folder = None if given is None else _folder(given)
        if folder is None:
            return None
        trust.append(Path(folder))
    return ViewArguments(path, trust)
