"""A dossier from someone else: where its sources may be, how much work it may ask
for, and which characters its text and marking may hold."""

from __future__ import annotations

import difflib
import random
import re
import shutil
import sys
import unicodedata
from pathlib import Path

import pytest

from dossier.core import source
from dossier.core import text as text_module
from dossier.core.errors import DossierError
from dossier.core.file_limits import MAX_SOURCE_BYTES
from dossier.core.html.pages import source_path_text
from dossier.core.library import load_library
from dossier.core.loader import citations, load_dossier, reading, sources
from dossier.core.loader.marking_checks import marking_problem
from dossier.core.resources import shipped_sources
from dossier.core.source import SourceText
from dossier.core.text import (
    FORMAT_CHARACTERS,
    find_unsafe,
    normalise,
    normalise_lines,
    printable,
    unsafe_pattern,
)
from tests.core.dossiers import MINIMAL, SEED, write
from tests.hostile.cases import dossier_text


def problems_of(path: Path, **kwargs: object) -> list[str]:
    with pytest.raises(DossierError) as caught:
        load_dossier(path, **kwargs)  # type: ignore[arg-type]
    return [str(problem) for problem in caught.value.problems]


def with_source(folder: Path, relative: str) -> Path:
    """The minimal dossier, its source path replaced by ``relative``."""
    folder.mkdir(parents=True, exist_ok=True)
    return write(folder, MINIMAL.replace("path: {seed}", f"path: '{relative}'"))


def copy_seed(folder: Path, name: str = "interview.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(SEED, folder / name))


# -- where sources may be ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("relative", "message"),
    [
        ("/etc/passwd", "'/etc/passwd' is an absolute path"),
        ("//attacker.example/share/annex.txt", "names a network share"),
        ("\\\\attacker.example\\share\\annex.txt", "names a network share"),
        ("C:\\Windows\\win.ini", "names a Windows drive"),
        ("C:win.ini", "names a Windows drive"),
        ("c:/win.ini", "names a Windows drive"),
        ("..\\..\\etc\\passwd", "holds a backslash; separate folder names with '/'"),
    ],
)
def test_paths_that_are_not_relative_are_refused_where_written(
    tmp_path: Path, relative: str, message: str
) -> None:
    (line,) = problems_of(with_source(tmp_path, relative))
    assert ":8:11: source 'interview': " in line
    assert message in line


def test_a_path_out_of_the_folder_is_refused_and_nothing_is_quoted(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("our trade turnover fell by 40% in 2020\n", encoding="utf-8")
    path = with_source(tmp_path / "inbox", "../secret.txt")
    text = path.read_text(encoding="utf-8").replace("fell by 38%", "fell by 40%")
    path.write_text(text, encoding="utf-8")
    (line,) = problems_of(path)
    assert "'../secret.txt' leads outside the dossier's folder" in line
    assert "40%" not in line  # the citation was never looked up in the secret


def test_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    outside = copy_seed(tmp_path / "elsewhere")
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "annex.txt").symlink_to(outside)
    (line,) = problems_of(with_source(tmp_path / "inbox", "annex.txt"))
    assert f"leads outside the dossier's folder (to {outside})" in line


def test_a_symlink_within_the_folder_is_followed(tmp_path: Path) -> None:
    copy_seed(tmp_path / "inbox" / "sources")
    (tmp_path / "inbox" / "annex.txt").symlink_to("sources/interview.txt")
    dossier = load_dossier(with_source(tmp_path / "inbox", "annex.txt"))
    assert dossier.sources[0].path == tmp_path / "inbox" / "sources" / "interview.txt"


@pytest.mark.parametrize("relative", ["interview.txt/", "nodir/../interview.txt"])
def test_a_path_the_system_would_not_open_is_refused(tmp_path: Path, relative: str) -> None:
    """Resolved, each names the file beside the dossier; as written, no program opens it."""
    copy_seed(tmp_path)
    (line,) = problems_of(with_source(tmp_path, relative))
    assert ":8:11: source 'interview': " in line
    assert line.endswith(
        f"'{relative}' does not lead to interview.txt as written "
        "(a folder on the way is missing or is a file, or the path ends in '/')"
    )


