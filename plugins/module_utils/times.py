# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Times as the three APIs and the users write them: ISO 8601 read leniently, written in UTC.

The vendors' samples are loose (one-digit hours, offsets without a colon, seven fraction
digits), so one lenient reader serves them all; what a missing zone means is the caller's
decision (a user's time must carry one, a platform's time is UTC).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import calendar
import datetime
import re

UTC = datetime.timezone.utc
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$")


def read_time(text, date_only=False):
    """A datetime from ISO 8601 text, aware when the text has a zone and naive otherwise; None if unreadable.

    A date without a time of day is midnight when ``date_only`` allows it, unreadable otherwise.
    """
    match = _ISO.match(text.strip()) if isinstance(text, str) else None
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    if hour is None and not date_only:
        return None
    tzinfo = None
    if zone:
        if zone.upper() == "Z":
            tzinfo = UTC
        else:
            digits = zone[1:].replace(":", "")
            offset = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
            tzinfo = datetime.timezone(-offset if zone[0] == "-" else offset)
    try:
        return datetime.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0),
                                 int((fraction or "0")[:6].ljust(6, "0")), tzinfo=tzinfo)
    except ValueError:
        return None


def as_utc(moment):
    """``moment`` in UTC; a naive one is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def epoch(moment):
    """Seconds since the epoch of a datetime (naive means UTC)."""
    return calendar.timegm(as_utc(moment).timetuple()) + moment.microsecond / 1000000.0


def iso_utc(moment):
    """``YYYY-MM-DDTHH:MM:SSZ`` for a datetime (naive means UTC) or seconds since the epoch; None stays None."""
    if moment is None:
        return None
    if isinstance(moment, (int, float)):
        moment = datetime.datetime.fromtimestamp(moment, UTC)
    return as_utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_now():
    return datetime.datetime.now(UTC)
