"""Every value read from YAML keeps the line and column where it was written.

PyYAML's pure-Python composer is the reference: its nodes carry their own start marks,
so each ``Node`` is compared with the node PyYAML composes for the same text.
"""

from __future__ import annotations

import pytest
import yaml

from dossier.core import yamlsafe
from dossier.core.resources import bundled_dossier

# Block and flow styles, quoted and multi-line scalars, text in other scripts before a
# value on the same line, and an alias (which shares the node it names).
VARIED = """\
title: "Қазақстан – Azərbaycan"   # a comment
'quoted key': plain text that
  runs over two lines
summary: |
  A literal block
  of two lines.
points:
  - {text: Ağ şəhər, cite: "the first line", n: 3}
  - [a, 'b', "c", 1.5, ~, yes]
  - text: >
      folded
      text
    more: &shared {x: 1, y: [2, 3]}
  - again: *shared
  -   deep:
        - - - innermost
"""


def _compare(text: str) -> int:
    """Assert every node of ``text`` is where PyYAML says; return how many were compared."""
    ours = yamlsafe.parse(text)
    theirs = yaml.compose(text, Loader=yaml.SafeLoader)
    assert theirs is not None, "the texts compared are never empty"
    pending = [(ours, theirs)]
    compared = 0
    while pending:
        node, reference = pending.pop()
        compared += 1
        where = (reference.start_mark.line + 1, reference.start_mark.column + 1)
        assert (node.line, node.column) == where, reference
        if isinstance(reference, yaml.MappingNode):
            keys = [key.value for key, _ in reference.value]
            assert list(node.value) == keys
            assert node.key_positions == {
                key.value: (key.start_mark.line + 1, key.start_mark.column + 1)
                for key, _ in reference.value
            }
            pending += [(node.value[key.value], value) for key, value in reference.value]
        elif isinstance(reference, yaml.SequenceNode):
            assert len(node.value) == len(reference.value)
            pending += zip(node.value, reference.value, strict=True)
        elif isinstance(node.value, str):
            assert node.value == reference.value
    return compared


def test_every_node_of_the_bundled_dossier_is_where_it_was_written() -> None:
    assert _compare(bundled_dossier().read_text(encoding="utf-8")) > 1_000


def test_every_node_of_varied_yaml_is_where_it_was_written() -> None:
    assert _compare(VARIED) > 30


def test_an_alias_shares_the_value_it_names() -> None:
    root = yamlsafe.parse(VARIED)
    shared = root.value["points"].value[2].value["more"]
    assert root.value["points"].value[3].value["again"] is shared
    assert (shared.line, shared.column) == (13, 11)


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ("a: 1\nb: !x 2\n", "the tag '!x' is not allowed", 2, 4),
        ("a: 1\n  b: 2\n", "YAML syntax: mapping values are not allowed", 2, 4),
        ("a:\n  b: 1\n  b: 2\n", "the key 'b' appears twice", 3, 3),
        ("a: [1,\n  {b: 2}: 3]\n", "keys must be plain words", 2, 3),
        ("a: 1\n<<: {b: 2}\n", "keys must be plain words", 2, 1),
        ("a: *nowhere\n", "the alias *nowhere names no anchor before it", 1, 4),
        ("a: 1\n---\nb: 2\n", "more than one YAML document", 2, 1),
        # a character YAML refuses: where it is, counted in characters, not bytes
        ('a: 1\nb: "\x01"\n', "character U+0001 is not allowed in YAML", 2, 5),
        ('a: ééé\nb: "ş\x1b"\n', "character U+001B is not allowed in YAML", 2, 6),
    ],
)
def test_a_problem_is_reported_where_it_was_written(
    text: str, message: str, line: int, column: int
) -> None:
    with pytest.raises(yamlsafe.YamlProblem) as raised:
        yamlsafe.parse(text)
    assert raised.value.message.startswith(message)
    assert (raised.value.line, raised.value.column) == (line, column)
