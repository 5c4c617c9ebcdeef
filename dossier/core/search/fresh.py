"""Which files changed since the cache saw them: their bytes' hashes, and stat
signatures (size, mtime, inode, ctime) so that an unchanged file is not read at all.

As git's index does: a file whose signature is the one recorded with its hash keeps
that hash; any other is read and hashed again, and the hash stays the truth (a
touched but identical file costs a hash, never a re-index). Hashing a changed file
needs the loader's size limits, which live apart from the loader
(:mod:`dossier.core.file_limits`): a warm search never imports the loader or YAML.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable

from dossier.core.sha import digest

Signature = tuple[int, int, int, int]  # size, mtime_ns, inode, ctime_ns

UNCACHED = "missing"  # the digest of a file that cannot be read as it is (never cached)

# A file changed within this long of the scan that hashed it may change again within
# the file system's timestamp granularity without its signature moving ("racily
# clean", in git's words): its signature is not recorded, so the next scan hashes it.
RACY_NS = 2_000_000_000


def signature(info: os.stat_result) -> Signature:
    """The parts of a stat result that move when a file's content may have changed."""
    return info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns


def dossier_limit() -> int:
    """The largest dossier file the loader reads (bytes)."""
    from dossier.core.file_limits import MAX_DOSSIER_BYTES

    return MAX_DOSSIER_BYTES


def source_limit() -> int:
    """The largest source file the loader reads (bytes)."""
    from dossier.core.file_limits import MAX_SOURCE_BYTES

    return MAX_SOURCE_BYTES


def read_digest(path: os.PathLike[str] | str, limit: int) -> tuple[str, Signature | None]:
    """The sha256 of a file's bytes (or :data:`UNCACHED`) and its stat signature.

    Only a regular file of at most ``limit`` bytes (the loader's own limits) is read:
    anything else (missing, unreadable, a folder, a device, a FIFO, too large) is
    :data:`UNCACHED`, and the loader reports it in its own words. The file is opened
    without blocking (a FIFO would wait for a writer) and checked again once open.
    The signature is the open file's, taken before reading it (None when uncached).
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return UNCACHED, None
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        descriptor = os.open(path, flags)
    except (OSError, ValueError):
        return UNCACHED, None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return UNCACHED, None
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            # One read of the size the file has (a file that grew meanwhile shows as
            # longer); asking for the limit would allocate it for every small file.
            data = handle.read(info.st_size + 1)
    except OSError:
        return UNCACHED, None
    finally:
        os.close(descriptor)
    if len(data) > limit:
        return UNCACHED, None
    return digest(data), signature(info)


class Hasher:
    """sha256 of files, each read once per scan (see :func:`read_digest`), and not at
    all when its stat signature is the one recorded with its hash by an earlier scan."""

    def __init__(
        self,
        known: dict[str, tuple[Signature, str]] | None = None,
        stats: dict[str, os.stat_result] | None = None,
    ) -> None:
        """``known``: each file's recorded signature and hash; ``stats``: stat results
        taken earlier in this scan (of files that are no symbolic links), used once
        instead of calling stat again."""
        self._seen: dict[str, str] = {}
        self._known = known or {}
        self._stats = {} if stats is None else stats
        self.fresh: dict[str, tuple[Signature, str]] = {}  # hashed now, worth recording
        # Each file's signature that vouches for its hash (None: none does, it is racy
        # or could not be read), for the scan's summary (see dossier.core.search.memo).
        self.vouched: dict[str, Signature | None] = {}
        self._now = time.time_ns()

    def dossier(self, path: os.PathLike[str] | str) -> str:
        """The hash of a dossier file's bytes, or :data:`UNCACHED`."""
        return self._file(os.fspath(path), dossier_limit)

    def source(self, path: os.PathLike[str] | str) -> str:
        """The hash of a source file's bytes, or :data:`UNCACHED`."""
        return self._file(os.fspath(path), source_limit)

    def loaded(self, name: str, digest: str) -> None:
        """Record ``digest`` as the hash of source ``name``, whose bytes a worker of
        this scan loaded, so that the next scan need not read it again.

        The signature is taken now, after the read: a file changed since this scan
        began has a recent mtime or ctime, so it is racy and is not recorded (and one
        changed before it began was loaded as it is now).
        """
        if name in self._seen:
            return
        try:
            info = os.stat(name)
        except (OSError, ValueError):
            return
        sig = signature(info)
        if stat.S_ISREG(info.st_mode) and self._now - max(sig[1], sig[3]) > RACY_NS:
            self._seen[name] = digest
            self.fresh[name] = (sig, digest)

    def _file(self, name: str, limit: Callable[[], int]) -> str:
        found = self._seen.get(name)
        if found is None:
            found = self._seen[name] = self._lookup(name, limit)
        return found

    def _lookup(self, name: str, limit: Callable[[], int]) -> str:
        recorded = self._known.get(name)
        if recorded is not None:
            try:
                info = self._stats.pop(name, None) or os.stat(name)
                # A recorded signature was taken of a regular file within the limit.
                if signature(info) == recorded[0]:
                    self.vouched[name] = recorded[0]
                    return recorded[1]
            except (OSError, ValueError):
                pass
        digest, sig = read_digest(name, limit())
        if sig is not None and self._now - max(sig[1], sig[3]) > RACY_NS:
            self.fresh[name] = (sig, digest)
            self.vouched[name] = sig
        else:
            self.vouched[name] = None
        return digest
