"""Offline briefs for every demo brand x creator pair and the real guides: every key, grounded, and free."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from assistant.drafting import draft_brief, render_brief_markdown
from assistant.drafting.creator import platform_info, platform_key, register
from assistant.drafting.micromanagement import is_suggestion
from assistant.drafting.wording import has_leftover_placeholder
from assistant.models import Brief
from tests.drafting.helpers import (
    BRIEF_KEYS,
    DEMO_BRANDS,
    REAL_GUIDE_FILES,
    REAL_GUIDES,
    START,
    creator,
    creators,
    demo_guide,
    hand_fit,
    inputs,
    real_fit,
    real_guide,
)

GOALS = ("awareness", "engagement", "growth", "conversions")
DEMO_PAIRS = [(brand, handle) for brand in DEMO_BRANDS for handle in creators()]
REAL_PAIRS = [(name, handle) for name in REAL_GUIDE_FILES for handle in ("centsible.sara", "trailtom", "dr.dewy")]
STYLE_WORDS = ("emoji", "exclamation", "all caps", "capitals", "hashtag", "sentence case", "contraction")


def _draft(guide, handle: str, goal: str, **extra) -> Brief:
    profile, posts = creator(handle)
    keep = extra.pop("keep_unchanged", ["Dry humour about their own mistakes", "Long captions with numbers"])
    fit = hand_fit(guide, handle, keep_unchanged=keep)
    return draft_brief(guide, profile, list(posts), fit, inputs(goal, **extra))


def _draft_with_real_fit(guide_key: str, guide, handle: str, goal: str) -> Brief:
    profile, posts = creator(handle)
    return draft_brief(guide, profile, list(posts), real_fit(guide_key, handle), inputs(goal))


def assert_keeps_and_risks(brief: Brief, fit) -> None:
    """keep_unchanged is honoured (spoken to the creator); no post the assessment flagged is a source."""
    freedom = brief.creative_freedom.lower()
    for item in fit.keep_unchanged:
        core = re.sub(r"\b(their|they|them)\b", "", item.lower()).split()
        assert all(word in freedom for word in core), (item, brief.creative_freedom)
    flagged = {pid for risk in fit.risks for pid in risk.post_ids}
    assert not flagged & set(brief.sources.post_ids)


def assert_brief_contract(brief: Brief, guide, handle: str, goal: str) -> None:
    profile, posts = creator(handle)
    data = brief.model_dump(mode="json")

    # Every key, and the nested ones.
    assert BRIEF_KEYS <= set(data)
    assert set(data["guardrails"]) == {"do", "dont"}
    for item in data["deliverables"]:
        assert {"channel", "format", "quantity", "due"} <= set(item) and item["quantity"] >= 1
    for kpi in data["kpis"]:
        assert {"metric", "stage"} <= set(kpi)
    assert brief.brand == guide.brand and brief.influencer == handle and brief.goal == goal
    assert all(text.strip() for text in (brief.objective, brief.about_brand, brief.audience, brief.creative_freedom))

    # Key messages: one to three.
    assert 1 <= len(brief.key_messages) <= 3

    # More than one format, led by the creator's own platform.
    assert len({d.format for d in brief.deliverables}) >= 2
    assert brief.deliverables[0].channel == platform_info(platform_key(profile.platform))["name"]

    # A long-term timeline: kickoff and measurement on day one, check-ins every 2-4 weeks, wrap-up at the end.
    whens = [m.when for m in brief.timeline]
    assert whens == sorted(whens) and whens[0] == START
    assert whens[-1] == START + timedelta(weeks=12)
    day_one = " ".join(m.what.lower() for m in brief.timeline if m.when == START)
    assert "kickoff" in day_one and "baseline" in day_one and "tracked link" in day_one
    check_ins = [m.when for m in brief.timeline if re.match(r"check-in \d", m.what.lower())]
    assert len(check_ins) >= 2
    gaps = [(b - a).days for a, b in zip([START, *check_ins], check_ins)]
    assert all(14 <= gap <= 28 for gap in gaps), gaps
    for d in brief.deliverables:
        assert START < d.due <= START + timedelta(weeks=12)

    # KPIs follow the goal: its stage first, and most of them.
    assert brief.kpis[0].stage == goal
    assert sum(k.stage == goal for k in brief.kpis) > len(brief.kpis) / 2

    # Sources exist.
    section_ids = {s.id for s in guide.sections}
    post_ids = {p.id for p in posts}
    # (18F's guide has no About section nor limits: its opening boilerplate is not a brand description to cite.)
    assert set(brief.sources.guide_sections) <= section_ids
    assert brief.sources.guide_sections or not (guide.about or guide.hard_limits)
    assert brief.sources.post_ids and set(brief.sources.post_ids) <= post_ids

    # Guardrails: only the guide's own rules (verbatim), and no style-sheet rules.
    source_text = re.sub(r"\*\*|__|`", "", open(guide.source, encoding="utf-8").read())
    for rule in brief.guardrails.do + brief.guardrails.dont:
        assert rule in source_text, rule
        assert not any(word in rule.lower() for word in STYLE_WORDS), rule

    # Disclosure, approval with a turnaround and at most two rounds, rights with a duration, compensation.
    assert "#ad" in brief.disclosure
    assert "within 2 business days" in brief.approval and brief.revision_rounds <= 2
    assert re.search(r"\b\d+ days\b", brief.usage_rights)
    assert brief.compensation

    # Creative freedom in words a creator believes; hooks are marked suggestions.
    freedom = brief.creative_freedom.lower()
    assert all(word in freedom for word in ("concept", "script", "voice"))
    assert brief.example_hooks and all(is_suggestion(h) for h in brief.example_hooks)

    # The brief passes its own micromanagement check, and renders without holes.
    assert brief.micromanagement is not None and brief.micromanagement.passed, brief.micromanagement
    markdown = render_brief_markdown(brief)
    assert not has_leftover_placeholder(markdown)
    for heading in ("Objective", "Deliverables", "Guardrails", "Disclosure", "Timeline", "KPIs", "Approval",
                    "Usage rights", "Compensation", "Sources", "Micromanagement"):
        assert f"## {heading}" in markdown


@pytest.mark.parametrize(("brand", "handle"), DEMO_PAIRS)
def test_offline_brief_for_every_demo_pair(brand: str, handle: str) -> None:
    goal = GOALS[(DEMO_BRANDS.index(brand) + creators().index(handle)) % len(GOALS)]
    guide = demo_guide(brand)
    brief = _draft_with_real_fit(brand, guide, handle, goal)
    assert_brief_contract(brief, guide, handle, goal)
    assert_keeps_and_risks(brief, real_fit(brand, handle))
    # The demo guides have a "Working with creators" section: its exact wording is the disclosure.
    assert f"Paid partnership with {guide.name}" in brief.disclosure
    assert any(s.endswith("working-with-creators") for s in brief.sources.guide_sections)
    assert brief.about_brand == guide.about


@pytest.mark.skipif(not REAL_GUIDES.is_dir(), reason="real voice guides not present")
@pytest.mark.parametrize(("name", "handle"), REAL_PAIRS)
def test_offline_brief_with_real_guides(name: str, handle: str) -> None:
    guide = real_guide(name)
    goal = GOALS[REAL_PAIRS.index((name, handle)) % len(GOALS)]
    brief = _draft_with_real_fit(name, guide, handle, goal)
    assert_brief_contract(brief, guide, handle, goal)
    assert_keeps_and_risks(brief, real_fit(name, handle))
    # No creator section in these guides: platform-standard disclosure with the platform's label.
    profile, _ = creator(handle)
    assert platform_info(platform_key(profile.platform))["paid_label"] in brief.disclosure


@pytest.mark.parametrize("goal", GOALS)
def test_goal_picks_the_extra_format(goal: str) -> None:
    brief = _draft(demo_guide("northwind"), "trailtom", goal)
    formats = " ".join(f"{d.channel} {d.format} {d.notes}".lower() for d in brief.deliverables)
    expected = {"awareness": "group hike", "engagement": "giveaway", "growth": "live", "conversions": "live q&a"}
    assert expected[goal] in formats
    if goal == "conversions":
        assert "tracked link" in formats


def test_keep_unchanged_is_honoured_in_creative_freedom() -> None:
    keep = ["Dry humour about their own mistakes", "Kilometre counts in every gear post"]
    brief = _draft(demo_guide("northwind"), "trailtom", "awareness", keep_unchanged=keep)
    assert "dry humour about your own mistakes" in brief.creative_freedom  # spoken to the creator
    assert "kilometre counts in every gear post" in brief.creative_freedom
    without = _draft(demo_guide("northwind"), "trailtom", "awareness", keep_unchanged=[])
    assert "humour" not in without.creative_freedom


def test_compensation_from_inputs_or_to_agree() -> None:
    paid = _draft(demo_guide("lumen"), "dr.dewy", "engagement", compensation="$1,800 flat + product")
    assert paid.compensation == "$1,800 flat + product"
    open_ = _draft(demo_guide("lumen"), "dr.dewy", "engagement")
    assert "agree" in open_.compensation.lower()


def test_weeks_set_the_timeline_length() -> None:
    brief = _draft(demo_guide("brightbyte"), "centsible.sara", "conversions", weeks=24)
    assert brief.timeline[-1].when == START + timedelta(weeks=24)
    check_ins = [m for m in brief.timeline if re.match(r"check-in \d", m.what.lower())]
    assert len(check_ins) >= 5


def test_hooks_use_the_creators_register() -> None:
    """maya.makes uses emoji a lot: her favourite one ends the hooks; trailtom uses none, so his hooks have none."""
    _, maya_posts = creator("maya.makes")
    maya = register(list(maya_posts))
    assert maya.emoji
    maya_brief = _draft(demo_guide("northwind"), "maya.makes", "growth")
    assert all(h.endswith(maya.emoji) for h in maya_brief.example_hooks)

    tom_brief = _draft(demo_guide("northwind"), "trailtom", "growth")
    assert not any(ch for h in tom_brief.example_hooks for ch in h if ord(ch) > 0x2600)


def test_json_round_trip() -> None:
    brief = _draft(demo_guide("northwind"), "trailtom", "awareness")
    again = Brief.model_validate_json(brief.model_dump_json())
    assert again == brief


def test_a_creator_with_no_posts_still_gets_a_complete_brief_and_an_honest_dm() -> None:
    from assistant.drafting import draft_outreach
    from assistant.models import InfluencerProfile

    guide = demo_guide("brightbyte")
    newcomer = InfluencerProfile(handle="new.creator", platform="youtube", followers=4200, niche="student money")
    brief = draft_brief(guide, newcomer, [], None, inputs("growth"))
    assert brief.sources.post_ids == [] and brief.micromanagement.passed
    assert brief.deliverables[0].channel == "YouTube" and len({d.format for d in brief.deliverables}) >= 2
    dm = draft_outreach(guide, newcomer, [], None, inputs("growth"))
    assert dm.cited_post_ids == []
    assert {f.kind for f in dm.self_check.findings} == {"no_citation"}  # said plainly, not hidden
