"""Markdown renderings of analysis results, shared by the CLI and the chat (one renderer, two faces)."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.models import BrandSummary, CheckReport, FitAssessment, InfluencerSummary, RankedCreator, SearchHit
from assistant.plural import plural

_VERDICT_LABEL = {"strong": "STRONG fit", "possible": "POSSIBLE fit", "poor": "POOR fit"}


def bar(score: int | None, width: int = 10) -> str:
    if score is None:
        return "·" * width
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def fit_markdown(a: FitAssessment) -> str:
    lines = [
        f"### @{a.influencer} × {a.brand}: {a.score}/100, {_VERDICT_LABEL[a.verdict]}",
        "",
    ]
    if a.summary:
        lines += [a.summary, ""]
    lines += ["| Dimension | Score | | Why |", "|---|---:|---|---|"]
    for d in a.dimensions:
        score = "unknown" if d.score is None else str(d.score)
        lines.append(f"| {d.name.replace('_', ' ')} | {score} | `{bar(d.score)}` | {_escape(d.reason)} |")
    evidence = [(d.name, e) for d in a.dimensions for e in d.evidence[:2]]
    if evidence:
        lines += ["", "**Evidence**", ""]
        for name, e in evidence[:10]:
            lines.append(f"- *{name.replace('_', ' ')}* `{e.post_id}`: “{_escape(e.quote)}”")
    if a.risks:
        lines += ["", "**Risks**", ""]
        for r in a.risks:
            ids = f" ({', '.join(f'`{p}`' for p in r.post_ids[:3])})" if r.post_ids else ""
            lines.append(f"- **{r.severity}**: {r.text}{ids}")
    if a.keep_unchanged:
        lines += ["", "**Don't ask them to change**", ""]
        lines += [f"- {item}" for item in a.keep_unchanged]
    lines += ["", f"_{plural(a.posts_analysed, 'post')} analysed._"]
    return "\n".join(lines)


def rank_markdown(brand: str, rows: Sequence[RankedCreator]) -> str:
    if not rows:
        return f"No creators in the store to rank for {brand}."
    ranked = [r for r in rows if r.error is None]
    lines = [f"### Creators ranked for {brand}", "", "| # | Creator | Score | Verdict | Followers | Why |", "|---:|---|---:|---|---:|---|"]
    for i, r in enumerate(ranked, 1):
        followers = f"{r.followers:,}" if r.followers is not None else "unknown"
        lines.append(f"| {i} | @{r.influencer} | {r.score} | {r.verdict} | {followers} | {_escape(r.top_reason)} |")
    failed = [r for r in rows if r.error is not None]
    if failed:
        lines += ["", "**Not assessed** (the others are ranked without them):", ""]
        lines += [f"- @{r.influencer}: {_escape(r.error or '')}" for r in failed]
    return "\n".join(lines)


def check_markdown(r: CheckReport) -> str:
    status = "passes" if r.passed else "needs work"
    lines = [f"### Voice check for {r.brand}: {r.score}/100 ({status})", ""]
    if not r.findings:
        lines.append("No problems found.")
    for f in r.findings:
        where = f" ({f.section})" if f.section else ""
        lines.append(f"- **{f.severity}** “{_escape(f.text)}”: {f.rule}{where}. *Try:* {f.suggestion}")
    return "\n".join(lines)


def brands_markdown(rows: Sequence[BrandSummary]) -> str:
    if not rows:
        return "No brands yet. Add a voice guide with `assistant ingest guide PATH`, or `assistant demo`."
    lines = ["| Brand | Name | Sections |", "|---|---|---:|"]
    lines += [f"| {b.slug} | {_escape(b.name)} | {b.sections} |" for b in rows]
    return "\n".join(lines)


def influencers_markdown(rows: Sequence[InfluencerSummary]) -> str:
    if not rows:
        return "No creators yet. Add posts with `assistant ingest posts PATH --influencer HANDLE`, or `assistant demo`."
    lines = ["| Creator | Platform | Followers | Posts | Niche |", "|---|---|---:|---:|---|"]
    for i in rows:
        followers = f"{i.followers:,}" if i.followers is not None else "unknown"
        lines.append(f"| @{i.handle} | {i.platform or ''} | {followers} | {i.posts} | {_escape(i.niche or '')} |")
    return "\n".join(lines)


def search_markdown(hits: Sequence[SearchHit]) -> str:
    if not hits:
        return "Nothing found."
    lines = []
    for h in hits:
        where = f"@{h.influencer}" if h.kind == "post" else f"{h.brand} › {' › '.join(h.heading_path or [])}"
        snippet = _escape(h.text[:200]) + ("…" if len(h.text) > 200 else "")
        lines.append(f"- `{h.id}` ({where}, {h.score:.2f}): {snippet}")
    return "\n".join(lines)
