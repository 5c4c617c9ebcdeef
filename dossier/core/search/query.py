"""The search query language, parsed here and rebuilt as safe FTS5 syntax.

What a user may type:

- words: ``grain Kuryk`` finds what contains all of them, in any order;
- ``"quoted phrase"``: the words next to each other, in that order;
- the last word is also a prefix while typing (``Kur`` finds ``Kuryk``), unless the
  query ends with a space; an exact word ranks above a prefix match;
- ``section:ID`` keeps results of that section only.

Anything else is just text: ``*``, ``-``, ``:``, ``NEAR(``, ``AND``/``OR`` and stray
quotes carry no syntax. The user's text never reaches FTS5: each word is folded
(see :mod:`dossier.core.search.fold`) and double-quoted, so MATCH only ever sees
quoted strings joined by ``AND``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from dossier.core.records import NamedTuple
from dossier.core.search.fold import WORD, fold, fold_word, variants

MAX_QUERY_CHARS = 256  # longer input is cut here before parsing
MAX_GROUPS = 8  # words and phrases; the rest are ignored
MAX_PHRASE_WORDS = 12
MAX_NAME_WORDS = 6  # longer queries are not tried as a whole name

# Completes a prefix: the indexed words that begin with it, most common first (at
# most as many as it was asked for). See Query.expression.
Completer = Callable[[str, int], Sequence[str]]
COMPLETIONS = 16  # words a prefix stands for, at most; fewer for a short one:
SHORT_COMPLETIONS = {2: 4, 3: 8}  # each word costs a pass over its documents to rank


def completions_for(prefix: str) -> int:
    """How many words ``prefix`` may stand for: short prefixes begin common words."""
    return SHORT_COMPLETIONS.get(len(prefix), COMPLETIONS)


# A letter or digit outside ASCII: a text holding one is matched word by word.
_FOREIGN_LETTER = re.compile(r"[^\W_\x00-\x7f]")  # one class: no look-ahead at each character
_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "″": '"'})
_SECTION = r"section:([a-z0-9]+(?:-[a-z0-9]+)*)"  # ignoring case; compiled when needed


# The columns a query's words are looked for in: not ``names`` (name tokens) nor
# ``scope`` (section tokens), whose made-up tokens a typed word could otherwise match.
TEXT_COLUMNS = "{name body extra}"
# The only words those two columns hold: ``0n…`` (see name_token) and ``s`` and hex
# digits (the store's scope_token). A query none of whose words (completions
# included) looks like one can match nothing there, so it goes without the filter:
# the same matches and the same bm25 scores, but FTS5 counts each word's rows (for
# bm25's weights) without checking their columns: at 1,000 dossiers, 'trade
# turnover 20' took 3.4 ms before its first row was scored, 2.3 ms without.
_TOKEN_LIKE = re.compile(r"0n.*|s[0-9a-f]+", re.DOTALL)


def name_token(words: Sequence[str]) -> str:
    """One token standing for a whole name (``Beket Ata`` → ``0nbeketata``).

    It lives in the ``names`` column only, which typed words are never matched
    against (see :data:`TEXT_COLUMNS`): typing ``0n`` finds text with such a word,
    not every name.
    """
    return "0n" + "".join(words)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


class Group(NamedTuple):
    """A word, or a phrase of words, all of which a result must contain (folded)."""

    words: tuple[str, ...]
    prefix: bool = False

    def expression(self, complete: Completer | None = None) -> str:
        """This group as FTS5 syntax: quoted, and as ``(exact OR prefix*)`` when a prefix.

        With ``complete``, the prefix is spelled out as the words it completes to
        (``(exact OR exact OR word OR ...)``: the exact word counts twice, as it does
        against ``prefix*``), so that FTS5 needs no prefix index and reads only the
        doclists of those words, lazily, instead of merging every word that begins so.
        """
        quoted = _quoted(" ".join(self.words))
        if not self.prefix:
            return quoted
        if complete is None:
            return f"({quoted} OR {quoted}*)"
        head = self.words[:-1]
        spelled = [
            _quoted(" ".join((*head, word)))
            for word in complete(self.words[-1], completions_for(self.words[-1]))
        ]
        return "(" + " OR ".join([quoted, *spelled]) + ")"


class Query:
    """A parsed query: what must match, and the optional section filter. Immutable,
    compared by its fields. (A plain class, not a dataclass: a warm search must not pay
    for importing :mod:`dataclasses`.)"""

    __slots__ = ("_exact", "_pattern", "_prefixes", "_seen", "groups", "section", "text")

    def __init__(self, text: str, groups: tuple[Group, ...], section: str | None = None) -> None:
        self.text = text
        self.groups = groups
        self.section = section
        self._exact = frozenset(word for group in groups for word in group.words)
        # A one-letter prefix would mark half the words of a text: only mark it exact.
        self._prefixes = tuple(
            group.words[-1] for group in groups if group.prefix and len(group.words[-1]) > 1
        )
        self._seen: dict[str, bool] = {}
        self._pattern: re.Pattern[str] | None = None  # see _ascii

    def _fields(self) -> tuple[str, tuple[Group, ...], str | None]:
        return self.text, self.groups, self.section

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Query) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"Query(text={self.text!r}, groups={self.groups!r}, section={self.section!r})"

    @property
    def empty(self) -> bool:
        """True when there is nothing to search for (results: none)."""
        return not self.groups

    def expression(self, complete: Completer | None = None) -> str:
        """The FTS5 MATCH expression; only meaningful when not ``empty``.

        ``complete``: spells out the prefix of the last word (see Group.expression);
        without it the prefix is left to FTS5 (``prefix*``).

        All groups must match, in the text columns (see :data:`TEXT_COLUMNS`). When
        the words could be a whole name, the ``names`` column is tried too (it holds
        one token per name, see :func:`name_token`), so that what is called exactly
        this ranks first.

        A last word of one letter, still being typed, would match nearly everything
        (and cost a frame to rank): alone, it completes names only (``k`` finds
        Kuryk, Kazakhstan...); after other words, or in a phrase, it waits for its
        second letter.
        """
        groups = list(self.groups)
        last = groups[-1]
        if last.prefix and len(last.words[-1]) == 1:
            if len(last.words) > 1:
                groups[-1] = Group(last.words[:-1])
            elif len(groups) == 1:
                token = name_token(last.words)
                if complete is None:
                    return f"names : {_quoted(token)}*"
                return f"names : {Group((token,), True).expression(complete)}"
            else:
                groups.pop()
        used = [word for group in groups for word in group.words]
        spell = complete
        if complete is not None:

            def spell(prefix: str, count: int) -> Sequence[str]:
                found = complete(prefix, count)
                used.extend(found)
                return found

        required = " AND ".join(g.expression(spell) for g in groups)
        if complete is None or any(_TOKEN_LIKE.fullmatch(word) for word in used):
            required = f"{TEXT_COLUMNS} : ({required})"
        else:
            required = f"({required})"
        words = [word for group in self.groups for word in group.words]
        if len(words) > MAX_NAME_WORDS:
            return required
        name = Group((name_token(words),), last.prefix)
        return f"({required}) OR (names : {name.expression(complete)})"

    def _ascii(self) -> re.Pattern[str]:
        # On text whose letters and digits are all ASCII (punctuation may not be),
        # folding a word is lower-casing it, which keeps every offset: one scan of the
        # lowered text finds the words that matches() would, tried one by one.
        if self._pattern is None:
            alternatives = [re.escape(w) for w in sorted(self._exact, key=len, reverse=True)]
            alternatives += [re.escape(prefix) + "[a-z0-9]*" for prefix in self._prefixes]
            # No look-behind in front: a pattern that opens with the words lets the
            # regex engine skip to the letters they start with (twice as fast on a
            # long paragraph); spans() drops a match that starts inside a word.
            body = "|".join(alternatives)
            self._pattern = re.compile(r"(?:" + body + r")(?![a-z0-9])")
        return self._pattern

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the words of ``text`` that the query looks for are (start, end)."""
        if text.isascii() or not _FOREIGN_LETTER.search(text):
            lowered = text.lower()
            found: list[tuple[int, int]] = []
            for match in self._ascii().finditer(lowered):
                start = match.start()
                # One preceded by a letter or digit starts inside a word; its own
                # characters are letters and digits too, so no word the query looks
                # for starts within it either, and skipping past it loses nothing.
                if start == 0 or lowered[start - 1] not in _ASCII_WORD:
                    found.append(match.span())
            return found
        return [m.span() for m in WORD.finditer(text) if self.matches(m.group())]

    def matches(self, word: str) -> bool:
        """True when an original (unfolded) word of a text is one the query looks for."""
        found = self._seen.get(word)
        if found is None:
            forms = list(fold_word(word))
            if not word.isascii():
                forms.extend(variants(word))
            found = any(
                form in self._exact or any(form.startswith(p) for p in self._prefixes)
                for form in forms
            )
            self._seen[word] = found
        return found


