"""Column names and cell values of post exports: header aliases, counts, dates, yes/no flags.

Parsers here raise ``FieldError`` with a short message; the readers add the file and the line or record.
Blank cells ("", "n/a", "-", "null") are ``None``: an unknown metric is never turned into ``0``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

from assistant.models.records import MAX_COUNT

# Post field -> header names that mean it, best first (compared after normalise_key).
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": (
        "caption", "text", "body", "content", "message", "full_text", "description", "post_text",
        "tweet_text", "video_description", "caption_text",  # X analytics, TikTok and Meta Business Suite exports
    ),
    "likes": ("likes", "like_count", "likes_count", "favorite_count", "favourites", "reactions"),
    "comments": ("comments", "comment_count", "comments_count", "replies", "reply_count"),
    "shares": ("shares", "share_count", "retweets", "retweet_count", "reposts"),
    "views": ("views", "view_count", "video_views", "plays", "impressions"),
    "created_at": (
        "date", "timestamp", "created_at", "created", "posted_at", "time", "published_at", "taken_at",
        "publish_time", "post_date", "date_posted",
    ),
    "url": ("url", "link", "permalink", "post_url", "tweet_permalink"),
    "id": ("id", "post_id", "shortcode", "tweet_id"),
    "sponsored": ("sponsored", "is_sponsored", "paid_partnership", "is_paid_partnership", "branded_content"),
    "platform": ("platform",),
}
COUNT_FIELDS = ("likes", "comments", "shares", "views")

_ALIAS_RANK: dict[str, tuple[str, int]] = {
    alias: (field, rank) for field, aliases in FIELD_ALIASES.items() for rank, alias in enumerate(aliases)
}
NULL_TOKENS = frozenset({"", "n/a", "na", "-", "--", "—", "null", "none", "nan", "nil", "undefined"})


class FieldError(ValueError):
    """A cell that can't be read; the message names the field and the value."""


def normalise_key(key: object) -> str:
    """'  Like Count ' -> 'like_count'."""
    return re.sub(r"[\s\-]+", "_", str(key).strip().lower())


def map_columns(keys: Iterable[object]) -> dict[str, Any]:
    """Post field -> the key that holds it. When several keys alias one field, the best-ranked alias wins."""
    best: dict[str, tuple[int, Any]] = {}
    for key in keys:
        hit = _ALIAS_RANK.get(normalise_key(key))
        if hit is None:
            continue
        field, rank = hit
        if field not in best or rank < best[field][0]:
            best[field] = (rank, key)
    return {field: key for field, (_, key) in best.items()}


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip().lower() in NULL_TOKENS
    if isinstance(value, float):
        return math.isnan(value)
    return False


_SUFFIX = {"k": 1_000, "m": 1_000_000, "b": 1_000_000_000}
_COUNT_RE = re.compile(r"([+-]?)(\d[\d.,]*)([kmb]?)")
_GROUPED_RE = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")


def parse_count(value: Any, field: str) -> int | None:
    """A count from 0 to MAX_COUNT: 1234, "1,234", "1.2k", "3M"; blanks are None. Else a FieldError."""
    if type(value) is str:  # fast path: most cells are plain digits
        stripped = value.strip()
        if stripped.isascii() and stripped.isdigit() and len(stripped) <= _MAX_COUNT_DIGITS:
            number = int(stripped)
            if number <= MAX_COUNT:
                return number
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise FieldError(f"{field} should be a number, not {str(value).lower()}")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if math.isinf(value) or not value.is_integer():
            raise FieldError(f"{field} should be a whole number, not {value}")
        number = int(value)
    elif isinstance(value, str):
        number = _parse_count_text(value, field)
    else:
        raise FieldError(f"{field} should be a number, not {type(value).__name__}")
    if number < 0:
        raise FieldError(f"{field} can't be negative ({value})")
    if number > MAX_COUNT:
        raise FieldError(f"{field} is {_short(value)}, past any real account (at most {MAX_COUNT:,}); is the column right?")
    return number


