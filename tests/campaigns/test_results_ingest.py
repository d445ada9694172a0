"""Importing campaign results: aliases, unknown figures, one error naming file and line, all or nothing,
idempotent re-import."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import InputError
from assistant.ingest.results import parse_money, read_results
from assistant.services import Services

HERE = Path(__file__).parent
SPRING = HERE / "spring.csv"


@pytest.fixture
def services(tmp_path: Path) -> Services:
    return Services(Settings(data_dir=tmp_path / "data", llm_provider="offline"))


def count(services: Services) -> int:
    return services.history.db.execute("SELECT COUNT(*) FROM campaign_results").fetchone()[0]


def test_aliases_are_read_and_blank_cells_stay_unknown() -> None:
    rows = read_results(SPRING, "Spring launch")
    assert [r.influencer for r in rows] == ["maya.makes", "maya.makes", "trailtom", "trailtom", "dr.dewy"]
    m1 = rows[0]
    assert (m1.date, m1.platform, m1.post) == (date(2027, 3, 1), "instagram", "m1")
    assert (m1.cost, m1.clicks, m1.new_followers, m1.conversions, m1.revenue) == (500.0, 400, 120, 20, 1000.0)
    assert m1.views is None  # a blank cell is unknown, never 0
    t1 = rows[2]
    assert t1.cost == 2000.0 and t1.saves is None and t1.new_followers is None
    assert t1.conversions == 0 and t1.revenue == 0.0  # a written 0 stays 0
    assert rows[4].cost is None


@pytest.mark.parametrize(("raw", "expected"), [
    ("$1,200.50", 1200.5), ("€1.200,50", 1200.5), ("1200 USD", 1200.0), ("2.5k", 2500.0), ("90", 90.0),
    ("£ 1,000", 1000.0), (12, 12.0), ("", None), ("n/a", None),
])
def test_money(raw: object, expected: float | None) -> None:
    assert parse_money(raw, "cost") == expected


def test_json_and_jsonl_read_like_csv(tmp_path: Path) -> None:
    records = [{"handle": "@maya.makes", "post_date": "2027-03-01", "fee": 500, "impressions": 1000, "orders": 3,
                "sales": "$90"}, {"handle": "trailtom", "post_date": "2027-03-02", "spend": None, "likes": 5}]
    as_json = tmp_path / "r.json"
    as_json.write_text(json.dumps(records), encoding="utf-8")
    as_jsonl = tmp_path / "r.jsonl"
    as_jsonl.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    for path in (as_json, as_jsonl):
        rows = read_results(path, "c")
        assert (rows[0].cost, rows[0].conversions, rows[0].revenue) == (500.0, 3, 90.0)
        assert rows[1].cost is None and rows[1].likes == 5 and rows[1].impressions is None


@pytest.mark.parametrize(("body", "line", "says"), [
    ("influencer,date,cost\nmaya,2027-03-01,100\nsam,2027-03-02,-5\n", 3, "negative"),
    ("influencer,date,likes\nmaya,2027-03-01,12\nsam,not a date,4\n", 3, "date"),
    ("influencer,date,likes\nmaya,2027-03-01,12\nsam,2027-03-02,lots\n", 3, "likes"),
    ("influencer,date,cost\nmaya,2027-03-01,abc\n", 2, "cost"),
    ("influencer,date\nmaya,2027-03-01\n,2027-03-02\n", 3, "influencer"),
    ("influencer,date,likes\nmaya,2027-03-01,1\nmaya,2027-03-01,2\n", 3, "line 2"),
    ("creator_name,likes\nmaya,1\n", 1, "influencer or date"),
])
def test_bad_input_is_one_error_naming_file_and_line(tmp_path: Path, body: str, line: int, says: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_results(path, "spring")
    assert caught.value.path == str(path)
    assert caught.value.line == line
    assert says in str(caught.value)


def test_a_bad_row_writes_nothing(services: Services, tmp_path: Path) -> None:
    services.ingest_results(SPRING, "Spring launch")
    before = services.history.db.execute("SELECT * FROM campaign_results ORDER BY influencer, date").fetchall()
    bad = tmp_path / "bad.csv"
    lines = SPRING.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("$500.00", "$900.00")  # a change that must not land...
    lines.append("trailtom,2027-03-20,TikTok,t3,-40,1,,,,,,,,,,")  # ...because this row is bad
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.csv:7"):
        services.ingest_results(bad, "Spring launch")
    after = services.history.db.execute("SELECT * FROM campaign_results ORDER BY influencer, date").fetchall()
    assert [tuple(r) for r in after] == [tuple(r) for r in before]


def test_a_failed_write_rolls_back_the_whole_file(services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing half-written even when the database fails mid-import (one transaction)."""
    db = services.history.db
    db.execute("CREATE TRIGGER fail_third BEFORE INSERT ON campaign_results "
               "WHEN (SELECT COUNT(*) FROM campaign_results) >= 2 BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    with pytest.raises(sqlite3.DatabaseError):
        services.ingest_results(SPRING, "Spring launch")
    assert count(services) == 0


def test_reimport_is_idempotent_and_updates_in_place(services: Services, tmp_path: Path) -> None:
    first = services.ingest_results(SPRING, "Spring launch")
    assert (first.rows, first.added, first.updated, first.unchanged) == (5, 5, 0, 0)
    again = services.ingest_results(SPRING, "  spring   LAUNCH ")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)
    assert count(services) == 5
    newer = tmp_path / "newer.csv"
    newer.write_text(SPRING.read_text(encoding="utf-8").replace(",2,100\n", ",3,150\n"), encoding="utf-8")
    third = services.ingest_results(newer, "Spring launch")
    assert (third.added, third.updated, third.unchanged) == (0, 1, 4)
    assert count(services) == 5
    assert services.campaign_names() == ["Spring launch"]
