"""Loading a dossier: what is built, and every way a file can be wrong."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from dossier.core import yamlsafe
from dossier.core.dates import PartialDate
from dossier.core.errors import DossierError
from dossier.core.loader import load_dossier
from tests.core.dossiers import MINIMAL, SEED, write


def problems_of(path: Path) -> list[str]:
    with pytest.raises(DossierError) as caught:
        load_dossier(path)
    return [str(problem) for problem in caught.value.problems]


def test_minimal_dossier_builds_the_model(tmp_path: Path) -> None:
    dossier = load_dossier(write(tmp_path))
    assert dossier.id == "mini"
    assert dossier.classification == "UNCLASSIFIED"
    assert dossier.as_of == PartialDate(2021, 2)
    (trade,) = dossier.sections
    assert trade.figures[0].value == 142
    assert trade.figures[0].period == "2020"
    # Citations resolve to the paragraph the Source tab shows (non-empty lines).
    assert trade.figures[0].cites[0].paragraph == 30
    point_cite = trade.points[0].cites[0]
    paragraph = dossier.sources[0].text.paragraph(point_cite.paragraph).text
    assert paragraph[point_cite.start : point_cite.end] == "our trade turnover fell by 38% in 2020"


def test_a_refused_source_id_is_one_problem_not_a_cascade(tmp_path: Path) -> None:
    text = MINIMAL.replace("  - id: interview\n", '  - id: "s:1/2"\n')
    problems = problems_of(write(tmp_path, text))
    assert any("'s:1/2' is not a valid id" in p for p in problems)
    # it is still the only source: its bare citations were told to name one of "more"
    assert not any("more than one" in p for p in problems), problems


def test_an_empty_citation_is_called_empty(tmp_path: Path) -> None:
    text = MINIMAL.replace('cite: "our trade turnover fell by 38% in 2020"', 'cite: " "')
    problems = problems_of(write(tmp_path, text))
    assert problems == [
        f"{tmp_path / 'mini.yaml'}:16:15: the citation is empty: quote a passage of the source"
    ]


def test_a_number_yaml_reads_as_text_says_how_to_write_it(tmp_path: Path) -> None:
    text = MINIMAL.replace("value: 142", "value: 1e308")
    (line,) = problems_of(write(tmp_path, text))
    assert line.endswith(
        "'value' '1e308' is read as text: write an exponent with a point and a sign, as 1.0e+5"
    )
    assert load_dossier(write(tmp_path, MINIMAL.replace("value: 142", "value: 1.42e+2")))


def test_an_empty_alias_is_called_empty(tmp_path: Path) -> None:
    text = MINIMAL.replace("aliases: [Quryq]", 'aliases: [Quryq, "", 5]')
    problems = problems_of(write(tmp_path, text))
    assert any(p.endswith("an entry of 'aliases' is empty") for p in problems), problems
    assert any(p.endswith("each of 'aliases' must be text, not a number") for p in problems)
    assert not any("must be text, not text" in p for p in problems)


def test_events_after_as_of_are_upcoming(tmp_path: Path) -> None:
    events = load_dossier(write(tmp_path)).section("trade").events
    upcoming = {event.title: event.upcoming for event in events}
    assert upcoming == {
        "Grain terminal at Kuryk to open": True,
        "Presidents' telephone call": False,
    }


def test_timeline_is_in_date_order(tmp_path: Path) -> None:
    dates = [event.date.iso() for _, event in load_dossier(write(tmp_path)).events()]
    assert dates == ["2020-12", "2022"]


def test_typographic_punctuation_in_a_citation_matches_plain(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        'cite: "our trade turnover fell by 38% in 2020"',
        'cite: "Elbasy (Ed. note: the title meaning \\u201cLeader of the Nation\\u201d)"',
    )
    dossier = load_dossier(write(tmp_path, text))
    assert dossier.section("trade").points[0].cites[0].paragraph == 7


def test_anchors_name_section_kind_and_position(tmp_path: Path) -> None:
    dossier = load_dossier(write(tmp_path))
    anchors = [item.anchor for item in dossier.section("trade").items()]
    assert anchors == [
        "trade/point/1",
        "trade/figure/1",
        "trade/event/1",
        "trade/event/2",
        "trade/entity/1",
        "trade/quote/1",
    ]
    assert dossier.item("trade/entity/1").name == "Kuryk"  # type: ignore[union-attr]


# -- files that are not dossiers ----------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    (line,) = problems_of(tmp_path / "nope.yaml")
    assert line.endswith("nope.yaml: no such file (the dossier was not found)")


def test_directory(tmp_path: Path) -> None:
    (line,) = problems_of(tmp_path)
    assert "is a folder, not a dossier file" in line


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("   \n# only a comment\n")
    (line,) = problems_of(path)
    assert "the file is empty" in line


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"title: Baku\nsummary: caf\xe9\n")
    (line,) = problems_of(path)
    assert line.endswith("latin1.yaml:2:13: is not UTF-8 text (byte 0xe9)")


def test_binary_garbage(tmp_path: Path) -> None:
    path = tmp_path / "garbage.yaml"
    path.write_bytes(bytes(range(256)) * 4)
    (line,) = problems_of(path)
    assert "is a binary file" in line


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path)
    path.chmod(0)
    (line,) = problems_of(path)
    assert "cannot read: Permission denied" in line


def test_unreadable_file_via_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root can read anything, so the refusal is simulated where the file is opened."""
    path = write(tmp_path)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    (line,) = problems_of(path)
    assert line.endswith("mini.yaml: cannot read: Permission denied")


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("summary: " + "x" * (3 * 1024 * 1024))
    (line,) = problems_of(path)
    assert "a dossier may be at most 2,097,152" in line


