"""The campaign report on a hand-computed example (tests/campaigns/spring.csv): exact figures, unknown in ->
unknown out, week by week, keep / adjust / stop, KPI targets, JSON shape and Markdown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.analysis.campaign_report import THRESHOLDS, build_report, target_number
from assistant.campaign_reports import report_markdown, sparkline
from assistant.ingest.results import read_results
from assistant.models import Kpi

SPRING = Path(__file__).parent / "spring.csv"


@pytest.fixture
def report():
    return build_report("Spring launch", read_results(SPRING, "Spring launch"), goal="conversions")


def by_handle(report, handle):
    return next(c for c in report.creators if c.influencer == handle)


def test_maya_by_hand(report) -> None:
    # Rows m1 + m2: spend 500 + 500; impressions 20,000 + 30,000; engagements (800+100+50+50) + (1000+200+100+100).
    m = by_handle(report, "maya.makes")
    assert (m.spend, m.impressions, m.reach, m.engagements) == (1000.0, 50_000, 35_000, 2_400)
    assert (m.clicks, m.new_followers, m.conversions, m.revenue) == (1_000, 200, 50, 3000.0)
    assert m.cpm == 20.0  # 1000 / 50,000 x 1000
    assert m.cpe == round(1000 / 2400, 6)
    assert m.cpc == 1.0  # 1000 / 1000
    assert m.cpa == 20.0  # 1000 / 50
    assert m.cost_per_follower == 5.0  # 1000 / 200
    assert m.roas == 3.0  # 3000 / 1000
    assert m.engagement_rate == 0.048  # 2400 / 50,000
    assert m.views is None and m.incomplete == []


def test_ratios_use_only_rows_with_both_figures(report) -> None:
    # t1 has no saves (so no engagements) and t2 no clicks: each ratio pairs only the rows that have both.
    t = by_handle(report, "trailtom")
    assert (t.spend, t.impressions, t.engagements, t.clicks, t.conversions) == (3000.0, 50_000, 125, 100, 2)
    assert t.cpm == 60.0  # 3000 / 50,000 x 1000
    assert t.cpe == 8.0  # t2 only: 1000 / 125
    assert t.cpc == 20.0  # t1 only: 2000 / 100
    assert t.cpa == 1500.0  # 3000 / 2
    assert t.roas == round(100 / 3000, 6)
    assert t.engagement_rate == 0.0125  # t2 only: 125 / 10,000
    assert set(t.incomplete) == {"engagements", "saves", "clicks"}


def test_unknown_inputs_stay_unknown(report) -> None:
    d = by_handle(report, "dr.dewy")  # no cost reported
    assert d.spend is None
    assert (d.cpm, d.cpe, d.cpc, d.cpa, d.cost_per_follower, d.roas) == (None,) * 6
    assert d.engagement_rate == 0.05  # 500 / 10,000 needs no cost
    t = by_handle(report, "trailtom")
    assert t.new_followers is None and t.cost_per_follower is None  # nobody reported it: not 0
    assert report.total.views is None


def test_totals_by_hand(report) -> None:
    total = report.total
    assert (total.rows, total.spend, total.impressions, total.engagements) == (5, 4000.0, 110_000, 3_025)
    assert (total.clicks, total.new_followers, total.conversions, total.revenue) == (1_150, 210, 57, 3350.0)
    assert total.cpm == 40.0  # the four rows with cost and impressions: 4000 / 100,000 x 1000
    assert total.cpe == round(2000 / 2525, 6)  # m1, m2, t2
    assert total.cpc == round(3000 / 1100, 6)  # m1, m2, t1
    assert total.cpa == round(4000 / 52, 6)  # m1, m2, t1, t2
    assert total.roas == 0.775  # 3100 / 4000
    assert total.engagement_rate == round(3025 / 70_000, 6)  # m1, m2, t2, d1


def test_week_by_week(report) -> None:
    assert [w.week for w in report.weeks] == [date(2027, 3, 1), date(2027, 3, 8)]
    first, second = report.weeks
    assert (first.rows, first.spend, first.conversions, first.new_followers) == (3, 2500.0, 25, 130)
    assert (second.rows, second.spend, second.conversions) == (2, 1500.0, 32)
    assert by_handle(report, "maya.makes").weekly == [20, 30]
    assert by_handle(report, "dr.dewy").weekly == [5, None]


def test_keep_adjust_stop_with_reasons(report) -> None:
    assert report.goal == "conversions" and report.key_metric == "cpa"
    maya, tom, dewy = (by_handle(report, h) for h in ("maya.makes", "trailtom", "dr.dewy"))
    assert maya.decision == "keep" and "CPA 20.00" in maya.reason
    assert tom.decision == "stop" and "19.50x" in tom.reason  # 1500 / 76.92, over the 2.0x limit, 2 weeks in
    assert dewy.decision == "adjust" and "no cost" in dewy.reason


def test_no_stop_before_the_campaign_has_had_time() -> None:
    rows = [r for r in read_results(SPRING, "s") if r.post != "t2"]  # trailtom's only row is in week one
    report = build_report("s", rows, goal="conversions")
    tom = by_handle(report, "trailtom")
    assert tom.decision == "adjust" and "too early" in tom.reason
    assert THRESHOLDS.min_weeks_to_stop == 2


def test_goal_from_the_briefs_and_kpi_targets() -> None:
    kpis = [Kpi(metric="Purchases", stage="conversions", target="60 purchases"),
            Kpi(metric="Link clicks", stage="conversions", target="500"),
            Kpi(metric="Share of voice", stage="awareness", target="Set at kickoff from your baseline.")]
    report = build_report("s", read_results(SPRING, "s"), briefs=[("maya.makes", "engagement", kpis)])
    assert (report.goal, report.goal_source, report.key_metric) == ("engagement", "briefs", "cpe")
    purchases, clicks, voice = report.kpis
    assert (purchases.fields, purchases.actual, purchases.target_value, purchases.met) == (["conversions"], 50, 60, False)
    assert (clicks.fields, clicks.actual, clicks.met) == (["clicks"], 1000, True)
    assert (voice.fields, voice.actual, voice.met) == ([], None, None)
    maya = by_handle(report, "maya.makes")
    assert maya.decision == "adjust" and "Purchases" in maya.reason


@pytest.mark.parametrize(("text", "number"), [("50,000 impressions", 50000), ("12k", 12000), ("3% engagement", None),
                                              ("Set at kickoff from your day-one baseline.", None), (None, None)])
def test_target_number(text, number) -> None:
    assert target_number(text) == number


def test_json_shape(report) -> None:
    data = report.model_dump(mode="json")
    for c in data["creators"]:
        assert {"influencer", "spend", "impressions", "engagements", "clicks", "conversions", "revenue", "cpm", "cpe",
                "cpc", "cpa", "roas"} <= set(c)
    assert data["total"]["spend"] == 4000.0 and data["creators"][2]["spend"] is None


def test_markdown_shows_unknown_as_a_dash_bars_and_sparkline(report) -> None:
    text = report_markdown(report)
    assert "| @dr.dewy | ⚠️ adjust | — |" in text
    assert "`▁█`" in text  # weekly conversions 25 -> 32
    assert "█" in text and "░" in text
    assert sparkline([1, None, 3]) == "▁·█" and sparkline([None]) == "·"


def test_the_report_reads_the_briefs_saved_for_the_campaign(offline_services) -> None:
    from assistant.models import CampaignInputs

    saved = offline_services.brief("northwind", "maya.makes", CampaignInputs(campaign="Spring Launch", goal="growth"))
    offline_services.brief("northwind", "trailtom", CampaignInputs(campaign="another campaign", goal="awareness"))
    offline_services.ingest_results(SPRING, "spring launch")
    report = offline_services.campaign_report("spring")
    assert report.briefs == [saved.id]
    assert (report.goal, report.goal_source, report.key_metric) == ("growth", "briefs", "cost_per_follower")
    assert report.kpis and {k.influencer for k in report.kpis} == {"maya.makes"}
    followers = next(k for k in report.kpis if k.fields == ["new_followers"])
    assert followers.actual == 200 and followers.met is None  # the offline brief sets no number to meet
