"""Times for tests of notes: a note's times are checked against the clock on import."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone


def later_today() -> str:
    """A time after every note made so far in a test, and not yet in the future."""
    return (datetime.now(timezone.utc) + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
