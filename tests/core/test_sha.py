"""Cache keys and files are hashed to hashlib's digests, OpenSSL loaded for long files only."""

from __future__ import annotations

import hashlib

from dossier.core.resources import bundled_dossier
from dossier.core.sha import LONG, digest, sha256
from tests.processes import run_python


def test_the_digests_are_hashlibs() -> None:
    for data in (b"", b"dossier-search\0key", "Şəki".encode() * 1000):
        ours = sha256(data)
        ours.update(b"more")
        theirs = hashlib.sha256(data)
        theirs.update(b"more")
        assert ours.hexdigest() == theirs.hexdigest()


def test_a_files_digest_is_hashlibs_short_or_long() -> None:
    for size in (0, 1, LONG - 1, LONG, LONG + 1, 3 * LONG):
        data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
        assert digest(data) == hashlib.sha256(data).hexdigest()


_LOADS = """
import sys
from dossier.core.loader import load_dossier
load_dossier(sys.argv[1])
print('hashlib' in sys.modules, '_hashlib' in sys.modules)
"""


def test_loading_the_bundled_dossier_leaves_openssl_unloaded() -> None:
    """OpenSSL's libcrypto is 3.5 MiB of the viewer's memory: its 80 KB need none."""
    done = run_python("-c", _LOADS, str(bundled_dossier()))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]
