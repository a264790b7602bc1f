"""The reminder on reopening a summit kept longer than its organisers chose."""

from __future__ import annotations

from datetime import date

from summit_app.core import Summit
from summit_app.core.anonymise import reminder


def test_the_reminder_comes_the_day_after_the_days_kept_have_passed(summit: Summit) -> None:
    assert reminder(summit, date(2030, 1, 1)) is None  # no phone ever joined: nothing to remove
    summit.edit_info(date="2021-04-13", retention_days=30)
    summit.people.join(joined_at="2021-04-13T10:41:17+01:00")
    assert reminder(summit, date(2021, 5, 13)) is None  # 30 days to the day
    said = reminder(summit, date(2021, 5, 14))
    assert said is not None and "13 April 2021, more than 30 days ago" in said
    assert "Close and anonymise" in said


def test_a_later_join_than_the_summits_date_counts_from_the_join(summit: Summit) -> None:
    summit.edit_info(date="2021-04-13", retention_days=1)
    summit.people.join(joined_at="2021-06-01T09:00:00+01:00")  # a follow-up session, say
    assert reminder(summit, date(2021, 6, 2)) is None
    assert reminder(summit, date(2021, 6, 3)) is not None


def test_an_anonymised_summit_is_not_reminded_of(summit: Summit) -> None:
    summit.edit_info(retention_days=1)
    summit.people.join(joined_at="2021-04-13T10:41:17+01:00")
    assert reminder(summit, date(2022, 1, 1)) is not None
    summit.anonymise()
    assert reminder(summit, date(2022, 1, 1)) is None
