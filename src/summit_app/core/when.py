"""Dates and times as people type them.

A date: "13 April 2021", "13 Apr 2021", "April 13, 2021", "13th April", "13/4/2021",
"13.04.21", "2021-04-13" (day before month unless the year comes first, as in the UK).
A time: "15", "15:00", "1500", "9.30", "9h30", "930", "3pm", "3:30 pm".
"""

from __future__ import annotations

import calendar
import re
from datetime import date, time

MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
ORDINAL = re.compile(r"(\d+)(st|nd|rd|th)\b")


def parse_date(text: str, default_year: int | None = None) -> date | None:
    """The date `text` names, or None; a date with no year takes `default_year`."""
    words = ORDINAL.sub(r"\1", text.strip().lower())
    parts = [p for p in re.split(r"[\s,/.\-]+", words) if p]
    month_names = [p for p in parts if p in MONTHS]
    numbers = [p for p in parts if p.isdigit()]
    if len(month_names) + len(numbers) != len(parts) or len(month_names) > 1:
        return None
    if month_names:
        month = MONTHS[month_names[0]]
        if len(numbers) == 1:
            day, year = int(numbers[0]), default_year
        elif len(numbers) == 2:
            day, year = int(numbers[0]), _year(numbers[1])
        else:
            return None
    elif len(numbers) == 3 and len(numbers[0]) == 4:
        year, month, day = int(numbers[0]), int(numbers[1]), int(numbers[2])
    elif len(numbers) == 3:
        day, month, year = int(numbers[0]), int(numbers[1]), _year(numbers[2])
    elif len(numbers) == 2 and default_year is not None:
        day, month, year = int(numbers[0]), int(numbers[1]), default_year
    else:
        return None
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year(digits: str) -> int | None:
    if len(digits) == 4:
        return int(digits)
    return 2000 + int(digits) if len(digits) == 2 else None


TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$")


def parse_time(text: str) -> time | None:
    """The time of day `text` names, or None."""
    words = text.strip().lower()
    if re.fullmatch(r"\d{3,4}", words):  # "930", "1530"
        words = f"{words[:-2]}:{words[-2:]}"
    match = TIME.match(words)
    if match is None:
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    if match[3]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match[3].startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)
