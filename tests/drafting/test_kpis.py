"""Conversion KPIs and the conversions objective fit what the brand sells; the goal's own stage stays first."""

from __future__ import annotations

import pytest

from assistant.drafting import draft_brief, kpis_for_goal
from assistant.drafting.guide_facts import brand_kind
from assistant.models import VoiceGuide
from tests.drafting.helpers import creator, demo_guide, hand_fit, inputs

GOALS = ("awareness", "engagement", "growth", "conversions")


def guide(about: str, topics: list[str] = ()) -> VoiceGuide:
    return VoiceGuide(brand="acme", name="Acme", about=about, topics=list(topics))


@pytest.mark.parametrize(
    ("about", "kind"),
    [
        ("Acme is a habit-tracking app. Download it free and sign up in a minute.", "app"),
        ("Acme is a subscription software tool for freelancers; your account syncs everywhere.", "app"),
        ("Acme roasts small-batch coffee and sells it in our shop and online store.", "product"),
        ("Acme makes outdoor gear and apparel that lasts.", "product"),
        ("Acme is a team of people who care about clear writing.", "general"),  # "team" is not "tea"
        ("We help people choose appropriate words.", "general"),  # "appropriate" is not "app"
    ],
)
def test_brand_kind_from_the_about_text(about: str, kind: str) -> None:
    assert brand_kind(guide(about)) == kind


def test_demo_brands_kinds() -> None:
    assert brand_kind(demo_guide("northwind")) == "product"
    assert brand_kind(demo_guide("lumen")) == "product"
    assert brand_kind(demo_guide("brightbyte")) == "app"


@pytest.mark.parametrize("kind", ["app", "product", "general"])
@pytest.mark.parametrize("goal", GOALS)
def test_goal_stage_first_and_dominant_for_every_kind(goal: str, kind: str) -> None:
    kpis = kpis_for_goal(goal, kind)
    assert kpis[0].stage == goal
    assert sum(k.stage == goal for k in kpis) > len(kpis) / 2


def test_conversion_metrics_follow_the_kind() -> None:
    product = [k.metric for k in kpis_for_goal("conversions", "product")]
    app = [k.metric for k in kpis_for_goal("conversions", "app")]
    assert product[0] == "Purchases" and not any("install" in m.lower() for m in product)
    assert any("sign-up" in m.lower() for m in product)  # newsletter or waitlist
    assert "install" in app[0].lower() and not any("purchase" in m.lower() for m in app)


def _conversions_brief(brand: str, handle: str):
    g = demo_guide(brand)
    profile, posts = creator(handle)
    return draft_brief(g, profile, list(posts), hand_fit(g, handle), inputs("conversions", campaign="spring launch push"))


def test_outdoor_retailer_counts_purchases_not_app_installs() -> None:
    brief = _conversions_brief("northwind", "trailtom")
    text = " ".join([brief.objective, *(f"{k.metric} {k.how_measured}" for k in brief.kpis)]).lower()
    assert "install" not in text and "download" not in text
    assert brief.kpis[0].metric == "Purchases" and "purchases" in brief.objective.lower()
    assert any("discount code" in m.what for m in brief.timeline)


def test_app_brand_counts_installs_and_sign_ups() -> None:
    brief = _conversions_brief("brightbyte", "centsible.sara")
    assert "install" in brief.kpis[0].metric.lower()
    assert "install" in brief.objective.lower() and "purchase" not in brief.objective.lower()
    notes = " ".join(d.notes for d in brief.deliverables).lower()
    assert "sale" not in notes and "install" in notes
    assert any("referral code" in m.what for m in brief.timeline)