_MAX_COUNT_DIGITS = len(str(MAX_COUNT))


def _short(value: Any) -> str:
    text = str(value).strip()
    return text if len(text) <= 40 else f"{text[:20]}…({len(text):,} characters)"


def _parse_count_text(raw: str, field: str) -> int:
    compact = re.sub(r"[\s\u00a0\u202f_']", "", raw).lower()
    match = _COUNT_RE.fullmatch(compact)
    if not match:
        raise FieldError(f"{field} is not a number: {raw.strip()!r}")
    sign, digits, suffix = match.groups()
    negative = sign == "-"
    if sum(c.isdigit() for c in digits) > _MAX_COUNT_DIGITS + 3:  # before int(): Python refuses 4,300+ digits
        raise FieldError(f"{field} is {_short(raw)}, past any real account (at most {MAX_COUNT:,}); is the column right?")
    if suffix:
        # "1.2k" / "1,2k": one decimal separator, either way round.
        if digits.count(".") + digits.count(",") > 1:
            raise FieldError(f"{field} is not a number: {raw.strip()!r}")
        number = round(float(digits.replace(",", ".")) * _SUFFIX[suffix])
    elif digits.isdigit():
        number = int(digits)
    elif _GROUPED_RE.fullmatch(digits):
        # "1,234" or "1.234": thousands grouping (a count can't be 1.234).
        number = int(re.sub(r"[.,]", "", digits))
    elif re.fullmatch(r"\d+\.\d+", digits) and float(digits).is_integer():
        number = int(float(digits))
    else:
        raise FieldError(f"{field} should be a whole number, not {raw.strip()!r}")
    return -number if negative else number


_TRUE = frozenset({"true", "yes", "y", "1", "t", "sponsored", "paid", "paid partnership", "ad", "x"})
_FALSE = frozenset({"false", "no", "n", "0", "f", "organic", "not sponsored"})


