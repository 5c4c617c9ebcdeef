"""Read a dossier or source file as UTF-8 text, refusing anything that is not one.

Both the dossier and each of its sources are untrusted paths: this is the one place
that decides what counts as a readable text file and what is said when one is not.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from dossier.core.errors import DossierError, Problem
from dossier.core.sha import digest
from dossier.core.yamlsafe import MAX_BYTES


def read_text_and_digest(
    path: Path, limit: int = MAX_BYTES, what: str = "dossier"
) -> tuple[str, str]:
    """Read a UTF-8 text file, refusing what is not one (DossierError), with the sha256
    of the very bytes that were decoded.

    Only a regular file is read: a FIFO, a device or a folder is refused before it is
    opened (a FIFO would wait for a writer), checked again once open, and a file whose
    content is not the size it claims (such as one in ``/proc``) is refused after.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DossierError([Problem(path, f"no such file (the {what} was not found)")]) from None
    except OSError as error:
        raise DossierError([Problem(path, f"cannot read: {error.strerror}")]) from None
    except ValueError as error:  # a NUL byte in the path
        raise DossierError([Problem(path, f"cannot read: {error}")]) from None
    _check_regular(path, info, limit, what)
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())  # the file opened, not the one checked
            _check_regular(path, info, limit, what)
            data = handle.read(limit + 1)
    except OSError as error:
        raise DossierError([Problem(path, f"cannot read: {error.strerror}")]) from None
    if len(data) > limit:
        raise DossierError([Problem(path, f"is larger than {limit:,} bytes")])
    if len(data) != info.st_size:
        raise DossierError(
            [Problem(path, f"is a special file (its size changes as it is read), not a {what}")]
        )
    if b"\x00" in data:
        raise DossierError([Problem(path, f"is a binary file, not a {what} (UTF-8 text)")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise DossierError(
            [Problem(path, f"is not UTF-8 text (byte 0x{data[error.start]:02x})", line, column)]
        ) from None
    return text, digest(data)


def _check_regular(path: Path, info: os.stat_result, limit: int, what: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise DossierError([Problem(path, f"is a folder, not a {what} file")])
    if not stat.S_ISREG(info.st_mode):
        raise DossierError([Problem(path, f"is not a regular file, so not a {what}")])
    if info.st_size > limit:
        raise DossierError(
            [Problem(path, f"is {info.st_size:,} bytes; a {what} may be at most {limit:,}")]
        )
