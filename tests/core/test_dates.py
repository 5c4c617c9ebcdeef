"""Partial dates as dossiers write them."""

from __future__ import annotations

import pytest

from dossier.core.dates import PartialDate


@pytest.mark.parametrize(
    ("text", "display"),
    [("2021", "2021"), ("2020-12", "Dec 2020"), ("2020-02-29", "29 Feb 2020")],
)
def test_parse_and_display(text: str, display: str) -> None:
    date = PartialDate.parse(text)
    assert date.iso() == text
    assert date.display() == display


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2021-13", "has no month 13"),
        ("0000-01", "is out of range: years run from 0001 to 9998"),
        ("9999", "is out of range: years run from 0001 to 9998"),
        ("٢٠٢١-٠٢", "is not a date of the form"),  # Arabic-Indic digits
        ("２０２１", "is not a date of the form"),  # fullwidth digits
        ("2021-02-29", "has no day 29 (that month has 28)"),
        ("21-02", "is not a date of the form"),
        ("2021/02", "is not a date of the form"),
        ("February 2021", "is not a date of the form"),
    ],
)
def test_bad_dates_say_why(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        PartialDate.parse(text)


def test_upcoming_means_wholly_after() -> None:
    as_of = PartialDate(2021, 2)
    assert PartialDate(2021, 3).is_after(as_of)
    assert PartialDate(2022).is_after(as_of)
    assert not PartialDate(2021).is_after(as_of)  # the year has begun
    assert not PartialDate(2021, 2, 28).is_after(as_of)
    assert not PartialDate(2020, 12).is_after(as_of)


def test_a_year_sorts_after_its_months() -> None:
    # Issue 9: "2020" (some time in 2020) read before the January entries of 2020.
    dates = [
        PartialDate(2020, 12),
        PartialDate(2020),
        PartialDate(2020, 1),
        PartialDate(2019, 5, 1),
    ]
    assert [d.iso() for d in sorted(dates, key=PartialDate.sort_key)] == [
        "2019-05-01",
        "2020-01",
        "2020-12",
        "2020",
    ]
    days = [PartialDate(2020, 12), PartialDate(2020, 12, 31), PartialDate(2021, 1, 1)]
    assert [d.iso() for d in sorted(days, key=PartialDate.sort_key)] == [
        "2020-12-31",
        "2020-12",
        "2021-01-01",
    ]


def test_not_yet_past_means_reaching_after() -> None:
    as_of = PartialDate(2021, 2)
    assert PartialDate(2021).reaches_after(as_of)  # the rest of the year is to come
    assert PartialDate(2021, 3).reaches_after(as_of)
    assert not PartialDate(2021, 2).reaches_after(as_of)
    assert not PartialDate(2021, 2, 28).reaches_after(as_of)
    assert not PartialDate(2020).reaches_after(as_of)
