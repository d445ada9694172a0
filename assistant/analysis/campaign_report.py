"""The campaign report: what each creator cost and did, by funnel stage, week by week, against the briefs' KPIs,
and whether to keep, adjust or stop each one. Pure functions over result rows: no I/O, no LLM.

Formulas (each over the rows that report both of its inputs, so a row without impressions doesn't inflate CPM):
  engagements      = likes + comments + shares + saves (a row's engagements are unknown unless it has all four)
  CPM              = spend / impressions x 1000
  CPE              = spend / engagements
  CPC              = spend / clicks
  CPA              = spend / conversions
  cost per follower = spend / new_followers
  ROAS             = revenue / spend
  engagement rate  = engagements / impressions
A total is the sum of the rows that report the figure, None when none do; a ratio is None when an input is
unknown or its denominator is 0. Unknown in, unknown out.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from assistant.models.campaigns import (
    COUNT_METRICS,
    ENGAGEMENT_PARTS,
    CampaignReport,
    CreatorResult,
    KpiResult,
    Metrics,
    ResultRow,
    WeekResult,
)
from assistant.models.drafts import Kpi


@dataclass(frozen=True)
class DecisionThresholds:
    """Every threshold behind keep / adjust / stop, in one place.

    The key figure is the goal's cost per result: CPM for awareness, CPE for engagement, cost per new follower
    for growth, CPA for conversions. A creator's key figure is compared with the whole campaign's.
    """

    keep_within: float = 1.25  # at most 25% dearer per result than the campaign as a whole: keep
    stop_beyond: float = 2.0  # more than twice as dear per result: stop (if it has run long enough)
    min_weeks_to_stop: int = 2  # "give it time": no stop before results span this many weeks
    min_engagement_rate: float = 0.01  # engagements under 1% of impressions: adjust at best
    min_roas: float = 1.0  # conversions goal: revenue under spend loses money: adjust at best


THRESHOLDS = DecisionThresholds()
KEY_METRIC = {"awareness": "cpm", "engagement": "cpe", "growth": "cost_per_follower", "conversions": "cpa"}
KEY_VOLUME = {"awareness": "impressions", "engagement": "engagements", "growth": "new_followers",
              "conversions": "conversions"}
_KEY_INPUTS = {"cpm": "impressions", "cpe": "engagements", "cost_per_follower": "new_followers", "cpa": "conversions"}


@lru_cache(maxsize=1)
def _wording() -> dict[str, Any]:
    from assistant.resources import read_prompt

    return tomllib.loads(read_prompt("analysis/campaigns.toml"))


def say(key: str, **values: Any) -> str:
    node: Any = _wording()
    for part in key.split("."):
        node = node[part]
    return str(node).format(**values)


# Figures ---------------------------------------------------------------------------------------------------


def row_engagements(row: ResultRow) -> int | None:
    parts = [getattr(row, p) for p in ENGAGEMENT_PARTS]
    return None if any(p is None for p in parts) else sum(parts)  # type: ignore[arg-type]


_FIGURES = ("spend", *COUNT_METRICS, "revenue", "engagements")
Values = dict[str, float | None]


def row_values(row: ResultRow) -> Values:
    """A row's figures by name, read once: spend (its cost), the counts, revenue and engagements."""
    values: Values = {name: getattr(row, name) for name in COUNT_METRICS}
    values["spend"] = row.cost
    values["revenue"] = row.revenue
    values["engagements"] = row_engagements(row)
    return values


def _ratio(rows: Sequence[Values], numerator: str, denominator: str, scale: float = 1.0) -> float | None:
    top = bottom = 0.0
    paired = False
    for values in rows:
        n, d = values[numerator], values[denominator]
        if n is None or d is None:
            continue
        top += n
        bottom += d
        paired = True
    if not paired or bottom == 0:
        return None
    return round(top / bottom * scale, 6)


def _total(rows: Sequence[Values], name: str) -> tuple[float | None, bool]:
    """(sum of the rows that report it or None, whether only some did)."""
    known = [v for v in (values[name] for values in rows) if v is not None]
    if not known:
        return None, False
    return sum(known), len(known) < len(rows)


