"""SHA-256 for short input (cache keys, most files), without loading OpenSSL.

``hashlib`` loads OpenSSL's libcrypto: a few milliseconds of a warm search that only
hashes a few short strings a dossier, and 3.5 MiB of the viewer's memory when it has
read one dossier of 80 KB. CPython's own implementation gives the same digests, at a
seventh of OpenSSL's speed (7 ms a MiB): :func:`digest` hashes long input through
``hashlib``, where loading it costs less than the time it saves.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from dossier.core.records import TYPE_CHECKING

if TYPE_CHECKING:  # only named in annotations: typing is not imported for it
    from typing import Protocol

    class Hash(Protocol):
        """What a SHA-256 object offers here."""

        def update(self, data: bytes, /) -> None: ...

        def hexdigest(self) -> str: ...


def _sha256() -> Callable[[bytes], Hash]:
    name = "_sha2" if sys.version_info >= (3, 12) else "_sha256"  # CPython's module
    try:
        found: Callable[[bytes], Hash] = __import__(name).sha256
    except (ImportError, AttributeError):  # another Python, or a build without it
        from hashlib import sha256

        return sha256
    return found


sha256 = _sha256()

LONG = 512 * 1024  # bytes: from here on OpenSSL's speed repays loading it


def digest(data: bytes) -> str:
    """The hex SHA-256 of ``data`` (a file's bytes), OpenSSL loaded only for long input."""
    if len(data) < LONG:
        return sha256(data).hexdigest()
    import hashlib

    return hashlib.sha256(data).hexdigest()
