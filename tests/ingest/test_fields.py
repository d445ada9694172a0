"""Cell parsing: counts, dates, flags and header aliases."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from assistant.ingest.fields import (
    FieldError,
    map_columns,
    parse_count,
    parse_datetime,
    parse_flag,
    slash_date_order,
)

UTC = timezone.utc


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1234", 1234),
        (" 1,234 ", 1234),
        ("1.234", 1234),  # European grouping: a count can't be 1.234
        ("1 234", 1234),
        ("1.2k", 1200),
        ("1,2K", 1200),
        ("3M", 3_000_000),
        ("2.5b", 2_500_000_000),
        ("12.0", 12),
        (0, 0),
        (17, 17),
        (17.0, 17),
        ("0", 0),
    ],
)
def test_counts_parse(raw, expected):
    assert parse_count(raw, "likes") == expected


@pytest.mark.parametrize("blank", [None, "", "  ", "n/a", "N/A", "-", "null", "None", "nan", float("nan")])
def test_blank_counts_are_none_never_zero(blank):
    assert parse_count(blank, "likes") is None


@pytest.mark.parametrize("raw", ["-5", -5, "-1.2k"])
def test_negative_counts_are_refused(raw):
    with pytest.raises(FieldError, match="likes can't be negative"):
        parse_count(raw, "likes")


@pytest.mark.parametrize("raw", ["lots", "12.5", "1,23", True, [3], "1.2.3k"])
def test_garbled_counts_are_refused(raw):
    with pytest.raises(FieldError, match="likes"):
        parse_count(raw, "likes")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-04-01", datetime(2024, 4, 1, tzinfo=UTC)),
        ("2024-04-01 12:30", datetime(2024, 4, 1, 12, 30, tzinfo=UTC)),
        ("2024-04-01 12:30:15", datetime(2024, 4, 1, 12, 30, 15, tzinfo=UTC)),
        ("2024-04-01T12:00:00Z", datetime(2024, 4, 1, 12, tzinfo=UTC)),
        ("2024-04-01T14:00:00+02:00", datetime(2024, 4, 1, 12, tzinfo=UTC)),
        ("2024-04-01T12:00:00.000+0000", datetime(2024, 4, 1, 12, tzinfo=UTC)),
        ("1711972800", datetime(2024, 4, 1, 12, tzinfo=UTC)),
        ("1711972800000", datetime(2024, 4, 1, 12, tzinfo=UTC)),
        (1711972800, datetime(2024, 4, 1, 12, tzinfo=UTC)),
        (1711972800000, datetime(2024, 4, 1, 12, tzinfo=UTC)),
        ("Mon Apr 01 12:00:00 +0000 2024", datetime(2024, 4, 1, 12, tzinfo=UTC)),
        ("04/01/2024", datetime(2024, 4, 1, tzinfo=UTC)),
        ("4/1/24 3:05 PM", datetime(2024, 4, 1, 15, 5, tzinfo=UTC)),
        ("01.04.2024", datetime(2024, 4, 1, tzinfo=UTC)),
        ("20240401", datetime(2024, 4, 1, tzinfo=UTC)),
        ("Apr 1, 2024", datetime(2024, 4, 1, tzinfo=UTC)),
        ("Mon, 01 Apr 2024 12:00:00 +0000", datetime(2024, 4, 1, 12, tzinfo=UTC)),
    ],
)
def test_dates_parse_to_aware_utc(raw, expected):
    parsed = parse_datetime(raw)
    assert parsed == expected
    assert parsed.tzinfo is not None and parsed.utcoffset().total_seconds() == 0


def test_slashed_dates_can_be_day_first():
    assert parse_datetime("04/01/2024", day_first=True) == datetime(2024, 1, 4, tzinfo=UTC)


@pytest.mark.parametrize("raw", ["yesterday", "2024-13-45", "31/31/2024", "99999999999999999999", "2024-04-01Tnope"])
def test_unreadable_dates_are_refused(raw):
    with pytest.raises(FieldError, match="date"):
        parse_datetime(raw)


def test_blank_dates_are_none():
    assert parse_datetime("") is None
    assert parse_datetime("n/a") is None
    assert parse_datetime(None) is None


def test_slash_order_is_decided_over_the_column():
    assert slash_date_order([("line 2", "04/01/2024"), ("line 3", "13/01/2024")]) == (True, None)
    assert slash_date_order([("line 2", "04/01/2024"), ("line 3", "01/13/2024")]) == (False, None)
    day_first, conflict = slash_date_order([("line 2", "13/01/2024"), ("line 3", "01/13/2024")])
    assert conflict is not None and "line 2" in conflict and "line 3" in conflict


@pytest.mark.parametrize(("raw", "expected"), [("yes", True), ("TRUE", True), (1, True), ("no", False), (False, False), ("0", False)])
def test_flags(raw, expected):
    assert parse_flag(raw) is expected


def test_blank_flag_is_unknown_and_nonsense_is_refused():
    assert parse_flag("") is None
    assert parse_flag(None) is None
    with pytest.raises(FieldError, match="sponsored"):
        parse_flag("maybe")


def test_header_aliases_pick_the_best_ranked_column():
    columns = map_columns([" Full_Text ", "Caption", "Like Count", "retweets", "Taken-At", "Permalink", "shortcode"])
    assert columns == {
        "text": "Caption",  # caption outranks full_text
        "likes": "Like Count",
        "shares": "retweets",
        "created_at": "Taken-At",
        "url": "Permalink",
        "id": "shortcode",
    }


def test_header_aliases_of_platform_analytics_exports():
    columns = map_columns(["Tweet id", "Tweet permalink", "Tweet text", "time", "impressions", "retweets", "replies", "likes"])
    assert columns == {
        "id": "Tweet id", "url": "Tweet permalink", "text": "Tweet text", "created_at": "time",
        "views": "impressions", "shares": "retweets", "comments": "replies", "likes": "likes",
    }
    assert map_columns(["Description", "Publish time"]) == {"text": "Description", "created_at": "Publish time"}