# -- YAML that is unfit -------------------------------------------------------------------


def test_malformed_yaml_points_at_the_fault(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("format: briefing-dossier/1\nsections: [\n  id: x\n")
    (line,) = problems_of(path)
    assert line.startswith(f"{path}:4:1: YAML syntax:")


def test_top_level_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- just\n- a list\n")
    (line,) = problems_of(path)
    assert line == f"{path}:1:1: a dossier must be a mapping of keys, not a list"


def test_python_object_tag_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text("format: !!python/object/apply:os.system ['echo pwned']\n")
    (line,) = problems_of(path)
    assert line.startswith(f"{path}:1:9: the tag 'tag:yaml.org,2002:python/object/apply:os.system'")
    assert "not allowed" in line


def test_custom_tag_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tag.yaml"
    path.write_text("title: !secret value\n")
    assert "the tag '!secret' is not allowed" in problems_of(path)[0]


def test_billion_laughs_is_refused_quickly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        prev = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([prev] * 9)}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    built: list[yamlsafe.Node] = []

    class Counted(yamlsafe.Node):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            built.append(self)

    monkeypatch.setattr(yamlsafe, "Node", Counted)
    (line,) = problems_of(path)
    assert "expands to more than 200000 values (an alias bomb?)" in line
    # Quickly, whatever the machine: an alias is counted, never copied, so the work
    # follows the 100-odd values written, not the billions they expand to; and the
    # refusal comes at the first line that overspends (a5: 9 × 66,430 values).
    assert 0 < len(built) < 200
    assert line.startswith(f"{path}:6:")


def test_absurd_nesting_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 5000 + "]" * 5000 + "\n")
    (line,) = problems_of(path)
    # Where the refusal points depends on whether libyaml's own depth limit trips first.
    assert line.startswith(f"{path}:1:")
    assert line.endswith(": the document nests deeper than 32 levels")


def test_duplicate_key(tmp_path: Path) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text("title: a\ntitle: b\n")
    assert problems_of(path) == [f"{path}:2:1: the key 'title' appears twice"]


def test_two_documents(tmp_path: Path) -> None:
    path = tmp_path / "two.yaml"
    path.write_text("title: a\n---\ntitle: b\n")
    assert "more than one YAML document" in problems_of(path)[0]