def test_a_file_on_the_way_is_named_as_what_it_is(tmp_path: Path) -> None:
    copy_seed(tmp_path)
    (tmp_path / "notdir").write_text("a file, not a folder", encoding="utf-8")
    (line,) = problems_of(with_source(tmp_path, "notdir/../interview.txt"))
    assert "a folder on the way is missing or is a file" in line


def test_a_path_through_a_real_folder_and_back_is_read(tmp_path: Path) -> None:
    copy_seed(tmp_path)
    (tmp_path / "annex").mkdir()
    dossier = load_dossier(with_source(tmp_path, "annex/../interview.txt"))
    assert dossier.sources[0].path == tmp_path / "interview.txt"


def test_a_linked_dossier_reads_the_sources_beside_the_file_it_links_to(tmp_path: Path) -> None:
    """The viewer, validate and search alike: one rule for where its sources are."""
    from dossier.core.search import open_library

    copy_seed(tmp_path / "elsewhere")
    target = with_source(tmp_path / "elsewhere", "interview.txt")
    (tmp_path / "library").mkdir()
    (tmp_path / "library" / "linked.yaml").symlink_to(target)
    copy_seed(tmp_path / "library", "decoy.txt")
    dossier = load_dossier(tmp_path / "library" / "linked.yaml")
    assert dossier.sources[0].path == tmp_path / "elsewhere" / "interview.txt"
    assert source_path_text(dossier, dossier.sources[0]) == "interview.txt"  # as written
    assert [d.id for d in load_library(tmp_path / "library").dossiers] == ["mini"]
    with open_library(tmp_path / "library", cache=False) as opened:
        assert [d.dossier_id for d in opened.dossiers] == ["mini"]
    # A source beside the link, not beside its target, is not the dossier's.
    (tmp_path / "elsewhere" / "interview.txt").rename(tmp_path / "library" / "interview.txt")
    (line,) = problems_of(tmp_path / "library" / "linked.yaml")
    assert line.endswith("interview.txt no such file (the source was not found)")
    with pytest.raises(DossierError, match="no such file"):
        open_library(tmp_path / "library", cache=False)


def test_hidden_files_and_folders_are_refused(tmp_path: Path) -> None:
    """A dossier saved in the home folder must not reach ~/.ssh."""
    copy_seed(tmp_path / ".ssh", "id_rsa")
    (line,) = problems_of(with_source(tmp_path, ".ssh/id_rsa"))
    assert "'.ssh/id_rsa' is a hidden file or inside a hidden folder" in line


def test_a_trusted_folder_may_be_read(tmp_path: Path) -> None:
    copy_seed(tmp_path / "shared")
    path = with_source(tmp_path / "inbox", "../shared/interview.txt")
    assert "leads outside" in problems_of(path)[0]
    dossier = load_dossier(path, trusted=[tmp_path / "shared"])
    assert dossier.sources[0].path == tmp_path / "shared" / "interview.txt"
    library = load_library(path.parent, trusted=[str(tmp_path / "shared")])
    assert [d.id for d in library.dossiers] == ["mini"]
    with pytest.raises(DossierError):
        load_library(path.parent)  # no extra trust unless asked


def test_the_shipped_sources_may_be_cited_from_anywhere(tmp_path: Path) -> None:
    """The app's own seeds/ is not the user's: the bundled layout works everywhere."""
    assert (shipped_sources() / SEED.name).is_file()
    dossier = load_dossier(write(tmp_path))  # cites ../../…/seeds/ relative to tmp_path
    assert dossier.sources[0].path == SEED


def test_a_special_file_is_refused_even_in_a_trusted_folder(tmp_path: Path) -> None:
    if not Path("/proc/self/status").exists():
        pytest.skip("no /proc here")
    (tmp_path / "status.txt").symlink_to("/proc/self/status")
    (line,) = problems_of(with_source(tmp_path, "status.txt"), trusted=["/proc"])
    assert "is a special file (its size changes as it is read), not a source" in line