def measure(rows: Sequence[ResultRow] | Sequence[Values]) -> dict[str, Any]:
    """Every figure and ratio of `rows` (result rows, or their ``row_values``), as the fields of a ``Metrics``."""
    values = [r if isinstance(r, dict) else row_values(r) for r in rows]
    out: dict[str, Any] = {"rows": len(values)}
    incomplete = []
    for name in _FIGURES:
        total, partial = _total(values, name)
        if total is not None and name not in ("spend", "revenue"):
            total = int(total)
        elif total is not None:
            total = round(total, 2)
        out[name] = total
        if partial:
            incomplete.append(name)
    out["cpm"] = _ratio(values, "spend", "impressions", 1000)
    out["cpe"] = _ratio(values, "spend", "engagements")
    out["cpc"] = _ratio(values, "spend", "clicks")
    out["cpa"] = _ratio(values, "spend", "conversions")
    out["cost_per_follower"] = _ratio(values, "spend", "new_followers")
    out["roas"] = _ratio(values, "revenue", "spend")
    out["engagement_rate"] = _ratio(values, "engagements", "impressions")
    out["incomplete"] = incomplete
    return out


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


# Goal and KPIs ---------------------------------------------------------------------------------------------


def choose_goal(option: str | None, brief_goals: Iterable[str], total: Metrics) -> tuple[str, str]:
    """(goal, where it came from): the option, else the briefs' most common goal, else the deepest stage the
    figures reach (conversions, growth, engagement, then awareness)."""
    if option:
        return option, "option"
    goals = Counter(brief_goals)
    if goals:
        return goals.most_common(1)[0][0], "briefs"
    for goal, figure in (("conversions", "conversions"), ("growth", "new_followers"), ("engagement", "engagements")):
        if getattr(total, figure) is not None:
            return goal, "figures"
    return "awareness", "figures"


def kpi_fields(metric: str) -> list[str]:
    """The results columns that measure a brief's KPI, from the results column names ('Video views' -> views)."""
    from assistant.ingest.results import RESULT_ALIASES

    words = set(re.findall(r"[a-z]+", metric.lower()))
    fields = []
    for field in (*COUNT_METRICS, "revenue"):
        for alias in RESULT_ALIASES[field]:
            if set(alias.split("_")) <= words:
                fields.append(field)
                break
    return fields


_TARGET_NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*([km])?\b(\s*%)?", re.IGNORECASE)


def target_number(target: str | None) -> float | None:
    """The number a KPI target sets ('50,000 impressions' -> 50000, '12k' -> 12000); None for a percentage
    or a target without a number ('set at kickoff from your baseline')."""
    if not target:
        return None
    m = _TARGET_NUMBER.search(target)
    if m is None or m.group(3):
        return None
    number = float(m.group(1).replace(",", ""))
    return number * {"k": 1e3, "m": 1e6}.get((m.group(2) or "").lower(), 1)


def kpi_results(briefs: Sequence[tuple[str, Sequence[Kpi]]], creators: dict[str, Metrics]) -> list[KpiResult]:
    """Each brief's KPIs against its creator's figures."""
    out = []
    for influencer, kpis in briefs:
        figures = creators.get(influencer)
        for kpi in kpis:
            fields = kpi_fields(kpi.metric)
            actual = None
            if figures is not None and fields:
                values = [getattr(figures, f) for f in fields]
                actual = None if any(v is None for v in values) else float(sum(values))
            goal = target_number(kpi.target)
            met = None if goal is None or actual is None else actual >= goal
            out.append(KpiResult(metric=kpi.metric, stage=kpi.stage, target=kpi.target, target_value=goal,
                                 fields=fields, actual=actual, met=met, influencer=influencer))
    return out


# Decisions -------------------------------------------------------------------------------------------------


def fmt_number(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "—"
    return f"{value:,.{digits}f}"


def fmt_money(value: float | None) -> str:
    return fmt_number(value, 2)


def fmt_ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:,.2f}"


def fmt_percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.2f}%"