# -- dossiers that break the format -------------------------------------------------------


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = (
        MINIMAL.replace("format: briefing-dossier/1", "format: briefing-dossier/9")
        .replace("id: mini", "id: Mini Dossier")
        .replace('as_of: "2021-02"', 'as_of: "2021-13"')
        .replace("    title: Trade\n", "    titel: Trade\n")
        .replace("value: 142", "value: one hundred")
        .replace("kind: place", "kind: city")
        .replace('date: "2022"', 'date: "2022-02-30"')
    )
    path = write(tmp_path, text)
    lines = problems_of(path)
    expected = [
        ":1:9: format must be 'briefing-dossier/1', not 'briefing-dossier/9'",
        ":2:5: 'Mini Dossier' is not a valid id: use lower-case letters, digits and hyphens",
        ":4:8: 'as_of': '2021-13' has no month 13",
        ":12:5: unknown key 'titel' in a section; did you mean 'title'?",
        ":11:5: a section is missing the required key 'title'",
        ":19:16: 'value' must be a number, not text",
        ":25:15: 'date': '2022-02-30' has no day 30 (that month has 28)",
        ":33:15: unknown entity kind 'city'",
    ]
    for fragment in expected:
        assert any(fragment in line for line in lines), (fragment, lines)
    assert len(lines) == len(expected)


def test_missing_required_keys(tmp_path: Path) -> None:
    path = tmp_path / "bare.yaml"
    path.write_text("format: briefing-dossier/1\nid: x\n")
    (line,) = problems_of(path)
    assert line == (
        f"{path}:1:1: the dossier is missing the required keys 'title', 'as_of', "
        "'summary', 'sources', 'sections'"
    )


def test_wrong_types(tmp_path: Path) -> None:
    text = MINIMAL.replace("title: Kazakhstan – Azerbaijan", "title: [a, b]").replace(
        "    points:\n", "    points: a list of points\n    xpoints:\n"
    )
    lines = problems_of(write(tmp_path, text))
    assert any(":3:8: 'title' must be text, not a list" in line for line in lines)
    assert any("'points' must be a list, not text" in line for line in lines)


def test_duplicate_section_ids(tmp_path: Path) -> None:
    text = MINIMAL + "  - id: trade\n    title: Again\n    summary: Same id.\n"
    lines = problems_of(write(tmp_path, text))
    assert lines == [f"{tmp_path / 'mini.yaml'}:38:9: duplicate id 'trade' (first used at line 11)"]


def test_cite_naming_an_unknown_source(tmp_path: Path) -> None:
    text = MINIMAL.replace("{{source: interview,", "{{source: speech,")
    (line,) = problems_of(write(tmp_path, text))
    assert "unknown source 'speech' (known sources: interview)" in line


def test_missing_source_file(tmp_path: Path) -> None:
    text = MINIMAL.replace("path: {seed}", "path: nowhere/interview.txt")
    (line,) = problems_of(write(tmp_path, text))
    assert ":8:11: source 'interview':" in line
    assert line.endswith("interview.txt no such file (the source was not found)")


