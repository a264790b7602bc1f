"""Dates as the pack prints them, in the pack's language whatever the process's locale.

Qt sets the process's locale from the system's (setlocale(LC_ALL, "")), and strftime's %B
then printed "6 Dezember 2026" in an English pack exported from the window on a German
laptop, but "6 December 2026" from the command line. The pack is written in English
(Pack.language), so its month names are English, spelled out here.
"""

from __future__ import annotations

from datetime import date, datetime

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(value: str | date) -> str:
    """'13 April 2021' for a date or an ISO date like '2021-04-13'; other text as it is."""
    if isinstance(value, date):
        day = value
    else:
        try:
            day = datetime.strptime(value.strip(), "%Y-%m-%d")
        except ValueError:
            return value
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
