"""What a coach types as "by when", understood as a calendar day.

Coaches write the words the client said ("next Friday", "in two weeks", "end of
the month"). The words are kept as typed; the day they mean is worked out here,
once, against the day the commitment was made, so a recap read weeks later can
print the date and the check-in can show what is overdue. Anything not
understood ("before our next session", "every week") gives ``None``: the words
stay words, with no error.

Pure and dependency-free on purpose: a general date library was measured at
hundreds of milliseconds to import, and this runs while the coach types.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

WEEKDAYS = {
    name: index
    for index, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}

MONTHS = {
    name: index
    for index, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "three": 3,
    "a few": 3,
    "few": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

# Words around the phrase that change nothing: "by next Friday", "before the end of the month".
_LEADING = re.compile(r"^(?:(?:by|on|before|until|till|due|within|no later than|the)\s+)+")
_TRAILING = re.compile(r"(?:\s+(?:at the latest|latest|please))+$")
_COUNT = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
_IN_N = re.compile(rf"^(?:in\s+)?(\d{{1,3}}|{_COUNT})\s+(day|week|month)s?(?:\s+from\s+(?:now|today))?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_MONTH = re.compile(r"^(?:\w+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?(?:,?\s+(\d{4}))?$")
_MONTH_DAY = re.compile(r"^(?:\w+,?\s+)?([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$")


def resolve_by_when(words: str, today: date) -> date | None:
    """The day ``words`` mean when said on ``today``, or None when they name no day.

    Rules a coach can predict: a bare weekday is the next one after today
    ("Friday" said on a Friday is a week away); "next Friday" is the Friday of
    next week; "end of the week" is the coming Friday; a day and month without a
    year is the next time that date comes round.
    """
    text = " ".join(words.lower().replace("’", "'").split()).strip(" .!")
    text = _TRAILING.sub("", _LEADING.sub("", text))
    if not text:
        return None
    try:
        return _resolve(text, today)
    except (ValueError, OverflowError):
        return None  # e.g. 31 February, or far beyond the calendar: words, not a day


def _resolve(text: str, today: date) -> date | None:
    simple = _simple(text, today)
    if simple is not None:
        return simple
    if text.startswith(("this ", "coming ", "this coming ")):
        day = WEEKDAYS.get(text.rsplit(" ", 1)[-1])
        return None if day is None else _next_weekday(today, day, include_today=True)
    if text.startswith("next "):
        return _next_something(text[5:], today)
    if text in WEEKDAYS:
        return _next_weekday(today, WEEKDAYS[text], include_today=False)
    match = _IN_N.match(text)
    if match:
        count = int(match[1]) if match[1].isdigit() else NUMBER_WORDS[match[1]]
        unit = match[2]
        if unit == "day":
            return today + timedelta(days=count)
        if unit == "week":
            return today + timedelta(weeks=count)
        return add_months(today, count)
    return _explicit(text, today)


def _simple(text: str, today: date) -> date | None:
    if text in ("today", "tonight", "end of day", "end of today", "eod", "this evening"):
        return today
    if text in ("tomorrow", "tmrw", "tomorrow evening", "tomorrow morning"):
        return today + timedelta(days=1)
    if text in ("day after tomorrow",):
        return today + timedelta(days=2)
    if text in ("end of the week", "end of week", "end of this week", "this week", "eow"):
        return (
            _next_weekday(today, 4, include_today=True)
            if today.weekday() <= 4
            else today + timedelta(days=6 - today.weekday())
        )
    if text in ("weekend", "this weekend", "the weekend"):
        return _next_weekday(today, 5, include_today=True) if today.weekday() < 6 else today
    if text in ("end of the month", "end of month", "end of this month", "month end", "this month", "eom"):
        return date(today.year, today.month, calendar.monthrange(today.year, today.month)[1])
    if text in ("end of next month",):
        nxt = add_months(today.replace(day=1), 1)
        return date(nxt.year, nxt.month, calendar.monthrange(nxt.year, nxt.month)[1])
    if text in ("end of the year", "end of year", "end of this year", "year end", "this year"):
        return date(today.year, 12, 31)
    return None


def _next_something(rest: str, today: date) -> date | None:
    if rest in WEEKDAYS:
        target = WEEKDAYS[rest]
        monday_next_week = today + timedelta(days=7 - today.weekday())
        return monday_next_week + timedelta(days=target)
    if rest == "week":
        return today + timedelta(weeks=1)
    if rest == "month":
        return add_months(today, 1)
    if rest == "year":
        return add_months(today, 12)
    return None


def _next_weekday(today: date, weekday: int, *, include_today: bool) -> date:
    ahead = (weekday - today.weekday()) % 7
    if ahead == 0 and not include_today:
        ahead = 7
    return today + timedelta(days=ahead)


def _explicit(text: str, today: date) -> date | None:
    match = _ISO.match(text)
    if match:
        return date(int(match[1]), int(match[2]), int(match[3]))
    day_month = _DAY_MONTH.match(text)
    if day_month and day_month[2] in MONTHS:
        return _dated(today, int(day_month[1]), MONTHS[day_month[2]], day_month[3])
    month_day = _MONTH_DAY.match(text)
    if month_day and month_day[1] in MONTHS:
        return _dated(today, int(month_day[2]), MONTHS[month_day[1]], month_day[3])
    return None


def _dated(today: date, day: int, month: int, year: str | None) -> date:
    if year is not None:
        return date(int(year), month, day)
    candidate = date(today.year, month, day) if _valid(today.year, month, day) else None
    if candidate is not None and candidate >= today:
        return candidate
    for offset in range(1, 9):  # 29 February comes round within eight years
        if _valid(today.year + offset, month, day):
            return date(today.year + offset, month, day)
    raise ValueError("no such day")


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= day <= calendar.monthrange(year, month)[1]


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter (31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def short_date(day: date, today: date | None = None) -> str:
    """``Fri 11 Dec``, with the year only when it is not this year's: short enough for a check-in row."""
    label = f"{day.strftime('%a')} {day.day} {day.strftime('%b')}"
    if today is None or day.year != today.year:
        label += f" {day.year}"
    return label


def long_day(day: date) -> str:
    """``Friday 11 December 2026``: how a recap, read weeks later, names the day."""
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B')} {day.year}"
