"""Hostile dossiers, generated at run time so that no large fixture is committed.

Each builder writes a case into an empty folder and returns the dossier file to
validate. ``scale`` shrinks the size cases for the default run; the slow run uses 1.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

MiB = 1024 * 1024


def dossier_text(
    *,
    source_path: str = "source.txt",
    cites: list[str] | None = None,
    classification: str | None = None,
    summary: str = "A short summary.",
    sources: list[str] | None = None,
) -> str:
    """A small valid-looking dossier; values are written as JSON strings (valid YAML)."""
    lines = [
        "format: briefing-dossier/1",
        "id: hostile",
        "title: Hostile",
        'as_of: "2021-02"',
        f"summary: {json.dumps(summary)}",
    ]
    if classification is not None:
        lines.append(f"classification: {json.dumps(classification)}")
    lines.append("sources:")
    for number, path in enumerate(sources or [source_path], start=1):
        lines += [
            f"  - id: s{number}",
            f"    path: {json.dumps(path)}",
            "    title: A source",
        ]
    lines += [
        "sections:",
        "  - id: main",
        "    title: Main",
        "    summary: The main section.",
        "    points:",
    ]
    # Flow mappings, and bare citations when there is one source, keep 50,000
    # citations inside the dossier size limit.
    for quote in cites or ["the first line"]:
        cite = json.dumps(quote) if not sources else f"{{source: s1, quote: {json.dumps(quote)}}}"
        lines.append(f"      - {{text: P, cite: {cite}}}")
    return "\n".join(lines) + "\n"


def _write(folder: Path, text: str, source: str | bytes | None = "the first line\n") -> Path:
    if source is not None:
        data = source.encode() if isinstance(source, str) else source
        (folder / "source.txt").write_bytes(data)
    path = folder / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# -- finding 1: sources outside the dossier's folder ------------------------------------
def etc_passwd(folder: Path, scale: int) -> Path:
    return _write(folder, dossier_text(source_path="/etc/passwd", cites=["root"]), None)


def dot_dot_hostname(folder: Path, scale: int) -> Path:
    text = dossier_text(source_path="../../../../../../../../etc/hostname", cites=["x"])
    return _write(folder, text, None)


def symlink_out(folder: Path, scale: int) -> Path:
    (folder / "annex.txt").symlink_to("/etc/passwd")
    return _write(folder, dossier_text(source_path="annex.txt", cites=["root"]), None)


def proc_self_status(folder: Path, scale: int) -> Path:
    return _write(folder, dossier_text(source_path="/proc/self/status", cites=["Name"]), None)


def proc_via_symlink(folder: Path, scale: int) -> Path:
    (folder / "status.txt").symlink_to("/proc/self/status")
    return _write(folder, dossier_text(source_path="status.txt", cites=["Name"]), None)


def unc_forward(folder: Path, scale: int) -> Path:
    text = dossier_text(source_path="//attacker.example/share/annex.txt")
    return _write(folder, text)


def unc_backward(folder: Path, scale: int) -> Path:
    text = dossier_text(source_path="\\\\attacker.example\\share\\annex.txt")
    return _write(folder, text)


def drive_absolute(folder: Path, scale: int) -> Path:
    return _write(folder, dossier_text(source_path="C:\\Windows\\win.ini"))


def drive_relative(folder: Path, scale: int) -> Path:
    return _write(folder, dossier_text(source_path="C:win.ini"))


def symlink_loop(folder: Path, scale: int) -> Path:
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "b.txt").symlink_to("a.txt")
    return _write(folder, dossier_text(source_path="a.txt"), None)


def hidden_folder(folder: Path, scale: int) -> Path:
    """A dossier saved in the home folder may not reach into ~/.ssh."""
    (folder / ".ssh").mkdir()
    (folder / ".ssh" / "id_rsa").write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n")
    text = dossier_text(source_path=".ssh/id_rsa", cites=["BEGIN"])
    return _write(folder, text, None)


def fifo(folder: Path, scale: int) -> Path:
    os.mkfifo(folder / "pipe.txt")
    return _write(folder, dossier_text(source_path="pipe.txt"), None)


# -- finding 2: unbounded work -----------------------------------------------------------
def million_lines(folder: Path, scale: int) -> Path:
    """One missing citation against a source of a million short lines."""
    lines = 1_000_000 // scale
    source = "".join(f"line {n}\n" for n in range(lines))
    text = dossier_text(cites=["this passage is nowhere in the annex at all"])
    return _write(folder, text, source)


def million_lines_many_misses(folder: Path, scale: int) -> Path:
    """A hundred different missing citations against a million-line source."""
    lines = 1_000_000 // scale
    source = "".join(f"line {n}\n" for n in range(lines))
    cites = [f"missing passage number {n} of the annex" for n in range(100)]
    return _write(folder, dossier_text(cites=cites), source)


def single_line(folder: Path, scale: int) -> Path:
    """A 16 MiB source on one line, and a citation that misses."""
    size = 16 * MiB // scale - 1
    source = ("abcdefgh " * (size // 9 + 1))[:size] + "\n"
    text = dossier_text(cites=["abcdefgh abcdefgh abcdefgx"])
    return _write(folder, text, source)


def many_citations_at_the_end(folder: Path, scale: int) -> Path:
    """50,000 different citations that match only at the end of a 16 MiB source."""
    size = 16 * MiB // scale
    count = 50_000 // scale
    tail = " ".join(f"w{n}" for n in range(count))
    source = "a" * (size - len(tail) - 2) + "\n" + tail + "\n"
    cites = [f"w{n}" if n + 1 == count else f"w{n} w{n + 1}" for n in range(count)]
    return _write(folder, dossier_text(cites=cites), source)


def one_source_named_many_times(folder: Path, scale: int) -> Path:
    """A small dossier naming one 16 MiB source 1,000 times."""
    size = 16 * MiB // scale - 1
    source = ("the annex text " * (size // 15 + 1))[:size] + "\n"
    names = ["source.txt" if n % 2 else "./source.txt" for n in range(1_000)]
    text = dossier_text(sources=names, cites=["the annex text"])
    return _write(folder, text, source)


# -- finding 8: markings that lie ---------------------------------------------------------
def sources_over_the_total(folder: Path, scale: int) -> Path:
    """Five different sources of 16 MiB: more than a dossier's sources may total."""
    size = 16 * MiB // scale - 1
    names = []
    for number in range(5):
        name = f"annex-{number}.txt"
        (folder / name).write_bytes(b"x" * size + b"\n")
        names.append(name)
    return _write(folder, dossier_text(sources=names, cites=["x"]), None)