def _words(text: str) -> tuple[str, ...]:
    # Whole words: the index keeps them whole, and MAX_QUERY_CHARS bounds them.
    return tuple(WORD.findall(fold(text)))


def parse_query(text: str) -> Query:
    """Parse what the user typed; never raises, whatever ``text`` holds."""
    raw = text[:MAX_QUERY_CHARS].translate(_QUOTES)
    groups: list[Group] = []
    section: str | None = None
    index, end = 0, len(raw)
    last_open = False  # the last group can grow: a bare word or an unclosed phrase
    while index < end:
        char = raw[index]
        if char.isspace():
            index += 1
            last_open = False
            continue
        if char == '"':
            close = raw.find('"', index + 1)
            chunk = raw[index + 1 :] if close < 0 else raw[index + 1 : close]
            index = end if close < 0 else close + 1
            words = _words(chunk)[:MAX_PHRASE_WORDS]
            if words:
                groups.append(Group(words))
            last_open = close < 0 and bool(words) and not chunk[-1:].isspace()
            continue
        stop = index
        while stop < end and not raw[stop].isspace() and raw[stop] != '"':
            stop += 1
        chunk, index = raw[index:stop], stop
        # Each letter of "section" matches one character, whatever its case: ":" is the
        # eighth of any chunk that can match, and most cannot (the pattern is compiled
        # only for one that may: compiling it costs a fresh process a millisecond).
        found = re.fullmatch(_SECTION, chunk, re.IGNORECASE) if chunk[7:8] == ":" else None
        if found:
            section = found.group(1).lower()
            last_open = False
            continue
        words = _words(chunk)[:MAX_PHRASE_WORDS]
        if words:
            groups.append(Group(words))
        last_open = bool(words) and index == end
    if groups and last_open:
        groups[-1] = Group(groups[-1].words, prefix=True)
    unique: list[Group] = []
    for group in groups:
        if group not in unique:
            unique.append(group)
    return Query(text, tuple(unique[:MAX_GROUPS]), section)
