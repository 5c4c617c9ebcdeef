"""SHA-256 for short strings (cache keys), without loading OpenSSL.

``hashlib`` loads OpenSSL's libcrypto, a few milliseconds of a warm search that only
hashes a few short strings a dossier. CPython's own implementation gives the same
digests; files are still hashed through ``hashlib``, which is faster on long input.
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