def rlo_classification(folder: Path, scale: int) -> Path:
    return _write(folder, dossier_text(classification="\u202eTERCES POT"))


def rlo_body(folder: Path, scale: int) -> Path:
    return _write(folder, dossier_text(summary="Call \u202e1234567890 now."))


def zero_width_secret(folder: Path, scale: int) -> Path:
    return _write(folder, dossier_text(classification="SEC\u200bRET"))


def nul_classification(folder: Path, scale: int) -> Path:
    return _write(folder, dossier_text(classification="UNCLAS\x00SIFIED"))


def newline_classification(folder: Path, scale: int) -> Path:
    return _write(folder, dossier_text(classification="UNCLASSIFIED\nTOP SECRET"))


Builder = Callable[[Path, int], Path]

CONFINEMENT: dict[str, Builder] = {
    "etc-passwd": etc_passwd,
    "dot-dot-hostname": dot_dot_hostname,
    "symlink-out": symlink_out,
    "proc-self-status": proc_self_status,
    "proc-via-symlink": proc_via_symlink,
    "unc-forward": unc_forward,
    "unc-backward": unc_backward,
    "drive-absolute": drive_absolute,
    "drive-relative": drive_relative,
    "symlink-loop": symlink_loop,
    "hidden-folder": hidden_folder,
    "fifo": fifo,
}
WORK: dict[str, Builder] = {
    "million-lines": million_lines,
    "million-lines-many-misses": million_lines_many_misses,
    "single-line": single_line,
    "many-citations-at-the-end": many_citations_at_the_end,
    "one-source-named-many-times": one_source_named_many_times,
    "sources-over-the-total": sources_over_the_total,
}
MARKINGS: dict[str, Builder] = {
    "rlo-classification": rlo_classification,
    "rlo-body": rlo_body,
    "zero-width-secret": zero_width_secret,
    "nul-classification": nul_classification,
    "newline-classification": newline_classification,
}
