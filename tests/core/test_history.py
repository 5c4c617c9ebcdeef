"""Back and Forward as a reader uses them, without a window."""

from __future__ import annotations

from dossier.core.history import History, Location


def at(tab: str, scroll: int = 0, dossier: str = "d") -> Location:
    return Location(dossier, tab, scroll)


def moves(history: History) -> tuple[bool, bool]:
    """(can go back, can go forward), asked through a call so that mypy does not carry
    one step's answer past the next step."""
    return history.can_go_back, history.can_go_forward


def test_nothing_to_go_back_or_forward_to_at_first() -> None:
    history = History()
    assert not history.can_go_back and not history.can_go_forward
    assert history.back(at("overview")) is None
    assert history.forward(at("overview")) is None


def test_back_returns_where_the_reader_was_and_forward_goes_again() -> None:
    history = History()
    history.record(at("politics", 120))  # the reader follows a citation
    assert moves(history) == (True, False)
    assert history.back(at("source:interview", 40)) == at("politics", 120)
    assert moves(history) == (False, True)
    assert history.forward(at("politics", 130)) == at("source:interview", 40)
    assert history.back(at("source:interview", 45)) == at("politics", 130)


def test_following_a_new_link_forgets_forward() -> None:
    history = History()
    history.record(at("politics"))
    history.back(at("energy"))
    assert history.can_go_forward
    history.record(at("politics"))
    assert not history.can_go_forward


def test_the_highlight_that_brought_the_reader_comes_back_with_them() -> None:
    history = History()
    shown = Location("d", "source:interview", 0, passage=("source:interview/3", 4, 9))
    history.arrived(shown)
    history.record(at("source:interview", 300))  # scrolled, then left by another link
    back = history.back(at("trade"))
    assert back == Location("d", "source:interview", 300, passage=("source:interview/3", 4, 9))


def test_a_highlight_is_not_carried_to_another_tab() -> None:
    history = History()
    history.arrived(Location("d", "trade", 0, item="trade/point/1"))
    history.record(at("energy", 10))
    assert history.back(at("overview")) == at("energy", 10)


def test_places_in_closed_dossiers_are_forgotten() -> None:
    history = History()
    history.record(at("overview", dossier="a"))
    history.record(at("trade", dossier="b"))
    history.keep_only({"a"})
    assert history.back(at("energy", dossier="a")) == at("overview", dossier="a")
    assert not history.can_go_back
    history.clear()
    assert not history.can_go_forward


def test_nowhere_recorded_when_the_reader_is_nowhere() -> None:
    history = History()
    history.record(None)
    assert not history.can_go_back