def parse_flag(value: Any, field: str = "sponsored") -> bool | None:
    """True/False when the source says so; blank is None."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise FieldError(f"{field} should be yes/no or true/false, not {str(value).strip()!r}")


# --- dates -----------------------------------------------------------------------------------------------------

_SLASH_RE = re.compile(
    r"(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})"
    r"(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?",
    re.IGNORECASE,
)
_MIN_YEAR, _MAX_YEAR = 1970, 2100


def slash_date_order(values: Iterable[tuple[str, Any]]) -> tuple[bool, str | None]:
    """Whether slashed dates ("04/01/2024") are day-first, decided over a whole column.

    Month-first (US) unless some date can only be day-first (13/01/2024). ``values`` are (location, value)
    pairs; the second item of the result names the conflict when the column mixes both orders.
    """
    day_first_at = month_first_at = None
    for where, value in values:
        if not isinstance(value, str):
            continue
        match = _SLASH_RE.fullmatch(value.strip())
        if not match or match.group(2) != "/":
            continue
        first, second = int(match.group(1)), int(match.group(3))
        if first > 12 >= second and day_first_at is None:
            day_first_at = (where, value.strip())
        elif second > 12 >= first and month_first_at is None:
            month_first_at = (where, value.strip())
    if day_first_at and month_first_at:
        return True, (
            f"dates mix day-first ({day_first_at[1]!r}, {day_first_at[0]}) and "
            f"month-first ({month_first_at[1]!r}, {month_first_at[0]}) order"
        )
    return day_first_at is not None, None


def parse_datetime(value: Any, *, day_first: bool = False, field: str = "date") -> datetime | None:
    """A timezone-aware UTC datetime from the formats exports use; blanks are None, garbage is a FieldError.

    Accepts ISO 8601, unix epoch seconds or milliseconds, X's "Mon Apr 01 12:00:00 +0000 2024", RFC 2822,
    "04/01/2024" (month first unless ``day_first``) and "01.04.2024" (day first). Naive times are taken as UTC.
    """
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise FieldError(f"{field} is not a date: {value}")
    if isinstance(value, (int, float)):
        return _from_epoch(float(value), field, value)
    if not isinstance(value, str):
        raise FieldError(f"{field} is not a date: {value!r}")
    text = value.strip()
    parsed = _parse_date_text(text, day_first)
    if parsed is None:
        raise FieldError(f"{field} is not a date I can read: {text!r}")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    else:
        parsed = parsed.astimezone(timezone.utc)
    if not _MIN_YEAR <= parsed.year <= _MAX_YEAR:
        raise FieldError(f"{field} is out of range: {text!r}")
    return parsed


def _parse_date_text(text: str, day_first: bool) -> datetime | None:
    if len(text) >= 10 and text[4] == "-":  # fast path: ISO 8601, by far the most common
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            pass
    if re.fullmatch(r"\d{8}", text):
        try:  # 20240401 reads better as a date than as epoch seconds in 1970
            return datetime.strptime(text, "%Y%m%d")
        except ValueError:
            pass
    if re.fullmatch(r"-?\d+(?:\.\d+)?", text):
        return _from_epoch(float(text), "date", text)
    if len(text) == 30 and text[3] == " " and text[-5] == " ":  # fast path: X archives' "Mon Apr 01 12:00:00 +0000 2024"
        try:
            return datetime.strptime(text, "%a %b %d %H:%M:%S %z %Y")
        except ValueError:
            pass
    slashed = _SLASH_RE.fullmatch(text)
    if slashed and slashed.group(2) == ".":
        day_first = True  # 01.04.2024 is day first wherever it is written
    return _parse_with_dateutil(text, day_first)


# Two defaults that differ in year, month and day: a text that only parses the same way under both names a full
# date (dateutil fills anything missing from the default, so "May 5" or "5" alone would otherwise pass).
_DEFAULT_A, _DEFAULT_B = datetime(2001, 1, 1), datetime(2002, 2, 2)


def _parse_with_dateutil(text: str, day_first: bool) -> datetime | None:
    """Everything else (X's "Mon Apr 01 12:00:00 +0000 2024", RFC 2822, "Apr 1, 2024 3:05 PM", "1 April 2024",
    "04/01/2024"...) through python-dateutil; a text that doesn't name a whole date is None."""
    import warnings

    from dateutil import parser as date_parser

    try:
        with warnings.catch_warnings():
            # "3pm EST": an abbreviation dateutil can't place is read as UTC (hours don't matter for cadence).
            warnings.simplefilter("ignore", date_parser.UnknownTimezoneWarning)
            first = date_parser.parse(text, dayfirst=day_first, default=_DEFAULT_A)
            # Only a result that agrees with default A somewhere may have taken a part from it: check those.
            if first.year == _DEFAULT_A.year or first.month == _DEFAULT_A.month or first.day == _DEFAULT_A.day:
                second = date_parser.parse(text, dayfirst=day_first, default=_DEFAULT_B)
                if (first.year, first.month, first.day) != (second.year, second.month, second.day):
                    return None
    except (ValueError, OverflowError, TypeError):  # dateutil's ParserError is a ValueError
        return None
    return first


def _from_epoch(number: float, field: str, raw: Any) -> datetime:
    if math.isnan(number):
        raise FieldError(f"{field} is not a date: {raw!r}")
    seconds = number / 1000 if abs(number) >= 1e11 else number  # 1e11 s is the year 5138: it must be ms
    try:
        parsed = datetime.fromtimestamp(seconds, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise FieldError(f"{field} is out of range: {raw!r}") from None
    if not _MIN_YEAR <= parsed.year <= _MAX_YEAR:
        raise FieldError(f"{field} is out of range: {raw!r}")
    return parsed
