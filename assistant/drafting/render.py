"""Briefs and outreach as Markdown (labels from prompts/offline/render.toml)."""

from __future__ import annotations

from datetime import date

from assistant.drafting import wording
from assistant.drafting.campaign import capitalise
from assistant.models import Brief, Outreach


def _label(key: str, **values: object) -> str:
    return wording.render("render", key, **values)


def _when(value: date | str) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_brief_markdown(brief: Brief) -> str:
    """The brief as Markdown, every section in the order a creator reads it, ending with the check."""
    out: list[str] = [
        _label("brief.title", campaign=capitalise(brief.campaign.strip())),
        _label("brief.subtitle", brand=brief.brand, influencer=brief.influencer, goal=brief.goal, engine=brief.engine),
        "",
        _label("brief.objective"),
        brief.objective,
        "",
        _label("brief.about_brand"),
        brief.about_brand,
        "",
        _label("brief.audience"),
        brief.audience,
        "",
        _label("brief.key_messages"),
        *[f"{i}. {m}" for i, m in enumerate(brief.key_messages, start=1)],
        "",
        _label("brief.deliverables"),
        _label("brief.deliverables_header"),
        "|---|---|---|---|---|",
        *[
            f"| {_cell(d.channel)} | {_cell(d.format)} | {d.quantity} | {_when(d.due)} | {_cell(d.notes)} |"
            for d in brief.deliverables
        ],
        "",
        _label("brief.creative_freedom"),
        brief.creative_freedom,
    ]
    if brief.example_hooks:
        out += ["", _label("brief.example_hooks"), *[f"- {h}" for h in brief.example_hooks]]
    out += ["", _label("brief.guardrails")]
    # Blank lines around every label and list: in Markdown a label right after a list item would be read as
    # part of that item, and two plain lines in a row are one paragraph.
    if brief.guardrails.do or brief.guardrails.dont:
        if brief.guardrails.do:
            out += ["", _label("brief.guardrails_do"), "", *[f"- {g}" for g in brief.guardrails.do]]
        if brief.guardrails.dont:
            out += ["", _label("brief.guardrails_dont"), "", *[f"- {g}" for g in brief.guardrails.dont]]
    else:
        out += ["", _label("brief.guardrails_none")]
    out += [
        "",
        _label("brief.disclosure"),
        brief.disclosure,
        "",
        _label("brief.timeline"),
        *[f"- **{_when(m.when)}**: {m.what}" for m in brief.timeline],
        "",
        _label("brief.kpis"),
        _label("brief.kpis_header"),
        "|---|---|---|---|",
        *[f"| {_cell(k.metric)} | {k.stage} | {_cell(k.target or '')} | {_cell(k.how_measured)} |" for k in brief.kpis],
        "",
        _label("brief.approval"),
        brief.approval,
        "",
    ]
    if "round" not in brief.approval.lower():  # the computed approval text already says how many rounds
        out += [_label("brief.revision_rounds", rounds=brief.revision_rounds), ""]
    out += [
        _label("brief.usage_rights"),
        brief.usage_rights,
        "",
        _label("brief.compensation"),
        brief.compensation,
        "",
        _label("brief.sources"),
        "- " + _label("brief.sources_sections", ids=", ".join(brief.sources.guide_sections) or _label("brief.sources_none")),
        "- " + _label("brief.sources_posts", ids=", ".join(brief.sources.post_ids) or _label("brief.sources_none")),
        "",
        _label("brief.micromanagement"),
    ]
    report = brief.micromanagement
    if report is None:
        out.append(_label("brief.not_checked"))
    else:
        verdict = _label("brief.micromanagement_passed" if report.passed else "brief.micromanagement_failed")
        out += [_label("brief.micromanagement_score", score=report.score, verdict=verdict), ""]
        if not report.findings:
            out.append(_label("brief.micromanagement_clean"))
        for finding in report.findings:
            out.append(
                _label("brief.micromanagement_finding", kind=finding.kind, severity=finding.severity, detail=finding.detail)
            )
            if finding.text:
                out.append(_label("brief.micromanagement_quote", text=finding.text))
    return "\n".join(out).rstrip() + "\n"


def render_outreach_markdown(o: Outreach) -> str:
    """The outreach draft as Markdown: subject (email), body, cited posts, voice check and self-check."""
    title = "outreach.title_email" if o.channel == "email" else "outreach.title_dm"
    out = [_label(title, brand=o.brand, influencer=o.influencer), ""]
    if o.subject:
        out += [_label("outreach.subject", subject=o.subject), ""]
    # Each report line is its own paragraph, and findings are a list after a blank line (see the brief above).
    out += [o.body, "", "---", "", _label("outreach.cited", ids=", ".join(o.cited_post_ids) or _label("brief.sources_none"))]
    if o.check is not None:
        verdict = _label("outreach.check_passed" if o.check.passed else "outreach.check_failed")
        out += ["", _label("outreach.check", brand=o.brand, score=o.check.score, verdict=verdict)]
        if o.check.findings:
            out.append("")
        for f in o.check.findings:
            out.append(_label("outreach.check_finding", text=f.text, rule=f.rule, suggestion=f.suggestion))
    if o.self_check is not None:
        verdict = _label("outreach.self_check_passed" if o.self_check.passed else "outreach.check_failed")
        out += ["", _label("outreach.self_check", verdict=verdict)]
        if o.self_check.findings:
            out.append("")
        for issue in o.self_check.findings:
            out.append(_label("outreach.self_check_finding", kind=issue.kind, detail=issue.detail, text=issue.text))
    return "\n".join(out).rstrip() + "\n"