# -- bounded work ---------------------------------------------------------------------------
def test_a_source_named_many_times_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_seed(tmp_path)
    names = ["interview.txt", "./interview.txt", "sub/../interview.txt"] * 10
    (tmp_path / "sub").mkdir()
    text = dossier_text(sources=names, cites=["our trade turnover fell by 38% in 2020"])
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    reads: list[Path] = []
    real = reading.read_text_and_digest

    def counted(where: Path, *args: object) -> tuple[str, str]:
        reads.append(where)
        return real(where, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(reading, "read_text_and_digest", counted)
    dossier = load_dossier(path)
    assert len(dossier.sources) == 30
    assert reads == [path, tmp_path / "interview.txt"]


def test_sources_together_are_limited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    size = SEED.stat().st_size
    monkeypatch.setattr(sources, "MAX_TOTAL_SOURCE_BYTES", 2 * size + 10)
    for number in range(3):
        copy_seed(tmp_path, f"annex-{number}.txt")
    text = dossier_text(sources=[f"annex-{n}.txt" for n in range(3)], cites=["Kuryk"])
    path = tmp_path / "three.yaml"
    path.write_text(text, encoding="utf-8")
    (line,) = problems_of(path)
    assert ":14:11: source 's3': " in line
    assert f"would bring the dossier's sources to {3 * size:,} bytes" in line
    assert f"together they may be at most {2 * size + 10:,}" in line


def test_a_source_too_large_on_its_own_is_told_so(tmp_path: Path) -> None:
    copy_seed(tmp_path)
    with (tmp_path / "huge.txt").open("wb") as huge:  # sparse: no disk spent on it
        huge.truncate(sources.MAX_TOTAL_SOURCE_BYTES + 1)
    text = dossier_text(sources=["huge.txt"], cites=["Kuryk"])
    path = tmp_path / "huge.yaml"
    path.write_text(text, encoding="utf-8")
    (line,) = problems_of(path)
    size = sources.MAX_TOTAL_SOURCE_BYTES + 1
    assert f"huge.txt is {size:,} bytes; a source may be at most {MAX_SOURCE_BYTES:,}" in line
    assert "together" not in line


def test_citation_search_is_limited_and_stops_at_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_seed(tmp_path)
    monkeypatch.setattr(citations, "MAX_SEARCH_CHARACTERS", 3 * SEED.stat().st_size)
    cites = [f"missing passage {n}" for n in range(10)]
    path = tmp_path / "many.yaml"
    path.write_text(dossier_text(source_path="interview.txt", cites=cites), encoding="utf-8")
    problems = problems_of(path)
    assert len(problems) == 4  # three misses, then the one line that says the rest waits
    assert all("is not in source 's1'" in line for line in problems[:3])
    assert ":18:25: the point: citations not checked from here on" in problems[3]


def test_the_same_passage_is_searched_once() -> None:
    text = SourceText("alpha beta\ngamma delta\n")
    budget = source.SearchBudget(100)
    first = text.locate("gamma", budget)
    assert first is not None and (first.paragraph, first.start, first.end) == (2, 0, 5)
    assert text.locate("gamma", budget) == first  # asked again: the same answer,
    assert budget.left == 100 - len("alpha beta\ngamma")  # and no second scan charged


def test_closest_passages_are_shown_for_the_first_misses_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_seed(tmp_path)
    monkeypatch.setattr(citations, "MAX_CLOSEST", 1)
    cites = ["our trade turnover fell by 40% in 2020", "our trade turnover fell by 41% in 2020"]
    path = tmp_path / "two.yaml"
    path.write_text(dossier_text(source_path="interview.txt", cites=cites), encoding="utf-8")
    first, second = problems_of(path)
    assert 'closest passage (¶ 16): "our trade turnover fell by 38% in 2020' in first
    assert "closest passage omitted (shown for the first 1 only)" in second


def test_closest_passage_in_a_large_source_compares_a_few_candidates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lines = [f"paragraph {n} says nothing of note" for n in range(20_000)]
    lines[12_345] = "the Kazakh seaports handled 19% more cargo in 2020 than in 2019"
    text = SourceText("\n".join(lines))
    compared: list[int] = []
    real = text._window

    def window(number: int, offset: int) -> str:
        compared.append(number)
        return real(number, offset)

    monkeypatch.setattr(text, "_window", window)
    closest = text.closest("the Kazakh seaport handled 20% more cargoes")
    assert closest is not None
    assert closest[0] == 12_346
    assert closest[1].startswith("the Kazakh seaports handled")
    assert len(compared) <= source.CLOSEST_CANDIDATES


def test_closest_passage_in_one_huge_line_is_cut_to_a_window(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compared: list[int] = []
    real = difflib.SequenceMatcher

    def spy(junk: None, a: str, b: str, autojunk: bool) -> difflib.SequenceMatcher[str]:
        compared.append(len(b))
        return real(junk, a, b, autojunk=autojunk)

    monkeypatch.setattr(difflib, "SequenceMatcher", spy)
    line = "filler words " * 200_000 + "the Kazakh seaports handled 19% more cargo"
    closest = SourceText(line).closest("the Kazakh seaport handled 20% more cargoes")
    assert closest == (1, "the Kazakh seaports handled 19% more cargo")
    assert compared and max(compared) <= source.CLOSEST_WINDOW


# -- characters ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("marking", "message"),
    [
        ("\u202eTERCES POT", "character 1 is U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("SEC\u200bRET", "character 4 is U+200B ZERO WIDTH SPACE"),
        ("UNCLAS\x00SIFIED", "character 7 is U+0000"),
        ("UNCLASSIFIED\nTOP SECRET", "character 13 is U+000A"),
        ("TOP SECRET\u2028", "U+2028 LINE SEPARATOR"),
        ("S\u0415CRET", "'S\u0415CRET' mixes scripts (CYRILLIC, LATIN)"),
        ("\uff33\uff25\uff23\uff32\uff25\uff34", "compatibility form"),
        ("SECRET\u0301", "U+0301 COMBINING ACUTE ACCENT"),
        ("X" * 65, "65 characters; at most 64"),
    ],
)
def test_a_marking_that_could_lie_is_refused_where_written(
    tmp_path: Path, marking: str, message: str
) -> None:
    path = tmp_path / "marked.yaml"
    copy_seed(tmp_path)
    text = dossier_text(source_path="interview.txt", classification=marking, cites=["Kuryk"])
    path.write_text(text, encoding="utf-8")
    (line,) = problems_of(path)
    assert line.startswith(f"{path}:6:17: the classification ")
    assert message in line


@pytest.mark.parametrize(
    "marking",
    ["TOP SECRET", "NATO/EU-RESTRICTED 2", "Rəsmi istifadə üçün", "Құпия", "Для служебного"],
)
def test_real_markings_in_any_script_are_kept(marking: str) -> None:
    assert marking_problem(marking) is None


@pytest.mark.parametrize(
    "character", ["\u202e", "\u2066", "\u200e", "\u061c", "\u200b", "\u2060", "\ufeff", "\u2029"]
)
def test_invisible_characters_in_dossier_text_are_refused_where_written(
    tmp_path: Path, character: str
) -> None:
    copy_seed(tmp_path)
    summary = f"Call 1234{character}567890 now."
    text = dossier_text(source_path="interview.txt", summary=summary, cites=["Kuryk"])
    path = tmp_path / "trojan.yaml"
    path.write_text(text, encoding="utf-8")
    (line,) = problems_of(path)
    assert line.startswith(f"{path}:5:10: the text holds U+{ord(character):04X}")
    assert "(character 10)" in line


def test_azerbaijani_kazakh_and_cyrillic_text_is_kept(tmp_path: Path) -> None:
    copy_seed(tmp_path)
    summary = "Şəki, Qarabağ, İlham Əliyev; Қазақстан, Құрық; Казахстан и Азербайджан."
    text = dossier_text(source_path="interview.txt", summary=summary, cites=["Kuryk"])
    path = tmp_path / "letters.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_dossier(path).summary == summary


def test_a_sources_invisible_characters_do_not_break_its_citations() -> None:
    text = SourceText("The port of Ku\u200bryk grew \u202eby\u202c 19%.\n")
    match = text.locate("port of Kuryk grew by 19%")
    assert match is not None
    assert text.paragraph(1).text[match.start : match.end] == (
        "port of Ku\u200bryk grew \u202eby\u202c 19%"
    )


def test_the_format_characters_cover_every_cf_character() -> None:
    table = __import__("re").compile(f"[{FORMAT_CHARACTERS}]")
    missing = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == "Cf" and not table.match(chr(code))
    ]
    assert missing == []


def test_no_character_the_loader_refuses_is_printable() -> None:
    """find_unsafe and normalise pass printable text without scanning it."""
    table = re.compile(f"[{FORMAT_CHARACTERS}\u2028\u2029]")
    printable_ones = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if table.match(chr(code)) and chr(code).isprintable()
    ]
    assert printable_ones == []


