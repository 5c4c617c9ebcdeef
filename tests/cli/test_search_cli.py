"""``dossier search`` end to end, as a user runs it (in a fresh process each time)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from dossier.cli.search import run_search
from tests.core.dossiers import MINIMAL, seed_from, write
from tests.processes import BLOCK_QT, run_dossier, run_python


def run(*args: str | Path, verbose: bool = False) -> subprocess.CompletedProcess[str]:
    options = ["-v"] if verbose else []
    return run_dossier(*options, "search", *args)


def test_searches_the_bundled_dossier_by_default() -> None:
    result = run("Kuryk")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("results for 'Kuryk'") or "results for 'Kuryk'" in lines[0]
    assert "entity" in lines[1] and "transport/entity/" in lines[1]
    assert "[Kuryk]" in lines[2]
    assert "\x1b[" not in result.stdout  # not a terminal: brackets, no escape codes
    assert result.stderr == ""


def test_human_output_shows_section_kind_and_paragraph(bundled: Path) -> None:
    result = run("grain Kuryk", "--dossier", bundled, "--limit", "3")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "(best 3 shown)" in lines[0]
    ranked = [line for line in lines[1:] if line[:4].strip().rstrip(".").isdigit()]
    assert len(ranked) == 3
    assert all("Transport" in line and "¶\u00a0" in line for line in ranked)


def test_json_output(bundled: Path) -> None:
    result = run("pandemic", "--dossier", bundled, "--json", "--limit", "50")
    assert result.returncode == 0, result.stderr
    results = json.loads(result.stdout)
    assert 0 < len(results) <= 50
    keys = {"dossier", "section", "kind", "text", "snippet", "score", "paragraph", "anchor"}
    for item in results:
        assert keys <= set(item)
        assert item["dossier"] == "kz-az-2021"
        assert isinstance(item["score"], float)
        assert item["paragraph"] is None or isinstance(item["paragraph"], int)
        assert "[" in item["snippet"]
    scores = [item["score"] for item in results]
    assert scores == sorted(scores, reverse=True)
    kinds = {item["kind"]: item for item in results}
    assert kinds["overview"]["paragraph"] is None and kinds["overview"]["section"] is None
    assert kinds["paragraph"]["anchor"].startswith("source:interview/")


def test_a_folder_is_a_library_and_invalid_dossiers_are_warnings(tmp_path: Path) -> None:
    write(tmp_path, MINIMAL, "a.yaml")
    other = MINIMAL.replace("id: mini", "id: other").replace(
        "title: Kazakhstan – Azerbaijan", "title: Another Relationship"
    )
    write(tmp_path, other, "b.yaml")
    (tmp_path / "broken.yaml").write_text("format: briefing-dossier/1\nid: [\n")
    result = run("Quryq", "--dossier", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "warning" in result.stderr and "broken.yaml" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Kazakhstan – Azerbaijan ›" in result.stdout
    assert "Another Relationship ›" in result.stdout
    as_json = json.loads(run("Quryq", "--dossier", tmp_path, "--json").stdout)
    assert {item["dossier"] for item in as_json} == {"mini", "other"}


@pytest.mark.parametrize("query", ["NEAR(", "AND OR", "'; DROP TABLE docs; --", "Kuryk*"])
def test_odd_queries_answer_without_error(query: str, bundled: Path) -> None:
    result = run(query, "--dossier", bundled)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    as_json = run(query, "--dossier", bundled, "--json")
    assert as_json.returncode == 0
    assert isinstance(json.loads(as_json.stdout), list)


@pytest.mark.parametrize("query", ['"', "*", "-", ":", "", "   ", "🙂"])
def test_a_query_without_words_is_bad_input_in_one_line(query: str, bundled: Path) -> None:
    # exit 0 would let a script read "nothing found" into a query that asked nothing
    for extra in ((), ("--json",)):
        result = run(query, "--dossier", bundled, *extra)
        assert result.returncode == 1
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("dossier: no words to search for in ")
        assert "letter or digit" in lines[0]


def test_a_section_alone_asks_for_the_words_to_look_for(bundled: Path) -> None:
    result = run("section:trade", "--dossier", bundled)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (
        "dossier: no words to search for in 'section:trade': section:trade only narrows"
        " a search; add the words to look for\n"
    )


def test_a_section_the_dossier_does_not_have_is_named_as_the_reason(bundled: Path) -> None:
    result = run("section:tarde grain", "--dossier", bundled)
    assert result.returncode == 0 and result.stdout == ""
    assert result.stderr == (
        "dossier: no results for 'section:tarde grain':"
        " there is no section 'tarde' in the dossier searched\n"
    )
    words = run("section:trade zzqxjw", "--dossier", bundled)
    assert words.stderr == "dossier: no results for 'section:trade zzqxjw'\n"
    # A script still reads [] on stdout; the person running it is told why on stderr.
    as_json = run("section:tarde grain", "--dossier", bundled, "--json")
    assert as_json.returncode == 0 and json.loads(as_json.stdout) == []
    assert as_json.stderr == result.stderr


def test_no_results_is_said_on_stderr_and_is_not_an_error(bundled: Path) -> None:
    result = run("zzqxjw", "--dossier", bundled)
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr.strip() == "dossier: no results for 'zzqxjw'"
    as_json = run("zzqxjw", "--dossier", bundled, "--json")
    assert as_json.returncode == 0 and json.loads(as_json.stdout) == []


def test_errors_exit_1_without_a_traceback(tmp_path: Path) -> None:
    missing = run("Kuryk", "--dossier", tmp_path / "nope.yaml")
    assert missing.returncode == 1
    assert "nope.yaml" in missing.stderr and "Traceback" not in missing.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    no_dossiers = run("Kuryk", "--dossier", empty)
    assert no_dossiers.returncode == 1
    assert len(no_dossiers.stderr.strip().splitlines()) == 1
    (tmp_path / "only-broken.yaml").write_text("nothing: here\n")
    all_broken = run("Kuryk", "--dossier", tmp_path)
    assert all_broken.returncode == 1 and "only-broken.yaml" in all_broken.stderr


def test_limit_must_be_positive(bundled: Path) -> None:
    assert run("Kuryk", "--limit", "0").returncode == 2


def test_a_pasted_page_of_query_is_quoted_back_cut_short(bundled: Path) -> None:
    found = run("cargo " * 2000, "--dossier", bundled)
    assert found.returncode == 0, found.stderr
    header = found.stdout.splitlines()[0]
    assert header.startswith("5 results for 'cargo cargo") and header.endswith("c…'")
    assert len(header) < 120  # the whole 12,000 characters were echoed
    missing = run("zzqx " * 2000, "--dossier", bundled)
    assert missing.stderr.startswith("dossier: no results for 'zzqx zzqx")
    assert len(missing.stderr) < 120


def test_the_largest_limit_accepted_is_the_most_the_index_returns() -> None:
    from dossier.cli.common import MAX_LIMIT
    from dossier.core.search import index

    # Else `--limit N` would be accepted and quietly answered with fewer results.
    assert MAX_LIMIT == index.MAX_LIMIT
    assert run("Kuryk", "--limit", str(MAX_LIMIT)).returncode == 0
    assert run("Kuryk", "--limit", str(MAX_LIMIT + 1)).returncode == 2


def test_a_second_run_uses_the_cache_and_answers_the_same(bundled: Path) -> None:
    first = run("Beket", "--dossier", bundled, "--json", verbose=True)
    second = run("Beket", "--dossier", bundled, "--json", verbose=True)
    assert first.returncode == second.returncode == 0
    assert "search: 1 dossiers (1 loaded, 0 from cache), 0 failed" in first.stderr
    # The second run parsed nothing: the dossier's bytes found their entry.
    assert "search: 1 dossiers (0 loaded, 1 from cache), 0 failed" in second.stderr
    assert "loaded " + str(bundled) not in second.stderr  # the loader's own log line
    assert json.loads(first.stdout) == json.loads(second.stdout)


def test_a_huge_limit_is_refused_or_capped_without_a_traceback(
    bundled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = run("Kuryk", "--limit", "99999999999999999999")
    assert huge.returncode == 2 and "Traceback" not in huge.stderr
    assert "--limit" in huge.stderr.strip().splitlines()[-1]
    # Called directly, past the argument parser: capped.
    assert run_search("Kuryk", bundled, 10**20) == 0
    out = capsys.readouterr().out
    assert "results for 'Kuryk'" in out.splitlines()[0]


@pytest.mark.parametrize("kind", ["dev-zero", "fifo"])
def test_a_device_or_a_fifo_is_one_line_exit_1(kind: str, tmp_path: Path) -> None:
    if kind == "dev-zero":
        target = Path("/dev/zero")
        if not target.exists():
            pytest.skip("no /dev/zero here")
    else:
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        target = tmp_path / "pipe.yaml"
        os.mkfifo(target)
    result = run("x", "--dossier", target)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"{target}: is not a regular file, so not a dossier"
    ]


def _controls(text: str) -> list[str]:
    """The C0 (but newline), DEL and C1 control characters in ``text``."""
    return [c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) < 0xA0]


def test_control_characters_in_dossier_text_never_reach_the_terminal(tmp_path: Path) -> None:
    point = "- text: Bilateral trade fell by 38 per cent in 2020."
    hostile = MINIMAL.replace(
        point, '- text: "Bilateral \\x1b[31mtrade\\x9b2J fell by 38 per cent in 2020."'
    ).replace("title: Trade\n", 'title: "Tr\\x1b]0;pwned\\x07ade"\n')
    path = write(tmp_path, hostile, "hostile.yaml")
    result = run("Bilateral", "--dossier", path)
    assert result.returncode == 0, result.stderr
    assert "\\x1b[31mtrade\\x9b2J" in result.stdout  # shown, not obeyed
    assert "Tr\\x1b]0;pwned\\x07ade ·" in result.stdout
    assert not _controls(result.stdout)
    as_json = run("Bilateral", "--dossier", path, "--json")
    assert "\\u001b[31mtrade\\u009b2J" in as_json.stdout
    assert not _controls(as_json.stdout)
    texts = {item["text"] for item in json.loads(as_json.stdout)}
    assert "Bilateral \x1b[31mtrade\x9b2J fell by 38 per cent in 2020." in texts


def test_a_dossier_named_in_another_encoding_is_searched(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    try:
        with open(os.fsencode(folder) + b"/\xff.yaml", "wb") as handle:
            handle.write(MINIMAL.format(seed=seed_from(folder)).encode())
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    for _ in range(2):  # indexed, then from the cache
        result = run("Quryq", "--dossier", folder)
        assert result.returncode == 0 and result.stderr == "", result.stderr
        assert "[Quryq]" in result.stdout


_NO_QT = (
    BLOCK_QT
    + """
