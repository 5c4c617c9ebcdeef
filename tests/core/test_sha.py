"""Cache keys are hashed without OpenSSL, to the same digests."""

from __future__ import annotations

import hashlib

from dossier.core.sha import sha256


def test_the_digests_are_hashlibs() -> None:
    for data in (b"", b"dossier-search\0key", "Şəki".encode() * 1000):
        ours = sha256(data)
        ours.update(b"more")
        theirs = hashlib.sha256(data)
        theirs.update(b"more")
        assert ours.hexdigest() == theirs.hexdigest()