def decide(handle: str, goal: str, mine: Metrics, campaign: Metrics, weeks_running: int,
           kpis: Sequence[KpiResult], t: DecisionThresholds = THRESHOLDS) -> tuple[str, str]:
    """Keep, adjust or stop, with the reason, from the creator's key figure against the campaign's, the
    engagement-rate floor, ROAS (conversions) and the brief's KPIs. See ``DecisionThresholds``."""
    key = KEY_METRIC[goal]
    label = say(f"key_metric.{key}")
    fmt = fmt_money  # every key figure is money per result
    value, overall = getattr(mine, key), getattr(campaign, key)
    volume = getattr(mine, KEY_VOLUME[goal])
    concerns: list[str] = []
    decision, good = "keep", ""
    if mine.spend is not None and mine.spend > 0 and volume == 0:
        why = say("decision.stop_nothing", spend=fmt_money(mine.spend), what=KEY_VOLUME[goal].replace("_", " "),
                  weeks=weeks_running)
        if weeks_running >= t.min_weeks_to_stop:
            return "stop", why
        return "adjust", say("decision.too_early", weeks=weeks_running, min_weeks=t.min_weeks_to_stop, why=why)
    if value is None or overall is None:
        missing = " or ".join(m for m, v in (("cost", mine.spend), (_KEY_INPUTS[key].replace("_", " "),
                                                                    getattr(mine, _KEY_INPUTS[key]))) if v is None)
        concerns.append(say("decision.unknown", metric=label, missing=missing or "paired figures", handle=handle))
        decision = "adjust"
    else:
        ratio = value / overall if overall else 1.0
        args = dict(metric=label, value=fmt(value), campaign_value=fmt(overall), ratio=f"{ratio:.2f}")
        if ratio > t.stop_beyond:
            why = say("decision.stop_costly", stop=t.stop_beyond, **args)
            if weeks_running >= t.min_weeks_to_stop:
                return "stop", why
            decision = "adjust"
            concerns.append(say("decision.too_early", weeks=weeks_running, min_weeks=t.min_weeks_to_stop, why=why))
        elif ratio > t.keep_within:
            decision = "adjust"
            concerns.append(say("decision.adjust_costly", keep=t.keep_within, **args))
        else:
            good = say("decision.keep_good", limit=t.keep_within, **args)
    if mine.engagement_rate is not None and mine.engagement_rate < t.min_engagement_rate:
        decision = "adjust"
        concerns.append(say("decision.low_er", value=fmt_percent(mine.engagement_rate),
                            floor=fmt_percent(t.min_engagement_rate)))
    if goal == "conversions" and mine.roas is not None and mine.roas < t.min_roas:
        decision = "adjust"
        concerns.append(say("decision.low_roas", value=fmt_ratio(mine.roas), floor=fmt_ratio(t.min_roas)))
    for k in kpis:
        if k.met is False:
            decision = "adjust"
            concerns.append(say("decision.kpi_missed", metric=k.metric, actual=fmt_number(k.actual),
                                target=fmt_number(k.target_value)))
    if decision == "keep":
        return "keep", good
    return decision, "; ".join(concerns)


# The report ------------------------------------------------------------------------------------------------


def build_report(
    campaign: str,
    rows: Sequence[ResultRow],
    *,
    goal: str | None = None,
    briefs: Sequence[tuple[str, str, Sequence[Kpi]]] = (),
    brief_ids: Sequence[str] = (),
    thresholds: DecisionThresholds = THRESHOLDS,
) -> CampaignReport:
    """The report of one campaign. ``briefs`` are (influencer, goal, KPIs) of its saved briefs."""
    if not rows:
        raise ValueError("a report needs at least one row")
    values = [row_values(r) for r in rows]  # each row's figures read once, then grouped three ways
    total = Metrics(**measure(values))
    chosen, source = choose_goal(goal, (g for _, g, _ in briefs), total)
    by_creator: dict[str, list[tuple[ResultRow, Values]]] = defaultdict(list)
    by_week: dict[date, list[Values]] = defaultdict(list)
    for row, v in zip(rows, values):
        by_creator[row.influencer].append((row, v))
        by_week[week_of(row.date)].append(v)
    weeks = sorted(by_week)
    creator_metrics = {h: Metrics(**measure([v for _, v in rvs])) for h, rvs in by_creator.items()}
    kpis = kpi_results([(h, k) for h, _, k in briefs], creator_metrics)
    volume = KEY_VOLUME[chosen]
    creators = []
    for handle in sorted(by_creator, key=lambda h: (-(creator_metrics[h].spend or 0), h)):
        rvs = by_creator[handle]
        mine = creator_metrics[handle]
        running = len({week_of(r.date) for r, _ in rvs})
        decision, reason = decide(handle, chosen, mine, total, running,
                                  [k for k in kpis if k.influencer == handle], thresholds)
        per_week: dict[date, list[Values]] = defaultdict(list)
        for r, v in rvs:
            per_week[week_of(r.date)].append(v)
        weekly = [_total(per_week[w], volume)[0] if w in per_week else None for w in weeks]
        creators.append(CreatorResult(influencer=handle, decision=decision, reason=reason, weekly=weekly,
                                      **mine.model_dump()))
    week_results = [WeekResult(week=w, **measure(by_week[w])) for w in weeks]
    return CampaignReport(
        campaign=campaign, goal=chosen, goal_source=source, key_metric=KEY_METRIC[chosen],  # type: ignore[arg-type]
        first_date=min(r.date for r in rows), last_date=max(r.date for r in rows),
        creators=creators, total=total, weeks=week_results, kpis=kpis, briefs=list(brief_ids),
    )


def series(report: CampaignReport, figure: str | None = None) -> list[float | None]:
    """The campaign's figure per week (the goal's key volume by default), for a sparkline."""
    name = figure or KEY_VOLUME[report.goal]
    return [getattr(w, name) for w in report.weeks]