from dossier.cli import main
status = main(['search', 'Kuryk', '--dossier', sys.argv[1]])
assert status == 0, status
assert not any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules)
"""
)


def test_search_runs_without_qt(bundled: Path) -> None:
    result = run_python("-c", _NO_QT, bundled)
    assert result.returncode == 0, result.stderr
    assert "results for 'Kuryk'" in result.stdout


def test_forget_deletes_the_cache_in_one_line(bundled: Path) -> None:
    assert run("Kuryk", "--dossier", bundled).returncode == 0
    result = run("--forget")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("dossier: removed the search cache ")
    counted = re.search(r"\((\d+) (files?), \d+\.\d MB\)$", line)
    assert counted is not None, line
    assert counted[2] == ("file" if counted[1] == "1" else "files")  # not "1 files"
    again = run("--forget")
    assert again.stderr.startswith("dossier: no search cache to remove in ")


def test_a_search_needs_a_query_unless_it_forgets() -> None:
    result = run()
    assert result.returncode == 2
    assert "a QUERY is needed" in result.stderr


def test_forget_says_so_when_the_cache_cannot_be_deleted(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root deletes whatever the modes say, so the refusal is made by the system call."""
    from dossier.core.search import upkeep

    assert run("Kuryk", "--dossier", bundled).returncode == 0
    folder = upkeep.search_folder()
    before = sorted(p.name for p in folder.iterdir())
    assert before

    def refuse(path: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("dossier.core.search.upkeep.os.unlink", refuse)
    with pytest.raises(OSError, match=r"could not be deleted: Permission denied") as raised:
        upkeep.forget()
    assert raised.value.filename == str(folder)
    assert sorted(p.name for p in folder.iterdir()) == before
    from dossier.cli.common import UserError
    from dossier.cli.search import run_forget

    with pytest.raises(
        UserError, match=r"^cannot remove the search cache in .*could not be deleted"
    ):
        run_forget()
    assert sorted(p.name for p in folder.iterdir()) == before


def test_an_unusable_cache_is_one_warning_line_and_the_search_still_runs(
    tmp_path: Path, bundled: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    env = {**os.environ, "DOSSIER_CACHE_DIR": str(blocker / "dossier")}
    result = run_dossier("search", "Kuryk", "--dossier", bundled, "--limit", "1", env=env)
    assert result.returncode == 0, result.stderr
    assert "[Kuryk]" in result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr  # the CLI's line, not the logger's as well
    assert lines[0].startswith("dossier: warning: searching without the cache in ")
    assert blocker.read_text() == "not a folder"
