"""Markdown renderings of campaign reports, roster plans and fans, shared by the CLI and the chat.

The chat shows the same Markdown: a text bar per creator (their share of the goal's key result) and a
sparkline over the weeks, both drawn here from the report's own figures.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.analysis.campaign_report import (
    KEY_METRIC,
    KEY_VOLUME,
    THRESHOLDS,
    fmt_money,
    fmt_number,
    fmt_percent,
    fmt_ratio,
    say,
    series,
)
from assistant.models.campaigns import (
    STAGE_METRICS,
    CampaignReport,
    FansReport,
    Metrics,
    ResultsImport,
    RosterPlan,
)

SPARK = "▁▂▃▄▅▆▇█"
_DECISION = {"keep": "✅ keep", "adjust": "⚠️ adjust", "stop": "⛔ stop"}


def sparkline(values: Sequence[float | None]) -> str:
    """One character per value, scaled between the smallest and largest known value; '·' for unknown."""
    known = [v for v in values if v is not None]
    if not known:
        return "·" * len(values)
    low, high = min(known), max(known)
    span = high - low
    out = []
    for v in values:
        if v is None:
            out.append("·")
        else:
            out.append(SPARK[-1] if span == 0 else SPARK[round((v - low) / span * (len(SPARK) - 1))])
    return "".join(out)


def share_bar(value: float | None, largest: float | None, width: int = 12) -> str:
    if value is None or not largest:
        return "·" * width
    filled = round(value / largest * width)
    return "█" * filled + "░" * (width - filled)


def _esc(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _stage_cells(m: Metrics) -> list[str]:
    return [fmt_number(getattr(m, f)) if f != "revenue" else fmt_money(m.revenue)
            for stage in STAGE_METRICS.values() for f in stage]


def report_markdown(r: CampaignReport) -> str:
    key, volume = KEY_METRIC[r.goal], KEY_VOLUME[r.goal]
    key_label = say(f"key_metric.{key}")
    lines = [
        f"### Campaign: {_esc(r.campaign)}",
        "",
        f"Goal **{r.goal}** (from the {r.goal_source}); decisions rest on {key_label}. "
        f"{r.first_date:%Y-%m-%d} to {r.last_date:%Y-%m-%d}, {len(r.weeks)} weeks, {r.total.rows} rows.",
        "",
        f"Total: spend {fmt_money(r.total.spend)}, {volume.replace('_', ' ')} {fmt_number(getattr(r.total, volume))}, "
        f"CPM {fmt_money(r.total.cpm)}, CPE {fmt_money(r.total.cpe)}, CPC {fmt_money(r.total.cpc)}, "
        f"CPA {fmt_money(r.total.cpa)}, ROAS {fmt_ratio(r.total.roas)}, engagement rate {fmt_percent(r.total.engagement_rate)}.",
        "",
        f"Weekly {volume.replace('_', ' ')}: `{sparkline(series(r))}`",
        "",
        "| Creator | Decision | Spend | " + volume.replace("_", " ").capitalize() + " | | Weeks | Why |",
        "|---|---|---:|---:|---|---|---|",
    ]
    largest = max((getattr(c, volume) or 0 for c in r.creators), default=0)
    for c in r.creators:
        lines.append(
            f"| @{c.influencer} | {_DECISION[c.decision]} | {fmt_money(c.spend)} | {fmt_number(getattr(c, volume))} | "
            f"`{share_bar(getattr(c, volume), largest)}` | `{sparkline(c.weekly)}` | {_esc(c.reason)} |"
        )
    stage_heads = [f.replace("_", " ") for stage in STAGE_METRICS.values() for f in stage]
    lines += [
        "",
        "**By funnel stage** (awareness: impressions, reach, views; engagement: likes, comments, shares, saves, "
        "clicks; growth: new followers; conversions: conversions, revenue)",
        "",
        "| Creator | " + " | ".join(stage_heads) + " |",
        "|---|" + "---:|" * len(stage_heads),
    ]
    for c in r.creators:
        lines.append(f"| @{c.influencer} | " + " | ".join(_stage_cells(c)) + " |")
    lines.append("| **Total** | " + " | ".join(_stage_cells(r.total)) + " |")
    lines += [
        "",
        "**Efficiency**",
        "",
        "| Creator | Spend | Engagements | CPM | CPE | CPC | CPA | Cost/follower | ROAS | Eng. rate |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, m in [*((f"@{c.influencer}", c) for c in r.creators), ("**Total**", r.total)]:
        lines.append(
            f"| {name} | {fmt_money(m.spend)} | {fmt_number(m.engagements)} | {fmt_money(m.cpm)} | {fmt_money(m.cpe)} | "
            f"{fmt_money(m.cpc)} | {fmt_money(m.cpa)} | {fmt_money(m.cost_per_follower)} | {fmt_ratio(m.roas)} | "
            f"{fmt_percent(m.engagement_rate)} |"
        )
    lines += ["", "**Week by week**", "",
              "| Week of | Spend | Impressions | Engagements | Clicks | New followers | Conversions | Revenue |",
              "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for w in r.weeks:
        lines.append(
            f"| {w.week:%Y-%m-%d} | {fmt_money(w.spend)} | {fmt_number(w.impressions)} | {fmt_number(w.engagements)} | "
            f"{fmt_number(w.clicks)} | {fmt_number(w.new_followers)} | {fmt_number(w.conversions)} | {fmt_money(w.revenue)} |"
        )
    if r.kpis:
        lines += ["", f"**Against the briefs' KPIs** ({len(r.briefs)} brief(s))", "",
                  "| Creator | KPI | Target | Actual | Met |", "|---|---|---|---:|---|"]
        for k in r.kpis:
            met = {True: "yes", False: "no", None: "—"}[k.met]
            actual = fmt_number(k.actual) if k.fields else "not in the results"
            lines.append(f"| @{k.influencer} | {_esc(k.metric)} | {_esc(k.target or '—')} | {actual} | {met} |")
    partial = sorted({f for c in r.creators for f in c.incomplete} | set(r.total.incomplete))
    if partial:
        lines += ["", f"_Only some rows report {', '.join(p.replace('_', ' ') for p in partial)}: totals count the "
                  "rows that do, and each ratio uses only rows that report both of its figures._"]
    t = THRESHOLDS
    lines += ["", f"_Keep within {t.keep_within}x the campaign's {key_label}; stop beyond {t.stop_beyond}x after "
              f"{t.min_weeks_to_stop}+ weeks; adjust under {fmt_percent(t.min_engagement_rate)} engagement rate"
              f"{f' or ROAS under {t.min_roas}' if r.goal == 'conversions' else ''}. — means unknown._"]
    return "\n".join(lines)


def import_summary(result: ResultsImport) -> str:
    return (f"Campaign '{result.campaign}': {result.rows} rows from {len(result.creators)} creators "
            f"({result.added} new, {result.updated} updated, {result.unchanged} unchanged).")


def plan_markdown(p: RosterPlan) -> str:
    lines = [
        f"### Roster for {p.brand}: {p.goal}, budget {fmt_money(p.budget)}",
        "",
        f"{len(p.entries)} creators, {fmt_money(p.spent)} planned, {fmt_money(p.remaining)} left. "
        f"Estimated reach {fmt_number(p.est_reach)}, engagements {fmt_number(p.est_engagements)}.",
        "",
        "| Creator | Platform | Tier | Fit | Posts | Cost | Est. reach | Est. engagements | Why |",
        "|---|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for e in p.entries:
        lines.append(
            f"| @{e.influencer} | {e.platform or '—'} | {e.tier} | {e.fit_score} | {e.posts} | {fmt_money(e.cost)} | "
            f"{fmt_number(e.est_reach)} | {fmt_number(e.est_engagements)} | {_esc('; '.join(e.why))} |"
        )
    if p.left_out:
        lines += ["", "**Left out**", ""] + [f"- @{o.influencer}: {_esc(o.reason)}" for o in p.left_out]
    if p.assumptions:
        lines += [""] + [f"_{a}_" for a in p.assumptions]
    return "\n".join(lines)


def fans_markdown(f: FansReport) -> str:
    if not f.fans:
        lines = [f"No creator in the store mentions {f.brand} unprompted (searched for: {', '.join(f.names)})."]
    else:
        lines = [f"### Fans of {f.brand}: creators who mention it unprompted", ""]
        for fan in f.fans:
            followers = f"{fan.followers:,} followers" if fan.followers is not None else "followers unknown"
            lines.append(f"**@{fan.influencer}** ({fan.platform or 'platform unknown'}, {followers}): "
                         f"{len(fan.posts)} post(s)")
            lines += [
                f"- `{p.post_id}` {p.date.isoformat() if p.date else ''} ({p.tone}): “{_esc(p.quote)}”"
                + (f" {p.url}" if p.url else "")
                for p in fan.posts
            ]
            lines.append("")
    if f.excluded:
        left = ", ".join(f"{n} {why}" for why, n in sorted(f.excluded.items()))
        lines.append(f"_Left out: {left} mention(s) (sponsored: paid, gifted or affiliate; negative: mocks or complains; rival: names a competitor with no good word for the brand)._")
    return "\n".join(lines).rstrip()