def test_an_empty_source_file_is_one_problem(tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_text("\n  \n", encoding="utf-8")
    text = MINIMAL.replace("path: {seed}", "path: blank.txt")
    # one line, not one "is not in source" for each of its five citations
    (line,) = problems_of(write(tmp_path, text))
    assert ":8:11: source 'interview':" in line
    assert line.endswith("blank.txt is empty: there is nothing to cite")


def test_outside_the_folder_a_file_is_refused_alike_whether_it_exists_or_not(
    tmp_path: Path,
) -> None:
    """Else a dossier's messages would tell which files exist on the machine."""
    inside = tmp_path / "library"
    inside.mkdir()
    (tmp_path / "there.txt").write_text("a file outside", encoding="utf-8")
    lines = []
    for target in ("../there.txt", "../not-there.txt"):
        (line,) = problems_of(write(inside, MINIMAL.replace("path: {seed}", f"path: {target}")))
        lines.append(line.replace("not-there", "there"))
        assert "leads outside the dossier's folder" in line and "no such file" not in line
    assert lines[0] == lines[1]


@pytest.mark.parametrize("path", ["a" * 5000 + ".txt", "/".join(["b" * 200] * 30) + "/s.txt"])
def test_a_source_path_too_long_for_the_file_system_is_one_problem(
    tmp_path: Path, path: str
) -> None:
    (line,) = problems_of(write(tmp_path, MINIMAL.replace("path: {seed}", f"path: {path}")))
    assert ":8:11: source 'interview': " in line and line.endswith(": the path is too long")


def test_citation_not_in_source_shows_the_closest_passage(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        '"our trade turnover fell by 38% in 2020"', '"our trade turnover fell by 40% in 2020"'
    )
    (line,) = problems_of(write(tmp_path, text))
    assert ':16:15: the point: "our trade turnover fell by 40% in 2020" is not in source' in line
    assert 'closest passage (¶ 16): "our trade turnover fell by 38% in 2020' in line


def test_citation_case_is_kept(tmp_path: Path) -> None:
    text = MINIMAL.replace('"our trade turnover', '"Our trade turnover')
    assert "is not in source 'interview'" in problems_of(write(tmp_path, text))[0]


def test_quote_not_in_source(tmp_path: Path) -> None:
    text = MINIMAL.replace("It undoubtedly had some impact.", "It had no impact at all.")
    (line,) = problems_of(write(tmp_path, text))
    assert 'the quote: "It had no impact at all." is not in source' in line


def test_never_writes_to_the_dossier_or_source(tmp_path: Path) -> None:
    path = write(tmp_path)
    before = (path.stat().st_mtime_ns, SEED.stat().st_mtime_ns)
    load_dossier(path)
    assert (path.stat().st_mtime_ns, SEED.stat().st_mtime_ns) == before


def test_undefined_alias(tmp_path: Path) -> None:
    path = tmp_path / "alias.yaml"
    path.write_text("title: *nowhere\n")
    assert "the alias *nowhere names no anchor before it" in problems_of(path)[0]


def test_merge_keys_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "merge.yaml"
    path.write_text("base: &b {title: x}\nother:\n  <<: *b\n")
    assert problems_of(path) == [f"{path}:3:3: keys must be plain words"]


def test_a_plain_alias_is_read_as_its_value(tmp_path: Path) -> None:
    text = (
        MINIMAL.replace("speaker: Serzhan Abdykarimov", "speaker: &ambassador Serzhan Abdykarimov")
        + "      - text: Kazakhstan and Azerbaijani are strategic partners.\n"
        + ("        speaker: *ambassador\n")
    )
    dossier = load_dossier(write(tmp_path, text))
    speakers = [q.speaker for q in dossier.section("trade").quotes]
    assert speakers == ["Serzhan Abdykarimov", "Serzhan Abdykarimov"]


def test_a_source_path_with_a_nul_byte(tmp_path: Path) -> None:
    text = MINIMAL.replace("path: {seed}", 'path: "interview\\0.txt"')
    (line,) = problems_of(write(tmp_path, text))
    assert line.endswith(":8:11: source 'interview': the path holds a NUL byte")


def test_a_source_that_is_a_device_is_refused(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    # An absolute path is refused outright; a device reached in a trusted folder is
    # refused for what it is.
    (tmp_path / "zero").symlink_to("/dev/zero")
    text = MINIMAL.replace("path: {seed}", "path: zero")
    with pytest.raises(DossierError) as caught:
        load_dossier(write(tmp_path, text), trusted=["/dev"])
    (line,) = [str(problem) for problem in caught.value.problems]
    assert "/dev/zero is not a regular file, so not a source" in line


def test_the_overview_id_is_reserved(tmp_path: Path) -> None:
    text = MINIMAL.replace("  - id: trade", "  - id: overview")
    lines = problems_of(write(tmp_path, text))
    assert lines == [
        f"{tmp_path / 'mini.yaml'}:11:9: the section id 'overview' is reserved for the "
        "viewer's own Overview tab; choose another"
    ]