def test_folding_and_refusing_agree_with_a_scan_of_every_character() -> None:
    folds = "\u2018\u2019\u201c\u201d\u00ab\u2013\u2212\u00a0\u202f"
    for character in (*folds, *"\u200b\u202e\u2066\ufeff\U000e0041\u2028", "é", "ə", "x"):
        text = f"a {character}b Şəki"
        folded = unicodedata.normalize("NFC", text).translate(text_module._FOLD)
        expected = " ".join(re.sub(f"[{FORMAT_CHARACTERS}]", "", folded).split())
        assert normalise(text) == expected
        assert normalise_lines([text, text]) == [expected, expected]
        assert (find_unsafe(text) is None) == (unsafe_pattern().search(text) is None)


def test_printable_escapes_bidi_invisible_and_separator_characters() -> None:
    text = "TOP \u202eTERCES\u202c a\u200bb \u2066x\u2069 \ufeff line\u2028break\U000e0041 \x1b[2J"
    assert printable(text) == (
        "TOP \\u202eTERCES\\u202c a\\u200bb \\u2066x\\u2069 \\ufeff line\\u2028break"
        "\\U000e0041 \\x1b[2J"
    )
    assert printable("Şəki – Қазақстан") == "Şəki – Қазақстан"


def test_many_citations_against_a_large_source_find_the_first_occurrence_cheaply() -> None:
    """Past a few searches a large source is searched piece by piece: same answers as a
    scan of the whole text, for a small part of the budget."""
    rng = random.Random(7)
    vocabulary = [f"word{n}" for n in range(100_000)]
    lines = [" ".join(rng.choices(vocabulary, k=12)) for _ in range(20_000)]
    lines[15_000] = lines[17_000] = "the Kazakh seaports handled 19% more cargo"
    text = SourceText("\n".join(lines))
    flat = text._flat[0]
    assert len(flat) >= source.INDEX_FROM
    budget = source.SearchBudget(len(flat) * 1_000)
    passages = [" ".join(lines[rng.randrange(len(lines))].split()[2:7]) for _ in range(300)]
    passages.append("Kazakh seaports handled 19% more")  # twice in the source
    passages += [f"{w} nowhere {w}" for w in vocabulary[:50]]  # misses
    for passage in passages:
        index = flat.find(passage)
        expected = None if index < 0 else text._match(index, len(passage))
        assert text.locate(passage, budget) == expected, passage
    assert text.locate("Kazakh seaports handled 19% more").paragraph == 15_001  # type: ignore[union-attr]
    spent = len(flat) * 1_000 - budget.left
    assert spent < len(passages) * len(flat) // 10


def test_only_so_much_source_text_is_cut_into_pieces_per_dossier() -> None:
    """The word sets cost memory: past the dossier's allowance a source is scanned."""
    lines = [f"line {n} of a long annex with words {n * 7} and {n * 13}" for n in range(30_000)]
    text = SourceText("\n".join(lines))
    budget = source.SearchBudget(1 << 40, indexable=len(text._flat[0]) - 1)
    for n in range(0, 30_000, 1_000):
        match = text.locate(f"line {n} of a long annex", budget)
        assert match is not None and match.paragraph == n + 1
    assert text._chunks is None
    assert budget.indexable == len(text._flat[0]) - 1
