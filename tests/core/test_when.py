"""Dates and times typed as people type them (the settings' date, the day's start)."""

from __future__ import annotations

from datetime import date, time

import pytest

from summit_app.core.when import parse_date, parse_time


@pytest.mark.parametrize(
    "typed",
    [
        "13 April 2021",
        "13 april 2021",
        "13 Apr 2021",
        "April 13, 2021",
        "13th April 2021",
        "13/4/2021",
        "13/04/21",
        "13.04.2021",
        "2021-04-13",
        " 13 April 2021 ",
    ],
)
def test_a_date_typed_any_usual_way_is_understood(typed):
    assert parse_date(typed) == date(2021, 4, 13)


def test_a_date_without_a_year_takes_the_one_given():
    assert parse_date("13 April", default_year=2021) == date(2021, 4, 13)
    assert parse_date("13 April") is None


@pytest.mark.parametrize("typed", ["", "soon", "31 February 2021", "13 Apri 2021", "1/2"])
def test_what_is_not_a_date_is_none(typed):
    assert parse_date(typed) is None


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("15", time(15, 0)),
        ("15:00", time(15, 0)),
        ("1500", time(15, 0)),
        ("9.30", time(9, 30)),
        ("9h30", time(9, 30)),
        ("930", time(9, 30)),
        ("09:30", time(9, 30)),
        ("3pm", time(15, 0)),
        ("3:30 pm", time(15, 30)),
        ("12am", time(0, 0)),
        ("12 pm", time(12, 0)),
    ],
)
def test_a_time_typed_any_usual_way_is_understood(typed, meant):
    assert parse_time(typed) == meant


@pytest.mark.parametrize("typed", ["", "25", "9:75", "13pm", "noonish", "9:3"])
def test_what_is_not_a_time_is_none(typed):
    assert parse_time(typed) is None
